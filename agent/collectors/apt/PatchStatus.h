// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PendingUpdate.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace steward::agent
{

// The "patches" report section, filled by AptCollector or DnfCollector.
struct PatchStatus {
    QString manager; // "apt", "dnf", or "none" when no supported package manager exists
    QList<PendingUpdate> pending; // sorted by name
    // Unknown values are sent as null, never guessed.
    std::optional<qint64> lastRefresh; // epoch s of the newest successful metadata refresh
    std::optional<qint64> lastInstall; // epoch s of the newest package installation run
    std::optional<bool> rebootRequired;
    QStringList rebootPackages; // the packages that asked for the reboot

    qsizetype securityCount() const;
    QCborMap toCbor() const;
};

} // namespace steward::agent
