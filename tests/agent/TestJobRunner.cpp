// SPDX-License-Identifier: GPL-3.0-or-later
// JobRunner with real child processes: a small stand-in for `steward-agent job-exec`
// (JobExecHelper.cpp) that hangs, crashes or records a state as each test tells it to, on the
// same spool file the runner reads. Time is a ManualClock; only the runtime cap is real time.
#include "JobQueue.h"
#include "JobRunner.h"
#include "JobSigning.h"
#include "ManualClock.h"
#include "ResultDescription.h"
#include "Spool.h"
#include "jobs/MaintenanceWindow.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <functional>
#include <memory>

using namespace std::chrono_literals;
using namespace steward;
using namespace steward::agent;
using steward::test::describe;
using steward::test::ManualClock;
using steward::test::jobsigning::Signers;

namespace
{
const QString kDevice = QStringLiteral("device-0001");
const QStringList kTargets{kDevice};

// A Wednesday noon on the machine's own clock: maintenance windows are local time.
QDateTime wednesdayNoon()
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::LocalTime).toUTC();
}

QDateTime localTime(int day, int hour, int minute)
{
    return QDateTime(QDate(2024, 5, day), QTime(hour, minute), Qt::LocalTime).toUTC();
}

bool processGone(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}
}

class TestJobRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void runsJobsOneAfterAnother();
    void runtimeCapStopsAStuckJobAndTheQueueMovesOn();
    void exitWithoutAResultIsACrash();
    void jobLeftRunningIsVerifiedAtStart();
    void runningChildWithoutAResultIsVerified();
    void verificationThatRecordsNothingFails();
    void cancelStopsTheRunningJob();
    void cancelBeforeItStarts();
    void runningIsSentWhileTheJobRuns();
    void notBeforeInTheFutureWaits();
    void closedMaintenanceWindowWaits();
    void expiredJobNeverStarts();
    void childWaitingForItsRestartIsNoCrash();
    void restartFarAheadLetsShortJobsRun();
    void overdueRestartIsVerified();
    void restartWindowIsVerifiedWhenItOpens();
    void runtimeCap_data();
    void runtimeCap();

private:
    // A job signed for this device, `change` applied to its envelope first; returns its id.
    QString addJob(const std::function<void(steward::jobs::JobEnvelope &)> &change = {});
    // What the stand-in does when the job runs, and when it is verified.
    void setMode(const QString &id, const QString &run, const QString &verify = QString());
    QStringList invocations() const;
    qint64 pidOf(const QString &id) const;
    QString state(const QString &id) const
    {
        const std::optional<StoredJob> job = m_queue->find(id);
        return job ? job->state + u'/' + job->reason : QString();
    }
    JobRunner &startRunner();
    // Simulates an earlier agent that ran the job and left it `waiting` for `reason`.
    void leaveWaitingAfterRun(const QString &id, const QString &reason, const QDateTime &rebootAt = QDateTime());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Spool> m_spool;
    std::unique_ptr<JobQueue> m_queue;
    Signers m_signers;
    std::unique_ptr<ManualClock> m_clock;
    JobRunner::Options m_options;
    std::unique_ptr<JobRunner> m_runner;
};

void TestJobRunner::init()
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

    m_options = JobRunner::Options();
    m_options.program = QStringLiteral(STEWARD_TEST_JOB_EXEC);
    m_options.arguments = {QStringLiteral("--dir"), m_dir->path()};
    m_options.maximumRuntime = 10s; // ample for the stand-in; the cap test lowers it
    m_options.tick = 50ms;
}

void TestJobRunner::cleanup()
{
    m_runner.reset(); // kills a child still running
    m_queue.reset();
    m_spool.reset();
    m_dir.reset();
}

QString TestJobRunner::addJob(const std::function<void(steward::jobs::JobEnvelope &)> &change)
{
    steward::jobs::JobEnvelope envelope = m_signers.patchJob(kTargets, m_clock->now());
    if (change) {
        change(envelope);
    }
    Result<JobQueue::Received> received =
        m_queue->receive(m_signers.offer(envelope, kTargets, kDevice), m_clock->now());
    if (!received || !received.value().accepted) {
        qWarning() << "job not accepted:" << describe(received) << (received ? received.value().reason : QString());
        return QString();
    }
    return envelope.id;
}

