// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFixtures.h"
#include "Pki.h"
#include "jobs/JobKeys.h"
#include "jobs/SignedDocument.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QTest>

using namespace steward;
using namespace steward::jobs;
using steward::jobs::testing::errorCode;
using steward::jobs::testing::newKey;

namespace
{
// RFC 8032, section 7.1, TEST 1: secret key, public key and the signature of the empty message.
const QByteArray kRfcSeed = QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const QByteArray kRfcPublicKey =
    QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const QByteArray kRfcSignature = QByteArray::fromHex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe2465"
    "5141438e7a100b");
// sha256 of kRfcPublicKey, computed apart (`xxd -r -p | sha256sum`).
const QString kRfcFingerprint = QStringLiteral("21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");

QByteArray pem(const char *label, const QByteArray &der)
{
    QByteArray out = QByteArray("-----BEGIN ") + label + "-----\n";
    const QByteArray encoded = der.toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 64) {
        out += encoded.mid(i, 64) + '\n';
    }
    return out + "-----END " + label + "-----\n";
}

QByteArray pemBody(const QByteArray &pem)
{
    QList<QByteArray> lines = pem.trimmed().split('\n');
    lines.removeFirst();
    lines.removeLast();
    return QByteArray::fromBase64(lines.join());
}

// The RFC key as PKCS#8 (RFC 8410): SEQUENCE { version 0, AlgorithmIdentifier id-Ed25519, OCTET STRING { seed } }.
QByteArray rfcKeyFile()
{
    return pem("PRIVATE KEY", QByteArray::fromHex("302e020100300506032b657004220420") + kRfcSeed);
}
}

class TestJobKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainKeyFileRoundTrips();
    void encryptedKeyFileRoundTrips();
    void wrongOrMissingPassphrase();
    void plainFileReadsWithAnyPassphrase();
    void notAnEd25519Key_data();
    void notAnEd25519Key();
    void signAndVerify();
    void tamperedMessageOrSignatureFails();
    void malformedKeysAndSignaturesFail();
    void knownAnswer();
    void fingerprintIsSha256OfRawKey();
    void signedDocumentRoundTrips();
    void signedDocumentMalformed_data();
    void signedDocumentMalformed();
};

void TestJobKeys::plainKeyFileRoundTrips()
{
    const SigningKey key = newKey();
    QCOMPARE(key.publicKey.size(), kPublicKeyBytes);
    Result<QByteArray> file = privateKeyFile(key, {});
    QVERIFY(file.ok());
    QVERIFY(file.value().startsWith("-----BEGIN PRIVATE KEY-----\n"));

    Result<SigningKey> read = readPrivateKeyFile(file.value(), {});
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value().publicKey, key.publicKey);
    const QByteArray signature = sign(read.value(), "message").value();
    QVERIFY(verifySignature(key.publicKey, "message", signature));
}

void TestJobKeys::encryptedKeyFileRoundTrips()
{
    const SigningKey key = newKey();
    Result<QByteArray> file = privateKeyFile(key, "correct horse battery staple");
    QVERIFY(file.ok());
    QVERIFY(file.value().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    // PBES2 with PBKDF2 and AES-256-CBC: their OIDs, DER-encoded, are in the EncryptedPrivateKeyInfo.
    const QByteArray der = pemBody(file.value());
    QVERIFY(der.contains(QByteArray::fromHex("06092a864886f70d01050d"))); // 1.2.840.113549.1.5.13 PBES2
    QVERIFY(der.contains(QByteArray::fromHex("06092a864886f70d01050c"))); // 1.2.840.113549.1.5.12 PBKDF2
    QVERIFY(der.contains(QByteArray::fromHex("060960864801650304012a"))); // 2.16.840.1.101.3.4.1.42 AES-256-CBC
    QVERIFY(!der.contains(key.publicKey));

    Result<SigningKey> read = readPrivateKeyFile(file.value(), "correct horse battery staple");
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value().publicKey, key.publicKey);
    QVERIFY(read.value().privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));

    // Two files of one key and passphrase differ (random salt and IV).
    QVERIFY(privateKeyFile(key, "correct horse battery staple").value() != file.value());
}

