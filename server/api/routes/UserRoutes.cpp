// SPDX-License-Identifier: GPL-3.0-or-later
// GET/POST /api/v1/users, POST /api/v1/users/{name}/disable|enable|password,
// POST /api/v1/account/password.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "auth/Credentials.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace steward::server::routes
{

namespace
{
Error invalid(const QString &message)
{
    return makeError(QStringLiteral("request.invalid"), message);
}

QJsonObject userJson(const User &user)
{
    return QJsonObject{{QStringLiteral("name"), user.name},
                       {QStringLiteral("role"), roleName(user.role)},
                       {QStringLiteral("disabled"), user.disabled},
                       {QStringLiteral("createdAt"), isoTimeOrNull(user.createdAt)},
                       {QStringLiteral("passwordChangedAt"), isoTimeOrNull(user.passwordChangedAt)}};
}

ApiReply unknownUser(const QString &name)
{
    return ApiReply::notFound(QStringLiteral("user.unknown"), QStringLiteral("no user named %1").arg(logSafe(name)));
}

ApiReply list(ApiContext &context)
{
    const Result<QList<User>> users = context.store.users.list();
    if (!users) {
        return ApiReply::storeFailure(users.error());
    }
    QJsonArray result;
    for (const User &user : users.value()) {
        result.append(userJson(user));
    }
    return ApiReply::json(result);
}

ApiReply create(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed =
        JsonBody::parse(request.body, {QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("password")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QString name = body.string(QStringLiteral("name"), true, 64);
    const QString roleText = body.string(QStringLiteral("role"), true, 32);
    const QString password = body.string(QStringLiteral("password"), true, credentials::kMaxPasswordLength);
    if (body.problem()) {
        return ApiReply::badRequest(*body.problem());
    }
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]*$"));
    if (!namePattern.match(name).hasMatch()) {
        return ApiReply::badRequest(
            invalid(QStringLiteral("\"name\" may hold letters, digits and . _ @ - (starting with a letter or digit)")));
    }
    const std::optional<Role> role = roleFromName(roleText);
    if (!role) {
        return ApiReply::badRequest(invalid(QStringLiteral("\"role\" must be admin or helpdesk")));
    }
    // No one hands out more than they hold.
    if (!isWithin(*role, caller.role)) {
        context.router.audit(
            caller.user.name,
            QStringLiteral("user.create"),
            name,
            QStringLiteral("denied"),
            request.source,
            QStringLiteral("role %1 exceeds the caller's %2").arg(roleName(*role), roleName(caller.role)));
        return ApiReply::error(ApiReply::Status::Forbidden,
                               QStringLiteral("auth.forbidden"),
                               QStringLiteral("you may not create a user with more rights than yours"));
    }
    if (Status rules = credentials::checkPasswordRules(password, name); !rules) {
        return ApiReply::badRequest(rules.error());
    }
    const QDateTime now = context.clock.now();
    if (Status added =
            context.store.users.add(User{name, *role, credentials::hashPassword(password), false, now, QDateTime()},
                                    now);
        !added) {
        if (added.error().code == QLatin1String("store.conflict")) {
            return ApiReply::error(ApiReply::Status::Conflict,
                                   QStringLiteral("user.exists"),
                                   QStringLiteral("a user named %1 already exists").arg(name));
        }
        return ApiReply::storeFailure(added.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("user.create"),
                         name,
                         QStringLiteral("ok"),
                         request.source,
                         QStringLiteral("role %1").arg(roleName(*role)));
    return ApiReply::json(userJson(User{name, *role, QString(), false, now, QDateTime()}), ApiReply::Status::Created);
}

ApiReply setDisabled(ApiContext &context, const ApiRequest &request, const ApiCaller &caller, bool disabled)
{
    const QString name = request.arguments.value(0);
    const QString action = disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable");
    if (disabled && name == caller.user.name) {
        context.router.audit(caller.user.name,
                             action,
                             name,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("cannot disable oneself"));
        return ApiReply::error(ApiReply::Status::Conflict,
                               QStringLiteral("user.self"),
                               QStringLiteral("you cannot disable yourself"));
    }
    const Result<bool> changed = context.store.users.setDisabled(name, disabled);
    if (!changed) {
        return ApiReply::storeFailure(changed.error());
    }
    if (!changed.value()) {
        return unknownUser(name);
    }
    context.router.audit(caller.user.name, action, name, QStringLiteral("ok"), request.source);
    const Result<std::optional<User>> updated = context.store.users.find(name);
    if (!updated) {
        return ApiReply::storeFailure(updated.error());
    }
    if (!updated.value()) {
        return unknownUser(name);
    }
    return ApiReply::json(userJson(*updated.value()));
}

ApiReply resetPassword(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString name = request.arguments.value(0);
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("password")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    const QString password = parsed.value().string(QStringLiteral("password"), true, credentials::kMaxPasswordLength);
    if (parsed.value().problem()) {
        return ApiReply::badRequest(*parsed.value().problem());
    }
    const Result<std::optional<User>> target = context.store.users.find(name);
    if (!target) {
        return ApiReply::storeFailure(target.error());
    }
    if (!target.value()) {
        return unknownUser(name);
    }
    if (!isWithin(target.value()->role, caller.role)) {
        context.router.audit(caller.user.name,
                             QStringLiteral("user.password"),
                             name,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("the user has more rights than the caller"));
        return ApiReply::error(ApiReply::Status::Forbidden,
                               QStringLiteral("auth.forbidden"),
                               QStringLiteral("you may not reset the password of a user with more rights than yours"));
    }
    if (Status rules = credentials::checkPasswordRules(password, name); !rules) {
        return ApiReply::badRequest(rules.error());
    }
    const Result<bool> changed =
        context.store.users.setPasswordHash(name, credentials::hashPassword(password), context.clock.now());
    if (!changed) {
        return ApiReply::storeFailure(changed.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("user.password"),
                         name,
                         QStringLiteral("ok"),
                         request.source,
                         QStringLiteral("password reset; the user's sessions ended"));
    return ApiReply::noContent();
}

ApiReply changeOwnPassword(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed =
        JsonBody::parse(request.body, {QStringLiteral("currentPassword"), QStringLiteral("newPassword")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QString current = body.string(QStringLiteral("currentPassword"), true, credentials::kMaxPasswordLength);
    const QString next = body.string(QStringLiteral("newPassword"), true, credentials::kMaxPasswordLength);
    if (body.problem()) {
        return ApiReply::badRequest(*body.problem());
    }
    if (!caller.tokenId.isEmpty()) {
        context.router.audit(caller.user.name,
                             QStringLiteral("account.password"),
                             caller.user.name,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("API token %1 may not change a password").arg(caller.tokenId));
        return ApiReply::error(ApiReply::Status::Forbidden,
                               QStringLiteral("auth.forbidden"),
                               QStringLiteral("log in with your password to change it"));
    }
    if (!credentials::verifyPassword(current, caller.user.passwordHash)) {
        context.router.audit(caller.user.name,
                             QStringLiteral("account.password"),
                             caller.user.name,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("wrong current password"));
        return ApiReply::error(ApiReply::Status::Forbidden,
                               QStringLiteral("auth.invalid"),
                               QStringLiteral("the current password is wrong"));
    }
    if (Status rules = credentials::checkPasswordRules(next, caller.user.name); !rules) {
        return ApiReply::badRequest(rules.error());
    }
    const Result<bool> changed =
        context.store.users.setPasswordHash(caller.user.name, credentials::hashPassword(next), context.clock.now());
    if (!changed) {
        return ApiReply::storeFailure(changed.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("account.password"),
                         caller.user.name,
                         QStringLiteral("ok"),
                         request.source,
                         QStringLiteral("password changed; sessions ended"));
    return ApiReply::noContent();
}
}

void addUserRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    ApiRouter &router = context.router;
    router.addRoute(Method::Get,
                    QStringLiteral("/api/v1/users"),
                    Permission::UsersRead,
                    QStringLiteral("user.list"),
                    [&context](const ApiRequest &, const ApiCaller &) {
                        return list(context);
                    });
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/users"),
                    Permission::UsersManage,
                    QStringLiteral("user.create"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return create(context, request, caller);
                    });
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/users/<arg>/disable"),
                    Permission::UsersManage,
                    QStringLiteral("user.disable"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return setDisabled(context, request, caller, true);
                    });
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/users/<arg>/enable"),
                    Permission::UsersManage,
                    QStringLiteral("user.enable"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return setDisabled(context, request, caller, false);
                    });
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/users/<arg>/password"),
                    Permission::UsersManage,
                    QStringLiteral("user.password"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return resetPassword(context, request, caller);
                    });
    router.addRoute(Method::Post,
                    QStringLiteral("/api/v1/account/password"),
                    Permission::OwnAccount,
                    QStringLiteral("account.password"),
                    [&context](const ApiRequest &request, const ApiCaller &caller) {
                        return changeOwnPassword(context, request, caller);
                    });
}

} // namespace steward::server::routes
