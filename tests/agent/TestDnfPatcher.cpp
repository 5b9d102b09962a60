// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"
#include "ResultDescription.h"
#include "dnf/DnfPatcher.h"

#include <QFile>
#include <QTest>

using namespace steward::agent;
using namespace steward::agent::jobs;
using steward::test::describe;

Q_DECLARE_METATYPE(steward::agent::CommandResult)
Q_DECLARE_METATYPE(std::optional<qint64>)

namespace
{
QByteArray recorded(const char *name)
{
    QFile file(QStringLiteral(AGENT_TEST_DATA_DIR "/dnf/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing test data %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

CommandResult exited(int exitCode, const QByteArray &standardOutput, const QByteArray &standardError = {})
{
    CommandResult result;
    result.exitCode = exitCode;
    result.standardOutput = standardOutput;
    result.standardError = standardError;
    return result;
}

CommandResult timedOut()
{
    CommandResult result;
    result.timedOut = true;
    return result;
}

// Replays recorded results keyed by program and subcommand: "dnf check-update", "dnf
// updateinfo", "dnf -y", "rpm -qa", "rpm -q", "needs-restarting". A key without a result
// behaves as a program that is not installed.
class DnfRunner : public CommandRunner
{
public:
    QHash<QString, CommandResult> results;
    QList<QStringList> calls;

    CommandResult run(const QString &program, const QStringList &args, std::chrono::milliseconds) override
    {
        calls.append(QStringList{program} + args);
        QString key = program;
        if (program == QLatin1String("rpm") && !args.isEmpty()) {
            key += u' ' + args.constFirst();
        } else if (program == QLatin1String("dnf")) {
            for (const QString &arg : args) {
                if (arg == QLatin1String("-y") || !arg.startsWith(u'-')) {
                    key += u' ' + arg;
                    break;
                }
            }
        }
        return results.value(key, failedToStart());
    }

    QStringList call(const QString &prefix) const
    {
        for (const QStringList &call : calls) {
            if (call.join(u' ').startsWith(prefix)) {
                return call;
            }
        }
        return {};
    }

    static CommandResult failedToStart()
    {
        CommandResult result;
        result.failedToStart = true;
        return result;
    }

    static DnfRunner rhel9()
    {
        DnfRunner runner;
        runner.results.insert(QStringLiteral("rpm -qa"), exited(0, recorded("rpm-qa.txt")));
        runner.results.insert(QStringLiteral("dnf check-update"), exited(100, recorded("check-update.txt")));
        runner.results.insert(QStringLiteral("dnf updateinfo"), exited(0, recorded("updateinfo-security.txt")));
        runner.results.insert(QStringLiteral("dnf repoquery"), exited(0, recorded("repoquery.txt")));
        return runner;
    }
};

QStringList names(const QList<PatchItem> &items)
{
    QStringList result;
    for (const PatchItem &item : items) {
        result.append(item.name);
    }
    return result;
}

const PatchItem *find(const QList<PatchItem> &items, const QString &name)
{
    for (const PatchItem &item : items) {
        if (item.name == name) {
            return &item;
        }
    }
    return nullptr;
}

PatchItem planned(const QString &name, const QString &before, const QString &target)
{
    PatchItem item;
    item.name = name;
    item.title = name.left(name.lastIndexOf(u'.'));
    item.before = before;
    item.target = target;
    return item;
}

PatchPlan opensslPlan()
{
    PatchPlan plan;
    plan.items = {
        planned(QStringLiteral("openssl.x86_64"), QStringLiteral("1:3.0.7-24.el9"), QStringLiteral("1:3.0.7-27.el9")),
        planned(QStringLiteral("openssl-libs.x86_64"),
                QStringLiteral("1:3.0.7-24.el9"),
                QStringLiteral("1:3.0.7-27.el9"))};
    return plan;
}

PatchRequest request(const char *select, QList<PackageRequest> packages = {})
{
    PatchRequest request;
    request.select = QLatin1String(select);
    request.packages = packages;
    return request;
}

PackageRequest package(const char *name, const char *version = "")
{
    return PackageRequest{QLatin1String(name), QLatin1String(version)};
}
} // namespace

class TestDnfPatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compareVersions_data();
    void compareVersions();
    void looksLikeAdvisory_data();
    void looksLikeAdvisory();
    void parsers();
    void parsersRejectGarbage();
    void planAll();
    void planSecurity();
    void planPackages();
    void planAdvisory();
    void planRefusals_data();
    void planRefusals();
    void planFailures_data();
    void planFailures();
    void runUpgrades();
    void runInstallsNewPackages();
    void runIncomplete();
    void runFailures_data();
    void runFailures();
    void runNothingToDo();
    void rebootWithoutNeedsRestarting();
    void verify();
};

void TestDnfPatcher::compareVersions_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("order");

    QTest::newRow("equal") << "3.0.7-25.el9_3"
                           << "3.0.7-25.el9_3" << 0;
    QTest::newRow("release") << "2.34-83.el9_3.7"
                             << "2.34-83.el9_3.5" << 1;
    QTest::newRow("numeric, not text") << "5.14.0-362.18.1.el9_3"
                                       << "5.14.0-362.8.1.el9_3" << 1;
    QTest::newRow("epoch wins") << "1:1.0-1"
                                << "2.0-1" << 1;
    QTest::newRow("explicit zero epoch") << "0:1.0-1"
                                         << "1.0-1" << 0;
    QTest::newRow("leading zeros") << "1.01-1"
                                   << "1.1-1" << 0;
    QTest::newRow("tilde before release") << "1.0~rc1-1"
                                          << "1.0-1" << -1;
    QTest::newRow("caret after base") << "1.0^git1-1"
                                      << "1.0-1" << 1;
    QTest::newRow("caret before next") << "1.0^git1-1"
                                       << "1.0.1-1" << -1;
    QTest::newRow("letters after end") << "1.0a-1"
                                       << "1.0-1" << 1;
    QTest::newRow("number beats letters") << "1.1-1"
                                          << "1.a-1" << 1;
    QTest::newRow("version without release") << "3.0.7"
                                             << "3.0.7-25.el9_3" << 0;
    QTest::newRow("tzdata") << "2024a-1.el9"
                            << "2023c-1.el9" << 1;
}

void TestDnfPatcher::compareVersions()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, order);
    QCOMPARE(DnfPatcher::compareVersions(a, b), order);
    QCOMPARE(DnfPatcher::compareVersions(b, a), -order);
}

