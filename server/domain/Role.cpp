// SPDX-License-Identifier: GPL-3.0-or-later
#include "Role.h"

namespace steward::server
{

QString roleName(Role role)
{
    return role == Role::Admin ? QStringLiteral("admin") : QStringLiteral("helpdesk");
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == QLatin1String("admin")) {
        return Role::Admin;
    }
    if (name == QLatin1String("helpdesk")) {
        return Role::Helpdesk;
    }
    return std::nullopt;
}

} // namespace steward::server
