// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ProcessCommandRunner.h"
#include "ResultDescription.h"
#include "apt/AptCollector.h"
#include "apt/PatchStatus.h"

#include <QCborArray>
#include <QCborMap>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace steward::agent;
using steward::agent::testing::describe;
using namespace std::chrono_literals;
using steward::agent::testing::FakeCommandRunner;

namespace
{
QByteArray recordedOutput(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/apt/outputs/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

QString tree(const char *name)
{
    return QStringLiteral(COLLECTORS_FIXTURES_DIR "/apt/") + QLatin1String(name);
}

QStringList names(const QList<PendingUpdate> &pending, bool securityOnly)
{
    QStringList result;
    for (const PendingUpdate &update : pending) {
        if (!securityOnly || update.security) {
            result.append(update.name);
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

// Sends whatever the collector runs to `sleep 10` instead, through the real
// process runner: proves the timeout path end to end.
class SleepingRunner : public CommandRunner
{
public:
    CommandResult run(const QString &, const QStringList &, std::chrono::milliseconds timeout) override
    {
        return m_real.run(QStringLiteral("sleep"), {QStringLiteral("10")}, timeout);
    }

private:
    ProcessCommandRunner m_real;
};
} // namespace

class TestAptCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseSimulation_data();
    void parseSimulation();
    void parsedFields();
    void isSecurityOrigin_data();
    void isSecurityOrigin();
    void argumentsForLiveRoot();
    void collectOnFixtureTree();
    void noAptGetMeansManagerNone();
    void commandFailures_data();
    void commandFailures();
    void hangingCommandIsAnErrorNotAHang();
    void realMachineMatchesIndependentRun();
};

void TestAptCollector::parseSimulation_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<QStringList>("pending");
    QTest::addColumn<QStringList>("security");
    QTest::addColumn<QString>("errorCode"); // empty: parsing succeeds

    QTest::newRow("debian security and point release")
        << QStringLiteral("debian-security.txt")
        << list({"base-files", "bash", "libgcrypt20", "libperl5.36", "perl", "perl-base", "perl-modules-5.36"})
        << list({"libgcrypt20", "libperl5.36", "perl", "perl-base", "perl-modules-5.36"}) << QString();
    QTest::newRow("ubuntu kernel with new installs")
        << QStringLiteral("ubuntu-new-installs.txt")
        << list({"libssl3",
                 "linux-image-5.15.0-92-generic",
                 "linux-image-generic",
                 "linux-modules-5.15.0-92-generic",
                 "openssl"})
        << list({"libssl3", "linux-image-5.15.0-92-generic", "linux-modules-5.15.0-92-generic", "openssl"})
        << QString();
    QTest::newRow("mixed origins, foreign arch, removal")
        << QStringLiteral("mixed-origins.txt")
        << list({"docker-ce", "libc6", "libc6:i386", "libfoo2", "local-tool", "tzdata"})
        << list({"libc6", "libc6:i386"}) << QString();
    QTest::newRow("up to date") << QStringLiteral("up-to-date.txt") << QStringList() << QStringList() << QString();
    QTest::newRow("phased updates held back")
        << QStringLiteral("ubuntu-phased.txt") << list({"curl"}) << QStringList() << QString();
    QTest::newRow("downgrade") << QStringLiteral("downgrade.txt") << list({"pinned-app"}) << QStringList() << QString();
    QTest::newRow("garbage") << QStringLiteral("garbage.txt") << QStringList() << QStringList()
                             << QStringLiteral("apt.unparseable");
    QTest::newRow("fewer Inst lines than announced")
        << QStringLiteral("truncated.txt") << QStringList() << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("unknown Inst format") << QStringLiteral("malformed-inst.txt") << QStringList() << QStringList()
                                         << QStringLiteral("apt.unparseable");
}

void TestAptCollector::parseSimulation()
{
    QFETCH(QString, output);
    QFETCH(QStringList, pending);
    QFETCH(QStringList, security);
    QFETCH(QString, errorCode);

    const auto result = AptCollector::parseSimulation(recordedOutput(output));
    if (!errorCode.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, errorCode);
        return;
    }
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(names(result.value(), false), pending);
    QCOMPARE(names(result.value(), true), security);
}

void TestAptCollector::parsedFields()
{
    const auto result = AptCollector::parseSimulation(recordedOutput(QStringLiteral("mixed-origins.txt")));
    QVERIFY(result.ok());
    const QList<PendingUpdate> &pending = result.value();
    QCOMPARE(pending.size(), 6);

    QCOMPARE(pending.at(0),
             (PendingUpdate{QStringLiteral("docker-ce"),
                            QStringLiteral("5:24.0.7-1~debian.12~bookworm"),
                            QStringLiteral("5:25.0.0-1~debian.12~bookworm"),
                            QStringLiteral("Docker CE:bookworm"),
                            false}));
    QCOMPARE(pending.at(2),
             (PendingUpdate{QStringLiteral("libc6:i386"),
                            QStringLiteral("2.36-9+deb12u3"),
                            QStringLiteral("2.36-9+deb12u4"),
                            QStringLiteral("Debian:12.5/stable, DEBIAN-SECURITY:12/STABLE-SECURITY"),
                            true}));
    // A new install has no installed version.
    QCOMPARE(pending.at(3),
             (PendingUpdate{QStringLiteral("libfoo2"),
                            QString(),
                            QStringLiteral("2.0-1"),
                            QStringLiteral("Debian Backports:12-backports/bookworm-backports"),
                            false}));
    // Known only from the status file: apt prints no release at all.
    QCOMPARE(
        pending.at(4),
        (PendingUpdate{QStringLiteral("local-tool"), QStringLiteral("0.9"), QStringLiteral("1.0"), QString(), false}));
    QCOMPARE(pending.at(5),
             (PendingUpdate{QStringLiteral("tzdata"),
                            QStringLiteral("2024a-0+deb12u1"),
                            QStringLiteral("2025b-0+deb12u1"),
                            QStringLiteral("Debian:12.11/stable-updates, Debian:12.11/stable"),
                            false}));

    // The broken-dependency note after the parenthesis is not part of the origin.
    const auto debian = AptCollector::parseSimulation(recordedOutput(QStringLiteral("debian-security.txt")));
    QVERIFY(debian.ok());
    QCOMPARE(debian.value().at(3).name, QStringLiteral("libperl5.36"));
    QCOMPARE(debian.value().at(3).origin, QStringLiteral("Debian-Security:12/oldstable-security"));
    QCOMPARE(debian.value().at(3).candidateVersion, QStringLiteral("5.36.0-7+deb12u4"));
}

void TestAptCollector::isSecurityOrigin_data()
{
    QTest::addColumn<QString>("origins");
    QTest::addColumn<bool>("security");

    QTest::newRow("debian security") << QStringLiteral("Debian-Security:12/stable-security") << true;
    QTest::newRow("ubuntu security second")
        << QStringLiteral("Ubuntu:22.04/jammy-updates, Ubuntu:22.04/jammy-security") << true;
    QTest::newRow("ubuntu esm") << QStringLiteral("UbuntuESMApps:22.04/jammy-apps-security") << true;
    QTest::newRow("upper case") << QStringLiteral("DEBIAN-SECURITY:12/STABLE-SECURITY") << true;
    QTest::newRow("stable updates") << QStringLiteral("Debian:12.11/stable-updates, Debian:12.11/stable") << false;
    QTest::newRow("security without dash") << QStringLiteral("Vendor:1/securityfixes") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestAptCollector::isSecurityOrigin()
{
    QFETCH(QString, origins);
    QFETCH(bool, security);
    QCOMPARE(AptCollector::isSecurityOrigin(origins), security);
}

void TestAptCollector::argumentsForLiveRoot()
{
    QCOMPARE(AptCollector::arguments(CollectContext{QStringLiteral("/"), nullptr}),
             list({"-s", "-o", "Debug::NoLocking=1", "dist-upgrade"}));
}

void TestAptCollector::collectOnFixtureTree()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("apt-get"),
                     FakeCommandRunner::succeeding(recordedOutput(QStringLiteral("debian-security.txt"))));
    const auto result = AptCollector(90s).collect(CollectContext{tree("has-apt"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());

    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().at(0).program, QStringLiteral("apt-get"));
    QCOMPARE(runner.calls().at(0).args,
             QStringList({QStringLiteral("-s"),
                          QStringLiteral("-o"),
                          QStringLiteral("Debug::NoLocking=1"),
                          QStringLiteral("-o"),
                          QStringLiteral("Dir=") + tree("has-apt"),
                          QStringLiteral("dist-upgrade")}));
    QCOMPARE(runner.calls().at(0).timeout, std::chrono::milliseconds(90s));

    const QCborMap map = result.value().toMap();
    QCOMPARE(map.size(), 3);
    QCOMPARE(map.value(QStringLiteral("manager")).toString(), QStringLiteral("apt"));
    QCOMPARE(map.value(QStringLiteral("securityCount")).toInteger(), 5);
    const QCborArray pending = map.value(QStringLiteral("pending")).toArray();
    QCOMPARE(pending.size(), 7);
    const QCborMap gcrypt = pending.at(2).toMap();
    QCOMPARE(gcrypt.size(), 5);
    QCOMPARE(gcrypt.value(QStringLiteral("name")).toString(), QStringLiteral("libgcrypt20"));
    QCOMPARE(gcrypt.value(QStringLiteral("installedVersion")).toString(), QStringLiteral("1.10.1-3"));
    QCOMPARE(gcrypt.value(QStringLiteral("candidateVersion")).toString(), QStringLiteral("1.10.1-3+deb12u1"));
    QCOMPARE(gcrypt.value(QStringLiteral("origin")).toString(),
             QStringLiteral("Debian:12.15/oldstable, Debian-Security:12/oldstable-security"));
    QCOMPARE(gcrypt.value(QStringLiteral("security")), QCborValue(true));
    QCOMPARE(pending.at(0).toMap().value(QStringLiteral("security")), QCborValue(false));
}

void TestAptCollector::noAptGetMeansManagerNone()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("apt-get"),
                     FakeCommandRunner::succeeding(recordedOutput(QStringLiteral("debian-security.txt"))));
    const auto result = AptCollector().collect(CollectContext{tree("no-apt"), &runner});
    QVERIFY(result.ok());
    QVERIFY(runner.calls().isEmpty());
    const QCborMap expected{{QStringLiteral("manager"), QStringLiteral("none")},
                            {QStringLiteral("pending"), QCborArray()},
                            {QStringLiteral("securityCount"), 0}};
    QCOMPARE(result.value().toMap(), expected);
}

