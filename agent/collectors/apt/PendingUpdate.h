// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// One package an upgrade would install or change.
struct PendingUpdate {
    QString name; // "libc6", or "libc6:i386" for a foreign architecture, as apt names it; dnf: "glibc"
    QString installedVersion; // empty when the upgrade newly installs the package
    QString candidateVersion;
    QString
        origin; // apt's release list, e.g. "Debian:12.5/stable, Debian-Security:12/stable-security"; dnf: repository
    bool security = false;
    // Optional details, sent only when known (non-empty).
    QString archive; // apt: archive (suite) of the release the candidate comes from, "stable-security"
    QString codename; // apt: that release's codename, "bookworm-security"
    QString arch; // dnf: "x86_64", "noarch", "i686" (apt puts a foreign architecture into the name)
    QString advisory; // dnf: "RHSA-2024:1234", "FEDORA-2024-0a1b2c3d4e"
    QString severity; // dnf: "Critical", "Important", "Moderate", "Low"

    QCborMap toCbor() const;

    friend bool operator==(const PendingUpdate &, const PendingUpdate &) = default;
};

} // namespace steward::agent
