// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

namespace steward::agent
{

// What an enrolled agent keeps in its data directory: its key (0600), its device certificate,
// the site CA, and agent.state (server address, pinned CA fingerprint, device id, and the pinned
// job root fingerprint: the only key whose operators may sign jobs for this device, docs/jobs.md).
struct AgentState {
    QString dataDir;
    QString serverHost;
    quint16 serverPort = 0;
    QString caFingerprint;
    QString jobRootFingerprint; // empty: none pinned, so every job is refused
    QString deviceId;
    // File names (in dataDir) of the current key and certificate. Renewal writes new files and
    // switches to them by replacing agent.state atomically, so a key never pairs with the wrong
    // certificate, whenever the agent is stopped.
    QString keyFile = QStringLiteral("agent.key");
    QString certificateFile = QStringLiteral("agent.pem");

    QString keyPath() const;
    QString certificatePath() const;
    QString caPath() const;
    QString statePath() const;
    QString spoolPath() const;

    static bool isEnrolled(const QString &dataDir);
    static Result<AgentState> load(const QString &dataDir);
    Status save() const;
};

} // namespace steward::agent