void TestDnfPatcher::looksLikeAdvisory_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("advisory");
    QTest::newRow("RHSA") << "RHSA-2024:1234" << true;
    QTest::newRow("RHBA") << "RHBA-2024:0281" << true;
    QTest::newRow("Alma") << "ALSA-2024:0897" << true;
    QTest::newRow("Oracle") << "ELSA-2024-1234" << true;
    QTest::newRow("Fedora") << "FEDORA-2024-7b1f4a8d5e" << true;
    QTest::newRow("EPEL") << "FEDORA-EPEL-2024-abc123" << true;
    QTest::newRow("package") << "openssl" << false;
    QTest::newRow("package with digits") << "python3.11" << false;
    QTest::newRow("fedora package") << "fedora-release" << false;
}

void TestDnfPatcher::looksLikeAdvisory()
{
    QFETCH(QString, name);
    QFETCH(bool, advisory);
    QCOMPARE(DnfPatcher::looksLikeAdvisory(name), advisory);
}

void TestDnfPatcher::parsers()
{
    const auto available = DnfPatcher::parseRepoquery(recorded("repoquery.txt"));
    QVERIFY2(available.ok(), describe(available).constData());
    QCOMPARE(available.value().size(), 8);
    QCOMPARE(available.value().at(4),
             (DnfPatcher::Available{QStringLiteral("openssl"),
                                    QStringLiteral("x86_64"),
                                    QStringLiteral("1:3.0.7-25.el9_3"),
                                    QStringLiteral("baseos")}));

    const auto advisories = DnfPatcher::parseAdvisoryList(recorded("updateinfo-advisories.txt"));
    QVERIFY2(advisories.ok(), describe(advisories).constData());
    QCOMPARE(advisories.value().size(), 3);
    QCOMPARE(advisories.value().at(0),
             (DnfPatcher::AdvisoryPackage{QStringLiteral("RHBA-2024:0281"),
                                          QStringLiteral("bugfix"),
                                          QStringLiteral("NetworkManager"),
                                          QStringLiteral("1:1.44.0-5.el9_3"),
                                          QStringLiteral("x86_64")}));
    QCOMPARE(advisories.value().at(2).name, QStringLiteral("openssl-libs"));
    QCOMPARE(advisories.value().at(2).type, QStringLiteral("Important/Sec."));

    // Install-only packages: every version, the one installed last first; absent names left out.
    const auto queried = DnfPatcher::parseQueried(recorded("rpm-q-kernel-httpd.txt"));
    QVERIFY2(queried.ok(), describe(queried).constData());
    QCOMPARE(queried.value().size(), 1);
    QCOMPARE(queried.value().value(QStringLiteral("kernel.x86_64")),
             QStringList({QStringLiteral("5.14.0-362.18.1.el9_3"),
                          QStringLiteral("5.14.0-362.13.1.el9_3"),
                          QStringLiteral("5.14.0-362.8.1.el9_3")}));
}

