// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/OpenSslSupport.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>

namespace steward::jobs::detail
{

namespace
{
using BioPtr = std::unique_ptr<BIO, decltype(&::BIO_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&::EVP_MD_CTX_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&::X509_free)>;

BioPtr readBio(const QByteArray &data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())), &::BIO_free);
}

// Hands OpenSSL the passphrase; never falls back to OpenSSL's default callback, which would
// prompt on the controlling terminal.
int passphraseCallback(char *buffer, int size, int /*rwflag*/, void *userData)
{
    const auto *passphrase = static_cast<const QByteArray *>(userData);
    if (!passphrase || passphrase->isEmpty() || passphrase->size() > size) {
        return -1;
    }
    std::memcpy(buffer, passphrase->constData(), size_t(passphrase->size()));
    return int(passphrase->size());
}
}

Error opensslError(const QString &code, const QString &what)
{
    const unsigned long error = ERR_peek_last_error();
    const char *reason = error != 0 ? ERR_reason_error_string(error) : nullptr;
    ERR_clear_error();
    return makeError(code, reason ? what + QStringLiteral(": ") + QString::fromLatin1(reason) : what);
}

PKeyPtr readPrivateKey(const QByteArray &pem, const QByteArray &passphrase)
{
    BioPtr bio = readBio(pem);
    PKeyPtr key(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, const_cast<QByteArray *>(&passphrase))
            : nullptr,
        &::EVP_PKEY_free);
    ERR_clear_error();
    return key;
}

PKeyPtr readCertificateKey(const QByteArray &pem)
{
    BioPtr bio = readBio(pem);
    X509Ptr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr, &::X509_free);
    PKeyPtr key(certificate ? X509_get_pubkey(certificate.get()) : nullptr, &::EVP_PKEY_free);
    ERR_clear_error();
    return key;
}

QByteArray writePrivateKey(EVP_PKEY *key, const QByteArray &passphrase)
{
    // Secure-heap memory BIO: its buffer is wiped when freed.
    BioPtr bio(BIO_new(BIO_s_secmem()), &::BIO_free);
    const EVP_CIPHER *cipher = passphrase.isEmpty() ? nullptr : EVP_aes_256_cbc();
    if (!bio
        || PEM_write_bio_PKCS8PrivateKey(bio.get(),
                                         key,
                                         cipher,
                                         cipher ? passphrase.constData() : nullptr,
                                         cipher ? int(passphrase.size()) : 0,
                                         nullptr,
                                         nullptr)
            != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

Result<QByteArray> digestSign(EVP_PKEY *key, const EVP_MD *digest, const QByteArray &message)
{
    MdCtxPtr context(EVP_MD_CTX_new(), &::EVP_MD_CTX_free);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(message.constData());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, digest, nullptr, key) != 1
        || EVP_DigestSign(context.get(), nullptr, &length, data, size_t(message.size())) != 1) {
        return opensslError(QStringLiteral("key.sign"), QStringLiteral("cannot set up signing"));
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(),
                       reinterpret_cast<unsigned char *>(signature.data()),
                       &length,
                       data,
                       size_t(message.size()))
        != 1) {
        return opensslError(QStringLiteral("key.sign"), QStringLiteral("cannot sign"));
    }
    signature.truncate(qsizetype(length)); // ECDSA's DER signature may come out shorter than the maximum
    return signature;
}

bool digestVerify(EVP_PKEY *key, const EVP_MD *digest, const QByteArray &message, const QByteArray &signature)
{
    MdCtxPtr context(EVP_MD_CTX_new(), &::EVP_MD_CTX_free);
    const bool verified = context && EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key) == 1
        && EVP_DigestVerify(context.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size()))
            == 1;
    ERR_clear_error();
    return verified;
}

} // namespace steward::jobs::detail
