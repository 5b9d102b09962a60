// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Messages.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/Merkle.h"
#include "jobs/OperatorList.h"
#include "jobs/SignedDocument.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QStringList>
#include <QUuid>

#include <optional>

// Real Ed25519 keys and signed documents for the agent's job tests, made with the library
// stewardctl signs with: a root, an operator it certifies, and job offers for a device.
namespace steward::test::jobsigning
{

inline steward::jobs::SigningKey newKey()
{
    Result<steward::jobs::SigningKey> key = steward::jobs::generateSigningKey();
    if (!key) {
        qFatal("cannot generate an Ed25519 key: %s", qPrintable(key.error().message));
    }
    return key.value();
}

inline protocol::SignedBytes signedBy(const steward::jobs::SigningKey &key, const QByteArray &bytes)
{
    Result<steward::jobs::SignedDocument> document = steward::jobs::SignedDocument::signedBy(key, bytes);
    if (!document) {
        qFatal("cannot sign: %s", qPrintable(document.error().message));
    }
    return protocol::SignedBytes{document.value().bytes, document.value().signature};
}

// Whole seconds, as the documents carry them.
inline QDateTime wholeSeconds(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

struct Signers {
    steward::jobs::SigningKey root = newKey();
    steward::jobs::SigningKey operatorKey = newKey();

    QString rootFingerprint() const
    {
        return steward::jobs::fingerprint(root.publicKey);
    }

    // Issued at `now`, valid 90 days; the operator signs `kinds` until `operatorNotAfter`
    // (default: 30 days on).
    steward::jobs::OperatorList list(const QDateTime &now,
                                     int version = 1,
                                     const QStringList &kinds = {QStringLiteral("patch")},
                                     const QDateTime &operatorNotAfter = QDateTime()) const
    {
        steward::jobs::OperatorList list;
        list.version = version;
        list.issuedAt = now;
        list.expiresAt = now.addDays(90);
        list.rootPublicKey = root.publicKey;
        list.operators.append(
            steward::jobs::OperatorEntry{QStringLiteral("Olga Operator"),
                                         operatorKey.publicKey,
                                         kinds,
                                         operatorNotAfter.isValid() ? operatorNotAfter : now.addDays(30)});
        return list;
    }

    protocol::SignedBytes signedList(const steward::jobs::OperatorList &list) const
    {
        return signedBy(root, list.encode());
    }

    // Security updates for `targets` signed for by the operator: not before `now`, due in a day,
    // expiring in a week, restarting never.
    steward::jobs::JobEnvelope patchJob(const QStringList &targets, const QDateTime &now) const
    {
        steward::jobs::JobEnvelope envelope;
        envelope.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        envelope.kind = QStringLiteral("patch");
        envelope.content = QCborMap{{QStringLiteral("select"), QStringLiteral("security")},
                                    {QStringLiteral("packages"), QCborArray()}};
        envelope.targetsRoot = steward::jobs::merkle::root(targets);
        envelope.targetCount = int(targets.size());
        envelope.notBefore = now;
        envelope.deadline = now.addDays(1);
        envelope.expiresAt = now.addDays(7);
        envelope.issuedAt = now;
        envelope.signer = steward::jobs::fingerprint(operatorKey.publicKey);
        envelope.options = QCborMap{{QStringLiteral("reboot"), QStringLiteral("never")}};
        return envelope;
    }

    // The offer the server makes `deviceId`: the envelope signed by `signer` (the operator unless
    // given) and the device's inclusion proof in `targets` (empty when it is not one).
    protocol::JobOffer offer(const steward::jobs::JobEnvelope &envelope,
                             const QStringList &targets,
                             const QString &deviceId,
                             const std::optional<steward::jobs::SigningKey> &signer = std::nullopt) const
    {
        const std::optional<steward::jobs::merkle::Proof> proof = steward::jobs::merkle::proof(targets, deviceId);
        return protocol::JobOffer{
            signedBy(signer ? *signer : operatorKey, envelope.encode()),
            QCborValue(steward::jobs::merkle::toCbor(proof.value_or(steward::jobs::merkle::Proof()))).toCbor()};
    }
};

} // namespace steward::test::jobsigning
