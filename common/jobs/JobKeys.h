// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/SignedDocument.h"

#include <QByteArray>
#include <QString>

// Ed25519 keys for operator roots and operators (docs/jobs.md, "Keys and documents"), on
// OpenSSL's EVP_PKEY_ED25519. Private keys never reach a log or an error message.
namespace steward::jobs
{

inline constexpr qsizetype kPublicKeyBytes = 32;
inline constexpr qsizetype kSignatureBytes = 64;
// OpenSSL hands a key file's reader at most this much passphrase (PEM_BUFSIZE).
inline constexpr qsizetype kMaxPassphraseBytes = 1024;

struct SigningKey {
    QByteArray privateKeyPem; // PKCS#8 PEM, not encrypted: keep it in memory only
    QByteArray publicKey; // raw 32 bytes
};

// Error code "key.generate".
Result<SigningKey> generateSigningKey();

// The key file: PKCS#8 PEM, encrypted with `passphrase` (AES-256-CBC, key from PBKDF2; OpenSSL's
// PEM_write_bio_PKCS8PrivateKey) when it is non-empty, otherwise plain. Error codes "key.invalid",
// "key.passphrase" (longer than kMaxPassphraseBytes: such a file could not be read back).
Result<QByteArray> privateKeyFile(const SigningKey &key, const QByteArray &passphrase);

// Reads a key file. Error code "key.passphrase" when the file is encrypted and the passphrase is
// missing or wrong, "key.invalid" otherwise (not PEM, not a private key, not Ed25519). A plain
// file reads with any passphrase.
Result<SigningKey> readPrivateKeyFile(const QByteArray &pem, const QByteArray &passphrase);

// SHA-256 of the raw public key, 64 lowercase hex digits.
QString fingerprint(const QByteArray &publicKey);

// A 64-byte Ed25519 signature. Error codes "key.invalid", "key.sign".
Result<QByteArray> sign(const SigningKey &key, const QByteArray &message);

// False for any malformed key or signature as well as for a wrong one.
bool verifySignature(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);

} // namespace steward::jobs