void TestDnfPatcher::parsersRejectGarbage()
{
    QCOMPARE(DnfPatcher::parseRepoquery("openssl x86_64\n").error().code, QStringLiteral("dnf.unparseable"));
    QCOMPARE(DnfPatcher::parseRepoquery("openssl x86_64 not-a-version baseos\n").error().code,
             QStringLiteral("dnf.unparseable"));
    QCOMPARE(DnfPatcher::parseAdvisoryList("RHSA-2024:0310 Important/Sec. openssl\n").error().code,
             QStringLiteral("dnf.unparseable"));
    QCOMPARE(DnfPatcher::parseQueried("error: rpmdb open failed\n").error().code, QStringLiteral("rpm.unparseable"));
    QVERIFY(DnfPatcher::parseRepoquery(QByteArray()).value().isEmpty());
    QVERIFY(DnfPatcher::parseQueried("package nothing.x86_64 is not installed\n").value().isEmpty());
}

void TestDnfPatcher::planAll()
{
    DnfRunner runner = DnfRunner::rhel9();
    DnfPatcher patcher(runner);
    const auto plan = patcher.plan(request("all"));
    QVERIFY2(plan.ok(), describe(plan).constData());
    QVERIFY(plan.value().refusal.isEmpty());
    QCOMPARE(names(plan.value().items),
             QStringList({QStringLiteral("NetworkManager.x86_64"),
                          QStringLiteral("glibc-common.x86_64"),
                          QStringLiteral("glibc.i686"),
                          QStringLiteral("glibc.x86_64"),
                          QStringLiteral("grub2-tools-efi.x86_64"),
                          QStringLiteral("kernel.x86_64"),
                          QStringLiteral("openssl-libs.x86_64"),
                          QStringLiteral("openssl.x86_64"),
                          QStringLiteral("python3.11.x86_64")}));
    const PatchItem *kernel = find(plan.value().items, QStringLiteral("kernel.x86_64"));
    QVERIFY(kernel);
    QCOMPARE(kernel->title, QStringLiteral("kernel"));
    QCOMPARE(kernel->before, QStringLiteral("5.14.0-362.13.1.el9_3")); // the newest installed
    QCOMPARE(kernel->target, QStringLiteral("5.14.0-362.18.1.el9_3"));
    QCOMPARE(kernel->result, QStringLiteral("planned"));
    // The obsoleting package is a new install replacing grub2-tools.
    QCOMPARE(find(plan.value().items, QStringLiteral("grub2-tools-efi.x86_64"))->before, QString());
    QCOMPARE(find(plan.value().items, QStringLiteral("python3.11.x86_64"))->title, QStringLiteral("python3.11"));

    QCOMPARE(
        runner.call(QStringLiteral("rpm -qa")),
        QStringList(
            {QStringLiteral("rpm"), QStringLiteral("-qa"), QStringLiteral("--qf"), DnfPatcher::installedFormat()}));
    QCOMPARE(runner.call(QStringLiteral("dnf")),
             QStringList({QStringLiteral("dnf"), QStringLiteral("-q"), QStringLiteral("check-update")}));
    // "all" needs no advisories.
    QVERIFY(runner.call(QStringLiteral("dnf -q updateinfo")).isEmpty());
}

