// SPDX-License-Identifier: GPL-3.0-or-later
#include "OsInfo.h"

namespace steward::agent
{

QCborMap OsInfo::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("version"), version},
        {QStringLiteral("id"), id},
        {QStringLiteral("versionId"), versionId},
        {QStringLiteral("prettyName"), prettyName},
        {QStringLiteral("kernel"), kernel},
        {QStringLiteral("arch"), arch},
        {QStringLiteral("hostname"), hostname},
    };
}

} // namespace steward::agent
