// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace steward
{
class Clock;
}

namespace steward::agent
{
class JobQueue;
struct StoredJob;

// Runs the spooled jobs on the agent's own clock, with or without a link (docs/jobs.md,
// "Delivery"): one at a time, oldest first; a job waits (with its reason) until its not-before
// time and, before its deadline, for one of its maintenance windows; a job past its expiry is
// never started. Each job runs in `steward-agent job-exec --id ID` in its own process group,
// killed at the job's runtime cap so the queue moves on. A job found `running` at start (the
// agent was killed or the machine rebooted) is verified by `job-exec --verify`, never run again.
//
// Restarts (JobExecution): a job that ran and left the machine waiting for a restart it scheduled
// (`reboot-pending`) is verified once the agent starts again, or when the restart is well overdue;
// until then no other job starts that could still be running when the restart comes. One waiting
// for a maintenance window to restart in (`reboot-window`) is verified when a window opens, which
// decides the restart again. A job that ran is never started a second time.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString program; // steward-agent itself
        QStringList arguments; // given to every job-exec: --data-dir, --config
        // Used when a job names none, and the most any job may ask for.
        std::chrono::seconds defaultRuntime = std::chrono::hours(1);
        std::chrono::seconds maximumRuntime = std::chrono::hours(12);
        // How often waiting jobs are looked at again.
        std::chrono::milliseconds tick = std::chrono::seconds(30);
    };

    // What `job-exec` prints on its standard output when it spooled an event mid-job.
    static constexpr const char *kEventSpooledLine = "event-spooled\n";

    JobRunner(JobQueue &queue, const Clock &clock, Options options, QObject *parent = nullptr);
    ~JobRunner() override;

    // Verifies an interrupted job, then starts what is due.
    void start();
    // A job arrived, or time passed: starts the next due job unless one runs.
    void wake();
    // Best effort: a job not started is cancelled; a running one is killed, then cancelled.
    void cancel(const QString &id);

    bool isRunning() const
    {
        return m_process.state() != QProcess::NotRunning;
    }
    QString runningJobId() const
    {
        return m_runningId;
    }

    // The runtime cap of a job: its options' maxRuntimeSeconds within [60 s, maximumRuntime] (or
    // maximumRuntime itself when that is below a minute).
    static std::chrono::seconds runtimeCap(const StoredJob &job, const Options &options);

    // How long after its due time a restart that did not come stops holding its job back.
    static constexpr std::chrono::minutes kRestartOverdue{15};

Q_SIGNALS:
    // A job event was spooled: the agent should send it.
    void eventSpooled();
    // A job ended (whatever its state): e.g. a patch job asks for a fresh patch report.
    void jobEnded(const QString &id, const QString &kind);

private:
    void startJob(const StoredJob &job, bool verify);
    void onExited(int exitCode, QProcess::ExitStatus status);
    void killRunning();
    // Whether a job that ran already (and waits for a restart or a window) is to be verified now.
    bool verificationDue(const StoredJob &job, const QDateTime &now) const;
    // Records a state unless the job is in it already (no repeated "waiting" events).
    void record(const StoredJob &job, const QString &state, const QString &reason, const QString &message);

    JobQueue &m_queue;
    const Clock &m_clock;
    Options m_options;
    QProcess m_process;
    QTimer m_tick;
    QTimer m_runtimeCap;
    QString m_runningId;
    QString m_runningKind;
    QString m_endedBy; // the state the runner gave the job it killed: timed-out or cancelled
    bool m_verifying = false; // the running child only verifies
    QSet<QString> m_restarted; // jobs that waited for a restart when this agent started
};

} // namespace steward::agent
