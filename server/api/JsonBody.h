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
    // An array of 1..maxItems strings, each read as string() reads one; empty when missing and
    // not required.
    QStringList strings(const QString &field, bool required, int maxItems, int maxLength);
    // Standard base64 (RFC 4648, padded) of 1..maxBytes bytes; empty when missing and not required.
    QByteArray base64(const QString &field, bool required, qsizetype maxBytes);
    // A nested object, read as strictly as the body: only `fields`. Its own getters' problems
    // name the field as "field.inner" and stay with it (check both readers' problem()); a missing
    // (when required), non-object or unknown-field object is a problem of this one.
    JsonBody object(const QString &field, bool required, const QStringList &fields);
    // The field as sent, for a reader with rules of its own (undefined when absent).
    QJsonValue raw(const QString &field) const
    {
        return m_object.value(field);
    }
    bool contains(const QString &field) const
    {
        return m_object.contains(field);
    }

    const std::optional<Error> &problem() const
    {
        return m_problem;
    }

private:
    explicit JsonBody(QJsonObject object, QString prefix = {});
    void fail(const QString &field, const QString &message);
    // The field's value; undefined, and a problem when required, when it is missing.
    QJsonValue given(const QString &field, bool required);
    // The string rules of string(), for one value; empty (and a problem) when it breaks them.
    QString checkedString(const QString &field, const QJsonValue &value, int maxLength);

    QJsonObject m_object;
    QString m_prefix; // "outer." for a nested object's fields
    std::optional<Error> m_problem;
};

} // namespace steward::server