void TestDnfPatcher::planSecurity()
{
    DnfRunner runner = DnfRunner::rhel9();
    DnfPatcher patcher(runner);
    const auto plan = patcher.plan(request("security"));
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(names(plan.value().items),
             QStringList({QStringLiteral("glibc-common.x86_64"),
                          QStringLiteral("glibc.i686"),
                          QStringLiteral("glibc.x86_64"),
                          QStringLiteral("kernel.x86_64"),
                          QStringLiteral("openssl-libs.x86_64"),
                          QStringLiteral("openssl.x86_64")}));
    // Like `dnf upgrade --security`: the newest candidate, not the advisory's minimal fix.
    const PatchItem *openssl = find(plan.value().items, QStringLiteral("openssl.x86_64"));
    QCOMPARE(openssl->before, QStringLiteral("1:3.0.7-24.el9"));
    QCOMPARE(openssl->target, QStringLiteral("1:3.0.7-27.el9"));
    QCOMPARE(runner.call(QStringLiteral("dnf -q updateinfo")),
             QStringList({QStringLiteral("dnf"),
                          QStringLiteral("-q"),
                          QStringLiteral("updateinfo"),
                          QStringLiteral("list"),
                          QStringLiteral("--security"),
                          QStringLiteral("--available")}));
}

void TestDnfPatcher::planPackages()
{
    DnfRunner runner = DnfRunner::rhel9();
    DnfPatcher patcher(runner);
    const auto plan =
        patcher.plan(request("packages", {package("openssl", "3.0.7-25.el9_3"), package("httpd"), package("TZDATA")}));
    QVERIFY2(plan.ok(), describe(plan).constData());
    QVERIFY2(plan.value().refusal.isEmpty(), qPrintable(plan.value().message));
    QCOMPARE(names(plan.value().items),
             QStringList(
                 {QStringLiteral("httpd.x86_64"), QStringLiteral("openssl.x86_64"), QStringLiteral("tzdata.noarch")}));

    // A version without its epoch still names the exact build, which keeps the epoch.
    const PatchItem *openssl = find(plan.value().items, QStringLiteral("openssl.x86_64"));
    QCOMPARE(openssl->target, QStringLiteral("1:3.0.7-25.el9_3"));
    QCOMPARE(openssl->result, QStringLiteral("planned"));
    // Not installed: the newest build in the machine's architecture, not i686.
    const PatchItem *httpd = find(plan.value().items, QStringLiteral("httpd.x86_64"));
    QCOMPARE(httpd->before, QString());
    QCOMPARE(httpd->target, QStringLiteral("2.4.57-8.el9"));
    // Names match as dnf matches them; the newest is installed already.
    const PatchItem *tzdata = find(plan.value().items, QStringLiteral("tzdata.noarch"));
    QCOMPARE(tzdata->title, QStringLiteral("tzdata"));
    QCOMPARE(tzdata->result, QStringLiteral("already-installed"));
    QCOMPARE(tzdata->target, QStringLiteral("2024a-1.el9"));

    QCOMPARE(runner.call(QStringLiteral("dnf -q repoquery")),
             QStringList({QStringLiteral("dnf"),
                          QStringLiteral("-q"),
                          QStringLiteral("repoquery"),
                          QStringLiteral("--available"),
                          QStringLiteral("--qf"),
                          QStringLiteral("%{name} %{arch} %{evr} %{reponame}"),
                          QStringLiteral("openssl"),
                          QStringLiteral("httpd"),
                          QStringLiteral("TZDATA")}));
    QVERIFY(runner.call(QStringLiteral("dnf -q check-update")).isEmpty());
}

