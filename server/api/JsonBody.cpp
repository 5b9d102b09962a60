// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonBody.h"

#include <QJsonArray>
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

JsonBody::JsonBody(QJsonObject object, QString prefix)
    : m_object(std::move(object))
    , m_prefix(std::move(prefix))
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
        m_problem = invalid(QStringLiteral("\"%1\" %2").arg(m_prefix + field, message));
    }
}

QJsonValue JsonBody::given(const QString &field, bool required)
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined() && required) {
        fail(field, QStringLiteral("is required"));
    }
    return value;
}

QString JsonBody::string(const QString &field, bool required, int maxLength)
{
    const QJsonValue value = given(field, required);
    return value.isUndefined() ? QString() : checkedString(field, value, maxLength);
}

QString JsonBody::checkedString(const QString &field, const QJsonValue &value, int maxLength)
{
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

QStringList JsonBody::strings(const QString &field, bool required, int maxItems, int maxLength)
{
    const QJsonValue value = given(field, required);
    if (value.isUndefined()) {
        return {};
    }
    if (!value.isArray()) {
        fail(field, QStringLiteral("must be an array of strings"));
        return {};
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty() || array.size() > maxItems) {
        fail(field, QStringLiteral("must have 1 to %1 items").arg(maxItems));
        return {};
    }
    QStringList result;
    result.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString item = checkedString(QStringLiteral("%1[%2]").arg(field).arg(i), array.at(i), maxLength);
        if (item.isEmpty()) {
            return {};
        }
        result.append(item);
    }
    return result;
}

QByteArray JsonBody::base64(const QString &field, bool required, qsizetype maxBytes)
{
    const QJsonValue value = given(field, required);
    if (value.isUndefined()) {
        return {};
    }
    if (!value.isString()) {
        fail(field, QStringLiteral("must be a base64 string"));
        return {};
    }
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    // Latin-1 turns other characters into '?', which base64 refuses too.
    if (!decoded || decoded.decoded.toBase64() != value.toString().toLatin1()) {
        fail(field, QStringLiteral("must be standard, padded base64"));
        return {};
    }
    if (decoded.decoded.isEmpty() || decoded.decoded.size() > maxBytes) {
        fail(field, QStringLiteral("must hold 1 to %1 bytes").arg(maxBytes));
        return {};
    }
    return decoded.decoded;
}

JsonBody JsonBody::object(const QString &field, bool required, const QStringList &fields)
{
    const QString prefix = m_prefix + field + QLatin1Char('.');
    const QJsonValue value = given(field, required);
    if (value.isUndefined()) {
        return JsonBody(QJsonObject(), prefix);
    }
    if (!value.isObject()) {
        fail(field, QStringLiteral("must be an object"));
        return JsonBody(QJsonObject(), prefix);
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!fields.contains(it.key())) {
            fail(field,
                 QStringLiteral("has an unknown field \"%1\" (expected: %2)")
                     .arg(it.key().left(64), fields.join(QStringLiteral(", "))));
            return JsonBody(QJsonObject(), prefix);
        }
    }
    return JsonBody(object, prefix);
}

} // namespace steward::server
