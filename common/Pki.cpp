// SPDX-License-Identifier: GPL-3.0-or-later
#include "Pki.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace steward::pki
{

namespace
{
// Every OpenSSL handle lives in one of these so no error path leaks.
using PKeyPtr = std::unique_ptr<EVP_PKEY, decltype(&::EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&::X509_free)>;
using ReqPtr = std::unique_ptr<X509_REQ, decltype(&::X509_REQ_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&::BIO_free)>;
using StorePtr = std::unique_ptr<X509_STORE, decltype(&::X509_STORE_free)>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, decltype(&::X509_STORE_CTX_free)>;
using NamePtr = std::unique_ptr<X509_NAME, decltype(&::X509_NAME_free)>;

// Takes the reason from OpenSSL's error queue and clears it, so a later unrelated call
// (Qt's own TLS code shares the queue) never sees a stale error.
Error opensslError(const QString &code, const QString &what)
{
    const unsigned long err = ERR_get_error();
    ERR_clear_error();
    char buffer[256] = {};
    if (err != 0) {
        ERR_error_string_n(err, buffer, sizeof buffer);
        return makeError(code, QStringLiteral("%1: %2").arg(what, QString::fromLatin1(buffer)));
    }
    return makeError(code, what);
}

PKeyPtr generateEcKey()
{
    return PKeyPtr(EVP_EC_gen("P-256"), &::EVP_PKEY_free);
}

BioPtr memoryBio(const QByteArray &data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())), &::BIO_free);
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

QByteArray keyToPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()), &::BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return {};
    }
    return bioContents(bio.get());
}

QByteArray certToPem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()), &::BIO_free);
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
        return {};
    }
    return bioContents(bio.get());
}

X509Ptr certFromPem(const QByteArray &pem)
{
    BioPtr bio = memoryBio(pem);
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr, &::X509_free);
}

PKeyPtr keyFromPem(const QByteArray &pem)
{
    BioPtr bio = memoryBio(pem);
    return PKeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, &::EVP_PKEY_free);
}

NamePtr nameWithCommonName(const QString &commonName)
{
    NamePtr name(X509_NAME_new(), &::X509_NAME_free);
    const QByteArray cn = commonName.toUtf8();
    if (!name
        || X509_NAME_add_entry_by_txt(name.get(),
                                      "O",
                                      MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>("Steward"),
                                      -1,
                                      -1,
                                      0)
            != 1
        || X509_NAME_add_entry_by_txt(name.get(),
                                      "CN",
                                      MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(cn.constData()),
                                      -1,
                                      -1,
                                      0)
            != 1) {
        return NamePtr(nullptr, &::X509_NAME_free);
    }
    return name;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (!extension) {
        return false;
    }
    const bool added = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

bool setSerial(X509 *cert, quint64 serial)
{
    return ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serial) == 1;
}

QDateTime fromAsn1Time(const ASN1_TIME *time)
{
    struct tm tm = {};
    if (ASN1_TIME_to_tm(time, &tm) != 1) {
        return {};
    }
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC);
}
}

Result<KeyAndCertificate> createCa(const QString &commonName, int validDays)
{
    PKeyPtr key = generateEcKey();
    X509Ptr cert(X509_new(), &::X509_free);
    NamePtr name = nameWithCommonName(commonName);
    if (!key || !cert || !name) {
        return opensslError(QStringLiteral("pki.ca"), QStringLiteral("cannot allocate CA key or certificate"));
    }
    // A random 64-bit serial for the CA; device serials come from the store's counter.
    quint64 serial = 0;
    BIGNUM *random = BN_new();
    if (random && BN_rand(random, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1) {
        serial = BN_get_word(random);
    }
    BN_free(random);
    if (X509_set_version(cert.get(), X509_VERSION_3) != 1 || !setSerial(cert.get(), serial | 1)
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600)
        || !X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(validDays) * 24 * 3600)
        || X509_set_subject_name(cert.get(), name.get()) != 1 || X509_set_issuer_name(cert.get(), name.get()) != 1
        || X509_set_pubkey(cert.get(), key.get()) != 1
        || !addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        || !addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign")
        || !addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash")
        || X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        return opensslError(QStringLiteral("pki.ca"), QStringLiteral("cannot build the CA certificate"));
    }
    return KeyAndCertificate{keyToPem(key.get()), certToPem(cert.get())};
}