void TestDnfPatcher::planAdvisory()
{
    DnfRunner runner = DnfRunner::rhel9();
    runner.results.insert(QStringLiteral("dnf updateinfo"), exited(0, recorded("updateinfo-advisories.txt")));
    DnfPatcher patcher(runner);
    const auto plan = patcher.plan(request("packages", {package("RHSA-2024:0310"), package("FEDORA-2024-0123456789")}));
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(names(plan.value().items),
             QStringList({QStringLiteral("FEDORA-2024-0123456789"),
                          QStringLiteral("openssl-libs.x86_64"),
                          QStringLiteral("openssl.x86_64")}));
    // The advisory's own fix, like `dnf upgrade-minimal --advisory`.
    QCOMPARE(find(plan.value().items, QStringLiteral("openssl.x86_64"))->target, QStringLiteral("1:3.0.7-25.el9_3"));
    const PatchItem *unknown = find(plan.value().items, QStringLiteral("FEDORA-2024-0123456789"));
    QCOMPARE(unknown->result, QStringLiteral("not-applicable"));
    QVERIFY(!unknown->message.isEmpty());
    QCOMPARE(runner.call(QStringLiteral("dnf -q updateinfo")),
             QStringList({QStringLiteral("dnf"),
                          QStringLiteral("-q"),
                          QStringLiteral("updateinfo"),
                          QStringLiteral("list"),
                          QStringLiteral("--available"),
                          QStringLiteral("RHSA-2024:0310"),
                          QStringLiteral("FEDORA-2024-0123456789")}));
}

void TestDnfPatcher::planRefusals_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QString>("refusedItem");

    QTest::newRow("older build the repositories dropped") << "openssl"
                                                          << "1:3.0.7-20.el9"
                                                          << "dnf.not-available"
                                                          << "openssl.x86_64";
    QTest::newRow("downgrade to a build the repositories have") << "tzdata"
                                                                << "2023c-1.el9"
                                                                << "dnf.downgrade"
                                                                << "tzdata.noarch";
    QTest::newRow("version not in the repositories") << "httpd"
                                                     << "9.9-1"
                                                     << "dnf.not-available"
                                                     << "httpd";
    QTest::newRow("unknown package") << "no-such-package"
                                     << ""
                                     << "dnf.not-available"
                                     << "no-such-package";
    // Signed or not, a name that dnf would read as an option, or that holds a blank or a shell
    // character, never reaches dnf.
    QTest::newRow("name as a dnf option") << "--setopt=pluginpath=/tmp/evil"
                                          << ""
                                          << "dnf.invalid-name"
                                          << "--setopt=pluginpath=/tmp/evil";
    QTest::newRow("name as a config file") << "-c/tmp/evil.conf"
                                           << ""
                                           << "dnf.invalid-name"
                                           << "-c/tmp/evil.conf";
    QTest::newRow("name with a blank") << "bash; reboot"
                                       << ""
                                       << "dnf.invalid-name"
                                       << "bash; reboot";
    QTest::newRow("version as an option") << "httpd"
                                          << "--nogpgcheck"
                                          << "dnf.invalid-name"
                                          << "httpd";
}

void TestDnfPatcher::planRefusals()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, refusal);
    QFETCH(QString, refusedItem);

    DnfRunner runner = DnfRunner::rhel9();
    DnfPatcher patcher(runner);
    PatchRequest asked = request("packages", {package("bash"), PackageRequest{name, version}});
    const auto plan = patcher.plan(asked);
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(plan.value().refusal, refusal);
    if (refusal == QLatin1String("dnf.invalid-name")) {
        QVERIFY(runner.calls.isEmpty()); // refused before rpm or dnf ran at all
    }
    QVERIFY(plan.value().message.contains(name));
    const PatchItem *refused = find(plan.value().items, refusedItem);
    QVERIFY(refused);
    QCOMPARE(refused->result, QStringLiteral("refused"));
    QCOMPARE(refused->message, plan.value().message);
    // A refused plan never runs anything.
    const int callsBefore = runner.calls.size();
    const PatchOutcome outcome = patcher.run(plan.value());
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, refusal);
    QCOMPARE(runner.calls.size(), callsBefore);
}

