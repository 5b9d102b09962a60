// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiReply.h"

#include "StewardApiLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace steward::server
{

ApiReply ApiReply::json(const QJsonValue &body, Status status)
{
    ApiReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

ApiReply ApiReply::noContent()
{
    ApiReply reply;
    reply.status = Status::NoContent;
    return reply;
}

ApiReply ApiReply::error(Status status, const QString &code, const QString &message)
{
    return json(QJsonObject{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}},
                status);
}

ApiReply ApiReply::badRequest(const Error &error)
{
    return ApiReply::error(Status::BadRequest, error.code, error.message);
}

ApiReply ApiReply::notFound(const QString &code, const QString &message)
{
    return ApiReply::error(Status::NotFound, code, message);
}

ApiReply ApiReply::storeFailure(const Error &error)
{
    qCWarning(lcApi).noquote() << "database:" << error.message;
    if (error.code == QLatin1String("store.unavailable")) {
        ApiReply reply = ApiReply::error(Status::ServiceUnavailable,
                                         QStringLiteral("server.unavailable"),
                                         QStringLiteral("the site database is unavailable; try again shortly"));
        reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")});
        return reply;
    }
    if (error.code == QLatin1String("store.conflict")) {
        return ApiReply::error(Status::Conflict,
                               QStringLiteral("request.conflict"),
                               QStringLiteral("that name is already taken"));
    }
    return ApiReply::error(Status::InternalServerError,
                           QStringLiteral("server.error"),
                           QStringLiteral("the server could not complete the request"));
}

QByteArray ApiReply::encodedBody() const
{
    if (body.isObject()) {
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    }
    if (body.isArray()) {
        return QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    }
    return {};
}

} // namespace steward::server
