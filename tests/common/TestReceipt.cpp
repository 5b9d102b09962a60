// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFixtures.h"
#include "Pki.h"
#include "jobs/Receipt.h"

#include <QCborMap>
#include <QCryptographicHash>
#include <QTest>
#include <QUuid>

using namespace steward;
using namespace steward::jobs;
using namespace steward::jobs::testing;

namespace
{
const QString kDeviceId = QStringLiteral("5b0d3a52-8a43-4f0e-9b3c-2f1e0c7d9a61");
}

class TestReceipt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void signAndVerify();
    void exitCodeMayBeAbsent();
    void anotherDevicesCertificateFails();
    void receiptNamingAnotherDeviceFails();
    void tamperedReceiptFails();
    void unreadableCertificateOrKey();
    void malformed_data();
    void malformed();

private:
    QByteArray issue(const QByteArray &csrPem, const QString &commonName, quint64 serial) const;

    pki::KeyAndCertificate m_ca;
    pki::KeyAndCsr m_device;
    QByteArray m_certificate;
    Receipt m_receipt;
};

QByteArray TestReceipt::issue(const QByteArray &csrPem, const QString &commonName, quint64 serial) const
{
    pki::SigningRequest request;
    request.csrPem = csrPem;
    request.commonName = commonName;
    request.serial = serial;
    request.usage = pki::Usage::Client;
    return pki::signCsr(request, m_ca).value();
}

void TestReceipt::initTestCase()
{
    Result<pki::KeyAndCertificate> ca = pki::createCa(QStringLiteral("Test site CA"), 365);
    QVERIFY(ca.ok());
    m_ca = ca.value();
    Result<pki::KeyAndCsr> device = pki::createKeyAndCsr(QStringLiteral("enrolling"));
    QVERIFY(device.ok());
    m_device = device.value();
    m_certificate = issue(m_device.csrPem, kDeviceId, 1001);

    m_receipt.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_receipt.deviceId = kDeviceId;
    m_receipt.state = QStringLiteral("succeeded");
    m_receipt.exitCode = 0;
    m_receipt.itemsDigest = QCryptographicHash::hash("openssl 3.0.11 -> 3.0.13 ok", QCryptographicHash::Sha256);
    m_receipt.outputSha256 = QCryptographicHash::hash("Setting up openssl ...", QCryptographicHash::Sha256);
    m_receipt.at = testNow();
}

void TestReceipt::signAndVerify()
{
    Result<SignedDocument> document = signReceipt(m_receipt, m_device.keyPem);
    QVERIFY2(document.ok(), qPrintable(document.ok() ? QString() : document.error().message));
    QCOMPARE(document.value().bytes, m_receipt.encode());
    QCOMPARE(QCborValue::fromCbor(document.value().bytes).toMap().size(), 7);

    Result<Receipt> verified = verifyReceipt(document.value(), m_certificate);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
    const Receipt &receipt = verified.value();
    QCOMPARE(receipt.jobId, m_receipt.jobId);
    QCOMPARE(receipt.deviceId, kDeviceId);
    QCOMPARE(receipt.state, QStringLiteral("succeeded"));
    QCOMPARE(receipt.exitCode, std::optional<qint64>(0));
    QCOMPARE(receipt.itemsDigest, m_receipt.itemsDigest);
    QCOMPARE(receipt.outputSha256, m_receipt.outputSha256);
    QCOMPARE(receipt.at, m_receipt.at);

    // The document travels as CBOR like the others.
    Result<SignedDocument> carried = SignedDocument::fromCbor(document.value().toCbor());
    QVERIFY(carried.ok());
    QVERIFY(verifyReceipt(carried.value(), m_certificate).ok());
}

void TestReceipt::exitCodeMayBeAbsent()
{
    Receipt rejected = m_receipt;
    rejected.state = QStringLiteral("rejected");
    rejected.exitCode.reset();
    rejected.itemsDigest.clear();
    rejected.outputSha256.clear();
    Result<Receipt> verified = verifyReceipt(signReceipt(rejected, m_device.keyPem).value(), m_certificate);
    QVERIFY(verified.ok());
    QVERIFY(!verified.value().exitCode.has_value());
    QVERIFY(verified.value().itemsDigest.isEmpty());

    Receipt failed = m_receipt;
    failed.exitCode = -9;
    QCOMPARE(Receipt::decode(failed.encode()).value().exitCode, std::optional<qint64>(-9));
}