void TestDnfPatcher::planFailures_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<CommandResult>("result");
    QTest::addColumn<QString>("errorCode");

    QTest::newRow("dnf fails") << "dnf check-update"
                               << exited(1, {}, "Error: Failed to download metadata for repo 'baseos'\n")
                               << "dnf.failed";
    QTest::newRow("dnf hangs") << "dnf check-update" << timedOut() << "dnf.timeout";
    QTest::newRow("rpm missing") << "rpm -qa" << DnfRunner::failedToStart() << "rpm.failed";
    QTest::newRow("dnf prints garbage") << "dnf check-update" << exited(100, recorded("upgrade-conflict.txt"))
                                        << "dnf.unparseable";
    QTest::newRow("advisories fail") << "dnf updateinfo" << exited(1, {}, "Error: no updateinfo\n") << "dnf.failed";
}

void TestDnfPatcher::planFailures()
{
    QFETCH(QString, key);
    QFETCH(CommandResult, result);
    QFETCH(QString, errorCode);
    DnfRunner runner = DnfRunner::rhel9();
    runner.results.insert(key, result);
    DnfPatcher patcher(runner);
    const auto plan = patcher.plan(request("security"));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, errorCode);
}

void TestDnfPatcher::runUpgrades()
{
    DnfRunner runner;
    runner.results.insert(QStringLiteral("dnf -y"), exited(0, recorded("upgrade-openssl.txt")));
    runner.results.insert(QStringLiteral("rpm -q"), exited(0, recorded("rpm-q-upgraded.txt")));
    runner.results.insert(QStringLiteral("needs-restarting"), exited(1, recorded("needs-restarting-required.txt")));
    DnfPatcher patcher(runner);
    PatchPlan plan = opensslPlan();
    PatchItem tzdata =
        planned(QStringLiteral("tzdata.noarch"), QStringLiteral("2024a-1.el9"), QStringLiteral("2024a-1.el9"));
    tzdata.result = QStringLiteral("already-installed");
    plan.items.append(tzdata);

    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
    QCOMPARE(outcome.reason, QString());
    QCOMPARE(outcome.exitCode, std::optional<qint64>(0));
    QVERIFY(outcome.rebootRequired);
    QCOMPARE(outcome.items.size(), 3);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(outcome.items.at(i).result, QStringLiteral("installed"));
        QCOMPARE(outcome.items.at(i).after, QStringLiteral("1:3.0.7-27.el9"));
    }
    QCOMPARE(outcome.items.at(2).result, QStringLiteral("already-installed"));

    // Exact NEVRAs only, and only what is still to do.
    QCOMPARE(runner.call(QStringLiteral("dnf")),
             QStringList({QStringLiteral("dnf"),
                          QStringLiteral("-y"),
                          QStringLiteral("upgrade"),
                          QStringLiteral("openssl-1:3.0.7-27.el9.x86_64"),
                          QStringLiteral("openssl-libs-1:3.0.7-27.el9.x86_64")}));
    QCOMPARE(runner.call(QStringLiteral("rpm")),
             QStringList({QStringLiteral("rpm"),
                          QStringLiteral("-q"),
                          QStringLiteral("--qf"),
                          DnfPatcher::installedFormat(),
                          QStringLiteral("openssl.x86_64"),
                          QStringLiteral("openssl-libs.x86_64")}));
    QCOMPARE(runner.call(QStringLiteral("needs-restarting")),
             QStringList({QStringLiteral("needs-restarting"), QStringLiteral("-r")}));
    QVERIFY(outcome.output.contains("Complete!"));
    QVERIFY(outcome.output.contains("Reboot is required"));
}

void TestDnfPatcher::runInstallsNewPackages()
{
    DnfRunner runner;
    runner.results.insert(QStringLiteral("dnf -y"), exited(0, "Complete!\n"));
    runner.results.insert(QStringLiteral("rpm -q"), exited(1, recorded("rpm-q-kernel-httpd.txt")));
    runner.results.insert(QStringLiteral("needs-restarting"), exited(0, recorded("needs-restarting-none.txt")));
    DnfPatcher patcher(runner);
    PatchPlan plan;
    plan.items = {planned(QStringLiteral("httpd.x86_64"), QString(), QStringLiteral("2.4.57-8.el9")),
                  planned(QStringLiteral("kernel.x86_64"),
                          QStringLiteral("5.14.0-362.13.1.el9_3"),
                          QStringLiteral("5.14.0-362.18.1.el9_3"))};
    const QStringList args = DnfPatcher::runArguments(plan);
    QCOMPARE(args,
             QStringList({QStringLiteral("-y"),
                          QStringLiteral("install"),
                          QStringLiteral("httpd-2.4.57-8.el9.x86_64"),
                          QStringLiteral("kernel-5.14.0-362.18.1.el9_3.x86_64")}));

    // dnf says Complete! but httpd is not there: the item fails, the job is incomplete.
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("dnf.incomplete"));
    QCOMPARE(outcome.items.at(0).result, QStringLiteral("failed"));
    QVERIFY(outcome.items.at(0).message.contains(QStringLiteral("not installed")));
    // The new kernel is one of several installed versions.
    QCOMPARE(outcome.items.at(1).result, QStringLiteral("installed"));
    QCOMPARE(outcome.items.at(1).after, QStringLiteral("5.14.0-362.18.1.el9_3"));
    QVERIFY(!outcome.rebootRequired); // needs-restarting's verdict
}

