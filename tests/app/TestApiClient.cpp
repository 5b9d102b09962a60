// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiClient.h"
#include "FakeAdminServer.h"
#include "SyncApiClient.h"
#include "TestSite.h"
#include "TlsConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using steward::Result;
using steward::app::ApiClient;
using steward::app::AuditQuery;
using steward::app::SyncApiClient;
using steward::app::test::FakeAdminServer;
using steward::test::TestSite;

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void parseServerUrl_data();
    void parseServerUrl();
    void configureRejectsBadInput_data();
    void configureRejectsBadInput();
    void callsNeedLogin();
    void loginStoresTokenAndSendsBearer();
    void loginFailureSurfacesServerMessage();
    void notFoundSurfacesServerMessage();
    void mutatingCalls();
    void deleteDevice();
    void auditQueryIsSentWhole();
    void rejectedSessionIsDropped();
    void logoutForgetsToken();
    void apiTokenNeedsNoLogin();
    void peopleAndTokenCalls();
    void unavailableServerSaysSo();
    void asyncCallbackAndContext();
    void certificateFromAnotherCaIsRefused();
    void hostnameIsVerified();
    void connectionRefused();

private:
    QTemporaryDir m_dir;
    TestSite m_site;
    TestSite m_stranger; // another site's CA, and a server certificate for this host under it
    steward::tls::Identity m_wrongName; // this site's CA, another host name
    QString m_caFile; // the site CA, as the console and stewardctl are given it
    std::unique_ptr<FakeAdminServer> m_server;
    std::unique_ptr<ApiClient> m_client;
};

void TestApiClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_caFile = m_site.writeCaFiles(m_dir.path());
    QVERIFY(!m_caFile.isEmpty());
    m_wrongName = m_site.issueServer({QStringLiteral("wrong-name")}, {}, 3);
}

void TestApiClient::init()
{
    m_server = std::make_unique<FakeAdminServer>();
    QVERIFY(m_server->start(steward::tls::apiServer(m_site.server, m_site.caCertificate())));
    m_client = std::make_unique<ApiClient>();
    m_client->setTimeout(std::chrono::seconds(10));
    QVERIFY(m_client->configure(m_server->url(), m_caFile).ok());
}

void TestApiClient::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void TestApiClient::parseServerUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("url"); // empty: rejected
    QTest::newRow("full") << QStringLiteral("https://10.0.0.1:9000") << QStringLiteral("https://10.0.0.1:9000");
    QTest::newRow("default port") << QStringLiteral("https://localhost") << QStringLiteral("https://localhost:8731");
    QTest::newRow("bare host") << QStringLiteral("steward-srv") << QStringLiteral("https://steward-srv:8731");
    QTest::newRow("host and port") << QStringLiteral("localhost:1234") << QStringLiteral("https://localhost:1234");
    QTest::newRow("spaces") << QStringLiteral("  https://localhost:8731 ") << QStringLiteral("https://localhost:8731");
    QTest::newRow("http") << QStringLiteral("http://localhost:8731") << QString();
    QTest::newRow("credentials") << QStringLiteral("https://u:p@localhost") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestApiClient::parseServerUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, url);
    const Result<QUrl> parsed = ApiClient::parseServerUrl(text);
    QCOMPARE(parsed.ok(), !url.isEmpty());
    if (parsed) {
        QCOMPARE(parsed.value().toString(), url);
    }
}

void TestApiClient::configureRejectsBadInput_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("code");
    QTest::newRow("http") << QStringLiteral("http://127.0.0.1:8731") << QStringLiteral("ca.pem")
                          << QStringLiteral("config.server");
    QTest::newRow("missing CA file") << QStringLiteral("https://127.0.0.1:8731") << QStringLiteral("missing.pem")
                                     << QStringLiteral("config.ca");
    QTest::newRow("CA file is a key") << QStringLiteral("https://127.0.0.1:8731") << QStringLiteral("ca.key")
                                      << QStringLiteral("config.ca");
}

void TestApiClient::configureRejectsBadInput()
{
    QFETCH(QString, url);
    QFETCH(QString, caFile);
    QFETCH(QString, code);
    ApiClient client;
    const auto status = client.configure(QUrl(url), m_dir.filePath(caFile));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, code);
    QVERIFY(!client.isConfigured());
}

void TestApiClient::callsNeedLogin()
{
    SyncApiClient api(*m_client);
    const auto devices = api.devices();
    QVERIFY(!devices.ok());
    QCOMPARE(devices.error().code, QStringLiteral("auth.required"));
    QVERIFY(m_server->requests.isEmpty());
}

