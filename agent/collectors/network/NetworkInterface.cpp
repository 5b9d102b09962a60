// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkInterface.h"

#include <QCborArray>

namespace steward::agent
{

QCborMap NetworkInterface::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("mac"), mac},
        {QStringLiteral("type"), type},
        {QStringLiteral("virtual"), isVirtual},
        {QStringLiteral("operState"), operState},
        {QStringLiteral("linkUp"), linkUp},
        {QStringLiteral("speedMbps"), speedMbps ? QCborValue(*speedMbps) : QCborValue(nullptr)},
        {QStringLiteral("mtu"), mtu},
        {QStringLiteral("ipv4"), QCborArray::fromStringList(ipv4)},
        {QStringLiteral("ipv6"), QCborArray::fromStringList(ipv6)},
    };
}

} // namespace steward::agent