void TestDnfPatcher::runIncomplete()
{
    DnfRunner runner;
    runner.results.insert(QStringLiteral("dnf -y"), exited(0, recorded("upgrade-openssl.txt")));
    runner.results.insert(QStringLiteral("rpm -q"), exited(0, recorded("rpm-q-partial.txt")));
    runner.results.insert(QStringLiteral("needs-restarting"), exited(0, recorded("needs-restarting-none.txt")));
    DnfPatcher patcher(runner);
    const PatchOutcome outcome = patcher.run(opensslPlan());
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("dnf.incomplete"));
    QCOMPARE(outcome.items.at(0).result, QStringLiteral("installed"));
    QCOMPARE(outcome.items.at(1).result, QStringLiteral("failed"));
    QCOMPARE(outcome.items.at(1).after, QStringLiteral("1:3.0.7-24.el9"));
    QVERIFY(outcome.items.at(1).message.contains(QStringLiteral("1:3.0.7-24.el9")));
}

void TestDnfPatcher::runFailures_data()
{
    QTest::addColumn<CommandResult>("dnf");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<std::optional<qint64>>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("depsolve error") << exited(1, {}, recorded("upgrade-conflict.txt")) << "dnf.failed"
                                    << std::optional<qint64>(1) << "dnf exited with 1";
    QTest::newRow("timeout") << timedOut() << "dnf.timeout" << std::optional<qint64>() << "did not finish";
    QTest::newRow("missing") << DnfRunner::failedToStart() << "dnf.failed" << std::optional<qint64>()
                             << "could not be started";
    QTest::newRow("lock") << exited(200, {}, "Error: another process holds the lock\n") << "dnf.lock"
                          << std::optional<qint64>(200) << "exited with 200";
}

void TestDnfPatcher::runFailures()
{
    QFETCH(CommandResult, dnf);
    QFETCH(QString, reason);
    QFETCH(std::optional<qint64>, exitCode);
    QFETCH(QString, message);

    DnfRunner runner;
    runner.results.insert(QStringLiteral("dnf -y"), dnf);
    runner.results.insert(QStringLiteral("rpm -q"),
                          exited(2,
                                 "openssl.x86_64\t1:3.0.7-24.el9\t1702300000\n"
                                 "openssl-libs.x86_64\t1:3.0.7-24.el9\t1702300000\n"));
    runner.results.insert(QStringLiteral("needs-restarting"), exited(0, recorded("needs-restarting-none.txt")));
    DnfPatcher patcher(runner);
    const PatchOutcome outcome = patcher.run(opensslPlan());
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, reason);
    QCOMPARE(outcome.exitCode, exitCode);
    for (const PatchItem &item : outcome.items) {
        QCOMPARE(item.result, QStringLiteral("failed"));
        QCOMPARE(item.after, QStringLiteral("1:3.0.7-24.el9"));
        QVERIFY2(item.message.contains(message), qPrintable(item.message));
    }
    QVERIFY(outcome.output.contains(dnf.standardError));
}