void TestApiClient::loginStoresTokenAndSendsBearer()
{
    QSignalSpy loggedIn(m_client.get(), &ApiClient::loggedIn);
    SyncApiClient api(*m_client);
    const auto login = api.login(QStringLiteral("admin"), QStringLiteral("secret"));
    QVERIFY2(login.ok(), qPrintable(login.ok() ? QString() : login.error().message));
    QVERIFY(m_client->isLoggedIn());
    QCOMPARE(m_client->user(), QStringLiteral("admin"));
    QCOMPARE(m_client->role(), QStringLiteral("admin"));
    QCOMPARE(m_client->sessionExpiresAt(), QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
    QCOMPARE(loggedIn.count(), 1);

    const auto devices = api.devices();
    QVERIFY2(devices.ok(), qPrintable(devices.ok() ? QString() : devices.error().message));
    QCOMPARE(devices.value().toArray(), FakeAdminServer::sampleDevices());
    QCOMPARE(m_server->authorizationHeaders.constLast(), QByteArrayLiteral("Bearer session-token-for-tests"));

    const auto device = api.device(QStringLiteral("d-0001"));
    QVERIFY(device.ok());
    QCOMPARE(device.value().toObject().value(QStringLiteral("hostname")).toString(), QStringLiteral("pc-finance-01"));
    QCOMPARE(m_server->requests,
             (QStringList{QStringLiteral("POST /api/v1/login"),
                          QStringLiteral("GET /api/v1/devices"),
                          QStringLiteral("GET /api/v1/devices/d-0001")}));
}

void TestApiClient::loginFailureSurfacesServerMessage()
{
    SyncApiClient api(*m_client);
    const auto login = api.login(QStringLiteral("admin"), QStringLiteral("wrong"));
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code, QStringLiteral("auth.invalid"));
    QCOMPARE(login.error().message, QStringLiteral("wrong user name or password (HTTP 401)"));
    QVERIFY(!m_client->isLoggedIn());
}

void TestApiClient::notFoundSurfacesServerMessage()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    const auto device = api.device(QStringLiteral("d-9999"));
    QVERIFY(!device.ok());
    QCOMPARE(device.error().code, QStringLiteral("device.unknown"));
    QCOMPARE(device.error().message, QStringLiteral("no such device (HTTP 404)"));
    QVERIFY(m_client->isLoggedIn());
}

void TestApiClient::mutatingCalls()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());

    const auto token = api.createEnrollmentToken(5, 3600);
    QVERIFY(token.ok());
    QCOMPARE(token.value().toObject().value(QStringLiteral("token")).toString(), QStringLiteral("enroll-abc123"));
    QCOMPARE(token.value().toObject().value(QStringLiteral("uses")).toInt(), 5);

    const auto revoked = api.revokeDevice(QStringLiteral("d-0002"));
    QVERIFY(revoked.ok());
    QCOMPARE(revoked.value().toObject().value(QStringLiteral("revoked")).toBool(), true);

    const auto audit = api.audit(2);
    QVERIFY(audit.ok());
    QCOMPARE(audit.value().toArray().size(), 2);
    QCOMPARE(m_server->requests.mid(1),
             (QStringList{QStringLiteral("POST /api/v1/enrollment-tokens"),
                          QStringLiteral("POST /api/v1/devices/d-0002/revoke"),
                          QStringLiteral("GET /api/v1/audit")}));
}

void TestApiClient::deleteDevice()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    const auto deleted = api.deleteDevice(QLatin1String(FakeAdminServer::revokedDeviceId));
    QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().message));
    QVERIFY(deleted.value().isNull()); // 204
    QCOMPARE(m_server->requests.constLast(), QStringLiteral("DELETE /api/v1/devices/d-0002"));

    const auto notRevoked = api.deleteDevice(QLatin1String(FakeAdminServer::knownDeviceId));
    QVERIFY(!notRevoked.ok());
    QCOMPARE(notRevoked.error().code, QStringLiteral("device.not-revoked"));
    const auto unknown = api.deleteDevice(QStringLiteral("d-404"));
    QCOMPARE(unknown.error().code, QStringLiteral("device.unknown"));
    QCOMPARE(m_server->requests.constLast(), QStringLiteral("DELETE /api/v1/devices/d-404"));
}