void TestJobRunner::setMode(const QString &id, const QString &run, const QString &verify)
{
    for (const auto &[suffix, mode] :
         {std::pair{QStringLiteral(".run"), run}, std::pair{QStringLiteral(".verify"), verify}}) {
        if (mode.isEmpty()) {
            continue;
        }
        QFile file(m_dir->filePath(id + suffix));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(mode.toUtf8()) > 0);
    }
}

QStringList TestJobRunner::invocations() const
{
    QFile file(m_dir->filePath(QStringLiteral("invocations.log")));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

qint64 TestJobRunner::pidOf(const QString &id) const
{
    QFile file(m_dir->filePath(id + QStringLiteral(".pid")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

JobRunner &TestJobRunner::startRunner()
{
    m_runner = std::make_unique<JobRunner>(*m_queue, *m_clock, m_options);
    m_runner->start();
    return *m_runner;
}

void TestJobRunner::leaveWaitingAfterRun(const QString &id, const QString &reason, const QDateTime &rebootAt)
{
    protocol::JobEvent running;
    running.state = QStringLiteral("running");
    QVERIFY(m_queue->transition(id, running, m_clock->now()).ok());
    if (rebootAt.isValid()) {
        QVERIFY(m_queue->countReboot(id, rebootAt).ok());
    }
    protocol::JobEvent waiting;
    waiting.state = QStringLiteral("waiting");
    waiting.reason = reason;
    QVERIFY(m_queue->transition(id, waiting, m_clock->now()).ok());
}

void TestJobRunner::runsJobsOneAfterAnother()
{
    const QString first = addJob();
    const QString second = addJob();
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    setMode(first, QStringLiteral("record:succeeded"));
    setMode(second, QStringLiteral("record:not-applicable"));

    JobRunner runner(*m_queue, *m_clock, m_options);
    QSignalSpy ended(&runner, &JobRunner::jobEnded);
    runner.start();
    QTRY_COMPARE(ended.size(), 2);
    QCOMPARE(state(first), QStringLiteral("succeeded/"));
    QCOMPARE(state(second), QStringLiteral("not-applicable/"));
    QCOMPARE(invocations(), (QStringList{first, second}));
    QCOMPARE(ended.at(0), (QVariantList{first, QStringLiteral("patch")}));
    QCOMPARE(ended.at(1), (QVariantList{second, QStringLiteral("patch")}));
    QVERIFY(!runner.isRunning());
}

void TestJobRunner::runtimeCapStopsAStuckJobAndTheQueueMovesOn()
{
    m_options.maximumRuntime = 1s;
    const QString stuck = addJob();
    const QString next = addJob();
    setMode(stuck, QStringLiteral("sleep"));
    setMode(next, QStringLiteral("record:succeeded"));

    JobRunner &runner = startRunner();
    QTRY_COMPARE(runner.runningJobId(), stuck);
    QTRY_COMPARE_WITH_TIMEOUT(state(stuck), QStringLiteral("timed-out/runtime-cap"), 10000);
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/"));
    // The whole process group went, not just the child the runner knows of.
    QVERIFY(processGone(pidOf(stuck)));
    QCOMPARE(invocations(), (QStringList{stuck, next}));
    QCOMPARE(m_queue->find(stuck)->state, QStringLiteral("timed-out"));
}

void TestJobRunner::exitWithoutAResultIsACrash()
{
    const QString id = addJob();
    setMode(id, QStringLiteral("exit:3"));
    JobRunner &runner = startRunner();
    QSignalSpy ended(&runner, &JobRunner::jobEnded);
    QTRY_COMPARE(state(id), QStringLiteral("failed/job.crashed"));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(invocations(), QStringList{id}); // never started again
}

void TestJobRunner::jobLeftRunningIsVerifiedAtStart()
{
    const QString interrupted = addJob();
    const QString next = addJob();
    protocol::JobEvent running;
    running.state = QStringLiteral("running");
    QVERIFY(m_queue->transition(interrupted, running, m_clock->now()).ok());
    setMode(interrupted, QStringLiteral("record:failed"), QStringLiteral("record:succeeded"));

    startRunner();
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/"));
    QCOMPARE(state(interrupted), QStringLiteral("succeeded/"));
    QCOMPARE(invocations(), (QStringList{interrupted + QStringLiteral(" --verify"), next}));
}

// The child got past `running` (the system may have changed) and died without its end: what is
// installed decides, it is not run again.
void TestJobRunner::runningChildWithoutAResultIsVerified()
{
    const QString id = addJob();
    const QString next = addJob();
    setMode(id, QStringLiteral("running-exit:1"), QStringLiteral("record:succeeded"));
    startRunner();
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/"));
    QCOMPARE(state(id), QStringLiteral("succeeded/"));
    QCOMPARE(invocations(), (QStringList{id, id + QStringLiteral(" --verify"), next}));
}

void TestJobRunner::verificationThatRecordsNothingFails()
{
    const QString id = addJob();
    protocol::JobEvent running;
    running.state = QStringLiteral("running");
    QVERIFY(m_queue->transition(id, running, m_clock->now()).ok());
    setMode(id, QStringLiteral("record:succeeded"), QStringLiteral("exit:0"));

    startRunner();
    QTRY_COMPARE(state(id), QStringLiteral("failed/job.crashed"));
    QCOMPARE(invocations(), QStringList{id + QStringLiteral(" --verify")});
}

void TestJobRunner::cancelStopsTheRunningJob()
{
    const QString id = addJob();
    const QString next = addJob();
    setMode(id, QStringLiteral("sleep"));
    setMode(next, QStringLiteral("record:succeeded"));

    JobRunner &runner = startRunner();
    QTRY_VERIFY(pidOf(id) > 0); // started, and in its own code
    QCOMPARE(runner.runningJobId(), id);
    runner.cancel(id);
    QTRY_COMPARE(state(id), QStringLiteral("cancelled/cancelled-while-running"));
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/"));
    QVERIFY(processGone(pidOf(id)));
}

// The child spools `running` itself; the agent must send it then, not when the job ends hours later.
void TestJobRunner::runningIsSentWhileTheJobRuns()
{
    const QString id = addJob();
    setMode(id, QStringLiteral("running"));
    JobRunner &runner = startRunner();
    QSignalSpy spooled(&runner, &JobRunner::eventSpooled);
    QTRY_VERIFY(spooled.count() >= 1);
    QCOMPARE(state(id), QStringLiteral("running/"));
    QCOMPARE(runner.runningJobId(), id); // still going
    runner.cancel(id);
    QTRY_COMPARE(state(id), QStringLiteral("cancelled/cancelled-while-running"));
}

void TestJobRunner::cancelBeforeItStarts()
{
    const QString id = addJob([this](steward::jobs::JobEnvelope &envelope) {
        envelope.notBefore = m_clock->now().addSecs(3600);
    });
    JobRunner &runner = startRunner();
    QCOMPARE(state(id), QStringLiteral("waiting/not-before"));
    runner.cancel(id);
    QCOMPARE(state(id), QStringLiteral("cancelled/"));
    m_clock->advance(7200);
    runner.wake();
    QVERIFY(!runner.isRunning());
    QVERIFY(invocations().isEmpty());
}

void TestJobRunner::notBeforeInTheFutureWaits()
{
    const QString later = addJob([this](steward::jobs::JobEnvelope &envelope) {
        envelope.notBefore = m_clock->now().addSecs(3600);
    });
    const QString now = addJob();

    JobRunner &runner = startRunner();
    QSignalSpy spooled(&runner, &JobRunner::eventSpooled);
    QCOMPARE(state(later), QStringLiteral("waiting/not-before"));
    // A waiting job does not hold up the queue.
    QTRY_COMPARE(state(now), QStringLiteral("succeeded/"));
    QTRY_COMPARE(spooled.size(), 1); // its end, told by the runner once the child is gone
    for (int i = 0; i < 5; ++i) {
        runner.wake();
    }
    QCOMPARE(state(later), QStringLiteral("waiting/not-before"));
    QCOMPARE(invocations(), QStringList{now});
    QCOMPARE(spooled.size(), 1); // the wait was told once, before
    qsizetype waitingEvents = 0;
    for (std::optional<Spool::Entry> entry = m_spool->oldest(); entry; entry = m_spool->after(entry->sequence)) {
        const protocol::JobEvent event = protocol::JobEvent::fromCbor(entry->message).value();
        waitingEvents += event.id == later && event.state == QLatin1String("waiting") ? 1 : 0;
    }
    QCOMPARE(waitingEvents, 1);

    m_clock->advance(3600);
    runner.wake();
    QTRY_COMPARE(state(later), QStringLiteral("succeeded/"));
    QCOMPARE(invocations(), (QStringList{now, later}));
}

void TestJobRunner::closedMaintenanceWindowWaits()
{
    const QString id = addJob([](steward::jobs::JobEnvelope &envelope) {
        envelope.deadline = QDateTime(); // a deadline would override the window
        const steward::jobs::MaintenanceWindow saturday =
            steward::jobs::MaintenanceWindow::parse(QStringLiteral("Sat 22:00-02:00")).value();
        envelope.options.insert(QStringLiteral("windows"), steward::jobs::windowsToCbor({saturday}));
    });
    JobRunner &runner = startRunner();
    QCOMPARE(state(id), QStringLiteral("waiting/maintenance-window"));
    m_clock->set(localTime(4, 21, 59)); // Saturday, a minute early
    runner.wake();
    QVERIFY(!runner.isRunning());
    m_clock->set(localTime(4, 22, 30));
    runner.wake();
    QTRY_COMPARE(state(id), QStringLiteral("succeeded/"));
}

void TestJobRunner::expiredJobNeverStarts()
{
    const QString id = addJob();
    m_clock->advance(8 * 24 * 3600); // it expires a week after it was signed
    JobRunner &runner = startRunner();
    QCOMPARE(state(id), QStringLiteral("expired/job.expired"));
    QVERIFY(!runner.isRunning());
    QVERIFY(invocations().isEmpty());
}

void TestJobRunner::childWaitingForItsRestartIsNoCrash()
{
    const QString restarting = addJob();
    const QString next = addJob();
    setMode(restarting,
            QStringLiteral("reboot-pending:%1").arg(m_clock->now().toSecsSinceEpoch()),
            QStringLiteral("record:succeeded"));

    JobRunner *runner = &startRunner();
    QSignalSpy ended(runner, &JobRunner::jobEnded);
    QSignalSpy spooled(runner, &JobRunner::eventSpooled);
    QTRY_COMPARE(state(restarting), QStringLiteral("waiting/reboot-pending"));
    QTRY_VERIFY(!runner->isRunning());
    QVERIFY(spooled.size() >= 1);
    QCOMPARE(ended.size(), 0);
    // The restart is due now: nothing else starts, and the job that ran never runs again.
    QTRY_COMPARE(state(next), QStringLiteral("waiting/another-job"));
    for (int i = 0; i < 5; ++i) {
        runner->wake();
    }
    QVERIFY(!runner->isRunning());
    QCOMPARE(state(restarting), QStringLiteral("waiting/reboot-pending"));
    QCOMPARE(invocations(), QStringList{restarting});

    // The machine restarted: a new agent verifies what the job left, then the queue goes on.
    m_runner.reset();
    m_clock->advance(120);
    runner = &startRunner();
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/"));
    QCOMPARE(state(restarting), QStringLiteral("succeeded/"));
    QCOMPARE(invocations(), (QStringList{restarting, restarting + QStringLiteral(" --verify"), next}));
}

void TestJobRunner::restartFarAheadLetsShortJobsRun()
{
    const QString restarting = addJob();
    const QString next = addJob();
    setMode(restarting, QStringLiteral("reboot-pending:%1").arg(m_clock->now().addSecs(3600).toSecsSinceEpoch()));

    JobRunner &runner = startRunner();
    // Capped at 10 s, the next job ends long before the restart an hour from now.
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/"));
    QTRY_VERIFY(!runner.isRunning());
    QCOMPARE(state(restarting), QStringLiteral("waiting/reboot-pending"));
    QCOMPARE(invocations(), (QStringList{restarting, next}));
}

void TestJobRunner::overdueRestartIsVerified()
{
    const QString id = addJob();
    setMode(id,
            QStringLiteral("reboot-pending:%1").arg(m_clock->now().toSecsSinceEpoch()),
            QStringLiteral("record:succeeded"));
    JobRunner &runner = startRunner();
    QTRY_COMPARE(state(id), QStringLiteral("waiting/reboot-pending"));
    QTRY_VERIFY(!runner.isRunning());
    runner.wake();
    QVERIFY(!runner.isRunning());

    m_clock->advance(std::chrono::seconds(JobRunner::kRestartOverdue).count() - 60);
    runner.wake();
    QVERIFY(!runner.isRunning());
    // The restart never came (cancelled by someone at the machine): what was installed is the result.
    m_clock->advance(120);
    runner.wake();
    QTRY_COMPARE(state(id), QStringLiteral("succeeded/"));
    QCOMPARE(invocations(), (QStringList{id, id + QStringLiteral(" --verify")}));
}

void TestJobRunner::restartWindowIsVerifiedWhenItOpens()
{
    const QString id = addJob([](steward::jobs::JobEnvelope &envelope) {
        const steward::jobs::MaintenanceWindow saturday =
            steward::jobs::MaintenanceWindow::parse(QStringLiteral("Sat 22:00-02:00")).value();
        envelope.options.insert(QStringLiteral("windows"), steward::jobs::windowsToCbor({saturday}));
        envelope.options.insert(QStringLiteral("reboot"), QStringLiteral("if-required"));
    });
    leaveWaitingAfterRun(id, QStringLiteral("reboot-window"));
    const QString next = addJob();

    JobRunner &runner = startRunner();
    QTRY_COMPARE(state(next), QStringLiteral("succeeded/")); // no restart is scheduled yet
    QCOMPARE(state(id), QStringLiteral("waiting/reboot-window"));
    // The result is recorded before the runner is done with the job: let it settle.
    QTRY_VERIFY(!runner.isRunning());
    // Past the deadline, too: if-required restarts only inside a window.
    m_clock->set(localTime(3, 12, 0));
    runner.wake();
    QVERIFY(!runner.isRunning());
    QCOMPARE(invocations(), QStringList{next});

    m_clock->set(localTime(4, 23, 0));
    runner.wake();
    QTRY_COMPARE(state(id), QStringLiteral("succeeded/"));
    QCOMPARE(invocations(), (QStringList{next, id + QStringLiteral(" --verify")}));
}

void TestJobRunner::runtimeCap_data()
{
    QTest::addColumn<QCborValue>("asked");
    QTest::addColumn<qint64>("maximum");
    QTest::addColumn<qint64>("cap");
    QTest::newRow("none asked: the default") << QCborValue() << qint64(12 * 3600) << qint64(3600);
    QTest::newRow("within bounds") << QCborValue(7200) << qint64(12 * 3600) << qint64(7200);
    QTest::newRow("at least a minute") << QCborValue(5) << qint64(12 * 3600) << qint64(60);
    QTest::newRow("at most the maximum") << QCborValue(86400) << qint64(12 * 3600) << qint64(12 * 3600);
    QTest::newRow("a maximum below a minute wins") << QCborValue(600) << qint64(2) << qint64(2);
}

void TestJobRunner::runtimeCap()
{
    QFETCH(QCborValue, asked);
    QFETCH(qint64, maximum);
    QFETCH(qint64, cap);
    StoredJob job;
    if (!asked.isUndefined()) {
        job.envelope.options.insert(QStringLiteral("maxRuntimeSeconds"), asked);
    }
    JobRunner::Options options;
    options.maximumRuntime = std::chrono::seconds(maximum);
    QCOMPARE(JobRunner::runtimeCap(job, options).count(), cap);
}

QTEST_GUILESS_MAIN(TestJobRunner)
#include "TestJobRunner.moc"
