// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace steward::server
{

// What a person may do on this site. Stored by name; the names are part of the API.
enum class Role {
    Admin,
    Helpdesk,
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

} // namespace steward::server
