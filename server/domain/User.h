// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Role.h"

#include <QDateTime>
#include <QString>

namespace steward::server
{

// A person who signs in to the admin API.
struct User {
    User() = default;
    User(QString name,
         Role role,
         QString passwordHash,
         bool disabled = false,
         QDateTime createdAt = {},
         QDateTime passwordChangedAt = {})
        : name(std::move(name))
        , role(role)
        , passwordHash(std::move(passwordHash))
        , disabled(disabled)
        , createdAt(std::move(createdAt))
        , passwordChangedAt(std::move(passwordChangedAt))
    {
    }

    QString name;
    Role role = Role::Helpdesk;
    QString passwordHash; // credentials::hashPassword() format
    bool disabled = false; // a disabled user's sessions and API tokens stop working at once
    QDateTime createdAt;
    QDateTime passwordChangedAt; // null until the first change after creation
};

} // namespace steward::server
