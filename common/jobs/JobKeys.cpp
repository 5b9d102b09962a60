// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/JobKeys.h"

#include "jobs/OpenSslSupport.h"

#include <QCryptographicHash>

#include <openssl/err.h>
#include <openssl/pem.h>

static_assert(steward::jobs::kMaxPassphraseBytes <= PEM_BUFSIZE);

namespace steward::jobs
{

namespace
{
using detail::PKeyPtr;

bool isEd25519(EVP_PKEY *key)
{
    return key && EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519;
}

// The in-memory form of a key: plain PKCS#8 and the raw public key.
Result<SigningKey> signingKeyFrom(EVP_PKEY *key)
{
    QByteArray publicKey(kPublicKeyBytes, Qt::Uninitialized);
    size_t length = size_t(publicKey.size());
    if (!isEd25519(key)
        || EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(publicKey.data()), &length) != 1
        || length != size_t(kPublicKeyBytes)) {
        return detail::opensslError(QStringLiteral("key.invalid"), QStringLiteral("not an Ed25519 key"));
    }
    QByteArray pem = detail::writePrivateKey(key, {});
    if (pem.isEmpty()) {
        return makeError(QStringLiteral("key.invalid"), QStringLiteral("cannot encode the key"));
    }
    return SigningKey{pem, publicKey};
}
}

Result<SigningKey> generateSigningKey()
{
    PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &::EVP_PKEY_free);
    if (!key) {
        return detail::opensslError(QStringLiteral("key.generate"), QStringLiteral("cannot generate an Ed25519 key"));
    }
    Result<SigningKey> signingKey = signingKeyFrom(key.get());
    if (!signingKey) {
        return makeError(QStringLiteral("key.generate"), signingKey.error().message);
    }
    return signingKey;
}

Result<QByteArray> privateKeyFile(const SigningKey &key, const QByteArray &passphrase)
{
    if (passphrase.size() > kMaxPassphraseBytes) {
        return makeError(QStringLiteral("key.passphrase"),
                         QStringLiteral("a passphrase is at most %1 bytes").arg(kMaxPassphraseBytes));
    }
    PKeyPtr privateKey = detail::readPrivateKey(key.privateKeyPem, {});
    const QByteArray file =
        isEd25519(privateKey.get()) ? detail::writePrivateKey(privateKey.get(), passphrase) : QByteArray();
    if (file.isEmpty()) {
        return makeError(QStringLiteral("key.invalid"), QStringLiteral("not a plain Ed25519 private key"));
    }
    return file;
}

Result<SigningKey> readPrivateKeyFile(const QByteArray &pem, const QByteArray &passphrase)
{
    PKeyPtr key = detail::readPrivateKey(pem, passphrase);
    if (!key) {
        // PKCS#8 "ENCRYPTED PRIVATE KEY", or a traditional PEM with an encryption header.
        const bool encrypted =
            pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED");
        if (encrypted) {
            return makeError(QStringLiteral("key.passphrase"),
                             passphrase.isEmpty() ? QStringLiteral("the key file needs its passphrase")
                                                  : QStringLiteral("wrong passphrase for the key file"));
        }
        return makeError(QStringLiteral("key.invalid"), QStringLiteral("not a private key file"));
    }
    return signingKeyFrom(key.get());
}

QString fingerprint(const QByteArray &publicKey)
{
    return QString::fromLatin1(QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).toHex());
}

Result<QByteArray> sign(const SigningKey &key, const QByteArray &message)
{
    PKeyPtr privateKey = detail::readPrivateKey(key.privateKeyPem, {});
    if (!isEd25519(privateKey.get())) {
        return makeError(QStringLiteral("key.invalid"), QStringLiteral("not a plain Ed25519 private key"));
    }
    return detail::digestSign(privateKey.get(), nullptr, message);
}

bool verifySignature(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (publicKey.size() != kPublicKeyBytes || signature.size() != kSignatureBytes) {
        return false;
    }
    PKeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519,
                                            nullptr,
                                            reinterpret_cast<const unsigned char *>(publicKey.constData()),
                                            size_t(publicKey.size())),
                &::EVP_PKEY_free);
    if (!key) {
        ERR_clear_error();
        return false;
    }
    return detail::digestVerify(key.get(), nullptr, message, signature);
}

} // namespace steward::jobs
