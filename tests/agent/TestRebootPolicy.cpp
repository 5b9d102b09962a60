// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeCommandRunner.h"
#include "RebootPolicy.h"
#include "SystemRebooter.h"

#include <QDateTime>
#include <QTest>

using namespace steward::agent;
using namespace steward::agent::jobs;
using steward::test::FakeCommandRunner;
using Action = RebootDecision::Action;

Q_DECLARE_METATYPE(steward::agent::jobs::RebootDecision::Action)
Q_DECLARE_METATYPE(steward::agent::jobs::RebootInputs)

namespace
{
constexpr qint64 s_now = 1709283600; // 2024-03-01T09:00:00Z
constexpr qint64 s_hour = 3600;

// A reboot is needed, allowed and nothing stands in the way; each row changes what it tests.
RebootInputs required(const char *policy)
{
    RebootInputs inputs;
    inputs.policy = QLatin1String(policy);
    inputs.rebootRequired = true;
    inputs.now = s_now;
    return inputs;
}

QString localTime(qint64 at)
{
    return QDateTime::fromSecsSinceEpoch(at).toLocalTime().toString(QStringLiteral("HH:mm"));
}
} // namespace

class TestRebootPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decisionTable_data();
    void decisionTable();
    void messages();
    void delay();
    void linuxCommand_data();
    void linuxCommand();
    void windowsCommand();
    void commandFailures();
    void decisionToCommand();
};

void TestRebootPolicy::decisionTable_data()
{
    QTest::addColumn<RebootInputs>("inputs");
    QTest::addColumn<Action>("action");
    QTest::addColumn<qint64>("at");
    QTest::addColumn<QString>("reason");

    RebootInputs inputs = required("never");
    inputs.maintenanceWindowOpen = true;
    QTest::newRow("never, even when required") << inputs << Action::None << qint64(0) << "policy-never";
    inputs.policy = QStringLiteral("whenever");
    QTest::newRow("unknown policy is never") << inputs << Action::None << qint64(0) << "policy-never";

    inputs = required("if-required");
    inputs.rebootRequired = false;
    inputs.maintenanceWindowOpen = true;
    QTest::newRow("if-required, not required") << inputs << Action::None << qint64(0) << "not-required";
    inputs = required("at-deadline");
    inputs.rebootRequired = false;
    inputs.deadline = s_now - s_hour;
    QTest::newRow("at-deadline, not required, deadline passed")
        << inputs << Action::None << qint64(0) << "not-required";

    inputs = required("if-required");
    inputs.maintenanceWindowOpen = true;
    inputs.alreadyRebooted = true;
    QTest::newRow("already rebooted once") << inputs << Action::None << qint64(0) << "already-rebooted";
    inputs = required("at-deadline");
    inputs.deadline = s_now - s_hour;
    inputs.alreadyRebooted = true;
    QTest::newRow("already rebooted once, deadline passed")
        << inputs << Action::None << qint64(0) << "already-rebooted";

    inputs = required("if-required");
    inputs.maintenanceWindowOpen = true;
    inputs.isServer = true;
    QTest::newRow("server") << inputs << Action::None << qint64(0) << "server";
    inputs = required("at-deadline");
    inputs.isServer = true;
    inputs.deadline = s_now - s_hour;
    QTest::newRow("server, deadline passed") << inputs << Action::None << qint64(0) << "server";
    inputs = required("if-required");
    inputs.maintenanceWindowOpen = true;
    inputs.isServer = true;
    inputs.allowServers = true;
    QTest::newRow("server the deployment allows") << inputs << Action::RebootNow << s_now << "window";
    inputs = required("if-required");
    inputs.maintenanceWindowOpen = true;
    inputs.allowServers = true;
    QTest::newRow("allowServers on a workstation") << inputs << Action::RebootNow << s_now << "window";

    inputs = required("if-required");
    inputs.maintenanceWindowOpen = true;
    QTest::newRow("if-required in the window") << inputs << Action::RebootNow << s_now << "window";
    inputs.maintenanceWindowOpen = false;
    QTest::newRow("if-required outside the window") << inputs << Action::WaitForWindow << qint64(0) << "window-closed";
    inputs.deadline = s_now - s_hour;
    QTest::newRow("if-required ignores the deadline")
        << inputs << Action::WaitForWindow << qint64(0) << "window-closed";

    inputs = required("at-deadline");
    inputs.maintenanceWindowOpen = true;
    QTest::newRow("at-deadline without deadline, window") << inputs << Action::RebootNow << s_now << "window";
    inputs.maintenanceWindowOpen = false;
    QTest::newRow("at-deadline without deadline, no window")
        << inputs << Action::WaitForWindow << qint64(0) << "window-closed";

    inputs = required("at-deadline");
    inputs.deadline = s_now + 2 * s_hour;
    inputs.maintenanceWindowOpen = true;
    QTest::newRow("at-deadline, window before the deadline") << inputs << Action::RebootNow << s_now << "window";
    inputs.maintenanceWindowOpen = false;
    QTest::newRow("at-deadline, outside the window") << inputs << Action::RebootAt << s_now + 2 * s_hour << "deadline";
    inputs.deadline = s_now;
    QTest::newRow("at-deadline, now is the deadline")
        << inputs << Action::RebootAt << s_now + 10 * 60 << "deadline-passed";
    inputs.deadline = s_now - 3 * 24 * s_hour;
    QTest::newRow("at-deadline, machine was off at the deadline")
        << inputs << Action::RebootAt << s_now + 10 * 60 << "deadline-passed";
    inputs.grace = std::chrono::minutes(30);
    QTest::newRow("at-deadline, longer grace") << inputs << Action::RebootAt << s_now + 30 * 60 << "deadline-passed";
    inputs.maintenanceWindowOpen = true;
    QTest::newRow("at-deadline passed, window open") << inputs << Action::RebootNow << s_now << "window";
}

