// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace steward::server
{

// Strict reading of a JSON request body: one object, only the fields a route knows, each of the
// type it must be. Nothing is silently defaulted from a wrong value: "5" is not a number, 2.7 is
// not an integer, 1e10 is out of range. The first problem is kept and names its field.
//
//     Result<JsonBody> body = JsonBody::parse(request.body, {"uses", "ttlSeconds"});
//     const qint64 uses = body.value().integer("uses", 1, 1, 10000);
//     if (const std::optional<Error> problem = body.value().problem()) return ApiReply::badRequest(*problem);
class JsonBody
{
public:
    // An empty body is an empty object. Fails on malformed JSON, a non-object and unknown fields.
    static Result<JsonBody> parse(const QByteArray &body, const QStringList &fields);

    // A string of 1..maxLength characters without control characters; empty when missing and
    // not required.
    QString string(const QString &field, bool required, int maxLength);
    // An integer in [min, max]; `fallback` when missing.
    qint64 integer(const QString &field, qint64 fallback, qint64 min, qint64 max);
    bool contains(const QString &field) const
    {
        return m_object.contains(field);
    }

    const std::optional<Error> &problem() const
    {
        return m_problem;
    }

private:
    explicit JsonBody(QJsonObject object);
    void fail(const QString &field, const QString &message);

    QJsonObject m_object;
    std::optional<Error> m_problem;
};

} // namespace steward::server