void TestApiClient::auditQueryIsSentWhole()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    AuditQuery query;
    // Characters a query string would otherwise eat or misread.
    query.actor = QStringLiteral("a&b=c+d %41 é");
    query.action = QStringLiteral("device.*");
    query.target = QStringLiteral("#d-1");
    query.outcome = QStringLiteral("denied");
    query.from = QDateTime(QDate(2024, 5, 1), QTime(2, 0), QTimeZone(7200));
    query.to = QDateTime(QDate(2024, 5, 2), QTime(0, 0), Qt::UTC);
    query.before = 77;
    query.limit = 20;
    QVERIFY(api.audit(query).ok());
    const QUrlQuery sent = m_server->auditQueries.constLast();
    const auto item = [&sent](const char *name) {
        return sent.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    QCOMPARE(item("actor"), query.actor);
    QCOMPARE(item("action"), query.action);
    QCOMPARE(item("target"), query.target);
    QCOMPARE(item("outcome"), query.outcome);
    QCOMPARE(item("from"), QStringLiteral("2024-05-01T00:00:00Z"));
    QCOMPARE(item("to"), QStringLiteral("2024-05-02T00:00:00Z"));
    QCOMPARE(item("before"), QStringLiteral("77"));
    QCOMPARE(item("limit"), QStringLiteral("20"));

    // Unset filters are left out; the old call is the same request with a limit only.
    QVERIFY(api.audit(3).ok());
    QCOMPARE(m_server->auditQueries.constLast().queryItems(),
             (QList<QPair<QString, QString>>{{QStringLiteral("limit"), QStringLiteral("3")}}));
}

void TestApiClient::rejectedSessionIsDropped()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    QSignalSpy rejected(m_client.get(), &ApiClient::sessionRejected);
    m_server->dropSessions();
    const auto devices = api.devices();
    QVERIFY(!devices.ok());
    QCOMPARE(devices.error().message, QStringLiteral("missing or invalid session token (HTTP 401)"));
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!m_client->isLoggedIn());
}

void TestApiClient::logoutForgetsToken()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    QSignalSpy loggedOut(m_client.get(), &ApiClient::loggedOut);
    const auto logout = api.logout();
    QVERIFY2(logout.ok(), qPrintable(logout.ok() ? QString() : logout.error().message));
    QVERIFY(logout.value().isNull()); // 204
    QCOMPARE(loggedOut.count(), 1);
    QVERIFY(!m_client->isLoggedIn());
    QCOMPARE(m_server->requests.constLast(), QStringLiteral("POST /api/v1/logout"));
    QCOMPARE(m_server->authorizationHeaders.constLast(), QByteArrayLiteral("Bearer session-token-for-tests"));
}

void TestApiClient::apiTokenNeedsNoLogin()
{
    QSignalSpy loggedOut(m_client.get(), &ApiClient::loggedOut);
    m_client->useApiToken(QStringLiteral(" api-token-for-tests "));
    QVERIFY(m_client->isLoggedIn());
    QVERIFY(m_client->usesApiToken());
    SyncApiClient api(*m_client);
    const auto devices = api.devices();
    QVERIFY2(devices.ok(), qPrintable(devices.ok() ? QString() : devices.error().message));
    QCOMPARE(m_server->authorizationHeaders.constLast(), QByteArrayLiteral("Bearer api-token-for-tests"));

    // A token is revoked, not logged out: the server hears nothing, the client forgets it.
    QVERIFY(api.logout().ok());
    QCOMPARE(m_server->requests, QStringList{QStringLiteral("GET /api/v1/devices")});
    QVERIFY(!m_client->isLoggedIn());
    QVERIFY(!m_client->usesApiToken());
    QCOMPARE(loggedOut.count(), 1);

    // A later login is a session again.
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    QVERIFY(!m_client->usesApiToken());
}

