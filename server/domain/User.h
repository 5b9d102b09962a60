// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Role.h"

#include <QString>

namespace steward::server
{

// A person who signs in to the admin API.
struct User {
    QString name;
    Role role = Role::Helpdesk;
    QString passwordHash; // credentials::hashPassword() format
};

} // namespace steward::server