Result<KeyAndCsr> createKeyAndCsr(const QString &commonName)
{
    PKeyPtr key = generateEcKey();
    ReqPtr request(X509_REQ_new(), &::X509_REQ_free);
    NamePtr name = nameWithCommonName(commonName);
    if (!key || !request || !name || X509_REQ_set_version(request.get(), 0) != 1
        || X509_REQ_set_subject_name(request.get(), name.get()) != 1
        || X509_REQ_set_pubkey(request.get(), key.get()) != 1
        || X509_REQ_sign(request.get(), key.get(), EVP_sha256()) == 0) {
        return opensslError(QStringLiteral("pki.csr"), QStringLiteral("cannot build the key and CSR"));
    }
    BioPtr bio(BIO_new(BIO_s_mem()), &::BIO_free);
    if (!bio || PEM_write_bio_X509_REQ(bio.get(), request.get()) != 1) {
        return opensslError(QStringLiteral("pki.csr"), QStringLiteral("cannot encode the CSR"));
    }
    return KeyAndCsr{keyToPem(key.get()), bioContents(bio.get())};
}

Result<QByteArray> signCsr(const SigningRequest &request, const KeyAndCertificate &ca)
{
    BioPtr csrBio = memoryBio(request.csrPem);
    ReqPtr csr(csrBio ? PEM_read_bio_X509_REQ(csrBio.get(), nullptr, nullptr, nullptr) : nullptr, &::X509_REQ_free);
    if (!csr) {
        return opensslError(QStringLiteral("pki.csr-invalid"), QStringLiteral("the CSR is not valid PEM"));
    }
    EVP_PKEY *csrKey = X509_REQ_get0_pubkey(csr.get());
    if (!csrKey || X509_REQ_verify(csr.get(), csrKey) != 1) {
        return opensslError(QStringLiteral("pki.csr-invalid"), QStringLiteral("the CSR's signature does not verify"));
    }
    // Steward keys are EC P-256 (what createKeyAndCsr makes); nothing weaker or stranger is certified.
    char curve[64] = {};
    size_t curveLength = 0;
    if (EVP_PKEY_get_base_id(csrKey) != EVP_PKEY_EC
        || EVP_PKEY_get_utf8_string_param(csrKey, "group", curve, sizeof curve, &curveLength) != 1
        || qstrcmp(curve, "prime256v1") != 0) {
        ERR_clear_error();
        return makeError(QStringLiteral("pki.csr-invalid"), QStringLiteral("the CSR's key is not EC P-256"));
    }
    X509Ptr caCert = certFromPem(ca.certificatePem);
    PKeyPtr caKey = keyFromPem(ca.keyPem);
    if (!caCert || !caKey) {
        return opensslError(QStringLiteral("pki.ca-invalid"), QStringLiteral("cannot read the CA certificate or key"));
    }
    X509Ptr cert(X509_new(), &::X509_free);
    NamePtr name = nameWithCommonName(request.commonName);
    if (!cert || !name || X509_set_version(cert.get(), X509_VERSION_3) != 1 || !setSerial(cert.get(), request.serial)
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300)
        || !X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(request.validDays) * 24 * 3600)
        || X509_set_subject_name(cert.get(), name.get()) != 1
        || X509_set_issuer_name(cert.get(), X509_get_subject_name(caCert.get())) != 1
        || X509_set_pubkey(cert.get(), csrKey) != 1) {
        return opensslError(QStringLiteral("pki.sign"), QStringLiteral("cannot build the certificate"));
    }
    const bool server = request.usage == Usage::Server;
    QByteArrayList altNames;
    for (const QString &dns : request.dnsNames) {
        altNames << "DNS:" + dns.toUtf8();
    }
    for (const QString &ip : request.ipAddresses) {
        altNames << "IP:" + ip.toUtf8();
    }
    if (!addExtension(cert.get(), caCert.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(cert.get(), caCert.get(), NID_key_usage, "critical,digitalSignature")
        || !addExtension(cert.get(), caCert.get(), NID_ext_key_usage, server ? "serverAuth" : "clientAuth")
        || !addExtension(cert.get(), caCert.get(), NID_authority_key_identifier, "keyid:always")
        || (!altNames.isEmpty() && !addExtension(cert.get(), caCert.get(), NID_subject_alt_name, altNames.join(',')))
        || X509_sign(cert.get(), caKey.get(), EVP_sha256()) == 0) {
        return opensslError(QStringLiteral("pki.sign"), QStringLiteral("cannot sign the certificate"));
    }
    return certToPem(cert.get());
}

