// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Role.h"

#include <QDateTime>
#include <QString>

namespace steward::server
{

// A named, expiring personal token for scripts: it acts for its owner with at most the owner's
// rights (its own role, capped by the owner's current one). Only a hash of the secret is kept.
struct ApiToken {
    QString id; // public, names the token in lists, logs and revocation
    QString userName;
    QString name;
    Role role = Role::Helpdesk;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime lastUsedAt; // to the minute
    QDateTime revokedAt;
};

} // namespace steward::server
