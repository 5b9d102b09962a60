// SPDX-License-Identifier: GPL-3.0-or-later
// The agent gateway against hostile and broken peers over real TLS on loopback: each bad
// connection is closed with a logged reason while a well-behaved agent keeps being served.
#include "Clock.h"
#include "FrameCodec.h"
#include "ManualClock.h"
#include "Messages.h"
#include "PostgresServer.h"
#include "StoreFixture.h"
#include "TestSite.h"
#include "auth/Credentials.h"
#include "gateway/AgentGateway.h"
#include "gateway/ReportWriter.h"
#include "store/Database.h"
#include "store/Repositories.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace steward;
using namespace steward::server;

class TestAgentGateway : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void helloGetsWelcome();
    void garbageClosesOnlyThatConnection();
    void oversizedFrameIsRefused();
    void unauthenticatedPeerMayNotSendLargeFrames();
    void enrolmentWithBadTokenIsRefused_data();
    void enrolmentWithBadTokenIsRefused();
    void enrolmentIssuesCertificateThatConnects();
    void strangerCertificateIsRefused();
    void revokedDeviceIsRefused();
    void reportIsAcknowledgedOnceStored();
    void reportWithoutCertificateIsRefused();
    void refusedSessionsAreFreed();
    void idleConnectionsDoNotBlockHandshakes();
    void revokedWhileConnectedIsCutOff();
    void revocationIsRecheckedPerMessage();
    void unknownSectionsAreNotStored();
    void welcomeCarriesLastStoredSequence();
    void nonP256CsrIsRefused();
    void renewalIssuesAWorkingCertificate();
    void renewalNeedsACertificate();
    void renewalIsRateLimited();
    void sequenceMayNotJumpTooFar();
    void unknownMessageTypesAreIgnored();
    void helloNegotiatesVersionAndCapabilities();
    void enrolmentConnectionClosesAfterEnrolled();
    void pushReachesTheLiveSession();
    void manyAgentsShareCommits();
    void lostDatabaseTellsAgentsToRetry();

private:
    std::unique_ptr<QSslSocket> connectAgent(const std::optional<tls::Identity> &identity);
    std::optional<QCborMap> hello(QSslSocket &socket);
    QString enrolDevice(tls::Identity *identity);
    // A newly enrolled device, connected with its certificate and past hello; null on failure.
    std::unique_ptr<QSslSocket> connectedDevice(QString *deviceId, tls::Identity *identity);

    test::TestSite m_site;
    test::ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    test::StoreFixture m_fixture;
    std::unique_ptr<Repositories> m_store;
    std::unique_ptr<AgentGateway> m_gateway;
};

void TestAgentGateway::initTestCase_data()
{
    test::StoreFixture::addEngines();
}

void TestAgentGateway::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_clock.set(QDateTime::currentDateTimeUtc());
    QVERIFY_RESULT(m_fixture.create(engine));
    m_store = std::make_unique<Repositories>(m_fixture.database());
    GatewayContext context;
    context.store = m_store.get();
    context.clock = &m_clock;
    context.ca = m_site.ca;
    m_gateway = std::make_unique<AgentGateway>(context, m_site.server);
    QVERIFY(m_gateway->listen(QHostAddress::LocalHost, 0).ok());
}

void TestAgentGateway::cleanup()
{
    m_gateway.reset();
    m_store.reset();
    m_fixture.close();
}

std::unique_ptr<QSslSocket> TestAgentGateway::connectAgent(const std::optional<tls::Identity> &identity)
{
    auto socket = std::make_unique<QSslSocket>();
    socket->setSslConfiguration(tls::agentClient(identity));
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_gateway->port());
    if (!test::waitForEncrypted(*socket)) {
        return nullptr;
    }
    return socket;
}

std::optional<QCborMap> TestAgentGateway::hello(QSslSocket &socket)
{
    socket.write(FrameCodec::encode(protocol::Hello{protocol::kVersion, QStringLiteral("test")}.toCbor()));
    return test::readMessage(socket);
}

