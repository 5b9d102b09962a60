// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "CommandRunner.h"
#include "ResultDescription.h"
#include "apt/PatchStatus.h"
#include "dnf/DnfCollector.h"
#include "dnf/SecurityAdvisory.h"

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using namespace std::chrono_literals;

namespace
{
QByteArray recordedOutput(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/dnf/outputs/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

QString tree(const char *name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/dnf/") + QLatin1String(name);
}

QStringList ids(const QList<PendingUpdate> &pending, bool securityOnly)
{
    QStringList result;
    for (const PendingUpdate &update : pending) {
        if (!securityOnly || update.security) {
            result.append(update.name + u'.' + update.arch);
        }
    }
    return result;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items) {
        result.append(QLatin1String(item));
    }
    return result;
}

CommandResult exited(int exitCode, const QByteArray &standardOutput, const QByteArray &standardError = {})
{
    CommandResult result;
    result.exitCode = exitCode;
    result.standardOutput = standardOutput;
    result.standardError = standardError;
    return result;
}

// dnf runs twice with different subcommands, so results are keyed by
// program and subcommand ("dnf check-update", "dnf updateinfo", "rpm").
class DnfRunner : public CommandRunner
{
public:
    QHash<QString, CommandResult> results;
    QList<QStringList> calls;

    CommandResult run(const QString &program, const QStringList &args, std::chrono::milliseconds) override
    {
        calls.append(QStringList{program} + args);
        QString key = program;
        for (const QString &arg : args) {
            if (!arg.startsWith(u'-') && program == QStringLiteral("dnf")) {
                key += u' ' + arg;
                break;
            }
        }
        const auto it = results.constFind(key);
        if (it == results.cend()) {
            CommandResult notFound;
            notFound.failedToStart = true;
            return notFound;
        }
        return *it;
    }

    static DnfRunner rhel9()
    {
        DnfRunner runner;
        runner.results.insert(QStringLiteral("dnf check-update"),
                              exited(100, recordedOutput(QStringLiteral("check-update-rhel9.txt"))));
        runner.results.insert(QStringLiteral("dnf updateinfo"),
                              exited(0, recordedOutput(QStringLiteral("updateinfo-security-rhel9.txt"))));
        runner.results.insert(QStringLiteral("rpm"),
                              exited(0, recordedOutput(QStringLiteral("rpm-installed-rhel9.txt"))));
        return runner;
    }
};
} // namespace

class TestDnfCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseCheckUpdate_data();
    void parseCheckUpdate();
    void checkUpdateFields();
    void parseSecurityAdvisories();
    void parseInstalled();
    void mergeTakesWorstAdvisory();
    void collectOnFixtureTree();
    void upToDateRunsNothingElse();
    void noDnfMeansManagerNone();
    void commandFailures_data();
    void commandFailures();
};

void TestDnfCollector::parseCheckUpdate_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<QStringList>("pending");
    QTest::addColumn<QString>("errorCode");

    QTest::newRow("rhel 9: multi-arch, wrapped name, obsoletes")
        << QStringLiteral("check-update-rhel9.txt")
        << list({"NetworkManager.x86_64",
                 "glibc.i686",
                 "glibc.x86_64",
                 "glibc-common.x86_64",
                 "grub2-tools-efi.x86_64",
                 "kernel.x86_64",
                 "kernel-headers.x86_64",
                 "openssl.x86_64",
                 "openssl-libs.x86_64",
                 "python3-dnf-plugin-post-transaction-actions.noarch",
                 "tzdata.noarch"})
        << QString();
    QTest::newRow("fedora 39 with expiration line")
        << QStringLiteral("check-update-fedora39.txt")
        << list({"curl.x86_64", "firefox.x86_64", "libcurl.i686", "libcurl.x86_64"}) << QString();
    QTest::newRow("garbage") << QStringLiteral("garbage.txt") << QStringList() << QStringLiteral("dnf.unparseable");
}

