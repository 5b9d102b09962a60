// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserRepository.h"

#include "Database.h"
#include "SqlTransaction.h"

#include <QSqlQuery>

namespace steward::server
{

namespace
{
const QString kUserColumns = QStringLiteral(
    "SELECT u.name, u.role, u.password_hash, u.disabled, u.created_at, u.password_changed_at FROM users u");

// A row whose role this server does not know is not a user it can let in.
std::optional<User> userFromRow(const QSqlQuery &query)
{
    const std::optional<Role> role = roleFromName(query.value(1).toString());
    if (!role) {
        return std::nullopt;
    }
    return User{query.value(0).toString(),
                *role,
                query.value(2).toString(),
                query.value(3).toInt() != 0,
                sql::fromEpoch(query.value(4)),
                sql::fromEpoch(query.value(5))};
}
}

UserRepository::UserRepository(Database &database)
    : m_db(database)
{
}

Status UserRepository::add(const User &user, const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)"),
                  {user.name, roleName(user.role), user.passwordHash, sql::epoch(now)})) {
        return m_db.failure(query.lastError(), QStringLiteral("adding user %1").arg(user.name));
    }
    return Ok{};
}

Result<std::optional<User>> UserRepository::find(const QString &name)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kUserColumns + QStringLiteral(" WHERE u.name = ?"), {name})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading user"));
    }
    if (!query.next()) {
        return std::optional<User>();
    }
    return userFromRow(query);
}

Result<QList<User>> UserRepository::list()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kUserColumns + QStringLiteral(" ORDER BY u.name"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing users"));
    }
    QList<User> users;
    while (query.next()) {
        if (std::optional<User> user = userFromRow(query)) {
            users.append(*user);
        }
    }
    return users;
}

Result<bool> UserRepository::setDisabled(const QString &name, bool disabled)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    QSqlQuery query(db);
    if (!transaction.isOpen()
        || !sql::run(query, QStringLiteral("UPDATE users SET disabled = ? WHERE name = ?"), {disabled ? 1 : 0, name})) {
        return m_db.failure(transaction.isOpen() ? query.lastError() : transaction.beginError(),
                            QStringLiteral("changing user %1").arg(name));
    }
    const bool found = query.numRowsAffected() == 1;
    if (disabled && !sql::run(query, QStringLiteral("DELETE FROM sessions WHERE user_name = ?"), {name})) {
        return m_db.failure(query.lastError(), QStringLiteral("ending sessions of %1").arg(name));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing user change"));
    }
    return found;
}

Result<bool> UserRepository::setPasswordHash(const QString &name, const QString &passwordHash, const QDateTime &now)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    QSqlQuery query(db);
    if (!transaction.isOpen()
        || !sql::run(query,
                     QStringLiteral("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?"),
                     {passwordHash, sql::epoch(now), name})) {
        return m_db.failure(transaction.isOpen() ? query.lastError() : transaction.beginError(),
                            QStringLiteral("changing password of %1").arg(name));
    }
    const bool found = query.numRowsAffected() == 1;
    if (!sql::run(query, QStringLiteral("DELETE FROM sessions WHERE user_name = ?"), {name})) {
        return m_db.failure(query.lastError(), QStringLiteral("ending sessions of %1").arg(name));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing password change"));
    }
    return found;
}

Status UserRepository::addSession(const QByteArray &tokenHash,
                                  const QString &userName,
                                  const QDateTime &now,
                                  const QDateTime &expires)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    QSqlQuery query(db);
    // Expired sessions are swept whenever a new one starts, so the table stays small.
    if (!transaction.isOpen()
        || !sql::run(query, QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"), {sql::epoch(now)})
        || !sql::run(
            query,
            QStringLiteral("INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)"),
            {sql::hashText(tokenHash), userName, sql::epoch(now), sql::epoch(expires)})) {
        return m_db.failure(transaction.isOpen() ? query.lastError() : transaction.beginError(),
                            QStringLiteral("adding session"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing session"));
    }
    return Ok{};
}

Result<std::optional<User>> UserRepository::sessionUser(const QByteArray &tokenHash, const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  kUserColumns
                      + QStringLiteral(" JOIN sessions s ON s.user_name = u.name WHERE s.token_hash = ? AND "
                                       "s.expires_at > ? AND u.disabled = 0"),
                  {sql::hashText(tokenHash), sql::epoch(now)})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading session"));
    }
    if (!query.next()) {
        return std::optional<User>();
    }
    return userFromRow(query);
}

Status UserRepository::removeSession(const QByteArray &tokenHash)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"), {sql::hashText(tokenHash)})) {
        return m_db.failure(query.lastError(), QStringLiteral("removing session"));
    }
    return Ok{};
}

} // namespace steward::server
