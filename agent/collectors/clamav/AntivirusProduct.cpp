// SPDX-License-Identifier: GPL-3.0-or-later
#include "AntivirusProduct.h"

#include <QCborArray>

namespace steward::agent
{

QCborMap AntivirusDatabase::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("version"), version},
        {QStringLiteral("buildTime"), buildTime},
    };
}

QCborMap AntivirusProduct::toCbor() const
{
    QCborArray databaseArray;
    for (const AntivirusDatabase &database : databases) {
        databaseArray.append(database.toCbor());
    }
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("definitionsVersion"),
         definitionsVersion ? QCborValue(*definitionsVersion) : QCborValue(nullptr)},
        {QStringLiteral("definitionsTime"), definitionsTime ? QCborValue(*definitionsTime) : QCborValue(nullptr)},
        {QStringLiteral("realTimeProtection"), realTimeProtection},
        {QStringLiteral("serviceRunning"), serviceRunning},
        {QStringLiteral("databases"), databaseArray},
    };
}

} // namespace steward::agent