void TestRebootPolicy::decisionTable()
{
    QFETCH(RebootInputs, inputs);
    QFETCH(Action, action);
    QFETCH(qint64, at);
    QFETCH(QString, reason);

    const RebootDecision decision = RebootPolicy::decide(inputs);
    QCOMPARE(decision.action, action);
    QCOMPARE(decision.at, at);
    QCOMPARE(decision.reason, reason);
    // Users hear about restarts only.
    const bool restarts = action == Action::RebootNow || action == Action::RebootAt;
    QCOMPARE(decision.message.isEmpty(), !restarts);
}

void TestRebootPolicy::messages()
{
    RebootInputs inputs = required("at-deadline");
    inputs.deadline = s_now + 5 * s_hour;
    const RebootDecision later = RebootPolicy::decide(inputs);
    QCOMPARE(later.action, Action::RebootAt);
    QVERIFY2(later.message.contains(localTime(s_now + 5 * s_hour)), qPrintable(later.message));
    QVERIFY(later.message.contains(QStringLiteral("Save your work")));
    QVERIFY(!later.message.contains(u'\n'));

    inputs.maintenanceWindowOpen = true;
    const RebootDecision now = RebootPolicy::decide(inputs);
    QCOMPARE(now.action, Action::RebootNow);
    QVERIFY(now.message.contains(QStringLiteral("restarting now")));
}

void TestRebootPolicy::delay()
{
    RebootDecision decision;
    decision.action = Action::RebootAt;
    decision.at = s_now + 600;
    QCOMPARE(decision.delay(s_now), std::chrono::seconds(600));
    QCOMPARE(decision.delay(s_now + 900), std::chrono::seconds(0)); // late: at once, never negative
    decision.action = Action::RebootNow;
    QCOMPARE(decision.delay(s_now - 100), std::chrono::seconds(0));
}

