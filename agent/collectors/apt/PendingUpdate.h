// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// One package an upgrade would install or change.
struct PendingUpdate {
    QString name; // "libc6", or "libc6:i386" for a foreign architecture, as apt names it
    QString installedVersion; // empty when the upgrade newly installs the package
    QString candidateVersion;
    QString origin; // apt's release list, e.g. "Debian:12.5/stable, Debian-Security:12/stable-security"
    bool security = false;

    QCborMap toCbor() const;

    friend bool operator==(const PendingUpdate &, const PendingUpdate &) = default;
};

} // namespace steward::agent