void TestJobKeys::wrongOrMissingPassphrase()
{
    const QByteArray file = privateKeyFile(newKey(), "secret").value();
    QCOMPARE(errorCode(readPrivateKeyFile(file, "Secret")), QStringLiteral("key.passphrase"));
    QCOMPARE(errorCode(readPrivateKeyFile(file, {})), QStringLiteral("key.passphrase"));
    QCOMPARE(errorCode(readPrivateKeyFile(file, QByteArray(2048, 'x'))), QStringLiteral("key.passphrase"));
    QVERIFY(readPrivateKeyFile(file, "secret").ok());

    // The longest passphrase OpenSSL reads back is the longest a file may be written with.
    const SigningKey key = newKey();
    const QByteArray longest(kMaxPassphraseBytes, 'p');
    QCOMPARE(readPrivateKeyFile(privateKeyFile(key, longest).value(), longest).value().publicKey, key.publicKey);
    QCOMPARE(errorCode(privateKeyFile(key, longest + 'p')), QStringLiteral("key.passphrase"));
}

void TestJobKeys::plainFileReadsWithAnyPassphrase()
{
    const SigningKey key = newKey();
    Result<SigningKey> read = readPrivateKeyFile(privateKeyFile(key, {}).value(), "unused");
    QVERIFY(read.ok());
    QCOMPARE(read.value().publicKey, key.publicKey);
}

void TestJobKeys::notAnEd25519Key_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    QTest::newRow("EC P-256 key") << pki::createKeyAndCsr(QStringLiteral("device")).value().keyPem;
    QTest::newRow("certificate") << pki::createCa(QStringLiteral("CA"), 1).value().certificatePem;
}

void TestJobKeys::notAnEd25519Key()
{
    QFETCH(QByteArray, file);
    QCOMPARE(errorCode(readPrivateKeyFile(file, {})), QStringLiteral("key.invalid"));
    QCOMPARE(errorCode(sign(SigningKey{file, {}}, "message")), QStringLiteral("key.invalid"));
    QCOMPARE(errorCode(privateKeyFile(SigningKey{file, {}}, "secret")), QStringLiteral("key.invalid"));
}

void TestJobKeys::signAndVerify()
{
    const SigningKey key = newKey();
    Result<QByteArray> signature = sign(key, "install security updates");
    QVERIFY(signature.ok());
    QCOMPARE(signature.value().size(), kSignatureBytes);
    QVERIFY(verifySignature(key.publicKey, "install security updates", signature.value()));
    QVERIFY(verifySignature(key.publicKey, {}, sign(key, {}).value()));
    // Ed25519 is deterministic.
    QCOMPARE(sign(key, "install security updates").value(), signature.value());
}

void TestJobKeys::tamperedMessageOrSignatureFails()
{
    const SigningKey key = newKey();
    const QByteArray message = "install security updates";
    const QByteArray signature = sign(key, message).value();

    QByteArray tamperedMessage = message;
    tamperedMessage[0] = 'I';
    QVERIFY(!verifySignature(key.publicKey, tamperedMessage, signature));
    QVERIFY(!verifySignature(key.publicKey, message + ' ', signature));
    for (const qsizetype at : {qsizetype(0), qsizetype(31), qsizetype(63)}) {
        QByteArray tamperedSignature = signature;
        tamperedSignature[at] = char(tamperedSignature.at(at) ^ 0x01);
        QVERIFY(!verifySignature(key.publicKey, message, tamperedSignature));
    }
    QVERIFY(!verifySignature(newKey().publicKey, message, signature));
}

void TestJobKeys::malformedKeysAndSignaturesFail()
{
    const SigningKey key = newKey();
    const QByteArray signature = sign(key, "m").value();
    QVERIFY(!verifySignature({}, "m", signature));
    QVERIFY(!verifySignature(key.publicKey.left(31), "m", signature));
    QVERIFY(!verifySignature(key.publicKey + '\0', "m", signature));
    QVERIFY(!verifySignature(key.publicKey, "m", {}));
    QVERIFY(!verifySignature(key.publicKey, "m", signature.left(63)));
    QVERIFY(!verifySignature(key.publicKey, "m", signature + '\0'));
    QVERIFY(!verifySignature(QByteArray(32, '\0'), "m", QByteArray(64, '\0')));
}

