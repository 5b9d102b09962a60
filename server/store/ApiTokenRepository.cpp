// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiTokenRepository.h"

#include "Database.h"

#include <QSqlQuery>

namespace steward::server
{

namespace
{
const QString kTokenFields =
    QStringLiteral("t.id, t.user_name, t.name, t.role, t.created_at, t.expires_at, t.last_used_at, t.revoked_at");
const QString kTokenColumns = QStringLiteral("SELECT ") + kTokenFields + QStringLiteral(" FROM api_tokens t");

std::optional<ApiToken> tokenFromRow(const QSqlQuery &query, int first = 0)
{
    const std::optional<Role> role = roleFromName(query.value(first + 3).toString());
    if (!role) {
        return std::nullopt;
    }
    return ApiToken{query.value(first).toString(),
                    query.value(first + 1).toString(),
                    query.value(first + 2).toString(),
                    *role,
                    sql::fromEpoch(query.value(first + 4)),
                    sql::fromEpoch(query.value(first + 5)),
                    sql::fromEpoch(query.value(first + 6)),
                    sql::fromEpoch(query.value(first + 7))};
}

constexpr qint64 kLastUsedResolutionSeconds = 60;
}

ApiTokenRepository::ApiTokenRepository(Database &database)
    : m_db(database)
{
}

Status ApiTokenRepository::add(const ApiToken &token, const QByteArray &tokenHash)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO api_tokens (id, token_hash, user_name, name, role, created_at, "
                                 "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                  {token.id,
                   sql::hashText(tokenHash),
                   token.userName,
                   token.name,
                   roleName(token.role),
                   sql::epoch(token.createdAt),
                   sql::epoch(token.expiresAt)})) {
        return m_db.failure(query.lastError(), QStringLiteral("adding API token"));
    }
    return Ok{};
}

Result<std::optional<ApiTokenRepository::Holder>> ApiTokenRepository::authenticate(const QByteArray &tokenHash,
                                                                                   const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT ") + kTokenFields
                      + QStringLiteral(
                          ", u.role, u.password_hash, u.created_at, u.password_changed_at FROM api_tokens t JOIN users "
                          "u ON u.name = t.user_name "
                          "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = 0"),
                  {sql::hashText(tokenHash), sql::epoch(now)})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading API token"));
    }
    if (!query.next()) {
        return std::optional<Holder>();
    }
    const std::optional<ApiToken> token = tokenFromRow(query);
    const std::optional<Role> ownerRole = roleFromName(query.value(8).toString());
    if (!token || !ownerRole) {
        return std::optional<Holder>();
    }
    Holder holder{User{token->userName,
                       *ownerRole,
                       query.value(9).toString(),
                       false,
                       sql::fromEpoch(query.value(10)),
                       sql::fromEpoch(query.value(11))},
                  *token};
    if (!token->lastUsedAt.isValid() || token->lastUsedAt.secsTo(now) >= kLastUsedResolutionSeconds) {
        // A failed note costs nothing but precision; the call itself goes ahead.
        sql::run(query,
                 QStringLiteral("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"),
                 {sql::epoch(now), token->id});
        holder.token.lastUsedAt = now;
    }
    return std::optional<Holder>(std::move(holder));
}

Result<QList<ApiToken>> ApiTokenRepository::list(const QString &userName)
{
    QSqlQuery query(m_db.connection());
    const bool everyone = userName.isEmpty();
    if (!sql::run(query,
                  kTokenColumns + (everyone ? QString() : QStringLiteral(" WHERE t.user_name = ?"))
                      + QStringLiteral(" ORDER BY t.created_at DESC, t.id"),
                  everyone ? QVariantList() : QVariantList{userName})) {
        return m_db.failure(query.lastError(), QStringLiteral("listing API tokens"));
    }
    QList<ApiToken> tokens;
    while (query.next()) {
        if (std::optional<ApiToken> token = tokenFromRow(query)) {
            tokens.append(*token);
        }
    }
    return tokens;
}

Result<std::optional<ApiToken>> ApiTokenRepository::find(const QString &id)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kTokenColumns + QStringLiteral(" WHERE t.id = ?"), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading API token"));
    }
    if (!query.next()) {
        return std::optional<ApiToken>();
    }
    return tokenFromRow(query);
}

Result<bool> ApiTokenRepository::revoke(const QString &id, const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                  {sql::epoch(now), id})) {
        return m_db.failure(query.lastError(), QStringLiteral("revoking API token"));
    }
    return query.numRowsAffected() == 1;
}

} // namespace steward::server