QString TestAgentGateway::enrolDevice(tls::Identity *identity)
{
    const QDateTime now = m_clock.now();
    const QString token = credentials::randomToken();
    if (!m_store->enrolment.addToken(credentials::tokenHash(token), 1, now.addSecs(600), QStringLiteral("test"), now)
             .ok()) {
        return {};
    }
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    if (!socket || !hello(*socket)) {
        return {};
    }
    const pki::KeyAndCsr key = pki::createKeyAndCsr(QStringLiteral("pc")).value();
    socket->write(FrameCodec::encode(protocol::Enroll{token, key.csrPem, QStringLiteral("pc")}.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    if (!reply || protocol::typeOf(*reply) != protocol::MessageType::Enrolled) {
        return {};
    }
    const protocol::Enrolled enrolled = protocol::Enrolled::fromCbor(*reply).value();
    *identity = test::TestSite::identityFrom(key.keyPem, enrolled.certificatePem);
    return enrolled.deviceId;
}

std::unique_ptr<QSslSocket> TestAgentGateway::connectedDevice(QString *deviceId, tls::Identity *identity)
{
    const QString id = enrolDevice(identity);
    std::unique_ptr<QSslSocket> socket = id.isEmpty() ? nullptr : connectAgent(*identity);
    if (!socket || !hello(*socket)) {
        return nullptr;
    }
    if (deviceId) {
        *deviceId = id;
    }
    return socket;
}

void TestAgentGateway::helloGetsWelcome()
{
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QCOMPARE(socket->sessionProtocol(), QSsl::TlsV1_3);
    const std::optional<QCborMap> welcome = hello(*socket);
    QVERIFY(welcome);
    QCOMPARE(protocol::typeOf(*welcome), protocol::MessageType::Welcome);
    QVERIFY(protocol::Welcome::fromCbor(*welcome).value().deviceId.isEmpty());
}

void TestAgentGateway::garbageClosesOnlyThatConnection()
{
    std::unique_ptr<QSslSocket> good = connectAgent(std::nullopt);
    std::unique_ptr<QSslSocket> bad = connectAgent(std::nullopt);
    QVERIFY(good && bad);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("closing connection from 127\\.0\\.0\\.1.*malformed CBOR")));
    // A plausible length, then bytes that are not CBOR.
    QByteArray garbage(4, Qt::Uninitialized);
    qToBigEndian<quint32>(8, garbage.data());
    garbage.append(QByteArray::fromHex("ff ff ff ff ff ff ff ff"));
    bad->write(garbage);
    QTRY_COMPARE_WITH_TIMEOUT(bad->state(), QAbstractSocket::UnconnectedState, 5000);
    const std::optional<QCborMap> welcome = hello(*good);
    QVERIFY(welcome);
    QCOMPARE(protocol::typeOf(*welcome), protocol::MessageType::Welcome);
}

void TestAgentGateway::oversizedFrameIsRefused()
{
    tls::Identity identity;
    QVERIFY(!enrolDevice(&identity).isEmpty());
    std::unique_ptr<QSslSocket> socket = connectAgent(identity);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("closing connection.*exceeds the cap")));
    QByteArray header(4, Qt::Uninitialized);
    qToBigEndian<quint32>(100 * 1024 * 1024, header.data());
    socket->write(header);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestAgentGateway::unauthenticatedPeerMayNotSendLargeFrames()
{
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("closing connection.*exceeds the cap of 65536")));
    QCborMap big = protocol::Hello{protocol::kVersion, QString(200 * 1024, QLatin1Char('x'))}.toCbor();
    socket->write(FrameCodec::encode(big, FrameCodec::kDefaultMaxFrameSize)); // uncompressed
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestAgentGateway::enrolmentWithBadTokenIsRefused_data()
{
    QTest::addColumn<int>("uses");
    QTest::addColumn<int>("ttlSeconds");
    QTest::addColumn<bool>("known");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown") << 1 << 600 << false << QStringLiteral("token.unknown");
    QTest::newRow("expired") << 1 << -1 << true << QStringLiteral("token.expired");
    QTest::newRow("used up") << 0 << 600 << true << QStringLiteral("token.used-up");
}

