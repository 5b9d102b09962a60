// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRunner.h"

#include "Clock.h"
#include "JobQueue.h"
#include "ProcessCommandRunner.h"
#include "StewardAgentLogging.h"
#include "jobs/JobStates.h"
#include "jobs/MaintenanceWindow.h"

#include <csignal>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace steward::agent
{

namespace
{
protocol::JobEvent stateEvent(const QString &state, const QString &reason, const QString &message)
{
    protocol::JobEvent event;
    event.state = state;
    event.reason = reason;
    event.message = message;
    return event;
}

const QString kWaiting = QStringLiteral("waiting");
// The reasons JobExecution leaves a job that ran `waiting` with.
const QString kRebootPending = QStringLiteral("reboot-pending");
const QString kRebootWindow = QStringLiteral("reboot-window");

// It ran, and waits for the restart it scheduled.
bool awaitsRestart(const StoredJob &job)
{
    return job.startedAt.isValid() && job.state == kWaiting && job.reason == kRebootPending;
}

// Windows that cannot be read never open: ignoring them would run a job when its operator said not to.
bool windowOpen(const StoredJob &job, const QDateTime &now)
{
    const Result<QList<steward::jobs::MaintenanceWindow>> windows =
        steward::jobs::windowsFromCbor(job.envelope.options.value(QLatin1String("windows")));
    return windows && steward::jobs::isOpen(windows.value(), now.toLocalTime());
}
}

JobRunner::JobRunner(JobQueue &queue, const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_process.setProgram(m_options.program);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardInputFile(QProcess::nullDevice());
    // The child spools its own events; a line on its output says one is waiting to be sent.
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_process.readAllStandardOutput().contains('\n')) { // a line each: kEventSpooledLine
            Q_EMIT eventSpooled();
        }
    });
    const pid_t agent = ::getpid();
    m_process.setChildProcessModifier([agent] {
        // Its own process group, so that the runtime cap stops the package manager under it too.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The agent runs with umask 077, nice 10 and idle I/O (its unit) so that inventory never
        // disturbs anyone. Package managers and their maintainer scripts must not inherit that:
        // files they create would be unreadable to users, and installs would crawl.
        ::umask(022);
        ::setpriority(PRIO_PROCESS, 0, 0);
        constexpr int kIoprioWhoProcess = 1, kIoprioClassBestEffort = 2, kIoprioClassShift = 13;
        ::syscall(SYS_ioprio_set, kIoprioWhoProcess, 0, (kIoprioClassBestEffort << kIoprioClassShift) | 4);
        if (::getppid() != agent) {
            ::_exit(127);
        }
    });
    connect(&m_process, &QProcess::finished, this, &JobRunner::onExited);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            qCWarning(lcAgent).noquote() << "cannot start job" << m_runningId << ":" << m_process.errorString();
            onExited(-1, QProcess::CrashExit);
        }
    });
    m_tick.setInterval(m_options.tick);
    connect(&m_tick, &QTimer::timeout, this, &JobRunner::wake);
    m_runtimeCap.setSingleShot(true);
    connect(&m_runtimeCap, &QTimer::timeout, this, [this] {
        qCWarning(lcAgent).noquote() << "job" << m_runningId << "still running at its runtime cap; stopping it";
        m_endedBy = QStringLiteral("timed-out");
        killRunning();
    });
}

JobRunner::~JobRunner()
{
    disconnect(&m_process, nullptr, this, nullptr);
    if (isRunning()) {
        killRunning();
        m_process.waitForFinished(2000);
    }
}

std::chrono::seconds JobRunner::runtimeCap(const StoredJob &job, const Options &options)
{
    const QCborValue asked = job.envelope.options.value(QLatin1String("maxRuntimeSeconds"));
    const qint64 seconds = asked.isInteger() ? asked.toInteger() : qint64(options.defaultRuntime.count());
    const qint64 maximum = options.maximumRuntime.count();
    // std::clamp needs its floor at or below its ceiling.
    return std::chrono::seconds(std::clamp<qint64>(seconds, std::min<qint64>(60, maximum), maximum));
}

