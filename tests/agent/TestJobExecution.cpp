// SPDX-License-Identifier: GPL-3.0-or-later
// What `job-exec` does with one job, on a real spool with real signed jobs: the patcher and the
// rebooter are fakes (the test machine is never restarted), time is a ManualClock.
#include "JobExecution.h"
#include "JobQueue.h"
#include "JobSigning.h"
#include "ManualClock.h"
#include "PatchJob.h"
#include "Pki.h"
#include "RebootPolicy.h"
#include "Rebooter.h"
#include "ResultDescription.h"
#include "Spool.h"
#include "jobs/MaintenanceWindow.h"
#include "jobs/Receipt.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace steward;
using namespace steward::agent;
using steward::test::describe;
using steward::test::ManualClock;
using steward::test::jobsigning::Signers;
namespace agentjobs = steward::agent::jobs;

namespace
{
const QString kDevice = QStringLiteral("device-0001");
const QStringList kTargets{kDevice};

QDateTime localTime(int day, int hour, int minute)
{
    return QDateTime(QDate(2024, 5, day), QTime(hour, minute), Qt::LocalTime).toUTC();
}

// Wednesday 1 May 2024 at noon, on the machine's own clock.
QDateTime wednesdayNoon()
{
    return localTime(1, 12, 0);
}

agentjobs::PatchItem item(const QString &result, const QString &after)
{
    agentjobs::PatchItem item;
    item.name = QStringLiteral("linux-image-amd64");
    item.before = QStringLiteral("6.1.85-1");
    item.target = QStringLiteral("6.1.90-1");
    item.after = after;
    item.result = result;
    return item;
}

class FakePatcher : public agentjobs::Patcher
{
public:
    FakePatcher()
    {
        planned.items = {item(QStringLiteral("planned"), QString())};
        ran.state = QStringLiteral("succeeded");
        ran.exitCode = 0;
        ran.items = {item(QStringLiteral("installed"), QStringLiteral("6.1.90-1"))};
        ran.output = "Setting up linux-image-6.1.0-21-amd64 ...\n";
        verified = ran;
        verified.exitCode.reset();
        verified.output.clear();
    }

    Result<agentjobs::PatchPlan> plan(const agentjobs::PatchRequest &) override
    {
        ++plans;
        return planned;
    }
    agentjobs::PatchOutcome run(const agentjobs::PatchPlan &) override
    {
        ++runs;
        return ran;
    }
    agentjobs::PatchOutcome verify(const agentjobs::PatchPlan &plan) override
    {
        ++verifications;
        verifiedPlan = plan;
        return verified;
    }

    agentjobs::PatchPlan planned;
    agentjobs::PatchOutcome ran;
    agentjobs::PatchOutcome verified;
    agentjobs::PatchPlan verifiedPlan;
    int plans = 0;
    int runs = 0;
    int verifications = 0;
};

// Records what would have happened to the machine.
class FakeRebooter : public agentjobs::Rebooter
{
public:
    struct Call {
        std::chrono::seconds delay;
        QString message;
    };
    Status reboot(std::chrono::seconds delay, const QString &message) override
    {
        calls.append({delay, message});
        if (failure) {
            return *failure;
        }
        return Ok{};
    }

    QList<Call> calls;
    std::optional<Error> failure;
};
}

class TestJobExecution : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void runEndsWithItemsOutputAndAReceipt();
    void nothingToDoChangesNothing();
    void restartsOnceAndIsVerifiedAfter();
    void neverPolicyNeverRestarts_data();
    void neverPolicyNeverRestarts();
    void atDeadlineRestartsAtTheDeadline();
    void ifRequiredWaitsForAWindowToRestart();
    void windowThatNeverCameEndsTheJob();
    void serversRestartOnlyWhenTheJobAllows();
    void failedRunNeverRestarts();
    void failedRestartEndsTheJob();
    void withoutRebooterNothingRestarts();

