// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/SignedDocument.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

// The operator list (docs/jobs.md, "Keys and documents"): which operator keys the root certifies,
// for which job kinds, until when. Signed by the root, whose public key the list carries; what
// makes it trusted is the root fingerprint pinned on each agent.
namespace steward::jobs
{

inline constexpr qsizetype kMaxOperators = 1000;
inline constexpr qsizetype kMaxKindsPerOperator = 64;
inline constexpr qsizetype kMaxNameLength = 256; // operator names
inline constexpr qsizetype kMaxKindLength = 64;

struct OperatorEntry {
    QString name;
    QByteArray publicKey; // raw Ed25519, 32 bytes
    QStringList kinds;
    QDateTime notAfter;
};

struct OperatorList {
    int version = 0;
    QDateTime issuedAt;
    QDateTime expiresAt;
    QByteArray rootPublicKey; // raw Ed25519, 32 bytes
    QList<OperatorEntry> operators;

    // {v: 1, version, issuedAt, expiresAt, rootPublicKey, operators: [{name, publicKey, kinds,
    // notAfter}]}, times in epoch seconds.
    QByteArray encode() const;
    // Strict: exactly those keys, each of its type and size; at most kMaxOperators operators, no
    // operator key twice, and not the root's own key (the root certifies, it does not run jobs).
    // Error code "operators.malformed".
    static Result<OperatorList> decode(const QByteArray &bytes);
    // The operator whose key has this fingerprint (any case, ':' separators allowed); null if none.
    // Points into `operators`: valid while the list is unchanged.
    const OperatorEntry *find(const QString &signerFingerprint) const;
};

// Decodes the list, checks that its root key has the pinned `rootFingerprint` (normalised as
// pki::normalizeFingerprint does), that the root signed these bytes and that `now` is before
// expiresAt. Error codes, in that order: "operators.malformed", "operators.root-mismatch",
// "operators.signature", "operators.expired".
Result<OperatorList> verifyOperatorList(const SignedDocument &document,
                                        const QString &rootFingerprint,
                                        const QDateTime &now);

// Rollback: a list older than the one held is refused (a list of the same version is accepted,
// as the same list delivered again). Error code "operators.rollback".
Status checkNotOlder(const OperatorList &candidate, int heldVersion);

} // namespace steward::jobs
