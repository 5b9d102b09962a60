// SPDX-License-Identifier: GPL-3.0-or-later
#include "OsInfo.h"

#include <QCborArray>

namespace steward::agent
{

namespace
{
QCborValue optionalInteger(const std::optional<qint64> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}
} // namespace

QCborMap OsInfo::toCbor() const
{
    QCborArray userArray;
    for (const LoggedInUser &user : users) {
        userArray.append(user.toCbor());
    }
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("version"), version},
        {QStringLiteral("id"), id},
        {QStringLiteral("versionId"), versionId},
        {QStringLiteral("prettyName"), prettyName},
        {QStringLiteral("kernel"), kernel},
        {QStringLiteral("arch"), arch},
        {QStringLiteral("hostname"), hostname},
        {QStringLiteral("fqdn"), fqdn},
        {QStringLiteral("domain"), domain},
        {QStringLiteral("bootTime"), optionalInteger(bootTime)},
        {QStringLiteral("users"), userArray},
    };
}

} // namespace steward::agent
