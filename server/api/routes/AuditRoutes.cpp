// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/audit (filtered, paged by id), GET /api/v1/audit/verify.
#include "api/ApiContext.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
constexpr int kMaxFilterLength = 256;

Error invalid(const QString &parameter, const QString &problem)
{
    return makeError(QStringLiteral("request.invalid"), QStringLiteral("\"%1\" %2").arg(parameter, problem));
}

// GET /api/v1/audit's query: every parameter optional, every value checked, none ignored.
Result<AuditFilter> auditFilter(const QUrlQuery &query)
{
    AuditFilter filter;
    const auto given = [&query](const char *name) {
        return query.hasQueryItem(QLatin1String(name));
    };
    const auto value = [&query](const char *name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    if (given("limit")) {
        bool ok = false;
        filter.limit = value("limit").toInt(&ok);
        if (!ok || filter.limit < 1 || filter.limit > 10000) {
            return invalid(QStringLiteral("limit"), QStringLiteral("must be a whole number between 1 and 10000"));
        }
    }
    for (const auto &[name, field] : {std::pair{"actor", &filter.actor},
                                      std::pair{"action", &filter.action},
                                      std::pair{"target", &filter.target},
                                      std::pair{"outcome", &filter.outcome}}) {
        if (!given(name)) {
            continue;
        }
        *field = value(name);
        if (field->isEmpty() || field->size() > kMaxFilterLength) {
            return invalid(QLatin1String(name),
                           QStringLiteral("must be 1 to %1 characters long").arg(kMaxFilterLength));
        }
    }
    if (filter.action.indexOf(QLatin1Char('*')) >= 0
        && filter.action.indexOf(QLatin1Char('*')) != filter.action.size() - 1) {
        return invalid(QStringLiteral("action"),
                       QStringLiteral("may hold '*' only at its end, as a prefix (\"device.*\")"));
    }
    static const QStringList outcomes{QStringLiteral("ok"), QStringLiteral("denied"), QStringLiteral("broken")};
    if (given("outcome") && !outcomes.contains(filter.outcome)) {
        return invalid(QStringLiteral("outcome"), QStringLiteral("must be ok, denied or broken"));
    }
    for (const auto &[name, field] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
        if (!given(name)) {
            continue;
        }
        // A time without a zone would be read in the server's, which the caller cannot know.
        const QString text = value(name);
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid() || time.timeSpec() == Qt::LocalTime) {
            return invalid(QLatin1String(name),
                           QStringLiteral("must be an ISO 8601 date-time in UTC, such as 2024-05-01T12:00:00Z"));
        }
        *field = time.toUTC();
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to) {
        return invalid(QStringLiteral("from"), QStringLiteral("must not be after \"to\""));
    }
    if (given("before")) {
        bool ok = false;
        filter.before = value("before").toLongLong(&ok);
        if (!ok || filter.before < 1) {
            return invalid(QStringLiteral("before"), QStringLiteral("must be an audit row id (a whole number from 1)"));
        }
    }
    return filter;
}

ApiReply list(ApiContext &context, const ApiRequest &request)
{
    const Result<AuditFilter> filter = auditFilter(request.query);
    if (!filter) {
        return ApiReply::badRequest(filter.error());
    }
    const Result<QList<AuditEntry>> found = context.store.audit.find(filter.value());
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    QJsonArray entries;
    for (const AuditEntry &entry : found.value()) {
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
