// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/User.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace steward::server
{
class Database;

// People who sign in, and their sessions. A read answers "not found" with an empty optional and
// a failed query with an error, so a database that is locked or gone never looks like a wrong
// password.
class UserRepository
{
public:
    explicit UserRepository(Database &database);

    Status add(const User &user, const QDateTime &now);
    Result<std::optional<User>> find(const QString &name);
    Result<QList<User>> list();
    // False when no such user exists. Disabling also ends the user's sessions.
    Result<bool> setDisabled(const QString &name, bool disabled);
    // False when no such user exists. Ends the user's sessions: they log in with the new password.
    Result<bool> setPasswordHash(const QString &name, const QString &passwordHash, const QDateTime &now);

    Status addSession(const QByteArray &tokenHash,
                      const QString &userName,
                      const QDateTime &now,
                      const QDateTime &expires);
    // The enabled user a live (unexpired) session belongs to.
    Result<std::optional<User>> sessionUser(const QByteArray &tokenHash, const QDateTime &now);
    Status removeSession(const QByteArray &tokenHash);

private:
    Database &m_db;
};

} // namespace steward::server
