// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/StrictCbor.h"

#include <QCborStreamReader>
#include <QSet>
#include <QUuid>

namespace steward::jobs::detail
{

namespace
{
constexpr qint64 kLastSecond = 253402300799; // 9999-12-31T23:59:59Z
constexpr qsizetype kDigestBytes = 32;
}

QCborValue timeToCbor(const QDateTime &time)
{
    return QCborValue(time.toSecsSinceEpoch());
}

std::optional<QDateTime> timeFromCbor(const QCborValue &value)
{
    if (!value.isInteger() || value.toInteger() < 0 || value.toInteger() > kLastSecond) {
        return std::nullopt;
    }
    return QDateTime::fromSecsSinceEpoch(value.toInteger(), Qt::UTC);
}

std::optional<QCborValue> parseCbor(const QByteArray &bytes, qsizetype maxBytes)
{
    if (bytes.isEmpty() || bytes.size() > maxBytes) {
        return std::nullopt;
    }
    QCborStreamReader reader(bytes);
    QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || reader.currentOffset() != bytes.size()) {
        return std::nullopt;
    }
    return value;
}

bool isCanonicalUuid(const QString &text)
{
    const QUuid uuid = QUuid::fromString(text);
    return !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == text;
}

MapReader::MapReader(const QCborValue &value, std::initializer_list<QLatin1String> keys)
    : m_map(value.toMap())
{
    QSet<QString> expected;
    for (const QLatin1String key : keys) {
        expected.insert(QString(key));
    }
    QSet<QString> seen;
    for (auto it = m_map.constBegin(); m_ok && it != m_map.constEnd(); ++it) {
        const QString key = it.key().toString();
        m_ok = it.key().isString() && expected.contains(key) && !seen.contains(key);
        seen.insert(key);
    }
    m_ok = m_ok && value.isMap() && seen.size() == expected.size();
}

QCborValue MapReader::field(QLatin1String key, bool valid)
{
    // Once any field failed, every getter returns an empty value.
    m_ok = m_ok && valid;
    return m_ok ? m_map.value(key) : QCborValue();
}

QString MapReader::text(QLatin1String key, qsizetype maxLength)
{
    const QCborValue value = m_map.value(key);
    return field(key, value.isString() && !value.toString().isEmpty() && value.toString().size() <= maxLength)
        .toString();
}

QByteArray MapReader::bytes(QLatin1String key, qsizetype minLength, qsizetype maxLength)
{
    const QCborValue value = m_map.value(key);
    const qsizetype size = value.toByteArray().size();
    return field(key, value.isByteArray() && size >= minLength && size <= maxLength).toByteArray();
}

QByteArray MapReader::optionalDigest(QLatin1String key)
{
    const QCborValue value = m_map.value(key);
    const qsizetype size = value.toByteArray().size();
    return field(key, value.isByteArray() && (size == 0 || size == kDigestBytes)).toByteArray();
}

qint64 MapReader::integer(QLatin1String key, qint64 min, qint64 max)
{
    const QCborValue value = m_map.value(key);
    return field(key, value.isInteger() && value.toInteger() >= min && value.toInteger() <= max).toInteger();
}

std::optional<qint64> MapReader::integerOrNull(QLatin1String key)
{
    const QCborValue value = field(key, m_map.value(key).isInteger() || m_map.value(key).isNull());
    return value.isInteger() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
}

QDateTime MapReader::time(QLatin1String key)
{
    const std::optional<QDateTime> time = timeFromCbor(m_map.value(key));
    field(key, time.has_value());
    return m_ok ? *time : QDateTime();
}

QCborMap MapReader::map(QLatin1String key)
{
    return field(key, m_map.value(key).isMap()).toMap();
}

QCborArray MapReader::array(QLatin1String key, qsizetype maxItems)
{
    const QCborValue value = m_map.value(key);
    return field(key, value.isArray() && value.toArray().size() <= maxItems).toArray();
}

} // namespace steward::jobs::detail
