// SPDX-License-Identifier: GPL-3.0-or-later
#include "Files.h"
#include "Pki.h"
#include "TlsConfig.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace steward;

Q_DECLARE_METATYPE(QList<QSslCertificate>)

namespace
{
struct IssuedIdentity {
    QByteArray keyPem;
    QByteArray certificatePem;
};

IssuedIdentity issue(const pki::KeyAndCertificate &ca,
                     pki::Usage usage,
                     quint64 serial,
                     const QStringList &dnsNames,
                     const QStringList &ips)
{
    Result<pki::KeyAndCsr> key = pki::createKeyAndCsr(QStringLiteral("test"));
    if (!key) {
        return {};
    }
    pki::SigningRequest request;
    request.csrPem = key.value().csrPem;
    request.commonName = QStringLiteral("identity-%1").arg(serial);
    request.serial = serial;
    request.usage = usage;
    request.dnsNames = dnsNames;
    request.ipAddresses = ips;
    Result<QByteArray> certificate = pki::signCsr(request, ca);
    if (!certificate) {
        return {};
    }
    return {key.value().keyPem, certificate.value()};
}

QString hexFingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QString colonFingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}
}

class TestTlsConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void verifyPinnedPeer_data();
    void verifyPinnedPeer();
    void pinnedPeerIsJudgedAtTheGivenTime();

    void agentGatewayConfiguration();
    void apiServerConfiguration();
    void agentClientConfiguration();
    void apiClientConfiguration();

    void loadIdentity();
    void loadIdentityFailures_data();
    void loadIdentityFailures();

private:
    pki::KeyAndCertificate m_caPem;
    QSslCertificate m_ca;
    QSslCertificate m_otherCa;
    tls::Identity m_server;
    IssuedIdentity m_serverPem;
    QSslCertificate m_foreignServer;
    QSslCertificate m_client;
};

