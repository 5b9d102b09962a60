// SPDX-License-Identifier: GPL-3.0-or-later
// POST/GET /api/v1/api-tokens, POST /api/v1/api-tokens/{id}/revoke.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "auth/Credentials.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace steward::server::routes
{

namespace
{
QJsonObject tokenJson(const ApiToken &token)
{
    return QJsonObject{{QStringLiteral("id"), token.id},
                       {QStringLiteral("user"), token.userName},
                       {QStringLiteral("name"), token.name},
                       {QStringLiteral("role"), roleName(token.role)},
                       {QStringLiteral("createdAt"), isoTimeOrNull(token.createdAt)},
                       {QStringLiteral("expiresAt"), isoTimeOrNull(token.expiresAt)},
                       {QStringLiteral("lastUsedAt"), isoTimeOrNull(token.lastUsedAt)},
                       {QStringLiteral("revokedAt"), isoTimeOrNull(token.revokedAt)}};
}

ApiReply create(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed =
        JsonBody::parse(request.body, {QStringLiteral("name"), QStringLiteral("ttlSeconds"), QStringLiteral("role")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QString name = body.string(QStringLiteral("name"), true, 128);
    const qint64 ttl = body.integer(QStringLiteral("ttlSeconds"),
                                    context.options.defaultApiTokenTtlSeconds,
                                    60,
                                    context.options.maxApiTokenTtlSeconds);
    const QString roleText = body.string(QStringLiteral("role"), false, 32);
    if (body.problem()) {
        return ApiReply::badRequest(*body.problem());
    }
    const std::optional<Role> role = roleText.isEmpty() ? std::optional<Role>(caller.role) : roleFromName(roleText);
    if (!role) {
        return ApiReply::badRequest(
            makeError(QStringLiteral("request.invalid"), QStringLiteral("\"role\" must be admin or helpdesk")));
    }
    const auto refuse = [&](const QString &why, const QString &message) {
        context.router.audit(caller.user.name,
                             QStringLiteral("api-token.create"),
                             name,
                             QStringLiteral("denied"),
                             request.source,
                             why);
        return ApiReply::error(ApiReply::Status::Forbidden, QStringLiteral("auth.forbidden"), message);
    };
    // A token that could mint tokens would outlive its own expiry and revocation.
    if (!caller.tokenId.isEmpty()) {
        return refuse(QStringLiteral("API token %1 may not create tokens").arg(caller.tokenId),
                      QStringLiteral("log in with your password to create API tokens"));
    }
    if (!isWithin(*role, caller.role)) {
        return refuse(QStringLiteral("role %1 exceeds the caller's %2").arg(roleName(*role), roleName(caller.role)),
                      QStringLiteral("a token may not have more rights than its owner"));
    }
    const QDateTime now = context.clock.now();
    const QString secret = credentials::randomToken();
    const ApiToken token{QUuid::createUuid().toString(QUuid::Id128).left(16),
                         caller.user.name,
                         name,
                         *role,
                         now,
                         now.addSecs(ttl),
                         QDateTime(),
                         QDateTime()};
    if (Status added = context.store.apiTokens.add(token, credentials::tokenHash(secret)); !added) {
        return ApiReply::storeFailure(added.error());
    }
    context.router.audit(
        caller.user.name,
        QStringLiteral("api-token.create"),
        token.id,
        QStringLiteral("ok"),
        request.source,
        QStringLiteral("\"%1\", role %2, expires %3").arg(logSafe(name), roleName(*role), isoTime(token.expiresAt)));
    QJsonObject json = tokenJson(token);
    json.insert(QStringLiteral("token"), secret); // shown this once only
    return ApiReply::json(json, ApiReply::Status::Created);
}

ApiReply list(ApiContext &context, const ApiCaller &caller)
{
    // Admins see every token on the site; everyone else, their own.
    const bool everyone = hasPermission(caller.role, Permission::ApiTokensManage);
    const Result<QList<ApiToken>> tokens = context.store.apiTokens.list(everyone ? QString() : caller.user.name);
    if (!tokens) {
        return ApiReply::storeFailure(tokens.error());
    }
    QJsonArray result;
    for (const ApiToken &token : tokens.value()) {
        result.append(tokenJson(token));
    }
    return ApiReply::json(result);
}

ApiReply revoke(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString id = request.arguments.value(0);
    const Result<std::optional<ApiToken>> found = context.store.apiTokens.find(id);
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    const ApiReply unknown =
        ApiReply::notFound(QStringLiteral("api-token.unknown"), QStringLiteral("no API token %1").arg(logSafe(id)));
    if (!found.value()) {
        return unknown;
    }
    if (found.value()->userName != caller.user.name && !hasPermission(caller.role, Permission::ApiTokensManage)) {
        // Someone else's token: refused as if unknown, so ids cannot be probed, but audited.
        context.router.audit(caller.user.name,
                             QStringLiteral("api-token.revoke"),
                             id,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("the token belongs to another user"));
        return unknown;
    }
    const Result<bool> revoked = context.store.apiTokens.revoke(id, context.clock.now());
    if (!revoked) {
        return ApiReply::storeFailure(revoked.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("api-token.revoke"),
                         id,
                         QStringLiteral("ok"),
                         request.source,
                         revoked.value() ? QStringLiteral("owner %1").arg(found.value()->userName)
                                         : QStringLiteral("already revoked"));
    return ApiReply::json(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
}
}

void addApiTokenRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    ApiRouter &router = context.router;
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/api-tokens"),
                    Permission::OwnAccount,
                    QStringLiteral("api-token.create"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return create(context, request, caller);
                    });
    router.addRoute(Method::Get,
                    QStringLiteral("/api/v1/api-tokens"),
                    Permission::OwnAccount,
                    QStringLiteral("api-token.list"),
                    [&context](const ApiRequest &, const ApiCaller &caller) {
                        return list(context, caller);
                    });
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/api-tokens/<arg>/revoke"),
                    Permission::OwnAccount,
                    QStringLiteral("api-token.revoke"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return revoke(context, request, caller);
                    });
}

} // namespace steward::server::routes
