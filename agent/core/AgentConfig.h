// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

#include <chrono>

namespace steward::agent
{

// The agent's settings: an INI file, /etc/steward/agent.conf by default (docs/agent-config.md).
// Every key is optional; a present key must be valid, or the agent refuses to start and says
// which key is wrong and why, rather than running with a surprise.
struct AgentConfig {
    using Duration = std::chrono::seconds;

    static constexpr const char *kDefaultPath = "/etc/steward/agent.conf";

    QString dataDir = QStringLiteral("/var/lib/steward-agent");

    // How often each kind of data is collected. Inventory (hardware, software) changes rarely;
    // patch status needs a fresh look a few times a day; antivirus definitions change hourly.
    Duration inventoryInterval = std::chrono::hours(24);
    Duration inventoryJitter = std::chrono::hours(1); // spread a fleet's scans over this window
    Duration patchesInterval = std::chrono::hours(4);
    Duration antivirusInterval = std::chrono::hours(1);
    Duration heartbeatInterval = std::chrono::minutes(5);

    // Longest a single collector command (apt, dnf, mdatp, PowerShell…) may run; a whole
    // collection (a child process) gets ten times this.
    Duration collectorTimeout = std::chrono::minutes(2);

    // The spool keeps reports until acknowledged; past this size the oldest are dropped (and counted).
    qint64 spoolMaxBytes = 64LL * 1024 * 1024;

    // The job kinds this machine runs (docs/jobs.md): a job of any other kind is rejected even
    // when an operator signed it. Empty: none.
    QStringList allowedJobKinds = {QStringLiteral("patch")};
    // The longest any job may run here, whatever it asks for.
    Duration jobMaxRuntime = std::chrono::hours(12);
    // Whether this machine is a server, which jobs restart only when their deployment allows it:
    // "auto" (MachineRole.h decides), "server" or "workstation".
    QString machineRole = QStringLiteral("auto");

    // Loads `path`. A missing file is fine when `mustExist` is false (all defaults).
    static Result<AgentConfig> load(const QString &path, bool mustExist);

    // "90s", "15m", "4h", "1d" (or plain seconds).
    static std::optional<Duration> parseDuration(const QString &text);
    // "512K", "64M", "1G" (or plain bytes).
    static std::optional<qint64> parseSize(const QString &text);
};

} // namespace steward::agent
