// SPDX-License-Identifier: GPL-3.0-or-later
#include "Disk.h"

namespace steward::agent
{

QCborMap Disk::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("model"), model},
        {QStringLiteral("serial"), serial},
        {QStringLiteral("sizeBytes"), sizeBytes},
        {QStringLiteral("rotational"), rotational},
        {QStringLiteral("removable"), removable},
    };
}

} // namespace steward::agent