void TestAptCollector::commandFailures_data()
{
    QTest::addColumn<CommandResult>("result");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("timeout") << FakeCommandRunner::timingOut() << QStringLiteral("apt.timeout")
                             << QStringLiteral("did not finish");
    CommandResult notStarted;
    notStarted.failedToStart = true;
    QTest::newRow("not startable") << notStarted << QStringLiteral("apt.failed")
                                   << QStringLiteral("could not be started");
    QTest::newRow("exit 100") << FakeCommandRunner::failing(
        100,
        "W: some warning\nE: The package lists or status file could not be parsed or opened.\n")
                              << QStringLiteral("apt.failed")
                              << QStringLiteral("E: The package lists or status file could not be parsed or opened.");
    QTest::newRow("garbage") << FakeCommandRunner::succeeding(recordedOutput(QStringLiteral("garbage.txt")))
                             << QStringLiteral("apt.unparseable") << QStringLiteral("summary");
    QTest::newRow("empty output") << FakeCommandRunner::succeeding(QByteArray()) << QStringLiteral("apt.unparseable")
                                  << QStringLiteral("summary");
}

void TestAptCollector::commandFailures()
{
    QFETCH(CommandResult, result);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("apt-get"), result);
    const auto collected = AptCollector().collect(CollectContext{tree("has-apt"), &runner});
    QVERIFY(!collected.ok());
    QCOMPARE(collected.error().code, code);
    QVERIFY2(collected.error().message.contains(messagePart), qPrintable(collected.error().message));
}