void JobRunner::start()
{
    // A restart a job scheduled has come (or the agent alone was restarted): either way what the
    // job left is verified now, not when the restart it no longer waits for is overdue.
    for (const StoredJob &job : m_queue.unfinished()) {
        if (awaitsRestart(job)) {
            m_restarted.insert(job.id);
        }
    }
    m_tick.start();
    wake();
}

bool JobRunner::verificationDue(const StoredJob &job, const QDateTime &now) const
{
    if (now >= job.envelope.expiresAt) {
        return true; // it waits no longer: what it left is its result
    }
    if (awaitsRestart(job)) {
        return m_restarted.contains(job.id) || !job.rebootAt.isValid()
            || now >= job.rebootAt.addSecs(std::chrono::seconds(kRestartOverdue).count());
    }
    if (job.state == kWaiting && job.reason == kRebootWindow) {
        return windowOpen(job, now);
    }
    return true;
}

void JobRunner::record(const StoredJob &job, const QString &state, const QString &reason, const QString &message)
{
    if (job.state == state && job.reason == reason) {
        return;
    }
    if (Status recorded = m_queue.transition(job.id, stateEvent(state, reason, message), m_clock.now()); !recorded) {
        qCWarning(lcAgent).noquote() << "cannot record job" << job.id << state << ":" << recorded.error().message;
        return;
    }
    qCInfo(lcAgent).noquote() << "job" << job.id << "is" << state
                              << (reason.isEmpty() ? QString() : u'(' + reason + u')');
    Q_EMIT eventSpooled();
    if (steward::jobs::isFinalDeviceJobState(state)) {
        Q_EMIT jobEnded(job.id, job.envelope.kind);
    }
}

void JobRunner::wake()
{
    if (isRunning()) {
        return;
    }
    const QDateTime now = m_clock.now();
    const QList<StoredJob> jobs = m_queue.unfinished();
    QDateTime restart; // the earliest restart a job scheduled and still waits for
    for (const StoredJob &job : jobs) {
        // Interrupted, or its restart or window came: what happened is checked, never redone.
        if (job.state == QLatin1String("running") || (job.startedAt.isValid() && verificationDue(job, now))) {
            startJob(job, true);
            return;
        }
        if (awaitsRestart(job) && (!restart.isValid() || job.rebootAt < restart)) {
            restart = job.rebootAt;
        }
    }
    for (const StoredJob &job : jobs) {
        if (job.startedAt.isValid()) {
            continue; // ran already: waits for its restart or window (above)
        }
        if (now >= job.envelope.expiresAt) {
            record(job,
                   QStringLiteral("expired"),
                   QStringLiteral("job.expired"),
                   QStringLiteral("the job expired before it could run"));
            continue;
        }
        if (job.envelope.notBefore.isValid() && now < job.envelope.notBefore) {
            record(job,
                   QStringLiteral("waiting"),
                   QStringLiteral("not-before"),
                   QStringLiteral("waiting until %1").arg(job.envelope.notBefore.toString(Qt::ISODate)));
            continue;
        }
        const bool pastDeadline = job.envelope.deadline.isValid() && now >= job.envelope.deadline;
        if (!pastDeadline && !windowOpen(job, now)) {
            const Result<QList<steward::jobs::MaintenanceWindow>> windows =
                steward::jobs::windowsFromCbor(job.envelope.options.value(QLatin1String("windows")));
            const QDateTime opens =
                windows ? steward::jobs::nextOpening(windows.value(), now.toLocalTime()) : QDateTime();
            record(job,
                   QStringLiteral("waiting"),
                   QStringLiteral("maintenance-window"),
                   QStringLiteral("waiting for a maintenance window (next opens %1)").arg(opens.toString(Qt::ISODate)));
            continue;
        }
        if (restart.isValid() && now.addSecs(runtimeCap(job, m_options).count()) > restart) {
            // It could still be running when the machine goes down, and be cut off mid-install.
            record(job,
                   QStringLiteral("waiting"),
                   QStringLiteral("another-job"),
                   QStringLiteral("waiting for the restart at %1 that another job scheduled")
                       .arg(restart.toLocalTime().toString(Qt::ISODate)));
            continue;
        }
        startJob(job, false);
        return;
    }
    if (Status pruned = m_queue.prune(now); !pruned) {
        qCWarning(lcAgent).noquote() << pruned.error().message;
    }
}

