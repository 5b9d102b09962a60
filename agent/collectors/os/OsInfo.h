// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LoggedInUser.h"

#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

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
    QString fqdn; // empty when the machine has no fully qualified name
    QString domain; // DNS domain: from the FQDN, else resolv.conf's domain/search
    std::optional<qint64> bootTime; // seconds since the epoch; null when unknown
    std::optional<qint64> uptimeSeconds;
    QList<LoggedInUser> users;

    QCborMap toCbor() const;
};

} // namespace steward::agent
