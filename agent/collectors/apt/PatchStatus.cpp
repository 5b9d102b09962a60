// SPDX-License-Identifier: GPL-3.0-or-later
#include "PatchStatus.h"

#include <QCborArray>

#include <algorithm>

namespace steward::agent
{

qsizetype PatchStatus::securityCount() const
{
    return std::count_if(pending.cbegin(), pending.cend(), [](const PendingUpdate &update) {
        return update.security;
    });
}

QCborMap PatchStatus::toCbor() const
{
    QCborArray updates;
    for (const PendingUpdate &update : pending) {
        updates.append(update.toCbor());
    }
    const QCborValue null(QCborValue::Null);
    return QCborMap{
        {QStringLiteral("manager"), manager},
        {QStringLiteral("pending"), updates},
        {QStringLiteral("securityCount"), qint64(securityCount())},
        {QStringLiteral("lastRefresh"), lastRefresh ? QCborValue(*lastRefresh) : null},
        {QStringLiteral("lastInstall"), lastInstall ? QCborValue(*lastInstall) : null},
        {QStringLiteral("rebootRequired"), rebootRequired ? QCborValue(*rebootRequired) : null},
        {QStringLiteral("rebootPackages"), QCborArray::fromStringList(rebootPackages)},
    };
}

} // namespace steward::agent