void TestAptCollector::hangingCommandIsAnErrorNotAHang()
{
    SleepingRunner runner;
    QElapsedTimer timer;
    timer.start();
    const auto result = AptCollector(200ms).collect(CollectContext{tree("has-apt"), &runner});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("apt.timeout"));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestAptCollector::realMachineMatchesIndependentRun()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/apt-get")).isFile()) {
        QSKIP("apt-get is not installed on this machine");
    }

    ProcessCommandRunner runner;
    const auto status = AptCollector().collectStatus(CollectContext{QStringLiteral("/"), &runner});
    QVERIFY2(status.ok(), describe(status).constData());
    QCOMPARE(status.value().manager, QStringLiteral("apt"));

    // Independent reading of the same simulation, deliberately naive.
    QProcess apt;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    apt.setProcessEnvironment(env);
    apt.start(QStringLiteral("apt-get"), list({"-s", "-o", "Debug::NoLocking=1", "dist-upgrade"}));
    QVERIFY(apt.waitForFinished(240000));
    QCOMPARE(apt.exitCode(), 0);
    const QString output = QString::fromUtf8(apt.readAllStandardOutput());

    static const QRegularExpression inst(QStringLiteral(R"(^Inst (\S+) .*\(([^)]*)\))"),
                                         QRegularExpression::MultilineOption);
    QSet<QString> expectedPending;
    QSet<QString> expectedSecurity;
    QRegularExpressionMatchIterator it = inst.globalMatch(output);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        expectedPending.insert(match.captured(1));
        if (match.captured(2).contains(QLatin1String("-security"), Qt::CaseInsensitive)) {
            expectedSecurity.insert(match.captured(1));
        }
    }

    const QStringList pendingList = names(status.value().pending, false);
    const QStringList securityList = names(status.value().pending, true);
    const QSet<QString> pending(pendingList.cbegin(), pendingList.cend());
    const QSet<QString> security(securityList.cbegin(), securityList.cend());
    qInfo() << "this machine:" << pending.size() << "pending," << security.size() << "security";
    QCOMPARE(pending.size(), pendingList.size()); // no duplicates
    QCOMPARE(pending, expectedPending);
    QCOMPARE(security, expectedSecurity);
    QCOMPARE(status.value().securityCount(), qsizetype(expectedSecurity.size()));

    QStringList sorted = pendingList;
    sorted.sort();
    QCOMPARE(pendingList, sorted);
}

QTEST_GUILESS_MAIN(TestAptCollector)
#include "TestAptCollector.moc"
