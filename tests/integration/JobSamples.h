// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/Merkle.h"
#include "jobs/OperatorList.h"
#include "jobs/SignedDocument.h"

#include <QCborArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

// Real keys and signed documents for the API tests of jobs (tests/integration), made with the
// library the agents and stewardctl use.
namespace steward::test::jobsamples
{

// A root key and one operator key certified by it for patch jobs.
struct Signers {
    jobs::SigningKey root = jobs::generateSigningKey().value();
    jobs::SigningKey operatorKey = jobs::generateSigningKey().value();
};

inline jobs::OperatorList operatorList(const Signers &signers,
                                       int version,
                                       const QDateTime &now,
                                       const QStringList &kinds = {QStringLiteral("patch")})
{
    jobs::OperatorList list;
    list.version = version;
    list.issuedAt = now;
    list.expiresAt = now.addDays(90);
    list.rootPublicKey = signers.root.publicKey;
    list.operators.append(
        jobs::OperatorEntry{QStringLiteral("Olga Operator"), signers.operatorKey.publicKey, kinds, now.addDays(30)});
    return list;
}

// {document, signature} as the API takes and gives signed documents.
inline QJsonObject signedJson(const jobs::SignedDocument &document)
{
    return QJsonObject{{QStringLiteral("document"), QString::fromLatin1(document.bytes.toBase64())},
                       {QStringLiteral("signature"), QString::fromLatin1(document.signature.toBase64())}};
}

inline QJsonObject signedJson(const jobs::SigningKey &key, const QByteArray &bytes)
{
    return signedJson(jobs::SignedDocument::signedBy(key, bytes).value());
}

// A patch job for `targets`, signed for by `signer`: security updates, due in a day, expiring in
// a week.
inline jobs::JobEnvelope patchJob(const jobs::SigningKey &signer, const QStringList &targets, const QDateTime &now)
{
    jobs::JobEnvelope envelope;
    envelope.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    envelope.kind = QStringLiteral("patch");
    envelope.content =
        QCborMap{{QStringLiteral("select"), QStringLiteral("security")}, {QStringLiteral("packages"), QCborArray()}};
    envelope.targetsRoot = jobs::merkle::root(targets);
    envelope.targetCount = int(targets.size());
    envelope.notBefore = now;
    envelope.deadline = now.addDays(1);
    envelope.expiresAt = now.addDays(7);
    envelope.issuedAt = now;
    envelope.signer = jobs::fingerprint(signer.publicKey);
    envelope.options = QCborMap{{QStringLiteral("reboot"), QStringLiteral("if-required")},
                                {QStringLiteral("maxRuntimeSeconds"), 3600}};
    return envelope;
}

// POST /api/v1/jobs's body.
inline QJsonObject jobRequest(const jobs::SigningKey &key,
                              const jobs::JobEnvelope &envelope,
                              const QStringList &targets)
{
    return QJsonObject{{QStringLiteral("job"), signedJson(key, envelope.encode())},
                       {QStringLiteral("targets"), QJsonArray::fromStringList(targets)}};
}

} // namespace steward::test::jobsamples