void JobRunner::startJob(const StoredJob &job, bool verify)
{
    m_verifying = verify;
    m_runningId = job.id;
    m_runningKind = job.envelope.kind;
    m_endedBy.clear();
    QStringList arguments = m_options.arguments;
    arguments << QStringLiteral("job-exec") << QStringLiteral("--id") << job.id;
    if (verify) {
        arguments << QStringLiteral("--verify");
    }
    qCInfo(lcAgent).noquote() << (verify ? "verifying interrupted job" : "starting job") << job.id << "("
                              << job.envelope.kind << ")";
    m_process.setArguments(arguments);
    m_runtimeCap.start(std::chrono::duration_cast<std::chrono::milliseconds>(runtimeCap(job, m_options)));
    m_process.start();
}

void JobRunner::killRunning()
{
    const qint64 pid = m_process.processId();
    if (pid > 0) {
        ::kill(-pid_t(pid), SIGKILL);
    }
    m_process.kill();
}

void JobRunner::cancel(const QString &id)
{
    const std::optional<StoredJob> job = m_queue.find(id);
    if (!job || steward::jobs::isFinalDeviceJobState(job->state)) {
        return;
    }
    if (isRunning() && m_runningId == id) {
        qCInfo(lcAgent).noquote() << "cancelling running job" << id;
        m_endedBy = QStringLiteral("cancelled");
        killRunning(); // onExited records it
        return;
    }
    record(*job,
           QStringLiteral("cancelled"),
           QString(),
           job->startedAt.isValid()
               ? QStringLiteral("cancelled after it ran; a restart it scheduled already still happens")
               : QStringLiteral("cancelled before it started"));
}

void JobRunner::onExited(int exitCode, QProcess::ExitStatus status)
{
    m_runtimeCap.stop();
    const QString id = std::exchange(m_runningId, QString());
    const QString endedBy = std::exchange(m_endedBy, QString());
    const std::optional<StoredJob> job = m_queue.find(id);
    if (job && !steward::jobs::isFinalDeviceJobState(job->state)) {
        if (endedBy == QLatin1String("timed-out")) {
            record(
                *job,
                QStringLiteral("timed-out"),
                QStringLiteral("runtime-cap"),
                QStringLiteral("stopped after %1 s, the job's runtime cap").arg(runtimeCap(*job, m_options).count()));
        } else if (endedBy == QLatin1String("cancelled")) {
            record(*job,
                   QStringLiteral("cancelled"),
                   QStringLiteral("cancelled-while-running"),
                   QStringLiteral("stopped while it ran"));
        } else if (status == QProcess::NormalExit && exitCode == 0 && job->startedAt.isValid() && job->state == kWaiting
                   && (job->reason == kRebootPending || job->reason == kRebootWindow)) {
            Q_EMIT eventSpooled(); // it ran and left the job waiting to restart the machine
        } else if (job->state == QLatin1String("running") && !m_verifying) {
            // It may have installed everything and only failed to record the end: what is
            // installed decides, as after a crash of the agent; never run it again.
            qCWarning(lcAgent).noquote() << "job" << id << "ended without a result; verifying it";
            Q_EMIT eventSpooled();
            startJob(*job, true);
            return;
        } else {
            record(*job,
                   QStringLiteral("failed"),
                   QStringLiteral("job.crashed"),
                   status == QProcess::CrashExit
                       ? QStringLiteral("the job process died")
                       : QStringLiteral("the job process ended with exit code %1 without a result").arg(exitCode));
        }
    } else if (job) {
        Q_EMIT eventSpooled(); // the child spooled the events
        Q_EMIT jobEnded(job->id, job->envelope.kind);
    }
    wake();
}

} // namespace steward::agent
