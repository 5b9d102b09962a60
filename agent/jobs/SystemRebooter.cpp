// SPDX-License-Identifier: GPL-3.0-or-later
#include "SystemRebooter.h"

#include "CommandRunner.h"

#include <algorithm>

namespace steward::agent::jobs
{

namespace
{
constexpr qint64 s_windowsMaxSeconds = 315360000; // shutdown.exe's limit, ten years
constexpr qsizetype s_windowsMaxComment = 512;

QString oneLine(const QString &message)
{
    return message.simplified();
}
} // namespace

SystemRebooter::SystemRebooter(CommandRunner &runner, Platform platform)
    : m_runner(runner)
    , m_platform(platform)
{
}

SystemRebooter::Platform SystemRebooter::currentPlatform()
{
#ifdef Q_OS_WIN
    return Platform::Windows;
#else
    return Platform::Linux;
#endif
}

QString SystemRebooter::program(Platform platform)
{
    return platform == Platform::Windows ? QStringLiteral("shutdown.exe") : QStringLiteral("shutdown");
}

QStringList SystemRebooter::arguments(Platform platform, std::chrono::seconds delay, const QString &message)
{
    const qint64 seconds = std::max<qint64>(0, delay.count());
    if (platform == Platform::Windows) {
        return {QStringLiteral("/r"),
                QStringLiteral("/t"),
                QString::number(std::min(seconds, s_windowsMaxSeconds)),
                QStringLiteral("/c"),
                oneLine(message).left(s_windowsMaxComment)};
    }
    const qint64 minutes = (seconds + 59) / 60;
    return {QStringLiteral("-r"), QStringLiteral("+%1").arg(minutes), oneLine(message)};
}

Status SystemRebooter::reboot(std::chrono::seconds delay, const QString &message)
{
    const QString command = program(m_platform);
    const CommandResult result = m_runner.run(command, arguments(m_platform, delay, message), std::chrono::seconds(60));
    if (result.timedOut) {
        return makeError(QStringLiteral("reboot.failed"), command + QStringLiteral(" did not return"));
    }
    if (result.failedToStart) {
        return makeError(QStringLiteral("reboot.failed"), command + QStringLiteral(" could not be started"));
    }
    if (result.exitCode != 0) {
        return makeError(QStringLiteral("reboot.failed"),
                         command
                             + QStringLiteral(" exited with %1: %2")
                                   .arg(result.exitCode)
                                   .arg(QString::fromUtf8(result.standardError).simplified().left(300)));
    }
    return Ok{};
}

} // namespace steward::agent::jobs