private:
    // A job signed for this device with `options` added to its envelope's, as the spool holds it.
    StoredJob addJob(const QCborMap &options = {},
                     const std::function<void(steward::jobs::JobEnvelope &)> &change = {});
    StoredJob reread(const StoredJob &job) const
    {
        return *m_queue->find(job.id);
    }
    int execute(const StoredJob &job, bool verify, bool isServer = false)
    {
        // Counts what the child tells its agent while the job runs (a line on stdout in job-exec).
        m_running = job;
        const JobExecution
            execution{*m_queue, m_patcher, *m_clock, kDevice, m_deviceKey, &m_rebooter, isServer, [this] {
                          QCOMPARE(reread(m_running).state, QStringLiteral("running"));
                          ++m_runningSpooled;
                      }};
        return execution.run(job, verify);
    }
    QList<protocol::JobEvent> events() const;

    QByteArray m_deviceKey;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Spool> m_spool;
    std::unique_ptr<JobQueue> m_queue;
    Signers m_signers;
    std::unique_ptr<ManualClock> m_clock;
    FakePatcher m_patcher;
    FakeRebooter m_rebooter;
    StoredJob m_running; // the job execute() runs
    int m_runningSpooled = 0;
};

void TestJobExecution::initTestCase()
{
    Result<pki::KeyAndCsr> key = pki::createKeyAndCsr(kDevice);
    QVERIFY2(key.ok(), describe(key).constData());
    m_deviceKey = key.value().keyPem;
}

void TestJobExecution::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_spool = std::make_unique<Spool>();
    QVERIFY(m_spool->open(m_dir->filePath(QStringLiteral("spool.db"))).ok());
    m_clock = std::make_unique<ManualClock>(wednesdayNoon());
    m_queue = std::make_unique<JobQueue>(*m_spool,
                                         kDevice,
                                         m_signers.rootFingerprint(),
                                         QStringList{QStringLiteral("patch")});
    QVERIFY(m_queue->open().ok());
    QVERIFY(m_queue->acceptOperators(m_signers.signedList(m_signers.list(m_clock->now())), m_clock->now()).ok());
    m_patcher = FakePatcher();
    m_rebooter = FakeRebooter();
    m_runningSpooled = 0;
}

void TestJobExecution::cleanup()
{
    m_queue.reset();
    m_spool.reset();
    m_dir.reset();
}

StoredJob TestJobExecution::addJob(const QCborMap &options,
                                   const std::function<void(steward::jobs::JobEnvelope &)> &change)
{
    steward::jobs::JobEnvelope envelope = m_signers.patchJob(kTargets, m_clock->now());
    for (auto it = options.constBegin(); it != options.constEnd(); ++it) {
        envelope.options.insert(it.key(), it.value());
    }
    if (change) {
        change(envelope);
    }
    const Result<JobQueue::Received> received =
        m_queue->receive(m_signers.offer(envelope, kTargets, kDevice), m_clock->now());
    if (!received || !received.value().accepted) {
        qFatal("job not accepted: %s", describe(received).constData());
    }
    return *m_queue->find(envelope.id);
}

QList<protocol::JobEvent> TestJobExecution::events() const
{
    QList<protocol::JobEvent> events;
    for (std::optional<Spool::Entry> entry = m_spool->oldest(); entry; entry = m_spool->after(entry->sequence)) {
        events.append(protocol::JobEvent::fromCbor(entry->message).value());
    }
    return events;
}

namespace
{
QCborMap rebootOption(const char *policy)
{
    return QCborMap{{QStringLiteral("reboot"), QLatin1String(policy)}};
}

QCborArray saturdayNight()
{
    return steward::jobs::windowsToCbor(
        {steward::jobs::MaintenanceWindow::parse(QStringLiteral("Sat 22:00-02:00")).value()});
}
}

