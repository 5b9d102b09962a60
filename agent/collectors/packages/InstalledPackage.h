// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// One element of the "software" report section.
struct InstalledPackage {
    QString name;
    QString version;
    QString arch;
    QString source; // "dpkg" or "rpm"

    QCborMap toCbor() const;

    friend bool operator==(const InstalledPackage &, const InstalledPackage &) = default;
};

} // namespace steward::agent
