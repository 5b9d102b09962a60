// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace steward::agent
{

// One line of `dnf updateinfo list --security`: an advisory that an
// available update of one package fixes.
struct SecurityAdvisory {
    QString id; // "RHSA-2024:0897", "FEDORA-2024-7b1f4a8d5e", "ALSA-2024:1234"
    QString severity; // "Critical", "Important", "Moderate", "Low"; empty when the advisory has none
    QString name; // package name, "kernel"
    QString version; // "[EPOCH:]VERSION-RELEASE" of the fixed package
    QString arch; // "x86_64", "noarch", "i686"

    // Critical 4 … Low 1, none 0: the worst advisory wins when several name a package.
    int severityRank() const;

    friend bool operator==(const SecurityAdvisory &, const SecurityAdvisory &) = default;
};

} // namespace steward::agent