void TestTlsConfig::initTestCase()
{
    Result<pki::KeyAndCertificate> ca = pki::createCa(QStringLiteral("TLS test CA"), 30);
    QVERIFY(ca.ok());
    m_caPem = ca.value();
    m_ca = QSslCertificate(m_caPem.certificatePem, QSsl::Pem);
    Result<pki::KeyAndCertificate> otherCa = pki::createCa(QStringLiteral("TLS test CA"), 30);
    QVERIFY(otherCa.ok());
    m_otherCa = QSslCertificate(otherCa.value().certificatePem, QSsl::Pem);

    m_serverPem = issue(m_caPem, pki::Usage::Server, 2, {QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")});
    QVERIFY(!m_serverPem.certificatePem.isEmpty());
    m_server.certificate = QSslCertificate(m_serverPem.certificatePem, QSsl::Pem);
    m_server.key = QSslKey(m_serverPem.keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    QVERIFY(!m_server.certificate.isNull());
    QVERIFY(!m_server.key.isNull());

    const IssuedIdentity foreign =
        issue(otherCa.value(), pki::Usage::Server, 2, {QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")});
    m_foreignServer = QSslCertificate(foreign.certificatePem, QSsl::Pem);
    QVERIFY(!m_foreignServer.isNull());

    const IssuedIdentity client = issue(m_caPem, pki::Usage::Client, 3, {}, {});
    m_client = QSslCertificate(client.certificatePem, QSsl::Pem);
    QVERIFY(!m_client.isNull());
}

void TestTlsConfig::verifyPinnedPeer_data()
{
    QTest::addColumn<QList<QSslCertificate>>("chain");
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("code"); // empty: accepted

    const QList<QSslCertificate> good{m_server.certificate, m_ca};
    QTest::newRow("right pin, hex") << good << hexFingerprint(m_ca) << QStringLiteral("localhost") << QString();
    QTest::newRow("right pin, colon form")
        << good << colonFingerprint(m_ca) << QStringLiteral("localhost") << QString();
    QTest::newRow("right pin, by address") << good << hexFingerprint(m_ca) << QStringLiteral("127.0.0.1") << QString();
    QTest::newRow("CA listed before the leaf's intermediate position")
        << QList<QSslCertificate>{m_server.certificate, m_otherCa, m_ca} << hexFingerprint(m_ca)
        << QStringLiteral("localhost") << QString();

    QTest::newRow("wrong pin") << good << hexFingerprint(m_otherCa) << QStringLiteral("localhost")
                               << QStringLiteral("tls.pin-mismatch");
    QTest::newRow("pin of the leaf, not a CA") << QList<QSslCertificate>{m_server.certificate} << hexFingerprint(m_ca)
                                               << QStringLiteral("localhost") << QStringLiteral("tls.pin-mismatch");
    QTest::newRow("leaf from another CA, pinned CA appended")
        << QList<QSslCertificate>{m_foreignServer, m_ca} << hexFingerprint(m_ca) << QStringLiteral("localhost")
        << QStringLiteral("tls.untrusted");
    QTest::newRow("leaf from another CA with its own CA")
        << QList<QSslCertificate>{m_foreignServer, m_otherCa} << hexFingerprint(m_ca) << QStringLiteral("localhost")
        << QStringLiteral("tls.pin-mismatch");
    QTest::newRow("wrong host") << good << hexFingerprint(m_ca) << QStringLiteral("other-server")
                                << QStringLiteral("tls.wrong-host");
    // Refused for its purpose (clientAuth only) before its names are even looked at.
    QTest::newRow("a device certificate as the server leaf")
        << QList<QSslCertificate>{m_client, m_ca} << hexFingerprint(m_ca) << QStringLiteral("localhost")
        << QStringLiteral("tls.untrusted");
    QTest::newRow("wrong address") << good << hexFingerprint(m_ca) << QStringLiteral("127.0.0.2")
                                   << QStringLiteral("tls.wrong-host");
    QTest::newRow("empty chain") << QList<QSslCertificate>{} << hexFingerprint(m_ca) << QStringLiteral("localhost")
                                 << QStringLiteral("tls.no-peer-certificate");
    QTest::newRow("unparseable pin") << good << QStringLiteral("not-a-fingerprint") << QStringLiteral("localhost")
                                     << QStringLiteral("tls.no-peer-certificate");
}

void TestTlsConfig::verifyPinnedPeer()
{
    QFETCH(QList<QSslCertificate>, chain);
    QFETCH(QString, pin);
    QFETCH(QString, host);
    QFETCH(QString, code);

    Result<QSslCertificate> result = tls::verifyPinnedPeer(chain, pin, host, QDateTime::currentDateTimeUtc());
    if (code.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value(), m_ca);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, code);
        QVERIFY(!result.error().message.isEmpty());
    }
}

void TestTlsConfig::agentGatewayConfiguration()
{
    const QSslConfiguration config = tls::agentGateway(m_server, m_ca);
    QCOMPARE(config.protocol(), QSsl::TlsV1_3OrLater);
    // Enrolling agents have no certificate yet: ask, do not require.
    QCOMPARE(config.peerVerifyMode(), QSslSocket::QueryPeer);
    QCOMPARE(config.localCertificateChain(), (QList<QSslCertificate>{m_server.certificate, m_ca}));
    QCOMPARE(config.localCertificate(), m_server.certificate);
    QCOMPARE(config.privateKey(), m_server.key);
    QCOMPARE(config.caCertificates(), QList<QSslCertificate>{m_ca});
    QVERIFY(config.testSslOption(QSsl::SslOptionDisableSessionTickets));
}

void TestTlsConfig::apiServerConfiguration()
{
    const QSslConfiguration config = tls::apiServer(m_server, m_ca);
    QCOMPARE(config.protocol(), QSsl::TlsV1_3OrLater);
    QCOMPARE(config.peerVerifyMode(), QSslSocket::VerifyNone);
    QCOMPARE(config.localCertificateChain(), (QList<QSslCertificate>{m_server.certificate, m_ca}));
    QCOMPARE(config.privateKey(), m_server.key);
    QVERIFY(config.testSslOption(QSsl::SslOptionDisableSessionTickets));
}

void TestTlsConfig::agentClientConfiguration()
{
    const QSslConfiguration withoutIdentity = tls::agentClient(std::nullopt);
    QCOMPARE(withoutIdentity.protocol(), QSsl::TlsV1_3OrLater);
    QVERIFY(withoutIdentity.localCertificate().isNull());
    QVERIFY(withoutIdentity.privateKey().isNull());
    // Trust comes from the pinned fingerprint, never from a system store.
    QVERIFY(withoutIdentity.caCertificates().isEmpty());
    QCOMPARE(withoutIdentity.peerVerifyMode(), QSslSocket::VerifyNone);

    const QSslConfiguration withIdentity = tls::agentClient(m_server);
    QCOMPARE(withIdentity.protocol(), QSsl::TlsV1_3OrLater);
    QCOMPARE(withIdentity.localCertificate(), m_server.certificate);
    QCOMPARE(withIdentity.privateKey(), m_server.key);
    QVERIFY(withIdentity.caCertificates().isEmpty());
    QVERIFY(withIdentity.testSslOption(QSsl::SslOptionDisableSessionTickets));
}

void TestTlsConfig::apiClientConfiguration()
{
    const QSslConfiguration config = tls::apiClient({m_ca});
    QCOMPARE(config.protocol(), QSsl::TlsV1_3OrLater);
    QCOMPARE(config.peerVerifyMode(), QSslSocket::VerifyPeer);
    QCOMPARE(config.caCertificates(), QList<QSslCertificate>{m_ca});
}

void TestTlsConfig::loadIdentity()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certificatePath = dir.filePath(QStringLiteral("server.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("server.key"));
    QVERIFY(files::writeNew(certificatePath, m_serverPem.certificatePem, files::kPublic).ok());
    QVERIFY(files::writeNew(keyPath, m_serverPem.keyPem, files::kPrivate).ok());

    Result<tls::Identity> identity = tls::loadIdentity(certificatePath, keyPath);
    QVERIFY2(identity.ok(), qPrintable(identity.ok() ? QString() : identity.error().message));
    QCOMPARE(identity.value().certificate, m_server.certificate);
    QCOMPARE(identity.value().key, m_server.key);
    QCOMPARE(identity.value().key.algorithm(), QSsl::Ec);

    Result<QSslCertificate> certificate = tls::loadCertificate(certificatePath);
    QVERIFY(certificate.ok());
    QCOMPARE(certificate.value(), m_server.certificate);
}

void TestTlsConfig::loadIdentityFailures_data()
{
    QTest::addColumn<bool>("writeCertificate");
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<bool>("writeKey");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("code");

    const QByteArray cert = m_serverPem.certificatePem;
    const QByteArray key = m_serverPem.keyPem;
    QTest::newRow("no certificate file") << false << QByteArray() << true << key << QStringLiteral("file.io");
    QTest::newRow("certificate file without PEM")
        << true << QByteArrayLiteral("hello\n") << true << key << QStringLiteral("tls.certificate-invalid");
    QTest::newRow("empty certificate file")
        << true << QByteArray() << true << key << QStringLiteral("tls.certificate-invalid");
    QTest::newRow("no key file") << true << cert << false << QByteArray() << QStringLiteral("file.io");
    QTest::newRow("key file holds a certificate") << true << cert << true << cert << QStringLiteral("tls.key-invalid");
}

void TestTlsConfig::loadIdentityFailures()
{
    QFETCH(bool, writeCertificate);
    QFETCH(QByteArray, certificate);
    QFETCH(bool, writeKey);
    QFETCH(QByteArray, key);
    QFETCH(QString, code);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certificatePath = dir.filePath(QStringLiteral("server.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("server.key"));
    if (writeCertificate) {
        QVERIFY(files::writeNew(certificatePath, certificate, files::kPublic).ok());
    }
    if (writeKey) {
        QVERIFY(files::writeNew(keyPath, key, files::kPrivate).ok());
    }
    Result<tls::Identity> identity = tls::loadIdentity(certificatePath, keyPath);
    QVERIFY(!identity.ok());
    QCOMPARE(identity.error().code, code);
}

void TestTlsConfig::pinnedPeerIsJudgedAtTheGivenTime()
{
    const QList<QSslCertificate> chain{m_server.certificate, m_ca};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(tls::verifyPinnedPeer(chain, hexFingerprint(m_ca), QStringLiteral("localhost"), now).ok());
    // The same chain, judged by a clock twenty years on, has expired.
    QVERIFY(!tls::verifyPinnedPeer(chain, hexFingerprint(m_ca), QStringLiteral("localhost"), now.addYears(20)).ok());
}

QTEST_GUILESS_MAIN(TestTlsConfig)
#include "TestTlsConfig.moc"
