// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/ApiToken.h"
#include "domain/User.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace steward::server
{
class Database;

// Personal API tokens for scripts. Only the SHA-256 of a token's secret is stored.
class ApiTokenRepository
{
public:
    explicit ApiTokenRepository(Database &database);

    Status add(const ApiToken &token, const QByteArray &tokenHash);

    struct Holder {
        User owner;
        ApiToken token;
    };
    // The token and its owner, when the token is live: not expired, not revoked, owner enabled.
    // Notes the use, at most once a minute per token.
    Result<std::optional<Holder>> authenticate(const QByteArray &tokenHash, const QDateTime &now);

    // One user's tokens, or everyone's when `userName` is empty; newest first.
    Result<QList<ApiToken>> list(const QString &userName = {});
    Result<std::optional<ApiToken>> find(const QString &id);
    // False when there is no such live token.
    Result<bool> revoke(const QString &id, const QDateTime &now);

private:
    Database &m_db;
};

} // namespace steward::server
