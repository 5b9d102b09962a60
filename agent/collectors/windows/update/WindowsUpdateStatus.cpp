// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsUpdateStatus.h"

#include <QCborArray>

#include <algorithm>

namespace steward::agent
{

qsizetype WindowsUpdateStatus::securityCount() const
{
    return std::count_if(pending.cbegin(), pending.cend(), [](const WindowsPendingUpdate &update) {
        return update.security;
    });
}

QCborMap WindowsUpdateStatus::toCbor() const
{
    QCborArray updates;
    for (const WindowsPendingUpdate &update : pending) {
        updates.append(update.toCbor());
    }
    return QCborMap{
        {QStringLiteral("manager"), QStringLiteral("windows-update")},
        {QStringLiteral("pending"), updates},
        {QStringLiteral("securityCount"), qint64(securityCount())},
        {QStringLiteral("lastInstall"), lastInstall ? QCborValue(*lastInstall) : QCborValue(nullptr)},
        {QStringLiteral("rebootRequired"), rebootRequired},
    };
}

} // namespace steward::agent