void TestDnfCollector::parseCheckUpdate()
{
    QFETCH(QString, output);
    QFETCH(QStringList, pending);
    QFETCH(QString, errorCode);
    const auto result = DnfCollector::parseCheckUpdate(recordedOutput(output));
    if (!errorCode.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, errorCode);
        return;
    }
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(ids(result.value(), false), pending);
}

void TestDnfCollector::checkUpdateFields()
{
    const auto result = DnfCollector::parseCheckUpdate(recordedOutput(QStringLiteral("check-update-rhel9.txt")));
    QVERIFY(result.ok());
    const PendingUpdate &networkManager = result.value().at(0);
    QCOMPARE(networkManager.name, QStringLiteral("NetworkManager"));
    QCOMPARE(networkManager.arch, QStringLiteral("x86_64"));
    QCOMPARE(networkManager.candidateVersion, QStringLiteral("1:1.44.0-5.el9_3"));
    QCOMPARE(networkManager.origin, QStringLiteral("baseos"));
    const PendingUpdate &wrapped = result.value().at(9);
    QCOMPARE(wrapped.name, QStringLiteral("python3-dnf-plugin-post-transaction-actions"));
    QCOMPARE(wrapped.candidateVersion, QStringLiteral("4.3.0-11.el9_3"));
    QCOMPARE(wrapped.origin, QStringLiteral("baseos"));
    // The obsoleting package is offered; the installed one it replaces ("@baseos") is not.
    const PendingUpdate &grub = result.value().at(4);
    QCOMPARE(grub.name, QStringLiteral("grub2-tools-efi"));
    QCOMPARE(grub.origin, QStringLiteral("baseos"));

    QVERIFY(DnfCollector::parseCheckUpdate(QByteArray()).ok());
    QVERIFY(DnfCollector::parseCheckUpdate(QByteArray()).value().isEmpty());
    QVERIFY(!DnfCollector::parseCheckUpdate("kernel.x86_64 not-a-version baseos\n").ok());
    QVERIFY(!DnfCollector::parseCheckUpdate("a-name-that-wraps-but-output-ends.noarch\n").ok());
}

void TestDnfCollector::parseSecurityAdvisories()
{
    const auto rhel =
        DnfCollector::parseSecurityAdvisories(recordedOutput(QStringLiteral("updateinfo-security-rhel9.txt")));
    QVERIFY2(rhel.ok(), describe(rhel).constData());
    QCOMPARE(rhel.value().size(), 8);
    QCOMPARE(rhel.value().at(1),
             (SecurityAdvisory{QStringLiteral("RHSA-2024:0310"),
                               QStringLiteral("Important"),
                               QStringLiteral("openssl-libs"),
                               QStringLiteral("1:3.0.7-25.el9_3"),
                               QStringLiteral("x86_64")}));
    QCOMPARE(rhel.value().at(2).arch, QStringLiteral("i686"));
    QCOMPARE(rhel.value().at(4).name, QStringLiteral("glibc-common"));

    const auto fedora =
        DnfCollector::parseSecurityAdvisories(recordedOutput(QStringLiteral("updateinfo-security-fedora39.txt")));
    QVERIFY2(fedora.ok(), describe(fedora).constData());
    QCOMPARE(fedora.value().at(0).id, QStringLiteral("FEDORA-2024-7b1f4a8d5e"));
    QCOMPARE(fedora.value().at(0).severity, QStringLiteral("Low"));
    QCOMPARE(fedora.value().at(3).severity, QString()); // "Unknown" is no severity

    QVERIFY(DnfCollector::parseSecurityAdvisories(QByteArray()).ok());
    const auto garbage =
        DnfCollector::parseSecurityAdvisories("RHSA-2024:0310 Important/Bug openssl-3.0.7-25.el9_3.x86_64\n");
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().code, QStringLiteral("dnf.unparseable"));
    QVERIFY(!DnfCollector::parseSecurityAdvisories("RHSA-2024:0310 Important/Sec. openssl\n").ok());
}

