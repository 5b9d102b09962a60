// SPDX-License-Identifier: GPL-3.0-or-later
#include "Pki.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QStandardPaths>
#include <QTest>

using namespace steward;

namespace
{
constexpr quint64 kServerSerial = 4242;
constexpr quint64 kClientSerial = 1001;

QStringList extendedKeyUsage(const QByteArray &pem)
{
    const QSslCertificate certificate(pem, QSsl::Pem);
    const QList<QSslCertificateExtension> extensions = certificate.extensions();
    for (const QSslCertificateExtension &extension : extensions) {
        if (extension.name() == QLatin1String("extendedKeyUsage")) {
            return extension.value().toStringList();
        }
    }
    return {};
}

bool isCertificateAuthority(const QByteArray &pem)
{
    const QSslCertificate certificate(pem, QSsl::Pem);
    const QList<QSslCertificateExtension> extensions = certificate.extensions();
    for (const QSslCertificateExtension &extension : extensions) {
        if (extension.name() == QLatin1String("basicConstraints")) {
            return extension.value().toMap().value(QStringLiteral("ca")).toBool();
        }
    }
    return false;
}

// Replaces one byte of the DER inside a PEM block and re-wraps it.
QByteArray tamperPem(const QByteArray &pem, const QByteArray &find, const QByteArray &replace)
{
    const QList<QByteArray> lines = pem.trimmed().split('\n');
    QByteArray body;
    for (qsizetype i = 1; i + 1 < lines.size(); ++i) {
        body += lines.at(i).trimmed();
    }
    QByteArray der = QByteArray::fromBase64(body);
    const qsizetype at = der.indexOf(find);
    if (at < 0) {
        return {};
    }
    der.replace(at, replace.size(), replace);
    QByteArray out = lines.first() + '\n';
    const QByteArray encoded = der.toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 64) {
        out += encoded.mid(i, 64) + '\n';
    }
    return out + lines.last() + '\n';
}
}

class TestPki : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void caIsSelfSignedAuthority();
    void serverCertificateVerifies();
    void clientCertificateVerifies();
    void certificateFromAnotherCaIsRejected();
    void validityWindow_data();
    void validityWindow();
    void caIsNotTrustedForItselfByAnotherCa();
    void signCsrRejectsBadCsr_data();
    void signCsrRejectsBadCsr();
    void signCsrRejectsBadCa();
    void commonNameComesFromRequest();

    void fingerprintMatchesQt();
    void fingerprintMatchesOpensslCli();
    void fingerprintOfGarbage();
    void normalizeFingerprint_data();
    void normalizeFingerprint();

    void matchesHost_data();
    void matchesHost();

    void inspect();
    void inspectGarbage();

private:
    pki::KeyAndCertificate m_ca;
    pki::KeyAndCertificate m_otherCa;
    pki::KeyAndCsr m_serverKey;
    pki::KeyAndCsr m_clientKey;
    QByteArray m_server;
    QByteArray m_client;
    QByteArray m_foreignServer;
    QDateTime m_issuedAt;
};

