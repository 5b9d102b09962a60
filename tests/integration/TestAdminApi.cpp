// SPDX-License-Identifier: GPL-3.0-or-later
// The admin API over real HTTPS on loopback: login, bearer sessions, roles enforced by the
// server, and an audit row for every change or refusal.
#include "Clock.h"
#include "TestSite.h"
#include "api/AdminApi.h"
#include "auth/Credentials.h"
#include "store/Database.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace steward;
using namespace steward::server;

namespace
{
struct Response {
    int status = 0;
    QJsonDocument body;
    QString networkError;
};
}

class TestAdminApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void wrongPasswordIs401AndAudited();
    void unknownUserIs401();
    void loginGivesBearerSession();
    void missingOrBogusTokenIs401();
    void helpdeskCannotCreateTokens();
    void adminCreatesUsableToken();
    void tokenRequestIsValidated_data();
    void tokenRequestIsValidated();
    void unknownDeviceIs404();
    void revokeIsAdminOnlyAndAudited();
    void logoutEndsSession();
    void malformedLoginBodyIs400();
    void untrustedClientRefusesServer();
    void repeatedFailuresLockTheSource();
    void revokeTellsTheGateway();

private:
    Response request(const QByteArray &verb, const QString &path, const QJsonObject &body = {}, const QString &token = {});
    QString login(const QString &user, const QString &password);
    QList<AuditEntry> auditFor(const QString &action) const;

    test::TestSite m_site;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Repositories> m_store;
    std::unique_ptr<AdminApi> m_api;
    Clock m_clock;
    QNetworkAccessManager m_network;
};

void TestAdminApi::initTestCase()
{
    // Failed logins are expected here; their warnings would only clutter the test output.
    QLoggingCategory::setFilterRules(QStringLiteral("steward.*.warning=false"));
}

void TestAdminApi::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = Database::open(DatabaseUrl::sqlite(m_dir->filePath(QStringLiteral("steward.db")))).value();
    m_store = std::make_unique<Repositories>(*m_database);
    const QDateTime now = m_clock.now();
    QVERIFY(m_store->users.add(User{QStringLiteral("alice"), Role::Admin, credentials::hashPassword(QStringLiteral("alice-password"), 1000)}, now).ok());
    QVERIFY(m_store->users.add(User{QStringLiteral("hd"), Role::Helpdesk, credentials::hashPassword(QStringLiteral("hd-password"), 1000)}, now).ok());
    AdminApi::Options options;
    options.caFingerprint = m_site.caFingerprint;
    m_api = std::make_unique<AdminApi>(*m_store, m_clock, CompliancePolicy{}, options);
    QVERIFY(m_api->listen(QHostAddress::LocalHost, 0, m_site.server, m_site.caCertificate()).ok());
    m_network.clearAccessCache();
    m_network.clearConnectionCache();
}

void TestAdminApi::cleanup()
{
    m_api.reset();
    m_store.reset();
    m_database.reset();
    m_dir.reset();
}

Response TestAdminApi::request(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &token)
{
    QNetworkRequest req(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_api->port()).arg(path)));
    req.setSslConfiguration(tls::apiClient({m_site.caCertificate()}));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    }
    QNetworkReply *reply = m_network.sendCustomRequest(req, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000)) {
        reply->deleteLater();
        return Response{0, {}, QStringLiteral("timeout")};
    }
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = QJsonDocument::fromJson(reply->readAll());
    if (reply->error() != QNetworkReply::NoError && response.status == 0) {
        response.networkError = reply->errorString();
    }
    reply->deleteLater();
    return response;
}

