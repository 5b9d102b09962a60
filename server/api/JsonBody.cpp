// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonBody.h"

#include <QJsonDocument>

#include <cmath>

namespace steward::server
{

namespace
{
Error invalid(const QString &message)
{
    return makeError(QStringLiteral("request.invalid"), message);
}

// Integers beyond 2^53 do not survive a JSON double.
constexpr double kLargestExactInteger = 9007199254740992.0;
}

JsonBody::JsonBody(QJsonObject object)
    : m_object(std::move(object))
{
}

Result<JsonBody> JsonBody::parse(const QByteArray &body, const QStringList &fields)
{
    if (body.trimmed().isEmpty()) {
        return JsonBody(QJsonObject());
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return invalid(
            QStringLiteral("the body is not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    }
    if (!document.isObject()) {
        return invalid(QStringLiteral("the body must be a JSON object"));
    }
    const QJsonObject object = document.object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!fields.contains(it.key())) {
            const QString expected = fields.isEmpty() ? QStringLiteral("none") : fields.join(QStringLiteral(", "));
            return invalid(QStringLiteral("unknown field \"%1\" (expected: %2)").arg(it.key().left(64), expected));
        }
    }
    return JsonBody(object);
}

void JsonBody::fail(const QString &field, const QString &message)
{
    if (!m_problem) {
        m_problem = invalid(QStringLiteral("\"%1\" %2").arg(field, message));
    }
}

QString JsonBody::string(const QString &field, bool required, int maxLength)
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined()) {
        if (required) {
            fail(field, QStringLiteral("is required"));
        }
        return QString();
    }
    if (!value.isString()) {
        fail(field, QStringLiteral("must be a string"));
        return QString();
    }
    const QString text = value.toString();
    if (text.isEmpty() || text.size() > maxLength) {
        fail(field, QStringLiteral("must have 1 to %1 characters").arg(maxLength));
        return QString();
    }
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            fail(field, QStringLiteral("must not contain control characters"));
            return QString();
        }
    }
    return text;
}

qint64 JsonBody::integer(const QString &field, qint64 fallback, qint64 min, qint64 max)
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isDouble()) {
        fail(field, QStringLiteral("must be a number"));
        return fallback;
    }
    const double number = value.toDouble();
    if (std::trunc(number) != number || std::fabs(number) > kLargestExactInteger) {
        fail(field, QStringLiteral("must be a whole number"));
        return fallback;
    }
    if (number < double(min) || number > double(max)) {
        fail(field, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return fallback;
    }
    return qint64(number);
}

} // namespace steward::server
