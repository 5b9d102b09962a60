// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/SignedDocument.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

// A device job's result, signed by the device with its P-256 enrolment key (docs/jobs.md): the
// server stores and forwards it but cannot forge one.
namespace steward::jobs
{

inline constexpr qsizetype kMaxDeviceIdLength = 256;
inline constexpr qsizetype kMaxStateLength = 64;

struct Receipt {
    QString jobId; // QUuid::toString(QUuid::WithoutBraces), as in the envelope
    QString deviceId; // the device certificate's common name
    QString state; // "succeeded", "failed", ... (docs/jobs.md, "States")
    std::optional<qint64> exitCode; // none when nothing ran
    QByteArray itemsDigest; // SHA-256 (32 bytes) or empty
    QByteArray outputSha256; // SHA-256 (32 bytes) or empty
    QDateTime at;

    // {jobId, deviceId, state, exitCode (integer or null), itemsDigest, outputSha256, at},
    // `at` in epoch seconds UTC.
    QByteArray encode() const;
    // Strict: exactly those keys, each of its type and size; error code "receipt.malformed".
    static Result<Receipt> decode(const QByteArray &bytes);
};

// ECDSA with SHA-256 (DER signature) by the device key: PEM as pki::createKeyAndCsr makes it.
// Error codes "receipt.key" (not an EC private key), "key.sign".
Result<SignedDocument> signReceipt(const Receipt &receipt, const QByteArray &deviceKeyPem);

// The signature verifies with the certificate's public key, the bytes decode and the receipt
// names the certificate's common name as its deviceId. Whether the certificate itself is
// trusted (pki::verifyIssuedBy against the site CA) is the caller's check. Error codes
// "receipt.certificate", "receipt.signature", "receipt.malformed", "receipt.device-mismatch".
Result<Receipt> verifyReceipt(const SignedDocument &document, const QByteArray &deviceCertificatePem);

} // namespace steward::jobs