void TestJobExecution::runEndsWithItemsOutputAndAReceipt()
{
    const StoredJob job = addJob();
    QCOMPARE(execute(job, false), 0);
    QCOMPARE(m_patcher.runs, 1);
    QCOMPARE(m_runningSpooled, 1); // told once `running` was in the spool, before the run
    QVERIFY(m_rebooter.calls.isEmpty());

    const QList<protocol::JobEvent> spooled = events();
    QCOMPARE(spooled.size(), 2);
    QCOMPARE(spooled.at(0).state, QStringLiteral("running"));
    QCOMPARE(spooled.at(0).items.toArray().size(), 1);
    const protocol::JobEvent &end = spooled.at(1);
    QCOMPARE(end.state, QStringLiteral("succeeded"));
    QCOMPARE(end.exitCode, std::optional<qint64>(0));
    QCOMPARE(end.items.toArray().at(0).toMap().value(QStringLiteral("after")).toString(), QStringLiteral("6.1.90-1"));
    QVERIFY(end.output.isMap());
    QVERIFY(end.receipt.has_value());
    const Result<steward::jobs::Receipt> receipt = steward::jobs::Receipt::decode(end.receipt->document);
    QVERIFY2(receipt.ok(), describe(receipt).constData());
    QCOMPARE(receipt.value().jobId, job.id);
    QCOMPARE(receipt.value().deviceId, kDevice);
    QCOMPARE(receipt.value().state, QStringLiteral("succeeded"));

    const StoredJob stored = reread(job);
    QCOMPARE(stored.state, QStringLiteral("succeeded"));
    QCOMPARE(stored.plan.size(), 1); // kept for a verification after a crash
    QCOMPARE(stored.reboots, 0);
}

void TestJobExecution::nothingToDoChangesNothing()
{
    m_patcher.planned.items = {item(QStringLiteral("already-installed"), QString())};
    m_patcher.ran.rebootRequired = true;
    const StoredJob job = addJob(rebootOption("if-required"));
    QCOMPARE(execute(job, false), 0);
    QCOMPARE(m_patcher.runs, 0);
    QCOMPARE(m_runningSpooled, 0);
    QVERIFY(m_rebooter.calls.isEmpty());
    QCOMPARE(reread(job).state, QStringLiteral("not-applicable"));
    QVERIFY(!reread(job).startedAt.isValid());
}

void TestJobExecution::restartsOnceAndIsVerifiedAfter()
{
    m_patcher.ran.rebootRequired = true;
    m_patcher.verified.rebootRequired = true; // still wanted after the restart: no second one
    const StoredJob job = addJob(rebootOption("if-required")); // no windows: always open

    QCOMPARE(execute(job, false), 0);
    QCOMPARE(m_rebooter.calls.size(), 1);
    QCOMPARE(m_rebooter.calls.first().delay, std::chrono::seconds(0));
    QCOMPARE(m_rebooter.calls.first().message,
             agentjobs::RebootPolicy::messageFor(agentjobs::RebootDecision::Action::RebootNow, 0));
    StoredJob waiting = reread(job);
    QCOMPARE(waiting.state, QStringLiteral("waiting"));
    QCOMPARE(waiting.reason, QStringLiteral("reboot-pending"));
    QCOMPARE(waiting.reboots, 1);
    QCOMPARE(waiting.rebootAt, m_clock->now());
    QVERIFY(waiting.startedAt.isValid());
    // The server sees what was installed while the machine restarts; nothing is signed yet.
    const protocol::JobEvent told = events().last();
    QCOMPARE(told.state, QStringLiteral("waiting"));
    QCOMPARE(told.reason, QStringLiteral("reboot-pending"));
    QCOMPARE(told.exitCode, std::optional<qint64>(0));
    QCOMPARE(told.items.toArray().size(), 1);
    QVERIFY(told.output.isMap());
    QVERIFY(!told.receipt.has_value());

    // After the restart the job is verified against its plan, and ends.
    m_clock->advance(300);
    QCOMPARE(execute(waiting, true), 0);
    QCOMPARE(m_patcher.runs, 1);
    QCOMPARE(m_patcher.verifications, 1);
    QCOMPARE(m_patcher.verifiedPlan.items.size(), 1);
    QCOMPARE(m_rebooter.calls.size(), 1);
    const StoredJob ended = reread(job);
    QCOMPARE(ended.state, QStringLiteral("succeeded"));
    QCOMPARE(ended.reboots, 1);
    const protocol::JobEvent end = events().last();
    QCOMPARE(end.state, QStringLiteral("succeeded"));
    QVERIFY(end.receipt.has_value());
    QVERIFY2(end.message.contains(QLatin1String("already-rebooted")), qPrintable(end.message));
}