void TestPki::initTestCase()
{
    m_issuedAt = QDateTime::currentDateTimeUtc();

    Result<pki::KeyAndCertificate> ca = pki::createCa(QStringLiteral("Test site CA"), 365);
    QVERIFY2(ca.ok(), qPrintable(ca.ok() ? QString() : ca.error().message));
    m_ca = ca.value();
    Result<pki::KeyAndCertificate> otherCa = pki::createCa(QStringLiteral("Test site CA"), 365);
    QVERIFY(otherCa.ok());
    m_otherCa = otherCa.value();

    Result<pki::KeyAndCsr> serverKey = pki::createKeyAndCsr(QStringLiteral("csr-server"));
    QVERIFY(serverKey.ok());
    m_serverKey = serverKey.value();
    QVERIFY(m_serverKey.keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(m_serverKey.csrPem.startsWith("-----BEGIN CERTIFICATE REQUEST-----"));

    Result<pki::KeyAndCsr> clientKey = pki::createKeyAndCsr(QStringLiteral("csr-client"));
    QVERIFY(clientKey.ok());
    m_clientKey = clientKey.value();

    pki::SigningRequest server;
    server.csrPem = m_serverKey.csrPem;
    server.commonName = QStringLiteral("site-server-cn");
    server.serial = kServerSerial;
    server.validDays = 30;
    server.usage = pki::Usage::Server;
    server.dnsNames = {QStringLiteral("localhost"), QStringLiteral("site-server")};
    server.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    Result<QByteArray> issued = pki::signCsr(server, m_ca);
    QVERIFY2(issued.ok(), qPrintable(issued.ok() ? QString() : issued.error().message));
    m_server = issued.value();

    Result<QByteArray> foreign = pki::signCsr(server, m_otherCa);
    QVERIFY(foreign.ok());
    m_foreignServer = foreign.value();

    pki::SigningRequest client;
    client.csrPem = m_clientKey.csrPem;
    client.commonName = QStringLiteral("device-0001");
    client.serial = kClientSerial;
    client.validDays = 10;
    client.usage = pki::Usage::Client;
    Result<QByteArray> clientCert = pki::signCsr(client, m_ca);
    QVERIFY(clientCert.ok());
    m_client = clientCert.value();
}

void TestPki::caIsSelfSignedAuthority()
{
    QVERIFY(m_ca.keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(m_ca.certificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
    const QSslCertificate ca(m_ca.certificatePem, QSsl::Pem);
    QVERIFY(!ca.isNull());
    QVERIFY(ca.isSelfSigned());
    QVERIFY(isCertificateAuthority(m_ca.certificatePem));
    QCOMPARE(ca.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("Test site CA")});
    QCOMPARE(ca.subjectInfo(QSslCertificate::Organization), QStringList{QStringLiteral("Steward")});
    QVERIFY(pki::verifyIssuedBy(m_ca.certificatePem, m_ca.certificatePem, m_issuedAt).ok());

    // Two CAs with the same name are still different CAs.
    QVERIFY(pki::fingerprint(m_ca.certificatePem).value() != pki::fingerprint(m_otherCa.certificatePem).value());
    QVERIFY(pki::inspect(m_ca.certificatePem).value().serial != 0);
}

void TestPki::serverCertificateVerifies()
{
    Status status = pki::verifyIssuedBy(m_server, m_ca.certificatePem, m_issuedAt);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    QCOMPARE(extendedKeyUsage(m_server), QStringList{QStringLiteral("TLS Web Server Authentication")});
    QVERIFY(!isCertificateAuthority(m_server));

    const QSslCertificate certificate(m_server, QSsl::Pem);
    const QMultiMap<QSsl::AlternativeNameEntryType, QString> names = certificate.subjectAlternativeNames();
    QCOMPARE(names.values(QSsl::DnsEntry).size(), 2);
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("site-server")));
    QCOMPARE(names.values(QSsl::IpAddressEntry).size(), 2);
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(certificate.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("Test site CA")});
}

void TestPki::clientCertificateVerifies()
{
    QVERIFY(pki::verifyIssuedBy(m_client, m_ca.certificatePem, m_issuedAt).ok());
    QCOMPARE(extendedKeyUsage(m_client), QStringList{QStringLiteral("TLS Web Client Authentication")});
    const QSslCertificate certificate(m_client, QSsl::Pem);
    QVERIFY(certificate.subjectAlternativeNames().isEmpty());
    QVERIFY(!isCertificateAuthority(m_client));
}

void TestPki::certificateFromAnotherCaIsRejected()
{
    Status status = pki::verifyIssuedBy(m_foreignServer, m_ca.certificatePem, m_issuedAt);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("pki.untrusted"));

    Status reverse = pki::verifyIssuedBy(m_server, m_otherCa.certificatePem, m_issuedAt);
    QVERIFY(!reverse.ok());
    QCOMPARE(reverse.error().code, QStringLiteral("pki.untrusted"));

    Status garbage = pki::verifyIssuedBy(QByteArrayLiteral("not a certificate"), m_ca.certificatePem, m_issuedAt);
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().code, QStringLiteral("pki.certificate-invalid"));
}

void TestPki::validityWindow_data()
{
    QTest::addColumn<qint64>("offsetSeconds");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("message");

    // The client certificate is valid from 5 minutes before issue to 10 days after.
    QTest::newRow("at issue") << qint64(0) << true << QString();
    QTest::newRow("four minutes before issue (clock skew allowance)") << qint64(-240) << true << QString();
    QTest::newRow("nine days later") << qint64(9 * 86400) << true << QString();
    QTest::newRow("eleven days later, expired")
        << qint64(11 * 86400) << false << QStringLiteral("certificate has expired");
    QTest::newRow("a day before issue, not yet valid")
        << qint64(-86400) << false << QStringLiteral("certificate is not yet valid");
}

