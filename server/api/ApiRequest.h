// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QStringList>
#include <QUrlQuery>

namespace steward::server
{

// What a route handler gets of an HTTP request: a copy, so that the handler can run on a worker
// thread after Qt's request object is gone.
struct ApiRequest {
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QStringList arguments; // the values of the route's <arg> placeholders, in order
    QUrlQuery query;
    QByteArray authorization; // the Authorization header
    QByteArray body;
    QString source; // the peer's address, for the audit log

    static ApiRequest from(const QHttpServerRequest &request, QStringList arguments)
    {
        return ApiRequest{request.method(),
                          request.url().path(),
                          std::move(arguments),
                          QUrlQuery(request.url()),
                          request.value("Authorization"),
                          request.body(),
                          request.remoteAddress().toString()};
    }
};

} // namespace steward::server
