// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v1/enrollment-tokens.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "auth/Credentials.h"
#include "store/Repositories.h"

#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
ApiReply create(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed =
        JsonBody::parse(request.body,
                        {QStringLiteral("uses"), QStringLiteral("ttlSeconds"), QStringLiteral("orgUnit")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const qint64 uses = body.integer(QStringLiteral("uses"), 1, 1, context.options.maxEnrolmentTokenUses);
    const qint64 ttl =
        body.integer(QStringLiteral("ttlSeconds"), 24 * 3600, 60, context.options.maxEnrolmentTokenTtlSeconds);
    const QString orgUnitText = body.string(QStringLiteral("orgUnit"), false, 2048);
    if (body.problem()) {
        return ApiReply::badRequest(*body.problem());
    }
    // Where its devices land; the root unless the token says.
    const Result<QString> orgUnitPath = orgunit::canonicalPath(orgUnitText);
    if (!orgUnitPath) {
        return ApiReply::badRequest(orgUnitPath.error());
    }
    const Result<std::optional<OrgUnit>> orgUnit = context.store.orgUnits.find(orgUnitPath.value());
    if (!orgUnit) {
        return ApiReply::storeFailure(orgUnit.error());
    }
    if (!orgUnit.value()) {
        const Error unknown = orgunit::unknownUnit(orgUnitPath.value());
        context.router.audit(caller.user.name,
                             QStringLiteral("enrollment-token.create"),
                             QString(),
                             QStringLiteral("denied"),
                             request.source,
                             logSafe(unknown.message, 512));
        return ApiReply::error(ApiReply::Status::BadRequest, unknown.code, unknown.message);
    }
    // The agent pins it at enrolment (`--job-root-fingerprint`); none before the first
    // operator list is uploaded.
    const Result<QString> jobRoot = context.store.signing.rootFingerprint();
    if (!jobRoot) {
        return ApiReply::storeFailure(jobRoot.error());
    }
    const QString token = credentials::randomToken();
    const QDateTime now = context.clock.now();
    const QDateTime expires = now.addSecs(ttl);
    if (Status added = context.store.enrolment.addToken(credentials::tokenHash(token),
                                                        int(uses),
                                                        expires,
                                                        caller.user.name,
                                                        now,
                                                        orgUnit.value()->id);
        !added) {
        return ApiReply::storeFailure(added.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("enrollment-token.create"),
                         QString(),
                         QStringLiteral("ok"),
                         request.source,
                         QStringLiteral("uses %1, expires %2, org unit '%3'")
                             .arg(uses)
                             .arg(isoTime(expires), logSafe(orgUnitPath.value(), 512)));
    return ApiReply::json(
        QJsonObject{{QStringLiteral("token"), token},
                    {QStringLiteral("caFingerprint"), context.options.caFingerprint},
                    {QStringLiteral("jobRootFingerprint"),
                     jobRoot.value().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(jobRoot.value())},
                    {QStringLiteral("uses"), uses},
                    {QStringLiteral("orgUnit"), orgUnitPath.value()},
                    {QStringLiteral("expiresAt"), isoTime(expires)}},
        ApiReply::Status::Created);
}
}

void addEnrolmentTokenRoutes(ApiContext &context)
{
    context.router.addRoute(ApiRouter::Method::Post,
                            QStringLiteral("/api/v1/enrollment-tokens"),
                            Permission::EnrolmentTokensCreate,
                            QStringLiteral("enrollment-token.create"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return create(context, request, caller);
                            });
}

} // namespace steward::server::routes
