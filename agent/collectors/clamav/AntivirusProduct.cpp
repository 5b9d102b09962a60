// SPDX-License-Identifier: GPL-3.0-or-later
#include "AntivirusProduct.h"

#include <QCborArray>

namespace steward::agent
{

namespace
{
template<typename T>
QCborValue orNull(const std::optional<T> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}
} // namespace

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
    QCborMap map{
        {QStringLiteral("name"), name},
        {QStringLiteral("engineVersion"), orNull(engineVersion)},
        {QStringLiteral("definitionsVersion"), orNull(definitionsVersion)},
        {QStringLiteral("definitionsTime"), orNull(definitionsTime)},
        {QStringLiteral("realTimeProtection"), realTimeProtection},
        {QStringLiteral("serviceRunning"), serviceRunning},
        {QStringLiteral("lastScan"), orNull(lastScan)},
        {QStringLiteral("databases"), databaseArray},
    };
    for (auto it = extras.cbegin(); it != extras.cend(); ++it) {
        if (!map.contains(it.key())) {
            map.insert(it.key(), it.value());
        }
    }
    return map;
}

} // namespace steward::agent