void TestRebootPolicy::linuxCommand_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("when");
    QTest::newRow("now") << qint64(0) << "+0";
    QTest::newRow("one second rounds up") << qint64(1) << "+1";
    QTest::newRow("ten minutes") << qint64(600) << "+10";
    QTest::newRow("just over") << qint64(601) << "+11";
    QTest::newRow("negative is now") << qint64(-30) << "+0";
}

void TestRebootPolicy::linuxCommand()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, when);
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("shutdown"), FakeCommandRunner::succeeding({}));
    SystemRebooter rebooter(runner, SystemRebooter::Platform::Linux);
    const auto status = rebooter.reboot(std::chrono::seconds(seconds), QStringLiteral("Restarting\nfor updates."));
    QVERIFY(status.ok());
    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().constFirst().program, QStringLiteral("shutdown"));
    QCOMPARE(runner.calls().constFirst().args,
             QStringList({QStringLiteral("-r"), when, QStringLiteral("Restarting for updates.")}));
}

void TestRebootPolicy::windowsCommand()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("shutdown.exe"), FakeCommandRunner::succeeding({}));
    SystemRebooter rebooter(runner, SystemRebooter::Platform::Windows);
    QVERIFY(rebooter.reboot(std::chrono::seconds(600), QStringLiteral("Restarting for updates.")).ok());
    QCOMPARE(runner.calls().constFirst().program, QStringLiteral("shutdown.exe"));
    QCOMPARE(runner.calls().constFirst().args,
             QStringList({QStringLiteral("/r"),
                          QStringLiteral("/t"),
                          QStringLiteral("600"),
                          QStringLiteral("/c"),
                          QStringLiteral("Restarting for updates.")}));

    // shutdown.exe's limits: ten years, 512 characters of comment.
    const QStringList capped = SystemRebooter::arguments(SystemRebooter::Platform::Windows,
                                                         std::chrono::hours(24 * 365 * 20),
                                                         QString(600, u'x'));
    QCOMPARE(capped.at(2), QStringLiteral("315360000"));
    QCOMPARE(capped.at(4).size(), 512);
}

void TestRebootPolicy::commandFailures()
{
    FakeCommandRunner runner;
    SystemRebooter rebooter(runner, SystemRebooter::Platform::Linux);
    const auto missing = rebooter.reboot(std::chrono::seconds(60), QStringLiteral("x"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("reboot.failed"));

    runner.setResult(
        QStringLiteral("shutdown"),
        FakeCommandRunner::failing(
            1,
            "Failed to call ScheduleShutdown in logind, proceeding with immediate shutdown: Access denied\n"));
    const auto denied = rebooter.reboot(std::chrono::seconds(60), QStringLiteral("x"));
    QVERIFY(!denied.ok());
    QVERIFY(denied.error().message.contains(QStringLiteral("Access denied")));

    runner.setResult(QStringLiteral("shutdown"), FakeCommandRunner::timingOut());
    QCOMPARE(rebooter.reboot(std::chrono::seconds(60), QStringLiteral("x")).error().code,
             QStringLiteral("reboot.failed"));
}

void TestRebootPolicy::decisionToCommand()
{
    // The whole path a job takes after its run, with the fake in place of shutdown.
    RebootInputs inputs = required("at-deadline");
    inputs.deadline = s_now + 90 * 60;
    const RebootDecision decision = RebootPolicy::decide(inputs);
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("shutdown"), FakeCommandRunner::succeeding({}));
    SystemRebooter rebooter(runner, SystemRebooter::Platform::Linux);
    QVERIFY(rebooter.reboot(decision.delay(s_now), decision.message).ok());
    QCOMPARE(runner.calls().constFirst().args.mid(0, 2), QStringList({QStringLiteral("-r"), QStringLiteral("+90")}));
    QCOMPARE(runner.calls().constFirst().args.at(2), decision.message);
}

QTEST_GUILESS_MAIN(TestRebootPolicy)
#include "TestRebootPolicy.moc"