void TestDnfCollector::parseInstalled()
{
    const auto installed = DnfCollector::parseInstalled(recordedOutput(QStringLiteral("rpm-installed-rhel9.txt")));
    QVERIFY2(installed.ok(), describe(installed).constData());
    QCOMPARE(installed.value().value(QStringLiteral("openssl.x86_64")), QStringLiteral("1:3.0.7-24.el9"));
    QCOMPARE(installed.value().value(QStringLiteral("glibc.i686")), QStringLiteral("2.34-83.el9_3.5"));
    // Two kernels installed: the newer installation counts, wherever rpm lists it.
    QCOMPARE(installed.value().value(QStringLiteral("kernel.x86_64")), QStringLiteral("5.14.0-362.13.1.el9_3"));
    QVERIFY(!DnfCollector::parseInstalled("kernel.x86_64 5.14.0\n").ok());
}

void TestDnfCollector::mergeTakesWorstAdvisory()
{
    auto pending = DnfCollector::parseCheckUpdate(recordedOutput(QStringLiteral("check-update-rhel9.txt")));
    const auto advisories =
        DnfCollector::parseSecurityAdvisories(recordedOutput(QStringLiteral("updateinfo-security-rhel9.txt")));
    const auto installed = DnfCollector::parseInstalled(recordedOutput(QStringLiteral("rpm-installed-rhel9.txt")));
    QVERIFY(pending.ok() && advisories.ok() && installed.ok());
    DnfCollector::merge(pending.value(), installed.value(), advisories.value());

    QCOMPARE(ids(pending.value(), true),
             list({"glibc.i686",
                   "glibc.x86_64",
                   "glibc-common.x86_64",
                   "kernel.x86_64",
                   "kernel-headers.x86_64",
                   "openssl.x86_64",
                   "openssl-libs.x86_64"}));
    const PendingUpdate &kernel = pending.value().at(5);
    QCOMPARE(kernel.name, QStringLiteral("kernel"));
    QCOMPARE(kernel.advisory, QStringLiteral("RHSA-2024:0897"));
    QCOMPARE(kernel.severity, QStringLiteral("Important"));
    QCOMPARE(kernel.installedVersion, QStringLiteral("5.14.0-362.13.1.el9_3"));
    const PendingUpdate &grub = pending.value().at(4);
    QCOMPARE(grub.installedVersion, QString()); // replaces grub2-tools: a new package
    QCOMPARE(grub.security, false);
    QCOMPARE(grub.advisory, QString());
}

