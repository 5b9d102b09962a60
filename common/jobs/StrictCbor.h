// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QLatin1String>
#include <QString>

#include <initializer_list>
#include <optional>

// Strict, bounded reading of the CBOR that job documents are made of (internal to steward-common).
// The bytes may come from a hostile server: every field has one type, one size range, and maps
// have exactly the keys their format names, each once.
namespace steward::jobs::detail
{

// Times travel as integer seconds since the epoch, UTC, from 1970 to the end of year 9999.
QCborValue timeToCbor(const QDateTime &time);
std::optional<QDateTime> timeFromCbor(const QCborValue &value);

// Exactly one CBOR data item that fills `bytes`, of at most `maxBytes`.
std::optional<QCborValue> parseCbor(const QByteArray &bytes, qsizetype maxBytes);

// A UUID in QUuid::WithoutBraces form, lowercase: one spelling per id, so an id compared as text
// (the agent's replay check) cannot be spelt a second way.
bool isCanonicalUuid(const QString &text);

// Reads fields of one map; any missing, surplus, repeated or non-text key, or any field of the
// wrong type or size, makes ok() false (the getters then return empty values).
class MapReader
{
public:
    MapReader(const QCborValue &value, std::initializer_list<QLatin1String> keys);

    bool ok() const
    {
        return m_ok;
    }

    QString text(QLatin1String key, qsizetype maxLength); // non-empty
    QByteArray bytes(QLatin1String key, qsizetype minLength, qsizetype maxLength);
    QByteArray optionalDigest(QLatin1String key); // empty or 32 bytes
    qint64 integer(QLatin1String key, qint64 min, qint64 max);
    std::optional<qint64> integerOrNull(QLatin1String key);
    QDateTime time(QLatin1String key);
    QCborMap map(QLatin1String key);
    QCborArray array(QLatin1String key, qsizetype maxItems);

private:
    // Records whether the field at `key` is `valid`; returns it, or undefined after any failure.
    QCborValue field(QLatin1String key, bool valid);

    QCborMap m_map;
    bool m_ok = true;
};

} // namespace steward::jobs::detail