void TestAgentGateway::enrolmentWithBadTokenIsRefused()
{
    QFETCH(int, uses);
    QFETCH(int, ttlSeconds);
    QFETCH(bool, known);
    QFETCH(QString, code);
    const QDateTime now = m_clock.now();
    if (known) {
        QVERIFY(m_store->enrolment
                    .addToken(credentials::tokenHash(QStringLiteral("tok")),
                              uses,
                              now.addSecs(ttlSeconds),
                              QStringLiteral("t"),
                              now)
                    .ok());
    }
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("refused .* %1").arg(QRegularExpression::escape(code))));
    const pki::KeyAndCsr key = pki::createKeyAndCsr(QStringLiteral("pc")).value();
    socket->write(
        FrameCodec::encode(protocol::Enroll{QStringLiteral("tok"), key.csrPem, QStringLiteral("pc")}.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    QCOMPARE(protocol::typeOf(*reply), protocol::MessageType::Error);
    QCOMPARE(reply->value(QLatin1String("code")).toString(), code);
    QVERIFY(m_store->devices.list().value().isEmpty());
}

void TestAgentGateway::enrolmentIssuesCertificateThatConnects()
{
    tls::Identity identity;
    const QString deviceId = enrolDevice(&identity);
    QVERIFY(!deviceId.isEmpty());
    QCOMPARE(identity.certificate.subjectInfo(QSslCertificate::CommonName).value(0), deviceId);
    std::unique_ptr<QSslSocket> socket = connectAgent(identity);
    QVERIFY(socket);
    const std::optional<QCborMap> welcome = hello(*socket);
    QVERIFY(welcome);
    QCOMPARE(protocol::Welcome::fromCbor(*welcome).value().deviceId, deviceId);
}

void TestAgentGateway::strangerCertificateIsRefused()
{
    const test::TestSite stranger;
    const tls::Identity identity = stranger.issueClient(QStringLiteral("intruder"), 77);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("closing connection.*client certificate refused")));
    std::unique_ptr<QSslSocket> socket = connectAgent(identity);
    if (socket) {
        QVERIFY(!hello(*socket));
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
    }
}

void TestAgentGateway::revokedDeviceIsRefused()
{
    tls::Identity identity;
    const QString deviceId = enrolDevice(&identity);
    QVERIFY(!deviceId.isEmpty());
    QVERIFY(m_store->devices.revoke(deviceId).value());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("closing connection.*device is revoked")));
    std::unique_ptr<QSslSocket> socket = connectAgent(identity);
    if (socket) {
        QVERIFY(!hello(*socket));
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
    }
}

void TestAgentGateway::reportIsAcknowledgedOnceStored()
{
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    protocol::Report report;
    report.sequence = 1;
    report.sections.insert(QLatin1String("os"), QCborMap{{QLatin1String("hostname"), QLatin1String("pc-7")}});
    report.hashes.insert(QLatin1String("os"),
                         protocol::Report::sectionHash(report.sections.value(QLatin1String("os"))));
    socket->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> ack = test::readMessage(*socket);
    QVERIFY(ack);
    QCOMPARE(protocol::typeOf(*ack), protocol::MessageType::Ack);
    QCOMPARE(ack->value(QLatin1String("seq")).toInteger(), 1);
    // The ack means it is in the database.
    QCOMPARE(m_store->devices.find(deviceId).value()->hostname, QStringLiteral("pc-7"));
    QCOMPARE(m_store->devices.find(deviceId).value()->lastSequence, 1);
    // Sending it again is harmless: acked again, applied once.
    socket->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> again = test::readMessage(*socket);
    QVERIFY(again);
    QCOMPARE(again->value(QLatin1String("seq")).toInteger(), 1);
}

