// SPDX-License-Identifier: GPL-3.0-or-later
#include "PendingUpdate.h"

namespace steward::agent
{

QCborMap PendingUpdate::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("installedVersion"), installedVersion},
        {QStringLiteral("candidateVersion"), candidateVersion},
        {QStringLiteral("origin"), origin},
        {QStringLiteral("security"), security},
    };
}

} // namespace steward::agent