Result<QString> fingerprint(const QByteArray &certificatePem)
{
    X509Ptr cert = certFromPem(certificatePem);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!cert || X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1) {
        return opensslError(QStringLiteral("pki.certificate-invalid"), QStringLiteral("cannot read the certificate"));
    }
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), length).toHex());
}

QString normalizeFingerprint(const QString &fingerprint)
{
    QString hex = fingerprint.trimmed().toLower();
    hex.remove(QLatin1Char(':'));
    if (hex.size() != 64) {
        return {};
    }
    for (const QChar c : std::as_const(hex)) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return {};
        }
    }
    return hex;
}

Status verifyIssuedBy(const QByteArray &certificatePem,
                      const QByteArray &caPem,
                      const QDateTime &at,
                      std::optional<Usage> usage)
{
    X509Ptr cert = certFromPem(certificatePem);
    X509Ptr caCert = certFromPem(caPem);
    if (!cert || !caCert) {
        return opensslError(QStringLiteral("pki.certificate-invalid"),
                            QStringLiteral("cannot read the certificate or the CA"));
    }
    StorePtr store(X509_STORE_new(), &::X509_STORE_free);
    StoreCtxPtr ctx(X509_STORE_CTX_new(), &::X509_STORE_CTX_free);
    if (!store || !ctx || X509_STORE_add_cert(store.get(), caCert.get()) != 1
        || X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1) {
        return opensslError(QStringLiteral("pki.verify"), QStringLiteral("cannot set up verification"));
    }
    X509_STORE_CTX_set_time(ctx.get(), 0, time_t(at.toSecsSinceEpoch()));
    if (usage
        && X509_STORE_CTX_set_purpose(ctx.get(),
                                      *usage == Usage::Server ? X509_PURPOSE_SSL_SERVER : X509_PURPOSE_SSL_CLIENT)
            != 1) {
        return opensslError(QStringLiteral("pki.verify"), QStringLiteral("cannot set the certificate purpose"));
    }
    if (X509_verify_cert(ctx.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(ctx.get());
        ERR_clear_error();
        return makeError(QStringLiteral("pki.untrusted"), QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
    return Ok{};
}

bool matchesHost(const QByteArray &certificatePem, const QString &host)
{
    X509Ptr cert = certFromPem(certificatePem);
    if (!cert) {
        ERR_clear_error();
        return false;
    }
    const QByteArray name = host.toUtf8();
    const bool matched = X509_check_ip_asc(cert.get(), name.constData(), 0) == 1
        || X509_check_host(cert.get(),
                           name.constData(),
                           size_t(name.size()),
                           X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
                           nullptr)
            == 1;
    ERR_clear_error();
    return matched;
}

bool certificateMatchesKey(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    X509Ptr cert = certFromPem(certificatePem);
    PKeyPtr key = keyFromPem(keyPem);
    const bool matches = cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
    ERR_clear_error();
    return matches;
}

Result<CertificateInfo> inspect(const QByteArray &certificatePem)
{
    X509Ptr cert = certFromPem(certificatePem);
    if (!cert) {
        return opensslError(QStringLiteral("pki.certificate-invalid"), QStringLiteral("cannot read the certificate"));
    }
    CertificateInfo info;
    char cn[256] = {};
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn) > 0) {
        info.commonName = QString::fromUtf8(cn);
    }
    uint64_t serial = 0;
    if (ASN1_INTEGER_get_uint64(&serial, X509_get0_serialNumber(cert.get())) == 1) {
        info.serial = serial;
    }
    info.notBefore = fromAsn1Time(X509_get0_notBefore(cert.get()));
    info.notAfter = fromAsn1Time(X509_get0_notAfter(cert.get()));
    ERR_clear_error();
    return info;
}

} // namespace steward::pki