void TestDnfCollector::collectOnFixtureTree()
{
    DnfRunner runner = DnfRunner::rhel9();
    const auto result = DnfCollector(90s).collect(CollectContext{tree("rhel9"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());

    QCOMPARE(runner.calls.size(), 3);
    const QString installRoot = QStringLiteral("--installroot=") + tree("rhel9");
    QCOMPARE(runner.calls.at(0),
             (QStringList{QStringLiteral("dnf"),
                          QStringLiteral("-q"),
                          QStringLiteral("--cacheonly"),
                          installRoot,
                          QStringLiteral("check-update")}));
    QCOMPARE(runner.calls.at(1),
             (QStringList{QStringLiteral("dnf"),
                          QStringLiteral("-q"),
                          QStringLiteral("--cacheonly"),
                          installRoot,
                          QStringLiteral("updateinfo"),
                          QStringLiteral("list"),
                          QStringLiteral("--security")}));
    QCOMPARE(runner.calls.at(2).mid(0, 4),
             (QStringList{QStringLiteral("rpm"), QStringLiteral("--root"), tree("rhel9"), QStringLiteral("-qa")}));

    const QCborMap map = result.value().toMap();
    QCOMPARE(map.value(QStringLiteral("manager")).toString(), QStringLiteral("dnf"));
    QCOMPARE(map.value(QStringLiteral("securityCount")).toInteger(), 7);
    QCOMPARE(map.value(QStringLiteral("lastRefresh")), QCborValue(QCborValue::Null));
    QCOMPARE(map.value(QStringLiteral("rebootRequired")), QCborValue(QCborValue::Null));
    const QCborArray pending = map.value(QStringLiteral("pending")).toArray();
    QCOMPARE(pending.size(), 11);
    const QCborMap openssl = pending.at(7).toMap();
    QCOMPARE(openssl,
             (QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                       {QStringLiteral("installedVersion"), QStringLiteral("1:3.0.7-24.el9")},
                       {QStringLiteral("candidateVersion"), QStringLiteral("1:3.0.7-25.el9_3")},
                       {QStringLiteral("origin"), QStringLiteral("baseos")},
                       {QStringLiteral("security"), true},
                       {QStringLiteral("arch"), QStringLiteral("x86_64")},
                       {QStringLiteral("advisory"), QStringLiteral("RHSA-2024:0310")},
                       {QStringLiteral("severity"), QStringLiteral("Important")}}));
}

void TestDnfCollector::upToDateRunsNothingElse()
{
    DnfRunner runner;
    runner.results.insert(QStringLiteral("dnf check-update"), exited(0, QByteArray("\n")));
    const auto result = DnfCollector().collect(CollectContext{tree("rhel9"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(runner.calls.size(), 1);
    QCOMPARE(result.value().toMap().value(QStringLiteral("pending")).toArray(), QCborArray());
    QCOMPARE(result.value().toMap().value(QStringLiteral("manager")).toString(), QStringLiteral("dnf"));
}

void TestDnfCollector::noDnfMeansManagerNone()
{
    DnfRunner runner = DnfRunner::rhel9();
    const auto result = DnfCollector().collect(CollectContext{tree("no-dnf"), &runner});
    QVERIFY(result.ok());
    QVERIFY(runner.calls.isEmpty());
    QCOMPARE(result.value().toMap().value(QStringLiteral("manager")).toString(), QStringLiteral("none"));
}

void TestDnfCollector::commandFailures_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<CommandResult>("result");
    QTest::addColumn<QString>("code");

    CommandResult timeout;
    timeout.timedOut = true;
    CommandResult notStarted;
    notStarted.failedToStart = true;
    QTest::newRow("check-update times out")
        << QStringLiteral("dnf check-update") << timeout << QStringLiteral("dnf.timeout");
    QTest::newRow("check-update fails") << QStringLiteral(
        "dnf check-update") << exited(1, QByteArray(), "Error: Cache-only enabled but no cache for 'baseos'\n")
                                        << QStringLiteral("dnf.failed");
    QTest::newRow("check-update garbage")
        << QStringLiteral("dnf check-update") << exited(100, recordedOutput(QStringLiteral("garbage.txt")))
        << QStringLiteral("dnf.unparseable");
    QTest::newRow("updateinfo fails") << QStringLiteral("dnf updateinfo") << exited(1, QByteArray(), "Error\n")
                                      << QStringLiteral("dnf.failed");
    QTest::newRow("updateinfo garbage") << QStringLiteral("dnf updateinfo")
                                        << exited(0, recordedOutput(QStringLiteral("garbage.txt")))
                                        << QStringLiteral("dnf.unparseable");
    QTest::newRow("rpm missing") << QStringLiteral("rpm") << notStarted << QStringLiteral("rpm.failed");
    QTest::newRow("rpm garbage") << QStringLiteral("rpm") << exited(0, "garbage\n")
                                 << QStringLiteral("rpm.unparseable");
}

void TestDnfCollector::commandFailures()
{
    QFETCH(QString, command);
    QFETCH(CommandResult, result);
    QFETCH(QString, code);
    DnfRunner runner = DnfRunner::rhel9();
    runner.results.insert(command, result);
    const auto collected = DnfCollector().collect(CollectContext{tree("rhel9"), &runner});
    QVERIFY(!collected.ok());
    QCOMPARE(collected.error().code, code);
}

QTEST_GUILESS_MAIN(TestDnfCollector)
#include "TestDnfCollector.moc"