void TestAgentGateway::reportWithoutCertificateIsRefused()
{
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("closing connection.*\"report\" without a device certificate")));
    protocol::Report report;
    report.sequence = 1;
    socket->write(FrameCodec::encode(report.toCbor()));
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestAgentGateway::refusedSessionsAreFreed()
{
    const test::TestSite stranger;
    const tls::Identity identity = stranger.issueClient(QStringLiteral("intruder"), 77);
    QLoggingCategory::setFilterRules(QStringLiteral("steward.server.gateway.warning=false"));
    for (int i = 0; i < 20; ++i) {
        std::unique_ptr<QSslSocket> socket = connectAgent(identity);
        if (socket) {
            QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
        }
    }
    QLoggingCategory::setFilterRules(QString());
    // Every refused session is deleted, not left behind (each would hold a socket and memory).
    QTRY_COMPARE_WITH_TIMEOUT(m_gateway->sessionCount(), 0, 5000);
}

void TestAgentGateway::idleConnectionsDoNotBlockHandshakes()
{
    // More silent TCP connections than QSslServer's default pending limit (30).
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 40; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, m_gateway->port());
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(idle.begin(),
                                         idle.end(),
                                         [](const std::unique_ptr<QTcpSocket> &s) {
                                             return s->state() == QAbstractSocket::ConnectedState;
                                         }),
                             5000);
    // A real agent still gets through well within the handshake timeout of the idle ones.
    auto socket = std::make_unique<QSslSocket>();
    socket->setSslConfiguration(tls::agentClient(std::nullopt));
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_gateway->port());
    QVERIFY(test::waitForEncrypted(*socket, 2500));
    QVERIFY(hello(*socket));
}

void TestAgentGateway::revokedWhileConnectedIsCutOff()
{
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("closing connection.*device revoked")));
    m_gateway->disconnectDevice(deviceId);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestAgentGateway::revocationIsRecheckedPerMessage()
{
    // Revoked elsewhere (another server instance, or straight in the database): the next
    // message from the live session is refused.
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    QVERIFY(m_store->devices.revoke(deviceId).value());
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("closing connection.*revoked while connected")));
    socket->write(FrameCodec::encode(protocol::Heartbeat{1}.toCbor()));
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestAgentGateway::unknownSectionsAreNotStored()
{
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    protocol::Report report;
    report.sequence = 1;
    for (const char *name : {"os", "made-up-section"}) {
        const QCborValue section(QCborMap{{QLatin1String("hostname"), QLatin1String("pc-9")}});
        report.sections.insert(QLatin1String(name), section);
        report.hashes.insert(QLatin1String(name), protocol::Report::sectionHash(section));
    }
    socket->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> ack = test::readMessage(*socket);
    QVERIFY(ack);
    QCOMPARE(protocol::typeOf(*ack), protocol::MessageType::Ack);
    const std::optional<Device> device = m_store->devices.find(deviceId).value();
    QVERIFY(device->sections.contains(QLatin1String("os")));
    QVERIFY(!device->sections.contains(QLatin1String("made-up-section")));
}

void TestAgentGateway::welcomeCarriesLastStoredSequence()
{
    tls::Identity identity;
    const QString deviceId = enrolDevice(&identity);
    QVERIFY(m_store->devices.ingestReport(deviceId, 41, {}, {}, m_clock.now()).ok());
    std::unique_ptr<QSslSocket> socket = connectAgent(identity);
    QVERIFY(socket);
    const std::optional<QCborMap> welcome = hello(*socket);
    QVERIFY(welcome);
    QCOMPARE(protocol::Welcome::fromCbor(*welcome).value().lastSequence, 41);
}