void TestJobExecution::neverPolicyNeverRestarts_data()
{
    QTest::addColumn<QCborMap>("options");
    QTest::newRow("never") << rebootOption("never");
    QTest::newRow("no reboot option") << QCborMap{{QStringLiteral("reboot"), QCborValue()}};
}

void TestJobExecution::neverPolicyNeverRestarts()
{
    QFETCH(QCborMap, options);
    m_patcher.ran.rebootRequired = true;
    const StoredJob job = addJob({}, [&options](steward::jobs::JobEnvelope &envelope) {
        envelope.options.remove(QStringLiteral("reboot"));
        if (!options.value(QStringLiteral("reboot")).isUndefined()) {
            envelope.options.insert(QStringLiteral("reboot"), options.value(QStringLiteral("reboot")));
        }
    });
    QCOMPARE(execute(job, false), 0);
    QVERIFY(m_rebooter.calls.isEmpty());
    const StoredJob ended = reread(job);
    QCOMPARE(ended.state, QStringLiteral("succeeded"));
    QCOMPARE(ended.reboots, 0);
    const protocol::JobEvent end = events().last();
    QVERIFY2(end.message.contains(QLatin1String("a reboot is required")), qPrintable(end.message));
    QVERIFY2(end.message.contains(QLatin1String("policy-never")), qPrintable(end.message));
}

void TestJobExecution::atDeadlineRestartsAtTheDeadline()
{
    m_patcher.ran.rebootRequired = true;
    const StoredJob job = addJob(QCborMap{{QStringLiteral("reboot"), QStringLiteral("at-deadline")},
                                          {QStringLiteral("windows"), saturdayNight()}});
    QCOMPARE(execute(job, false), 0);
    QCOMPARE(m_rebooter.calls.size(), 1);
    // Outside the window, before the deadline a day from now: at the deadline, users warned.
    QCOMPARE(m_rebooter.calls.first().delay, std::chrono::seconds(24 * 3600));
    QCOMPARE(m_rebooter.calls.first().message,
             agentjobs::RebootPolicy::messageFor(agentjobs::RebootDecision::Action::RebootAt,
                                                 job.envelope.deadline.toSecsSinceEpoch()));
    const StoredJob waiting = reread(job);
    QCOMPARE(waiting.state + u'/' + waiting.reason, QStringLiteral("waiting/reboot-pending"));
    QCOMPARE(waiting.rebootAt, job.envelope.deadline);
}

void TestJobExecution::ifRequiredWaitsForAWindowToRestart()
{
    m_patcher.ran.rebootRequired = true;
    m_patcher.verified.rebootRequired = true;
    const StoredJob job = addJob(QCborMap{{QStringLiteral("reboot"), QStringLiteral("if-required")},
                                          {QStringLiteral("windows"), saturdayNight()}});
    QCOMPARE(execute(job, false), 0);
    QVERIFY(m_rebooter.calls.isEmpty());
    StoredJob waiting = reread(job);
    QCOMPARE(waiting.state + u'/' + waiting.reason, QStringLiteral("waiting/reboot-window"));
    QCOMPARE(waiting.reboots, 0);
    QVERIFY(events().last().message.contains(QLatin1String("maintenance window")));

    // Saturday night: JobRunner has it verified, and now it restarts.
    m_clock->set(localTime(4, 23, 0));
    QCOMPARE(execute(waiting, true), 0);
    QCOMPARE(m_patcher.runs, 1);
    QCOMPARE(m_rebooter.calls.size(), 1);
    QCOMPARE(m_rebooter.calls.first().delay, std::chrono::seconds(0));
    waiting = reread(job);
    QCOMPARE(waiting.state + u'/' + waiting.reason, QStringLiteral("waiting/reboot-pending"));
    QCOMPARE(waiting.reboots, 1);
}

