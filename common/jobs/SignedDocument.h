// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>

namespace steward::jobs
{

struct SigningKey; // jobs/JobKeys.h, which also includes this header

// The largest signed document (operator list, job envelope, receipt) anyone reads.
inline constexpr qsizetype kMaxDocumentBytes = 1024 * 1024;
// Ed25519 signatures are 64 bytes, DER ECDSA P-256 ones at most 72.
inline constexpr qsizetype kMaxSignatureBytes = 512;

// A CBOR document carried as its exact bytes beside its signature (docs/jobs.md): the verifier
// checks the signature over `bytes`, then decodes them, so nothing is ever re-encoded.
struct SignedDocument {
    QByteArray bytes;
    QByteArray signature;

    QCborMap toCbor() const; // {"doc": bytes, "sig": bytes}
    // Exactly those two keys, non-empty byte strings within the limits above; error code
    // "document.malformed". The signature is not checked here.
    static Result<SignedDocument> fromCbor(const QCborValue &value);
    // Signs `bytes` with an Ed25519 key (jobs::sign's errors).
    static Result<SignedDocument> signedBy(const SigningKey &key, const QByteArray &bytes);
};

} // namespace steward::jobs
