// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReceiptCheck.h"

#include "Pki.h"
#include "jobs/JobItems.h"
#include "jobs/Receipt.h"
#include "jobs/SignedDocument.h"

#include <QCborValue>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonValue>

#include <optional>

namespace steward::app::deployment
{

namespace
{
// Whether the items shown are those the device signed: with an itemsDigest, the bytes sent along
// hash to it and the items are made from them; without one, nothing is shown as a result.
bool itemsMatch(const QJsonObject &device, const QByteArray &itemsDigest)
{
    const QJsonValue shown = device.value(QStringLiteral("items"));
    if (itemsDigest.isEmpty()) {
        return shown.isNull() || shown.isUndefined() || (shown.isArray() && shown.toArray().isEmpty());
    }
    const QByteArray bytes = fromBase64(device.value(QStringLiteral("itemsCbor")));
    if (bytes.isEmpty() || QCryptographicHash::hash(bytes, QCryptographicHash::Sha256) != itemsDigest) {
        return false;
    }
    QCborParserError error;
    const QCborValue items = QCborValue::fromCbor(bytes, &error);
    return error.error == QCborError::NoError && items.isArray() && shown.isArray()
        && jobs::itemsView(items.toArray()) == shown.toArray();
}
} // namespace

QByteArray fromBase64(const QJsonValue &value)
{
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                       QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? decoded.decoded : QByteArray();
}

ReceiptCheck receiptCheck(const QJsonObject &device, const QString &jobId, const QByteArray &caPem)
{
    const QJsonValue receiptValue = device.value(QStringLiteral("receipt"));
    if (!receiptValue.isString() || receiptValue.toString().isEmpty()) {
        return ReceiptCheck::None;
    }
    const QByteArray certificate = device.value(QStringLiteral("certificate")).toString().toLatin1();
    if (certificate.isEmpty()) {
        return ReceiptCheck::NotChecked;
    }
    const jobs::SignedDocument document{fromBase64(receiptValue),
                                        fromBase64(device.value(QStringLiteral("receiptSignature")))};
    const Result<jobs::Receipt> verified = jobs::verifyReceipt(document, certificate);
    if (!verified) {
        return ReceiptCheck::Invalid;
    }
    const jobs::Receipt &receipt = verified.value();
    if (!pki::verifyIssuedBy(certificate, caPem, receipt.at, pki::Usage::Client)) {
        return ReceiptCheck::Invalid;
    }
    const QJsonValue exitCode = device.value(QStringLiteral("exitCode"));
    const std::optional<qint64> shownExitCode =
        exitCode.isDouble() ? std::optional<qint64>(qint64(exitCode.toDouble())) : std::nullopt;
    const QString outputSha256 =
        device.value(QStringLiteral("output")).toObject().value(QStringLiteral("sha256")).toString();
    const bool outputMatches = receipt.outputSha256.isEmpty() || outputSha256.isEmpty()
        || QString::fromLatin1(receipt.outputSha256.toHex()) == outputSha256.toLower();
    const bool matches = receipt.jobId == jobId && receipt.deviceId == device.value(QStringLiteral("id")).toString()
        && receipt.state == device.value(QStringLiteral("state")).toString() && receipt.exitCode == shownExitCode
        && outputMatches && itemsMatch(device, receipt.itemsDigest);
    return matches ? ReceiptCheck::Verified : ReceiptCheck::Invalid;
}

QString receiptCheckName(ReceiptCheck check)
{
    switch (check) {
    case ReceiptCheck::None:
        return QStringLiteral("none");
    case ReceiptCheck::NotChecked:
        return QStringLiteral("not-checked");
    case ReceiptCheck::Verified:
        return QStringLiteral("verified");
    case ReceiptCheck::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

} // namespace steward::app::deployment
