// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsPendingUpdate.h"

#include <QCborArray>

namespace steward::agent
{

QCborMap WindowsPendingUpdate::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("kbs"), QCborArray::fromStringList(kbs)},
        {QStringLiteral("title"), title},
        {QStringLiteral("severity"), severity ? QCborValue(*severity) : QCborValue(nullptr)},
        {QStringLiteral("classification"), classification ? QCborValue(*classification) : QCborValue(nullptr)},
        {QStringLiteral("security"), security},
    };
}

} // namespace steward::agent