void TestAgentGateway::nonP256CsrIsRefused()
{
    // An RSA key request, made with the openssl tool: a valid CSR, but not a key Steward certifies.
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"),
                   QStringLiteral("-new"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=pc"),
                   QStringLiteral("-keyout"),
                   dir.filePath(QStringLiteral("k.pem"))});
    QVERIFY(openssl.waitForFinished(30000));
    const QByteArray csr = openssl.readAllStandardOutput();
    QVERIFY(csr.contains("CERTIFICATE REQUEST"));
    const QDateTime now = m_clock.now();
    QVERIFY(m_store->enrolment
                .addToken(credentials::tokenHash(QStringLiteral("tok")), 1, now.addSecs(600), QStringLiteral("t"), now)
                .ok());
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("refused .*enroll.csr-invalid.*not EC P-256")));
    socket->write(FrameCodec::encode(protocol::Enroll{QStringLiteral("tok"), csr, QStringLiteral("pc")}.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    QCOMPARE(reply->value(QLatin1String("code")).toString(), QStringLiteral("enroll.csr-invalid"));
    QVERIFY(m_store->devices.list().value().isEmpty());
    // The token was not spent on a refused request.
    QVERIFY(m_store->enrolment.checkToken(credentials::tokenHash(QStringLiteral("tok")), now).ok());
}

void TestAgentGateway::renewalIssuesAWorkingCertificate()
{
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    // Renewal comes at two thirds of a certificate's life, never right after enrolment.
    m_clock.advance(20 * 24 * 3600);
    const pki::KeyAndCsr fresh = pki::createKeyAndCsr(QStringLiteral("pc")).value();
    socket->write(FrameCodec::encode(protocol::Renew{fresh.csrPem}.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    QCOMPARE(protocol::typeOf(*reply), protocol::MessageType::Renewed);
    const QByteArray certificate = protocol::Renewed::fromCbor(*reply).value().certificatePem;
    QCOMPARE(pki::inspect(certificate).value().commonName, deviceId);
    QVERIFY(identity.certificate.serialNumber() != QSslCertificate(certificate, QSsl::Pem).serialNumber());

    // The new certificate identifies the same device; the old one still works until it expires.
    for (const tls::Identity &candidate : {test::TestSite::identityFrom(fresh.keyPem, certificate), identity}) {
        std::unique_ptr<QSslSocket> again = connectAgent(candidate);
        QVERIFY(again);
        const std::optional<QCborMap> welcome = hello(*again);
        QVERIFY(welcome);
        QCOMPARE(protocol::Welcome::fromCbor(*welcome).value().deviceId, deviceId);
    }
    bool audited = false;
    const QList<AuditEntry> entries = m_store->audit.newest(100).value();
    for (const AuditEntry &entry : entries) {
        audited = audited
            || (entry.action == QLatin1String("device.renew") && entry.outcome == QLatin1String("ok")
                && entry.target == deviceId);
    }
    QVERIFY(audited);
}

void TestAgentGateway::renewalNeedsACertificate()
{
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("closing connection.*\"renew\" without a device certificate")));
    socket->write(
        FrameCodec::encode(protocol::Renew{pki::createKeyAndCsr(QStringLiteral("pc")).value().csrPem}.toCbor()));
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestAgentGateway::renewalIsRateLimited()
{
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    // A stolen key asking for certificate after certificate gets one per interval.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused .*renew.too-soon")));
    socket->write(
        FrameCodec::encode(protocol::Renew{pki::createKeyAndCsr(QStringLiteral("pc")).value().csrPem}.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    QCOMPARE(protocol::typeOf(*reply), protocol::MessageType::Error);
    QCOMPARE(reply->value(QLatin1String("code")).toString(), QStringLiteral("renew.too-soon"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("certificates")), 1);
    bool audited = false;
    const QList<AuditEntry> entries = m_store->audit.newest(100).value();
    for (const AuditEntry &entry : entries) {
        audited = audited
            || (entry.action == QLatin1String("device.renew") && entry.outcome == QLatin1String("denied")
                && entry.target == deviceId);
    }
    QVERIFY(audited);
}

void TestAgentGateway::sequenceMayNotJumpTooFar()
{
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    protocol::Report report;
    report.sequence = std::numeric_limits<qint64>::max();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused .*report.sequence-jump")));
    socket->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    QCOMPARE(reply->value(QLatin1String("code")).toString(), QStringLiteral("report.sequence-jump"));
    QCOMPARE(m_store->devices.lastSequence(deviceId).value(), 0);

    // The device is not wedged: its next honest report is stored.
    std::unique_ptr<QSslSocket> again = connectAgent(identity);
    QVERIFY(again);
    QVERIFY(hello(*again));
    report.sequence = 1;
    again->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> ack = test::readMessage(*again);
    QVERIFY(ack);
    QCOMPARE(protocol::typeOf(*ack), protocol::MessageType::Ack);
}

void TestAgentGateway::unknownMessageTypesAreIgnored()
{
    tls::Identity identity;
    std::unique_ptr<QSslSocket> socket = connectedDevice(nullptr, &identity);
    QVERIFY(socket);
    // A newer agent's message: logged once, ignored, and the connection goes on.
    QTest::ignoreMessage(QtInfoMsg,
                         QRegularExpression(QStringLiteral("ignoring message of unknown type \"job.progress\"")));
    socket->write(FrameCodec::encode(
        QCborMap{{QStringLiteral("t"), QStringLiteral("job.progress")}, {QStringLiteral("job"), 7}}));
    socket->write(FrameCodec::encode(
        QCborMap{{QStringLiteral("t"), QStringLiteral("job.progress")}, {QStringLiteral("job"), 8}}));
    protocol::Report report;
    report.sequence = 1;
    socket->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> ack = test::readMessage(*socket);
    QVERIFY(ack);
    QCOMPARE(protocol::typeOf(*ack), protocol::MessageType::Ack);
    QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
}

void TestAgentGateway::helloNegotiatesVersionAndCapabilities()
{
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    // A future agent speaking versions 1 to 5 is answered in the newest both speak.
    socket->write(FrameCodec::encode(
        protocol::Hello{5, QStringLiteral("9.0"), 1, {QStringLiteral("report.delta"), QStringLiteral("jobs")}}
            .toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    const protocol::Welcome welcome = protocol::Welcome::fromCbor(*reply).value();
    QCOMPARE(welcome.version, protocol::kVersion);
    QVERIFY(welcome.capabilities.contains(protocol::capability::kDeltaReports));
    QVERIFY(welcome.capabilities.contains(protocol::capability::kRenewal));

    // One that no longer speaks this server's versions is told so.
    std::unique_ptr<QSslSocket> tooNew = connectAgent(std::nullopt);
    QVERIFY(tooNew);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused .*protocol.unsupported")));
    tooNew->write(FrameCodec::encode(protocol::Hello{4, QStringLiteral("9.0"), protocol::kVersion + 1, {}}.toCbor()));
    const std::optional<QCborMap> refused = test::readMessage(*tooNew);
    QVERIFY(refused);
    QCOMPARE(refused->value(QLatin1String("code")).toString(), QStringLiteral("protocol.unsupported"));

    // An agent from before version ranges (no vmin, no caps) is still welcome.
    std::unique_ptr<QSslSocket> old = connectAgent(std::nullopt);
    QVERIFY(old);
    old->write(FrameCodec::encode(QCborMap{{QStringLiteral("t"), QStringLiteral("hello")},
                                           {QStringLiteral("v"), 1},
                                           {QStringLiteral("agent"), QStringLiteral("0.1")}}));
    const std::optional<QCborMap> oldReply = test::readMessage(*old);
    QVERIFY(oldReply);
    QCOMPARE(protocol::typeOf(*oldReply), protocol::MessageType::Welcome);
}

void TestAgentGateway::enrolmentConnectionClosesAfterEnrolled()
{
    const QDateTime now = m_clock.now();
    QVERIFY_RESULT(m_store->enrolment.addToken(credentials::tokenHash(QStringLiteral("tok")),
                                               1,
                                               now.addSecs(600),
                                               QStringLiteral("t"),
                                               now));
    std::unique_ptr<QSslSocket> socket = connectAgent(std::nullopt);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    socket->write(FrameCodec::encode(protocol::Enroll{QStringLiteral("tok"),
                                                      pki::createKeyAndCsr(QStringLiteral("pc")).value().csrPem,
                                                      QStringLiteral("pc")}
                                         .toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY(reply);
    QCOMPARE(protocol::typeOf(*reply), protocol::MessageType::Enrolled);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_gateway->sessionCount(), 0, 5000);
}

void TestAgentGateway::pushReachesTheLiveSession()
{
    tls::Identity identity;
    const QString deviceId = enrolDevice(&identity);
    QVERIFY(!m_gateway->sendTo(deviceId, protocol::Resync{}.toCbor()));
    std::unique_ptr<QSslSocket> socket = connectAgent(identity);
    QVERIFY(socket);
    QVERIFY(hello(*socket));
    QVERIFY(m_gateway->sendTo(deviceId, protocol::Resync{}.toCbor()));
    const std::optional<QCborMap> pushed = test::readMessage(*socket);
    QVERIFY(pushed);
    QCOMPARE(protocol::typeOf(*pushed), protocol::MessageType::Resync);
    QVERIFY(!m_gateway->sendTo(QStringLiteral("another-device"), protocol::Resync{}.toCbor()));
}

void TestAgentGateway::manyAgentsShareCommits()
{
    constexpr int kAgents = 12;
    std::vector<std::unique_ptr<QSslSocket>> sockets;
    for (int i = 0; i < kAgents; ++i) {
        tls::Identity identity;
        QVERIFY(!enrolDevice(&identity).isEmpty());
        sockets.push_back(connectAgent(identity));
        QVERIFY(sockets.back());
        QVERIFY(hello(*sockets.back()));
    }
    const ReportWriter::Stats before = m_gateway->writerStats();
    // Everyone reports at once, several reports each.
    for (int round = 1; round <= 3; ++round) {
        for (const auto &socket : sockets) {
            protocol::Report report;
            report.sequence = round;
            report.sections.insert(QStringLiteral("os"), QCborMap{{QStringLiteral("hostname"), QStringLiteral("pc")}});
            report.hashes.insert(QStringLiteral("os"),
                                 protocol::Report::sectionHash(report.sections.value(QStringLiteral("os"))));
            socket->write(FrameCodec::encode(report.toCbor()));
        }
    }
    for (const auto &socket : sockets) {
        FrameDecoder decoder(1024 * 1024);
        for (int round = 1; round <= 3; ++round) {
            const std::optional<QCborMap> ack = test::readMessage(*socket, &decoder);
            QVERIFY(ack);
            QCOMPARE(protocol::Ack::fromCbor(*ack).value().sequence, round);
        }
    }
    const ReportWriter::Stats after = m_gateway->writerStats();
    QCOMPARE(after.writes - before.writes, quint64(3 * kAgents));
    // Every report was committed, in fewer commits than reports.
    QVERIFY2(after.batches - before.batches < after.writes - before.writes,
             qPrintable(QStringLiteral("%1 commits for %2 reports")
                            .arg(after.batches - before.batches)
                            .arg(after.writes - before.writes)));
    QVERIFY(after.largestBatch > 1);
}

void TestAgentGateway::lostDatabaseTellsAgentsToRetry()
{
    QFETCH_GLOBAL(Dialect, engine);
    if (engine != Dialect::Postgresql) {
        QSKIP("the database going away and coming back is PostgreSQL's case; SQLite's lock is covered by TestAdminApi");
    }
    tls::Identity identity;
    QString deviceId;
    std::unique_ptr<QSslSocket> socket = connectedDevice(&deviceId, &identity);
    QVERIFY(socket);
    test::PostgresServer *postgres = test::PostgresServer::shared();
    QVERIFY(postgres);
    QVERIFY_RESULT(postgres->stop());
    protocol::Report report;
    report.sequence = 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not stored")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused .*server.unavailable")));
    socket->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> reply = test::readMessage(*socket);
    QVERIFY_RESULT(postgres->start());
    // Told to come back, not acknowledged: the agent keeps the report.
    QVERIFY(reply);
    QCOMPARE(protocol::typeOf(*reply), protocol::MessageType::Error);
    QCOMPARE(reply->value(QLatin1String("code")).toString(), QStringLiteral("server.unavailable"));

    // The server recovered by itself; the same report is stored once.
    std::unique_ptr<QSslSocket> again = connectAgent(identity);
    QVERIFY(again);
    QVERIFY(hello(*again));
    again->write(FrameCodec::encode(report.toCbor()));
    const std::optional<QCborMap> ack = test::readMessage(*again);
    QVERIFY(ack);
    QCOMPARE(protocol::typeOf(*ack), protocol::MessageType::Ack);
    QCOMPARE(m_store->devices.find(deviceId).value()->reportsStored, 1);
}

QTEST_GUILESS_MAIN(TestAgentGateway)
#include "TestAgentGateway.moc"