void TestPki::validityWindow()
{
    QFETCH(qint64, offsetSeconds);
    QFETCH(bool, valid);
    QFETCH(QString, message);

    Status status = pki::verifyIssuedBy(m_client, m_ca.certificatePem, m_issuedAt.addSecs(offsetSeconds));
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QCOMPARE(status.error().code, QStringLiteral("pki.untrusted"));
        QCOMPARE(status.error().message, message);
    }
}

void TestPki::caIsNotTrustedForItselfByAnotherCa()
{
    Status status = pki::verifyIssuedBy(m_otherCa.certificatePem, m_ca.certificatePem, m_issuedAt);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("pki.untrusted"));
}

void TestPki::signCsrRejectsBadCsr_data()
{
    QTest::addColumn<QByteArray>("csrPem");

    // "csr-client" is in the signed subject: changing one letter breaks the self-signature.
    const QByteArray tampered =
        tamperPem(m_clientKey.csrPem, QByteArrayLiteral("csr-client"), QByteArrayLiteral("csr-klient"));
    QVERIFY(!tampered.isEmpty());
    QVERIFY(tampered != m_clientKey.csrPem);
    QTest::newRow("tampered subject") << tampered;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not PEM") << QByteArrayLiteral("hello");
    QTest::newRow("a certificate, not a CSR") << m_client;
    QTest::newRow("truncated") << m_clientKey.csrPem.left(m_clientKey.csrPem.size() / 2);
}

void TestPki::signCsrRejectsBadCsr()
{
    QFETCH(QByteArray, csrPem);

    pki::SigningRequest request;
    request.csrPem = csrPem;
    request.commonName = QStringLiteral("device-x");
    request.serial = 77;
    Result<QByteArray> issued = pki::signCsr(request, m_ca);
    QVERIFY(!issued.ok());
    QCOMPARE(issued.error().code, QStringLiteral("pki.csr-invalid"));
}

void TestPki::signCsrRejectsBadCa()
{
    pki::SigningRequest request;
    request.csrPem = m_clientKey.csrPem;
    request.commonName = QStringLiteral("device-x");
    request.serial = 78;
    Result<QByteArray> withoutKey = pki::signCsr(request, pki::KeyAndCertificate{QByteArray(), m_ca.certificatePem});
    QVERIFY(!withoutKey.ok());
    QCOMPARE(withoutKey.error().code, QStringLiteral("pki.ca-invalid"));
}

void TestPki::commonNameComesFromRequest()
{
    // The CSR asked for "csr-client"; the CA decides the name.
    const QSslCertificate certificate(m_client, QSsl::Pem);
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("device-0001")});
    QCOMPARE(certificate.serialNumber(), QByteArrayLiteral("03:e9")); // 1001
}

void TestPki::fingerprintMatchesQt()
{
    for (const QByteArray &pem : {m_ca.certificatePem, m_server, m_client}) {
        Result<QString> fingerprint = pki::fingerprint(pem);
        QVERIFY(fingerprint.ok());
        QCOMPARE(fingerprint.value().size(), 64);
        QCOMPARE(fingerprint.value(),
                 QString::fromLatin1(QSslCertificate(pem, QSsl::Pem).digest(QCryptographicHash::Sha256).toHex()));
        QCOMPARE(pki::normalizeFingerprint(fingerprint.value()), fingerprint.value());
    }
}

void TestPki::fingerprintMatchesOpensslCli()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("the openssl command-line tool is not installed");
    }
    QProcess process;
    process.start(
        openssl,
        {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    QVERIFY(process.waitForStarted());
    process.write(m_server);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    // "sha256 Fingerprint=AB:CD:…"
    const QString output = QString::fromLatin1(process.readAllStandardOutput()).trimmed();
    const qsizetype equals = output.indexOf(QLatin1Char('='));
    QVERIFY2(equals > 0, qPrintable(output));
    QString expected = output.mid(equals + 1);
    expected.remove(QLatin1Char(':'));
    expected = expected.toLower();
    QCOMPARE(expected.size(), 64);
    QCOMPARE(pki::fingerprint(m_server).value(), expected);
    QCOMPARE(pki::normalizeFingerprint(output.mid(equals + 1)), expected);
}

void TestPki::fingerprintOfGarbage()
{
    Result<QString> fingerprint =
        pki::fingerprint(QByteArrayLiteral("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    QVERIFY(!fingerprint.ok());
    QCOMPARE(fingerprint.error().code, QStringLiteral("pki.certificate-invalid"));
}

void TestPki::normalizeFingerprint_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const QString hex = QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    QString colons;
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        colons += (i ? QStringLiteral(":") : QString()) + hex.mid(i, 2).toUpper();
    }
    QTest::newRow("lowercase plain") << hex << hex;
    QTest::newRow("uppercase plain") << hex.toUpper() << hex;
    QTest::newRow("uppercase with colons") << colons << hex;
    QTest::newRow("surrounding whitespace") << QStringLiteral("  %1\n").arg(colons) << hex;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("one digit short") << hex.left(63) << QString();
    QTest::newRow("one digit long") << hex + QStringLiteral("0") << QString();
    QTest::newRow("SHA-1 length") << hex.left(40) << QString();
    QTest::newRow("non-hex digit") << hex.left(63) + QStringLiteral("g") << QString();
    QTest::newRow("inner space") << hex.left(32) + QStringLiteral(" ") + hex.mid(33) << QString();
    QTest::newRow("dash separators") << QString(colons).replace(QLatin1Char(':'), QLatin1Char('-')) << QString();
}

void TestPki::normalizeFingerprint()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(pki::normalizeFingerprint(input), expected);
}