void TestJobExecution::windowThatNeverCameEndsTheJob()
{
    m_patcher.ran.rebootRequired = true;
    m_patcher.verified.rebootRequired = true;
    const StoredJob job = addJob(QCborMap{{QStringLiteral("reboot"), QStringLiteral("if-required")},
                                          {QStringLiteral("windows"), saturdayNight()}});
    QCOMPARE(execute(job, false), 0);
    QCOMPARE(reread(job).reason, QStringLiteral("reboot-window"));

    m_clock->set(job.envelope.expiresAt); // verified at its expiry, outside any window
    QCOMPARE(execute(reread(job), true), 0);
    QVERIFY(m_rebooter.calls.isEmpty());
    QCOMPARE(reread(job).state, QStringLiteral("succeeded"));
    QVERIFY(events().last().message.contains(QLatin1String("expired")));
}

void TestJobExecution::serversRestartOnlyWhenTheJobAllows()
{
    m_patcher.ran.rebootRequired = true;
    const StoredJob workstationsOnly = addJob(rebootOption("if-required"));
    QCOMPARE(execute(workstationsOnly, false, true), 0);
    QVERIFY(m_rebooter.calls.isEmpty());
    QCOMPARE(reread(workstationsOnly).state, QStringLiteral("succeeded"));
    QVERIFY(events().last().message.contains(QLatin1String("(server)")));

    const StoredJob serversToo = addJob(
        QCborMap{{QStringLiteral("reboot"), QStringLiteral("if-required")}, {QStringLiteral("allowServers"), true}});
    QCOMPARE(execute(serversToo, false, true), 0);
    QCOMPARE(m_rebooter.calls.size(), 1);
    QCOMPARE(reread(serversToo).reason, QStringLiteral("reboot-pending"));
}

void TestJobExecution::failedRunNeverRestarts()
{
    m_patcher.ran.state = QStringLiteral("failed");
    m_patcher.ran.reason = QStringLiteral("apt.failed");
    m_patcher.ran.exitCode = 100;
    m_patcher.ran.rebootRequired = true;
    const StoredJob job = addJob(rebootOption("if-required"));
    QCOMPARE(execute(job, false), 0);
    QVERIFY(m_rebooter.calls.isEmpty());
    QCOMPARE(reread(job).state + u'/' + reread(job).reason, QStringLiteral("failed/apt.failed"));
}

void TestJobExecution::failedRestartEndsTheJob()
{
    m_patcher.ran.rebootRequired = true;
    m_rebooter.failure = makeError(QStringLiteral("reboot.failed"), QStringLiteral("shutdown exited with 1"));
    const StoredJob job = addJob(rebootOption("if-required"));
    QCOMPARE(execute(job, false), 0);
    QCOMPARE(m_rebooter.calls.size(), 1);
    const StoredJob ended = reread(job);
    QCOMPARE(ended.state, QStringLiteral("succeeded"));
    QCOMPARE(ended.reboots, 1); // counted: it is never tried again for this job
    const QList<protocol::JobEvent> spooled = events();
    QCOMPARE(spooled.at(spooled.size() - 2).reason, QStringLiteral("reboot-pending"));
    QVERIFY(spooled.last().receipt.has_value());
    QVERIFY2(spooled.last().message.contains(QLatin1String("shutdown exited with 1")),
             qPrintable(spooled.last().message));
}

void TestJobExecution::withoutRebooterNothingRestarts()
{
    m_patcher.ran.rebootRequired = true;
    const StoredJob job = addJob(rebootOption("if-required"));
    const JobExecution execution{*m_queue, m_patcher, *m_clock, kDevice, m_deviceKey, nullptr, false, {}};
    QCOMPARE(execution.run(job, false), 0);
    QCOMPARE(reread(job).state, QStringLiteral("succeeded"));
    QCOMPARE(events().last().message, QStringLiteral("a reboot is required to finish"));
}

QTEST_GUILESS_MAIN(TestJobExecution)
#include "TestJobExecution.moc"
