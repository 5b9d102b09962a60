// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v1/login, POST /api/v1/logout.
#include "Clock.h"
#include "StewardApiLogging.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "auth/Credentials.h"
#include "store/Repositories.h"

#include <QCryptographicHash>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
// Someone may type a password into the user field: a name no user has is logged and audited
// only as a short hash, never verbatim.
QString loggableName(const QString &name, bool known)
{
    if (known) {
        return name;
    }
    return QStringLiteral("unknown user #")
        + QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex().left(8));
}

ApiReply login(ApiContext &context, const ApiRequest &request)
{
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("user"), QStringLiteral("password")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QString name = body.string(QStringLiteral("user"), true, 128);
    const QString password = body.string(QStringLiteral("password"), true, credentials::kMaxPasswordLength);
    if (body.problem()) {
        return ApiReply::badRequest(*body.problem());
    }
    const QDateTime now = context.clock.now();
    const QString source = request.source;
    const LoginThrottle::Admission admission = context.throttle.admit(name, source, now);
    if (!admission.admitted) {
        ApiReply reply =
            ApiReply::error(ApiReply::Status::TooManyRequests,
                            QStringLiteral("auth.busy"),
                            QStringLiteral("too many logins from %1 at once; try again in a moment").arg(source));
        reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        return reply;
    }
    LoginThrottle *throttle = &context.throttle;
    const auto finished = [throttle, source] {
        throttle->finish(source);
    };

    Result<std::optional<User>> found = context.store.users.find(name);
    if (!found) {
        ApiReply reply = ApiReply::storeFailure(found.error());
        reply.onSent = finished;
        return reply;
    }
    const std::optional<User> &user = found.value();
    // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
    static const QString dummy = credentials::hashPassword(QStringLiteral("steward-dummy-password"));
    const bool matches = credentials::verifyPassword(password, user ? user->passwordHash : dummy) && user;
    if (!matches || user->disabled) {
        const bool slowed = context.throttle.recordFailure(name, source, now);
        const QString who = loggableName(name, user.has_value());
        QString detail = !matches ? QStringLiteral("wrong user name or password") : QStringLiteral("user is disabled");
        if (slowed) {
            detail += QStringLiteral("; further attempts are slowed down");
        }
        context.router.audit(who, QStringLiteral("login"), who, QStringLiteral("denied"), source, detail);
        qCWarning(lcApi).noquote() << "failed login for" << logSafe(who) << "from" << source;
        ApiReply reply = ApiReply::error(ApiReply::Status::Unauthorized,
                                         QStringLiteral("auth.invalid"),
                                         QStringLiteral("wrong user name or password"));
        reply.delayMs = admission.delayMs;
        reply.onSent = finished;
        return reply;
    }
    context.throttle.recordSuccess(name, source);
    const QString token = credentials::randomToken();
    const QDateTime expires = now.addSecs(qint64(context.options.sessionHours) * 3600);
    if (Status added = context.store.users.addSession(credentials::tokenHash(token), user->name, now, expires);
        !added) {
        ApiReply reply = ApiReply::storeFailure(added.error());
        reply.onSent = finished;
        return reply;
    }
    context.router.audit(user->name, QStringLiteral("login"), user->name, QStringLiteral("ok"), source);
    ApiReply reply = ApiReply::json(QJsonObject{{QStringLiteral("token"), token},
                                                {QStringLiteral("user"), user->name},
                                                {QStringLiteral("role"), roleName(user->role)},
                                                {QStringLiteral("expiresAt"), isoTime(expires)}});
    reply.delayMs = admission.delayMs;
    reply.onSent = finished;
    return reply;
}

ApiReply logout(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    if (caller.sessionHash.isEmpty()) {
        return ApiReply::error(ApiReply::Status::BadRequest,
                               QStringLiteral("request.invalid"),
                               QStringLiteral("an API token is not logged out; revoke it instead"));
    }
    if (Status removed = context.store.users.removeSession(caller.sessionHash); !removed) {
        return ApiReply::storeFailure(removed.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("logout"),
                         caller.user.name,
                         QStringLiteral("ok"),
                         request.source);
    return ApiReply::noContent();
}
}

void addSessionRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addPublicRoute(Method::Post, QStringLiteral("/api/v1/login"), [&context](const ApiRequest &request) {
        return login(context, request);
    });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/logout"),
                            Permission::OwnAccount,
                            QStringLiteral("logout"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return logout(context, request, caller);
                            });
}

} // namespace steward::server::routes