void TestPki::matchesHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("server");
    QTest::addColumn<bool>("matches");

    QTest::newRow("dns localhost") << QStringLiteral("localhost") << true << true;
    QTest::newRow("dns is case-insensitive") << QStringLiteral("LocalHost") << true << true;
    QTest::newRow("second dns name") << QStringLiteral("site-server") << true << true;
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1") << true << true;
    QTest::newRow("ipv6") << QStringLiteral("::1") << true << true;
    QTest::newRow("ipv6 long form") << QStringLiteral("0:0:0:0:0:0:0:1") << true << true;
    QTest::newRow("other name") << QStringLiteral("other-server") << true << false;
    QTest::newRow("subdomain of a SAN") << QStringLiteral("a.localhost") << true << false;
    QTest::newRow("other ipv4") << QStringLiteral("127.0.0.2") << true << false;
    QTest::newRow("CN is ignored when SANs exist") << QStringLiteral("site-server-cn") << true << false;
    QTest::newRow("empty host") << QString() << true << false;
    QTest::newRow("client cert, a server name") << QStringLiteral("localhost") << false << false;
    QTest::newRow("client cert, an address") << QStringLiteral("127.0.0.1") << false << false;
}

void TestPki::matchesHost()
{
    QFETCH(QString, host);
    QFETCH(bool, server);
    QFETCH(bool, matches);
    QCOMPARE(pki::matchesHost(server ? m_server : m_client, host), matches);
}

void TestPki::inspect()
{
    Result<pki::CertificateInfo> info = pki::inspect(m_server);
    QVERIFY(info.ok());
    QCOMPARE(info.value().commonName, QStringLiteral("site-server-cn"));
    QCOMPARE(info.value().serial, kServerSerial);
    QCOMPARE(info.value().notBefore.timeSpec(), Qt::UTC);

    const QSslCertificate certificate(m_server, QSsl::Pem);
    QCOMPARE(info.value().notBefore, certificate.effectiveDate());
    QCOMPARE(info.value().notAfter, certificate.expiryDate());
    // Backdated five minutes for clock skew, valid for the 30 days asked for.
    QVERIFY(qAbs(info.value().notBefore.secsTo(m_issuedAt) - 300) <= 60);
    QVERIFY(qAbs(m_issuedAt.secsTo(info.value().notAfter) - 30 * 86400) <= 60);

    Result<pki::CertificateInfo> client = pki::inspect(m_client);
    QVERIFY(client.ok());
    QCOMPARE(client.value().commonName, QStringLiteral("device-0001"));
    QCOMPARE(client.value().serial, kClientSerial);
    QCOMPARE(client.value().notBefore.secsTo(client.value().notAfter), 10 * 86400 + 300);

    Result<pki::CertificateInfo> ca = pki::inspect(m_ca.certificatePem);
    QVERIFY(ca.ok());
    QCOMPARE(ca.value().commonName, QStringLiteral("Test site CA"));
    QCOMPARE(ca.value().notBefore.secsTo(ca.value().notAfter), 365 * 86400 + 3600);
    QCOMPARE(ca.value().serial & 1, quint64(1));
}

void TestPki::inspectGarbage()
{
    Result<pki::CertificateInfo> info = pki::inspect(QByteArrayLiteral("garbage"));
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, QStringLiteral("pki.certificate-invalid"));
}

QTEST_GUILESS_MAIN(TestPki)
#include "TestPki.moc"
