// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Rebooter.h"

#include <QStringList>

namespace steward::agent
{
class CommandRunner;
}

namespace steward::agent::jobs
{

// Restarts the machine with the system's own command, which also warns logged-in users:
// Linux `shutdown -r +MINUTES MESSAGE` (systemd broadcasts the message like wall(1), repeats
// it as the time approaches and refuses new logins in the last five minutes); Windows
// `shutdown.exe /r /t SECONDS /c MESSAGE` (a notification in every session).
class SystemRebooter : public Rebooter
{
public:
    enum class Platform {
        Linux,
        Windows,
    };

    // `runner` must outlive the rebooter.
    explicit SystemRebooter(CommandRunner &runner, Platform platform = currentPlatform());

    Status reboot(std::chrono::seconds delay, const QString &message) override;

    static Platform currentPlatform();
    // The program and arguments reboot() runs. Linux counts whole minutes, so a delay is rounded
    // up (never earlier than announced); Windows caps /t at ten years and /c at 512 characters.
    // The message is put on one line.
    static QString program(Platform platform);
    static QStringList arguments(Platform platform, std::chrono::seconds delay, const QString &message);

private:
    CommandRunner &m_runner;
    Platform m_platform;
};

} // namespace steward::agent::jobs
