// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>

#include <openssl/evp.h>

#include <memory>

// OpenSSL plumbing shared by the job files (internal to steward-common: it names OpenSSL types,
// which only steward-common links). Nothing here prompts on a terminal or logs key material.
namespace steward::jobs::detail
{

using PKeyPtr = std::unique_ptr<EVP_PKEY, decltype(&::EVP_PKEY_free)>;

// Takes the reason from OpenSSL's error queue and clears the queue (Qt's TLS code shares it).
Error opensslError(const QString &code, const QString &what);

// The first private key in `pem`, decrypted with `passphrase` when the PEM is encrypted (an empty
// passphrase then fails). Null on any failure, with the error queue cleared.
PKeyPtr readPrivateKey(const QByteArray &pem, const QByteArray &passphrase);

// The public key of the first certificate in `pem`; null (queue cleared) when there is none.
PKeyPtr readCertificateKey(const QByteArray &pem);

// PKCS#8 PEM: "ENCRYPTED PRIVATE KEY" (PBES2: AES-256-CBC, PBKDF2) when `passphrase` is non-empty,
// otherwise "PRIVATE KEY". Empty on failure.
QByteArray writePrivateKey(EVP_PKEY *key, const QByteArray &passphrase);

// One-shot EVP_DigestSign / EVP_DigestVerify; `digest` is null for Ed25519.
Result<QByteArray> digestSign(EVP_PKEY *key, const EVP_MD *digest, const QByteArray &message);
bool digestVerify(EVP_PKEY *key, const EVP_MD *digest, const QByteArray &message, const QByteArray &signature);

} // namespace steward::jobs::detail
