// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/Receipt.h"

#include "Pki.h"
#include "jobs/OpenSslSupport.h"
#include "jobs/StrictCbor.h"

namespace steward::jobs
{

namespace
{
const QLatin1String kJobId("jobId");
const QLatin1String kDeviceId("deviceId");
const QLatin1String kState("state");
const QLatin1String kExitCode("exitCode");
const QLatin1String kItemsDigest("itemsDigest");
const QLatin1String kOutputSha256("outputSha256");
const QLatin1String kAt("at");

constexpr qsizetype kUuidLength = 36;

bool isEc(EVP_PKEY *key)
{
    return key && EVP_PKEY_get_base_id(key) == EVP_PKEY_EC;
}
}

QByteArray Receipt::encode() const
{
    QCborMap map;
    map.insert(kJobId, jobId);
    map.insert(kDeviceId, deviceId);
    map.insert(kState, state);
    map.insert(kExitCode, exitCode ? QCborValue(*exitCode) : QCborValue(nullptr));
    map.insert(kItemsDigest, itemsDigest);
    map.insert(kOutputSha256, outputSha256);
    map.insert(kAt, detail::timeToCbor(at));
    return QCborValue(map).toCbor();
}

Result<Receipt> Receipt::decode(const QByteArray &bytes)
{
    const std::optional<QCborValue> value = detail::parseCbor(bytes, kMaxDocumentBytes);
    detail::MapReader reader(value.value_or(QCborValue()),
                             {kJobId, kDeviceId, kState, kExitCode, kItemsDigest, kOutputSha256, kAt});
    Receipt receipt;
    receipt.jobId = reader.text(kJobId, kUuidLength);
    receipt.deviceId = reader.text(kDeviceId, kMaxDeviceIdLength);
    receipt.state = reader.text(kState, kMaxStateLength);
    receipt.exitCode = reader.integerOrNull(kExitCode);
    receipt.itemsDigest = reader.optionalDigest(kItemsDigest);
    receipt.outputSha256 = reader.optionalDigest(kOutputSha256);
    receipt.at = reader.time(kAt);
    if (!reader.ok() || !detail::isCanonicalUuid(receipt.jobId)) {
        return makeError(QStringLiteral("receipt.malformed"),
                         QStringLiteral("the receipt is not {jobId, deviceId, state, exitCode, itemsDigest, "
                                        "outputSha256, at}"));
    }
    return receipt;
}

Result<SignedDocument> signReceipt(const Receipt &receipt, const QByteArray &deviceKeyPem)
{
    detail::PKeyPtr key = detail::readPrivateKey(deviceKeyPem, {});
    if (!isEc(key.get())) {
        return makeError(QStringLiteral("receipt.key"), QStringLiteral("the device key is not an EC private key"));
    }
    const QByteArray bytes = receipt.encode();
    Result<QByteArray> signature = detail::digestSign(key.get(), EVP_sha256(), bytes);
    if (!signature) {
        return signature.error();
    }
    return SignedDocument{bytes, signature.value()};
}

Result<Receipt> verifyReceipt(const SignedDocument &document, const QByteArray &deviceCertificatePem)
{
    detail::PKeyPtr key = detail::readCertificateKey(deviceCertificatePem);
    Result<pki::CertificateInfo> certificate = pki::inspect(deviceCertificatePem);
    if (!isEc(key.get()) || !certificate) {
        return makeError(QStringLiteral("receipt.certificate"),
                         QStringLiteral("the device certificate is not PEM with an EC key"));
    }
    if (!detail::digestVerify(key.get(), EVP_sha256(), document.bytes, document.signature)) {
        return makeError(QStringLiteral("receipt.signature"),
                         QStringLiteral("the receipt's signature does not verify with the device certificate"));
    }
    Result<Receipt> receipt = Receipt::decode(document.bytes);
    if (receipt && receipt.value().deviceId != certificate.value().commonName) {
        return makeError(QStringLiteral("receipt.device-mismatch"),
                         QStringLiteral("the receipt names another device than its certificate"));
    }
    return receipt;
}

} // namespace steward::jobs