void TestJobKeys::knownAnswer()
{
    QVERIFY(verifySignature(kRfcPublicKey, {}, kRfcSignature));

    Result<SigningKey> key = readPrivateKeyFile(rfcKeyFile(), {});
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message));
    QCOMPARE(key.value().publicKey, kRfcPublicKey);
    QCOMPARE(sign(key.value(), {}).value(), kRfcSignature);
    QCOMPARE(fingerprint(kRfcPublicKey), kRfcFingerprint);
}

void TestJobKeys::fingerprintIsSha256OfRawKey()
{
    const SigningKey key = newKey();
    const QString expected =
        QString::fromLatin1(QCryptographicHash::hash(key.publicKey, QCryptographicHash::Sha256).toHex());
    QCOMPARE(fingerprint(key.publicKey), expected);
    QCOMPARE(expected.size(), 64);
    QCOMPARE(expected, expected.toLower());
    // The same key read back from its file has the same fingerprint.
    const QByteArray file = privateKeyFile(key, "pass").value();
    QCOMPARE(fingerprint(readPrivateKeyFile(file, "pass").value().publicKey), expected);
    QVERIFY(fingerprint(newKey().publicKey) != expected);
}

void TestJobKeys::signedDocumentRoundTrips()
{
    const SigningKey key = newKey();
    Result<SignedDocument> document = SignedDocument::signedBy(key, "\xa1\x61v\x01");
    QVERIFY(document.ok());
    QVERIFY(verifySignature(key.publicKey, document.value().bytes, document.value().signature));

    const QCborMap map = document.value().toCbor();
    QCOMPARE(map.size(), 2);
    QCOMPARE(map.value(QLatin1String("doc")).toByteArray(), QByteArray("\xa1\x61v\x01"));
    Result<SignedDocument> read = SignedDocument::fromCbor(QCborValue::fromCbor(QCborValue(map).toCbor()));
    QVERIFY(read.ok());
    QCOMPARE(read.value().bytes, document.value().bytes);
    QCOMPARE(read.value().signature, document.value().signature);

    QCOMPARE(errorCode(SignedDocument::signedBy(SigningKey{}, "bytes")), QStringLiteral("key.invalid"));
}

void TestJobKeys::signedDocumentMalformed_data()
{
    QTest::addColumn<QCborValue>("value");
    const QByteArray doc("document");
    const QByteArray sig(64, 's');
    auto map = [](std::initializer_list<std::pair<QCborValue, QCborValue>> pairs) {
        return QCborValue(QCborMap(pairs));
    };
    QTest::newRow("not a map") << QCborValue(QCborArray{doc, sig});
    QTest::newRow("no signature") << map({{QStringLiteral("doc"), doc}});
    QTest::newRow("extra key") << map(
        {{QStringLiteral("doc"), doc}, {QStringLiteral("sig"), sig}, {QStringLiteral("x"), 1}});
    QTest::newRow("doc as text") << map(
        {{QStringLiteral("doc"), QStringLiteral("document")}, {QStringLiteral("sig"), sig}});
    QTest::newRow("empty doc") << map({{QStringLiteral("doc"), QByteArray()}, {QStringLiteral("sig"), sig}});
    QTest::newRow("empty sig") << map({{QStringLiteral("doc"), doc}, {QStringLiteral("sig"), QByteArray()}});
    QTest::newRow("huge sig") << map({{QStringLiteral("doc"), doc}, {QStringLiteral("sig"), QByteArray(513, 's')}});
    QTest::newRow("huge doc") << map(
        {{QStringLiteral("doc"), QByteArray(kMaxDocumentBytes + 1, 'd')}, {QStringLiteral("sig"), sig}});
    QTest::newRow("integer key") << map({{1, doc}, {QStringLiteral("sig"), sig}});
    // Two "doc" keys: a reader that picks the first and one that picks the last would disagree.
    QTest::newRow("repeated key") << QCborValue::fromCbor(
        QByteArray::fromHex("a363646f63416163736967416263646f634163"));
}

void TestJobKeys::signedDocumentMalformed()
{
    QFETCH(QCborValue, value);
    QCOMPARE(errorCode(SignedDocument::fromCbor(value)), QStringLiteral("document.malformed"));
}

QTEST_GUILESS_MAIN(TestJobKeys)
#include "TestJobKeys.moc"
