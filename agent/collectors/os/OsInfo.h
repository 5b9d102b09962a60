// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// The "os" report section.
struct OsInfo {
    QString name;
    QString version;
    QString id;
    QString versionId;
    QString prettyName;
    QString kernel;
    QString arch;
    QString hostname;

    QCborMap toCbor() const;
};

} // namespace steward::agent