void TestReceipt::anotherDevicesCertificateFails()
{
    const pki::KeyAndCsr other = pki::createKeyAndCsr(QStringLiteral("other")).value();
    // Even a certificate naming the same device, if it certifies another key.
    const QByteArray otherCertificate = issue(other.csrPem, kDeviceId, 1002);
    const SignedDocument document = signReceipt(m_receipt, m_device.keyPem).value();
    QCOMPARE(errorCode(verifyReceipt(document, otherCertificate)), QStringLiteral("receipt.signature"));
    // Nor does the server's forgery with a key of its own verify.
    const SignedDocument forged = signReceipt(m_receipt, other.keyPem).value();
    QCOMPARE(errorCode(verifyReceipt(forged, m_certificate)), QStringLiteral("receipt.signature"));
}

void TestReceipt::receiptNamingAnotherDeviceFails()
{
    // The device's own key, but the receipt claims to be another device's.
    Receipt claimed = m_receipt;
    claimed.deviceId = QStringLiteral("0e7c5a1d-0000-4000-8000-000000000000");
    const SignedDocument document = signReceipt(claimed, m_device.keyPem).value();
    QCOMPARE(errorCode(verifyReceipt(document, m_certificate)), QStringLiteral("receipt.device-mismatch"));
    // The same key certified under that other name: the receipt verifies there.
    QVERIFY(verifyReceipt(document, issue(m_device.csrPem, claimed.deviceId, 1003)).ok());
}

void TestReceipt::tamperedReceiptFails()
{
    const SignedDocument document = signReceipt(m_receipt, m_device.keyPem).value();

    Receipt better = m_receipt;
    better.state = QStringLiteral("failed");
    QCOMPARE(errorCode(verifyReceipt(SignedDocument{better.encode(), document.signature}, m_certificate)),
             QStringLiteral("receipt.signature"));

    QByteArray bytes = document.bytes;
    bytes[bytes.size() - 1] = char(bytes.at(bytes.size() - 1) ^ 0x01);
    QCOMPARE(errorCode(verifyReceipt(SignedDocument{bytes, document.signature}, m_certificate)),
             QStringLiteral("receipt.signature"));

    QByteArray signature = document.signature;
    signature[signature.size() - 3] = char(signature.at(signature.size() - 3) ^ 0x01);
    QCOMPARE(errorCode(verifyReceipt(SignedDocument{document.bytes, signature}, m_certificate)),
             QStringLiteral("receipt.signature"));
    QCOMPARE(errorCode(verifyReceipt(SignedDocument{document.bytes, {}}, m_certificate)),
             QStringLiteral("receipt.signature"));
}

void TestReceipt::unreadableCertificateOrKey()
{
    const SignedDocument document = signReceipt(m_receipt, m_device.keyPem).value();
    QCOMPARE(errorCode(verifyReceipt(document, {})), QStringLiteral("receipt.certificate"));
    QCOMPARE(errorCode(verifyReceipt(document, m_device.csrPem)), QStringLiteral("receipt.certificate"));
    QCOMPARE(errorCode(verifyReceipt(document, m_device.keyPem)), QStringLiteral("receipt.certificate"));

    QCOMPARE(errorCode(signReceipt(m_receipt, {})), QStringLiteral("receipt.key"));
    QCOMPARE(errorCode(signReceipt(m_receipt, m_certificate)), QStringLiteral("receipt.key"));
    // An Ed25519 operator key is not a device key.
    QCOMPARE(errorCode(signReceipt(m_receipt, newKey().privateKeyPem)), QStringLiteral("receipt.key"));
}

void TestReceipt::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray encoded = m_receipt.encode();
    auto with = [&encoded](const char *key, const QCborValue &value) {
        return withField(encoded, key, value);
    };
    QTest::newRow("garbage") << QByteArray("receipt");
    QTest::newRow("trailing byte") << m_receipt.encode() + '\0';
    QTest::newRow("no exit code") << with("exitCode", QCborValue());
    QTest::newRow("surplus key") << with("signedBy", QStringLiteral("server"));
    QTest::newRow("job id not a UUID") << with("jobId", QStringLiteral("42"));
    QTest::newRow("empty device") << with("deviceId", QString());
    QTest::newRow("long device") << with("deviceId", QString(257, QLatin1Char('d')));
    QTest::newRow("empty state") << with("state", QString());
    QTest::newRow("state as integer") << with("state", 3);
    QTest::newRow("exit code as text") << with("exitCode", QStringLiteral("0"));
    QTest::newRow("exit code as double") << with("exitCode", 0.5);
    QTest::newRow("16-byte digest") << with("itemsDigest", QByteArray(16, 'd'));
    QTest::newRow("digest as text") << with("outputSha256", QString(64, QLatin1Char('0')));
    QTest::newRow("time as text") << with("at", QStringLiteral("now"));
}

void TestReceipt::malformed()
{
    QFETCH(QByteArray, bytes);
    QCOMPARE(errorCode(Receipt::decode(bytes)), QStringLiteral("receipt.malformed"));
}

QTEST_GUILESS_MAIN(TestReceipt)
#include "TestReceipt.moc"
