// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/search: the help-desk lookup.
#include "api/ApiContext.h"
#include "search/SearchTerms.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;

ApiReply invalid(const QString &message)
{
    return ApiReply::badRequest(makeError(QStringLiteral("request.invalid"), message));
}

ApiReply find(ApiContext &context, const ApiRequest &request)
{
    const QString text = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    if (text.trimmed().isEmpty() || text.size() > search::kMaxTextLength) {
        return invalid(QStringLiteral("q: give 1 to %1 characters to search for").arg(search::kMaxTextLength));
    }
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            return invalid(QStringLiteral("q: control characters are not searched for"));
        }
    }
    int limit = kDefaultLimit;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > kMaxLimit) {
            return invalid(QStringLiteral("limit: must be a whole number between 1 and %1").arg(kMaxLimit));
        }
    }
    const Result<QList<SearchHit>> hits = context.store.devices.search(text, limit);
    if (!hits) {
        return ApiReply::storeFailure(hits.error());
    }
    QJsonArray json;
    for (const SearchHit &hit : hits.value()) {
        QJsonArray fields;
        QJsonArray matches;
        for (const auto &[field, value] : hit.matched) {
            if (!fields.contains(field)) {
                fields.append(field);
            }
            matches.append(QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("value"), value}});
        }
        json.append(QJsonObject{{QStringLiteral("id"), hit.deviceId},
                                {QStringLiteral("hostname"), hit.hostname},
                                {QStringLiteral("orgUnit"), hit.orgUnit},
                                {QStringLiteral("revoked"), hit.revoked},
                                {QStringLiteral("matched"), fields},
                                {QStringLiteral("matches"), matches}});
    }
    return ApiReply::json(json);
}
} // namespace

void addSearchRoutes(ApiContext &context)
{
    context.router.addRoute(ApiRouter::Method::Get,
                            QStringLiteral("/api/v1/search"),
                            Permission::DevicesRead,
                            QStringLiteral("device.search"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return find(context, request);
                            });
}

} // namespace steward::server::routes
