// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobKeys.h"
#include "jobs/OperatorList.h"

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QTest>

// Keys and a root-signed operator list for the job tests (real Ed25519 keys, no mocks).
namespace steward::jobs::testing
{

inline SigningKey newKey()
{
    Result<SigningKey> key = generateSigningKey();
    if (!key) {
        qFatal("cannot generate an Ed25519 key: %s", qPrintable(key.error().message));
    }
    return key.value();
}

inline OperatorEntry operatorEntry(const QString &name,
                                   const SigningKey &key,
                                   const QStringList &kinds,
                                   const QDateTime &notAfter)
{
    return OperatorEntry{name, key.publicKey, kinds, notAfter};
}

// Version 1, issued at `now`, expiring 30 days later.
inline OperatorList operatorList(const SigningKey &root, const QList<OperatorEntry> &operators, const QDateTime &now)
{
    OperatorList list;
    list.version = 1;
    list.issuedAt = now;
    list.expiresAt = now.addDays(30);
    list.rootPublicKey = root.publicKey;
    list.operators = operators;
    return list;
}

inline SignedDocument signedBy(const SigningKey &key, const QByteArray &bytes)
{
    Result<SignedDocument> document = SignedDocument::signedBy(key, bytes);
    if (!document) {
        qFatal("cannot sign: %s", qPrintable(document.error().message));
    }
    return document.value();
}

// The error code of a failed result, empty for success: QCOMPARE(errorCode(r), "job.expired").
template<typename T>
QString errorCode(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().code;
}

// `encoded` (a CBOR map) with `key` set to `value`, or removed when `value` is undefined: the
// malformed variants of a valid document.
inline QByteArray withField(const QByteArray &encoded, const char *key, const QCborValue &value)
{
    QCborMap map = QCborValue::fromCbor(encoded).toMap();
    if (value.isUndefined()) {
        map.remove(QLatin1String(key));
    } else {
        map.insert(QLatin1String(key), value);
    }
    return QCborValue(map).toCbor();
}

// Whole seconds, as the documents carry them.
inline QDateTime testNow()
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

} // namespace steward::jobs::testing