QString TestAdminApi::login(const QString &user, const QString &password)
{
    const Response response = request("POST", QStringLiteral("/api/v1/login"), {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
    return response.status == 200 ? response.body.object().value(QLatin1String("token")).toString() : QString();
}

QList<AuditEntry> TestAdminApi::auditFor(const QString &action) const
{
    QList<AuditEntry> result;
    const QList<AuditEntry> entries = m_store->audit.newest(1000).value();
    for (const AuditEntry &entry : entries) {
        if (entry.action == action) {
            result.append(entry);
        }
    }
    return result;
}

void TestAdminApi::wrongPasswordIs401AndAudited()
{
    const Response response =
        request("POST", QStringLiteral("/api/v1/login"), {{QStringLiteral("user"), QStringLiteral("alice")}, {QStringLiteral("password"), QStringLiteral("nope")}});
    QCOMPARE(response.status, 401);
    QCOMPARE(response.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("auth.invalid"));
    const QList<AuditEntry> entries = auditFor(QStringLiteral("login"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().actor, QStringLiteral("alice"));
    QCOMPARE(entries.first().outcome, QStringLiteral("denied"));
    QCOMPARE(entries.first().source, QStringLiteral("127.0.0.1"));
}

void TestAdminApi::unknownUserIs401()
{
    const Response response =
        request("POST", QStringLiteral("/api/v1/login"), {{QStringLiteral("user"), QStringLiteral("mallory")}, {QStringLiteral("password"), QStringLiteral("x")}});
    QCOMPARE(response.status, 401);
    QCOMPARE(auditFor(QStringLiteral("login")).size(), 1);
}

void TestAdminApi::loginGivesBearerSession()
{
    const Response response = request("POST",
                                      QStringLiteral("/api/v1/login"),
                                      {{QStringLiteral("user"), QStringLiteral("alice")}, {QStringLiteral("password"), QStringLiteral("alice-password")}});
    QCOMPARE(response.status, 200);
    const QJsonObject body = response.body.object();
    QCOMPARE(body.value(QLatin1String("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(body.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
    QVERIFY(QDateTime::fromString(body.value(QLatin1String("expiresAt")).toString(), Qt::ISODate) > QDateTime::currentDateTimeUtc());
    const QString token = body.value(QLatin1String("token")).toString();
    QCOMPARE(token.size(), 43);
    const Response devices = request("GET", QStringLiteral("/api/v1/devices"), {}, token);
    QCOMPARE(devices.status, 200);
    QVERIFY(devices.body.isArray());
    QCOMPARE(auditFor(QStringLiteral("login")).first().outcome, QStringLiteral("ok"));
}

void TestAdminApi::missingOrBogusTokenIs401()
{
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices")).status, 401);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, QStringLiteral("not-a-session")).status, 401);
    QCOMPARE(request("POST", QStringLiteral("/api/v1/enrollment-tokens"), {{QStringLiteral("uses"), 1}}).status, 401);
}

void TestAdminApi::helpdeskCannotCreateTokens()
{
    const QString token = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    QVERIFY(!token.isEmpty());
    const Response response = request("POST", QStringLiteral("/api/v1/enrollment-tokens"), {{QStringLiteral("uses"), 1}}, token);
    QCOMPARE(response.status, 403);
    const QList<AuditEntry> entries = auditFor(QStringLiteral("enrollment-token.create"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().actor, QStringLiteral("hd"));
    QCOMPARE(entries.first().outcome, QStringLiteral("denied"));
    // Help-desk staff can still read devices.
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, token).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/audit"), {}, token).status, 403);
}

void TestAdminApi::adminCreatesUsableToken()
{
    const QString session = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response response =
        request("POST", QStringLiteral("/api/v1/enrollment-tokens"), {{QStringLiteral("uses"), 3}, {QStringLiteral("ttlSeconds"), 600}}, session);
    QCOMPARE(response.status, 201);
    const QJsonObject body = response.body.object();
    QCOMPARE(body.value(QLatin1String("caFingerprint")).toString(), m_site.caFingerprint);
    QCOMPARE(body.value(QLatin1String("uses")).toInt(), 3);
    const QString token = body.value(QLatin1String("token")).toString();
    QVERIFY(m_store->enrolment.checkToken(credentials::tokenHash(token), m_clock.now()).ok());
    // The token expires when the API said it would.
    QVERIFY(!m_store->enrolment.checkToken(credentials::tokenHash(token), m_clock.now().addSecs(601)).ok());
    const QList<AuditEntry> entries = auditFor(QStringLiteral("enrollment-token.create"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().outcome, QStringLiteral("ok"));
    QVERIFY(!entries.first().detail.contains(token)); // secrets never reach the audit log
}

void TestAdminApi::tokenRequestIsValidated_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("zero uses") << QJsonObject{{QStringLiteral("uses"), 0}} << 400;
    QTest::newRow("too many uses") << QJsonObject{{QStringLiteral("uses"), 1000000}} << 400;
    QTest::newRow("ttl too short") << QJsonObject{{QStringLiteral("uses"), 1}, {QStringLiteral("ttlSeconds"), 5}} << 400;
    QTest::newRow("ttl too long") << QJsonObject{{QStringLiteral("uses"), 1}, {QStringLiteral("ttlSeconds"), 1e9}} << 400;
    QTest::newRow("defaults") << QJsonObject{} << 201;
}

void TestAdminApi::tokenRequestIsValidated()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    const QString session = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/enrollment-tokens"), body, session).status, status);
}

void TestAdminApi::unknownDeviceIs404()
{
    const QString session = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const Response response = request("GET", QStringLiteral("/api/v1/devices/no-such-device"), {}, session);
    QCOMPARE(response.status, 404);
    QCOMPARE(response.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("device.unknown"));
}

void TestAdminApi::revokeIsAdminOnlyAndAudited()
{
    const QDateTime now = m_clock.now();
    QVERIFY(m_store->enrolment.addToken(credentials::tokenHash(QStringLiteral("t")), 1, now.addSecs(600), QStringLiteral("alice"), now).ok());
    QVERIFY(m_store->enrolment.enrollDevice(credentials::tokenHash(QStringLiteral("t")),
                                  NewDevice{QStringLiteral("dev-1"), QStringLiteral("pc-1"), 5000, QStringLiteral("ab"), now.addDays(30)},
                                  now)
                .ok());
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/dev-1/revoke"), {}, helpdesk).status, 403);
    QVERIFY(!m_store->devices.find(QStringLiteral("dev-1")).value()->revoked);

    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response response = request("POST", QStringLiteral("/api/v1/devices/dev-1/revoke"), {}, admin);
    QCOMPARE(response.status, 200);
    QVERIFY(m_store->devices.find(QStringLiteral("dev-1")).value()->revoked);
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/nope/revoke"), {}, admin).status, 404);

    const QList<AuditEntry> entries = auditFor(QStringLiteral("device.revoke"));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).outcome, QStringLiteral("ok")); // newest first
    QCOMPARE(entries.at(0).target, QStringLiteral("dev-1"));
    QCOMPARE(entries.at(1).outcome, QStringLiteral("denied"));

    const Response device = request("GET", QStringLiteral("/api/v1/devices/dev-1"), {}, helpdesk);
    QCOMPARE(device.status, 200);
    QCOMPARE(device.body.object().value(QLatin1String("revoked")).toBool(), true);
    const QJsonArray reasons = device.body.object().value(QLatin1String("compliance")).toObject().value(QLatin1String("reasons")).toArray();
    QVERIFY(!reasons.isEmpty());
    QCOMPARE(reasons.first().toObject().value(QLatin1String("code")).toString(), QStringLiteral("contact.never"));
}

void TestAdminApi::logoutEndsSession()
{
    const QString session = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/logout"), {}, session).status, 204);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, session).status, 401);
    QCOMPARE(auditFor(QStringLiteral("logout")).size(), 1);
}

void TestAdminApi::malformedLoginBodyIs400()
{
    QNetworkRequest req(QUrl(QStringLiteral("https://127.0.0.1:%1/api/v1/login").arg(m_api->port())));
    req.setSslConfiguration(tls::apiClient({m_site.caCertificate()}));
    QNetworkReply *reply = m_network.post(req, QByteArrayLiteral("{not json"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    reply->deleteLater();
}

void TestAdminApi::untrustedClientRefusesServer()
{
    // A client that trusts a different CA must refuse this server before sending credentials.
    const test::TestSite stranger;
    QNetworkRequest req(QUrl(QStringLiteral("https://127.0.0.1:%1/api/v1/login").arg(m_api->port())));
    req.setSslConfiguration(tls::apiClient({stranger.caCertificate()}));
    QNetworkReply *reply = m_network.post(req, QByteArrayLiteral("{}"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    reply->deleteLater();
    QCOMPARE(auditFor(QStringLiteral("login")).size(), 0);
}

void TestAdminApi::repeatedFailuresLockTheSource()
{
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(request("POST", QStringLiteral("/api/v1/login"),
                         {{QStringLiteral("user"), QStringLiteral("alice")}, {QStringLiteral("password"), QStringLiteral("guess-%1").arg(i)}})
                     .status,
                 401);
    }
    // Even the right password is not checked now: no PBKDF2 work for a source that keeps guessing.
    const Response locked = request("POST", QStringLiteral("/api/v1/login"),
                                    {{QStringLiteral("user"), QStringLiteral("alice")}, {QStringLiteral("password"), QStringLiteral("alice-password")}});
    QCOMPARE(locked.status, 429);
    QCOMPARE(locked.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("auth.locked"));
    const QList<AuditEntry> entries = auditFor(QStringLiteral("login"));
    QCOMPARE(entries.size(), 5); // the refusals are audited; the throttled attempt adds no row
    QVERIFY(entries.first().detail.contains(QLatin1String("locked out")));
}

void TestAdminApi::revokeTellsTheGateway()
{
    const QDateTime now = m_clock.now();
    QVERIFY(m_store->enrolment.addToken(credentials::tokenHash(QStringLiteral("t")), 1, now.addSecs(600), QStringLiteral("alice"), now).ok());
    QVERIFY(m_store->enrolment.enrollDevice(credentials::tokenHash(QStringLiteral("t")),
                                  NewDevice{QStringLiteral("dev-2"), QStringLiteral("pc-2"), 5001, QStringLiteral("cd"), now.addDays(30)},
                                  now)
                .ok());
    QSignalSpy revoked(m_api.get(), &AdminApi::deviceRevoked);
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/dev-2/revoke"), {}, admin).status, 200);
    QCOMPARE(revoked.size(), 1);
    QCOMPARE(revoked.first().first().toString(), QStringLiteral("dev-2"));
}

QTEST_GUILESS_MAIN(TestAdminApi)
#include "TestAdminApi.moc"