void TestApiClient::peopleAndTokenCalls()
{
    SyncApiClient api(*m_client);
    QVERIFY(api.login(QStringLiteral("admin"), QStringLiteral("secret")).ok());
    QVERIFY(api.users().ok());
    QVERIFY(api.createUser(QStringLiteral("bob smith"), QStringLiteral("helpdesk"), QStringLiteral("a-long-password"))
                .ok());
    QCOMPARE(QJsonDocument::fromJson(m_server->bodies.constLast()).object(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("bob smith")},
                          {QStringLiteral("role"), QStringLiteral("helpdesk")},
                          {QStringLiteral("password"), QStringLiteral("a-long-password")}}));
    QVERIFY(api.setUserDisabled(QStringLiteral("bob smith"), true).ok());
    QVERIFY(api.setUserDisabled(QStringLiteral("bob smith"), false).ok());
    const auto reset = api.resetUserPassword(QStringLiteral("bob smith"), QStringLiteral("another-long-one"));
    QVERIFY(reset.ok());
    QVERIFY(reset.value().isNull()); // 204
    QCOMPARE(QJsonDocument::fromJson(m_server->bodies.constLast()).object(),
             (QJsonObject{{QStringLiteral("password"), QStringLiteral("another-long-one")}}));
    QVERIFY(api.changeOwnPassword(QStringLiteral("secret"), QStringLiteral("a-new-secret-1")).ok());
    QCOMPARE(QJsonDocument::fromJson(m_server->bodies.constLast()).object(),
             (QJsonObject{{QStringLiteral("currentPassword"), QStringLiteral("secret")},
                          {QStringLiteral("newPassword"), QStringLiteral("a-new-secret-1")}}));
    QVERIFY(api.createApiToken(QStringLiteral("ci"), 0, QString()).ok());
    QCOMPARE(QJsonDocument::fromJson(m_server->bodies.constLast()).object(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("ci")}}));
    QVERIFY(api.apiTokens().ok());
    QVERIFY(api.revokeApiToken(QStringLiteral("t-0001")).ok());
    const auto verified = api.verifyAudit();
    QVERIFY(verified.ok());
    QCOMPARE(verified.value().toObject().value(QStringLiteral("intact")).toBool(), true);
    QCOMPARE(m_server->requests.mid(1),
             (QStringList{QStringLiteral("GET /api/v1/users"),
                          QStringLiteral("POST /api/v1/users"),
                          QStringLiteral("POST /api/v1/users/bob smith/disable"),
                          QStringLiteral("POST /api/v1/users/bob smith/enable"),
                          QStringLiteral("POST /api/v1/users/bob smith/password"),
                          QStringLiteral("POST /api/v1/account/password"),
                          QStringLiteral("POST /api/v1/api-tokens"),
                          QStringLiteral("GET /api/v1/api-tokens"),
                          QStringLiteral("POST /api/v1/api-tokens/t-0001/revoke"),
                          QStringLiteral("GET /api/v1/audit/verify")}));
}

void TestApiClient::unavailableServerSaysSo()
{
    m_server->setUnavailable(true);
    SyncApiClient api(*m_client);
    const auto login = api.login(QStringLiteral("admin"), QStringLiteral("secret"));
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code, QStringLiteral("server.unavailable"));
    QCOMPARE(
        login.error().message,
        QStringLiteral(
            "server unavailable, try again in 5 s: the site database is unavailable; try again shortly (HTTP 503)"));
}

void TestApiClient::asyncCallbackAndContext()
{
    std::optional<Result<QJsonValue>> result;
    QObject context;
    m_client->login(QStringLiteral("admin"),
                    QStringLiteral("secret"),
                    &context,
                    [&result](const Result<QJsonValue> &r) {
                        result = r;
                    });
    QVERIFY(!result); // asynchronous
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->ok());

    // A context destroyed before the answer means no callback at all.
    bool called = false;
    auto doomed = std::make_unique<QObject>();
    m_client->devices(doomed.get(), [&called](const Result<QJsonValue> &) {
        called = true;
    });
    doomed.reset();
    QTest::qWait(200);
    QVERIFY(!called);
}

void TestApiClient::certificateFromAnotherCaIsRefused()
{
    FakeAdminServer impostor;
    QVERIFY(impostor.start(steward::tls::apiServer(m_stranger.server, m_stranger.caCertificate())));
    ApiClient client;
    QVERIFY(client.configure(impostor.url(), m_caFile).ok());
    SyncApiClient api(client);
    const auto login = api.login(QStringLiteral("admin"), QStringLiteral("secret"));
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code, QStringLiteral("tls.untrusted"));
    QVERIFY2(login.error().message.startsWith(QLatin1String("TLS error")), qPrintable(login.error().message));
    QVERIFY(login.error().message.contains(m_caFile));
    QVERIFY(!client.isLoggedIn());
    // The password never reached the impostor.
    QVERIFY(impostor.requests.isEmpty());
}

void TestApiClient::hostnameIsVerified()
{
    FakeAdminServer misnamed;
    QVERIFY(misnamed.start(steward::tls::apiServer(m_wrongName, m_site.caCertificate())));
    ApiClient client;
    QVERIFY(client.configure(misnamed.url(), m_caFile).ok());
    SyncApiClient api(client);
    const auto login = api.login(QStringLiteral("admin"), QStringLiteral("secret"));
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code, QStringLiteral("tls.hostname-mismatch"));
    QVERIFY(login.error().message.contains(QLatin1String("127.0.0.1")));
    QVERIFY(misnamed.requests.isEmpty());
}

void TestApiClient::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    ApiClient client;
    QUrl url = m_server->url();
    url.setPort(port);
    QVERIFY(client.configure(url, m_caFile).ok());
    SyncApiClient api(client);
    const auto login = api.login(QStringLiteral("admin"), QStringLiteral("secret"));
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code, QStringLiteral("network.refused"));
    QVERIFY(login.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "TestApiClient.moc"
