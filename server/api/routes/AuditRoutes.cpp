// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/audit, GET /api/v1/audit/verify.
#include "api/ApiContext.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
ApiReply list(ApiContext &context, const ApiRequest &request)
{
    int limit = 100;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 10000) {
            return ApiReply::badRequest(
                makeError(QStringLiteral("request.invalid"),
                          QStringLiteral("\"limit\" must be a whole number between 1 and 10000")));
        }
    }
    const Result<QList<AuditEntry>> newest = context.store.audit.newest(limit);
    if (!newest) {
        return ApiReply::storeFailure(newest.error());
    }
    QJsonArray entries;
    for (const AuditEntry &entry : newest.value()) {
        entries.append(QJsonObject{{QStringLiteral("id"), entry.id},
                                   {QStringLiteral("at"), isoTime(entry.at)},
                                   {QStringLiteral("actor"), entry.actor},
                                   {QStringLiteral("action"), entry.action},
                                   {QStringLiteral("target"), entry.target},
                                   {QStringLiteral("outcome"), entry.outcome},
                                   {QStringLiteral("sourceIp"), entry.source},
                                   {QStringLiteral("detail"), entry.detail}});
    }
    return ApiReply::json(entries);
}

ApiReply verify(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const Result<AuditVerification> verified = context.store.audit.verify();
    if (!verified) {
        return ApiReply::storeFailure(verified.error());
    }
    const AuditVerification &result = verified.value();
    // Checking is itself worth a row: an auditor can see when the log was last verified, and what was found.
    context.router.audit(caller.user.name,
                         QStringLiteral("audit.verify"),
                         QString(),
                         result.intact() ? QStringLiteral("ok") : QStringLiteral("broken"),
                         request.source,
                         result.intact()
                             ? QStringLiteral("%1 rows intact, head %2").arg(result.rows).arg(result.headHash)
                             : result.problem);
    return ApiReply::json(QJsonObject{
        {QStringLiteral("intact"), result.intact()},
        {QStringLiteral("rows"), result.rows},
        {QStringLiteral("unchainedRows"), result.unchained},
        {QStringLiteral("firstBrokenId"),
         result.intact() ? QJsonValue(QJsonValue::Null) : QJsonValue(result.firstBrokenId)},
        {QStringLiteral("problem"), result.intact() ? QJsonValue(QJsonValue::Null) : QJsonValue(result.problem)},
        {QStringLiteral("headHash"), result.headHash}});
}
}

void addAuditRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/audit"),
                            Permission::AuditRead,
                            QStringLiteral("audit.read"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return list(context, request);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/audit/verify"),
                            Permission::AuditRead,
                            QStringLiteral("audit.verify"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return verify(context, request, caller);
                            });
}

} // namespace steward::server::routes