void TestDnfPatcher::runNothingToDo()
{
    DnfRunner runner;
    DnfPatcher patcher(runner);
    PatchPlan plan;
    PatchItem item =
        planned(QStringLiteral("tzdata.noarch"), QStringLiteral("2024a-1.el9"), QStringLiteral("2024a-1.el9"));
    item.result = QStringLiteral("already-installed");
    plan.items = {item};
    QCOMPARE(patcher.run(plan).state, QStringLiteral("not-applicable"));
    QCOMPARE(patcher.run(PatchPlan()).state, QStringLiteral("not-applicable"));
    QCOMPARE(patcher.verify(plan).state, QStringLiteral("not-applicable"));
    QVERIFY(runner.calls.isEmpty());
}

void TestDnfPatcher::rebootWithoutNeedsRestarting()
{
    // needs-restarting missing, `dnf needs-restarting` unknown (exit 1 with "No such command"):
    // the kernel was installed, so a reboot is needed.
    DnfRunner runner;
    runner.results.insert(QStringLiteral("dnf -y"), exited(0, "Complete!\n"));
    runner.results.insert(QStringLiteral("dnf needs-restarting"),
                          exited(1, {}, "No such command: needs-restarting. Please use /usr/bin/dnf --help\n"));
    runner.results.insert(QStringLiteral("rpm -q"), exited(0, recorded("rpm-q-kernel-httpd.txt")));
    DnfPatcher patcher(runner);
    PatchPlan kernelPlan;
    kernelPlan.items = {planned(QStringLiteral("kernel.x86_64"),
                                QStringLiteral("5.14.0-362.13.1.el9_3"),
                                QStringLiteral("5.14.0-362.18.1.el9_3"))};
    const PatchOutcome kernel = patcher.run(kernelPlan);
    QCOMPARE(kernel.state, QStringLiteral("succeeded"));
    QVERIFY(kernel.rebootRequired);
    QVERIFY(!runner.call(QStringLiteral("dnf needs-restarting -r")).isEmpty());

    // The same, for a package that needs no reboot.
    runner.results.insert(QStringLiteral("rpm -q"), exited(0, recorded("rpm-q-upgraded.txt")));
    const PatchOutcome openssl = patcher.run(opensslPlan());
    QCOMPARE(openssl.state, QStringLiteral("succeeded"));
    QVERIFY(!openssl.rebootRequired);

    // The plugin's own verdict when it is there.
    runner.results.insert(QStringLiteral("dnf needs-restarting"), exited(1, recorded("needs-restarting-required.txt")));
    QVERIFY(patcher.run(opensslPlan()).rebootRequired);
}

void TestDnfPatcher::verify()
{
    DnfRunner runner;
    runner.results.insert(QStringLiteral("rpm -q"), exited(0, recorded("rpm-q-upgraded.txt")));
    runner.results.insert(QStringLiteral("needs-restarting"), exited(1, recorded("needs-restarting-required.txt")));
    DnfPatcher patcher(runner);
    const PatchOutcome done = patcher.verify(opensslPlan());
    QCOMPARE(done.state, QStringLiteral("succeeded"));
    QCOMPARE(done.items.at(0).result, QStringLiteral("installed"));
    QCOMPARE(done.items.at(1).after, QStringLiteral("1:3.0.7-27.el9"));
    QVERIFY(done.rebootRequired);
    QCOMPARE(done.exitCode, std::optional<qint64>());
    // Nothing is installed by a verification.
    QVERIFY(runner.call(QStringLiteral("dnf -y")).isEmpty());

    runner.results.insert(QStringLiteral("rpm -q"), exited(0, recorded("rpm-q-partial.txt")));
    const PatchOutcome half = patcher.verify(opensslPlan());
    QCOMPARE(half.state, QStringLiteral("failed"));
    QCOMPARE(half.reason, QStringLiteral("interrupted"));
    QCOMPARE(half.items.at(0).result, QStringLiteral("installed"));
    QCOMPARE(half.items.at(1).result, QStringLiteral("failed"));

    runner.results.remove(QStringLiteral("rpm -q"));
    const PatchOutcome unknown = patcher.verify(opensslPlan());
    QCOMPARE(unknown.state, QStringLiteral("failed"));
    QCOMPARE(unknown.reason, QStringLiteral("interrupted"));
    QCOMPARE(unknown.items.at(0).result, QStringLiteral("failed"));
}

QTEST_GUILESS_MAIN(TestDnfPatcher)
#include "TestDnfPatcher.moc"
