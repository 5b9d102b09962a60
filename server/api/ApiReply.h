// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QHttpServerResponder>
#include <QJsonValue>
#include <QList>
#include <QPair>

#include <functional>

namespace steward::server
{

// A route handler's answer: status, JSON body and extra headers. Errors are always
// {"error": {"code", "message"}} (docs/openapi.yaml, Error).
struct ApiReply {
    using Status = QHttpServerResponder::StatusCode;

    Status status = Status::Ok;
    QJsonValue body = QJsonValue::Undefined; // an object or an array; undefined for no body
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0; // answer only after this long (the login throttle's slow-down)
    std::function<void()> onSent; // runs on the event loop once the answer is out (or dropped)

    static ApiReply json(const QJsonValue &body, Status status = Status::Ok);
    static ApiReply noContent();
    static ApiReply error(Status status, const QString &code, const QString &message);
    // 400 naming what is wrong with the request.
    static ApiReply badRequest(const Error &error);
    static ApiReply notFound(const QString &code, const QString &message);
    // A store failure: 503 with Retry-After when the database is locked or gone (so that no
    // client mistakes it for a wrong password or a missing device), 409 for a taken name,
    // otherwise 500. The details go to the log, not to the client.
    static ApiReply storeFailure(const Error &error);

    QByteArray encodedBody() const;
};

} // namespace steward::server
