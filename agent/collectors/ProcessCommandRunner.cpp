// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProcessCommandRunner.h"

#include "CollectorsLogging.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QProcessEnvironment>

#include <algorithm>
#include <cerrno>

#include <unistd.h>

namespace steward::agent
{

namespace
{
// After SIGKILL the kernel reaps quickly; this only bounds a pathological case
// (process stuck in uninterruptible sleep) so that run() still returns.
constexpr int s_reapAfterKillMs = 2000;

int remainingMs(const QDeadlineTimer &deadline)
{
    return int(std::max<qint64>(0, deadline.remainingTime()));
}
} // namespace

CommandResult ProcessCommandRunner::run(const QString &program,
                                        const QStringList &args,
                                        std::chrono::milliseconds timeout)
{
    CommandResult result;
    timeout = std::min(timeout, m_limit);
    const QDeadlineTimer deadline(timeout);

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(env);
    // Scans (APT cache, dnf, PowerShell) are CPU-heavy and never urgent: the user's work comes first.
    process.setChildProcessModifier([] {
        errno = 0;
        [[maybe_unused]] const int niceness = ::nice(kNiceIncrement);
    });
    process.setProgram(program);
    process.setArguments(args);

    process.start(QIODevice::ReadWrite);
    if (!process.waitForStarted(remainingMs(deadline))) {
        if (process.state() == QProcess::NotRunning) {
            qCWarning(lcCollectors) << "could not start" << program << process.errorString();
            result.failedToStart = true;
            return result;
        }
        // Still starting after the whole budget: treat like any other overrun.
        result.timedOut = true;
        process.kill();
        process.waitForFinished(s_reapAfterKillMs);
        return result;
    }
    // Some tools wait for input or prompt; an immediate EOF makes them go on.
    process.closeWriteChannel();

    if (!process.waitForFinished(remainingMs(deadline)) && process.state() != QProcess::NotRunning) {
        qCWarning(lcCollectors) << program << "did not finish within" << timeout.count() << "ms; killing it";
        result.timedOut = true;
        process.kill();
        process.waitForFinished(s_reapAfterKillMs);
    }

    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    if (!result.timedOut) {
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return result;
}

} // namespace steward::agent
