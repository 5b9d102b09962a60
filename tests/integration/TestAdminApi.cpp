// SPDX-License-Identifier: GPL-3.0-or-later
// The admin API over real HTTPS on loopback: login, bearer sessions, roles enforced by the
// server, and an audit row for every change or refusal.
#include "Clock.h"
#include "JobSamples.h"
#include "PostgresServer.h"
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "TestSite.h"
#include "api/AdminApi.h"
#include "api/ApiContext.h"
#include "auth/Credentials.h"
#include "store/Database.h"
#include "store/Repositories.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
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
    void initTestCase_data();
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
    void repeatedFailuresAreSlowedNotLockedOut();
    void revokeTellsTheGateway();
    void inputIsValidatedStrictly_data();
    void inputIsValidatedStrictly();
    void oversizedBodyIsRefusedUnread();
    void helpdeskRefusalsAreAudited_data();
    void helpdeskRefusalsAreAudited();
    void usersAreManaged();
    void disablingAUserStopsSessionsAndTokensAtOnce();
    void weakOrDuplicateUsersAreRefused();
    void ownPasswordChange();
    void apiTokensActForTheirOwner();
    void apiTokensCannotExceedTheirOwner();
    void auditLogVerifies();
    void lockedDatabaseIs503NotWrongPassword();
    void lostPostgresqlIs503ThenRecovers();
    void clientsThatLeaveMidRequestHarmNoOne();
    void devicesCarryTheirState();
    void summaryNamesTheMachine();
    void everyReasonHasASince();
    void onlyARevokedDeviceIsDeleted();
    void orgUnitsPlaceDevicesAndRollUpCompliance();
    void sameSerialIsFlagged();
    void auditIsFilteredAndPaged();
    void auditQueryIsValidated_data();
    void auditQueryIsValidated();
    void operatorListIsUploadedAndRead();
    void operatorListRefusals();
    void jobIsCreatedListedAndShown();
    void jobRefusals();
    void helpdeskReadsJobsOnly();
    void cancelEndsTheJob();
    void rolloutHoldsBackAndPauses();
    void resumeAcceptsTheFailuresSeen();
    void jobReadsExpireWhatIsDue();

private:
    Response request(const QByteArray &verb,
                     const QString &path,
                     const QJsonObject &body = {},
                     const QString &token = {});
    Response requestRaw(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &token = {});
    QString errorCode(const Response &response) const
    {
        return response.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
    }
    QString errorMessage(const Response &response) const
    {
        return response.body.object()
            .value(QLatin1String("error"))
            .toObject()
            .value(QLatin1String("message"))
            .toString();
    }
    QString login(const QString &user, const QString &password);
    QList<AuditEntry> auditFor(const QString &action) const;
    // Enrols devices (ids are also their names) with one token, at `now`.
    void enrol(const QStringList &ids, const QDateTime &now);
    QJsonObject summaryOf(const QString &id, const QString &session);
    // Uploads the first operator list of m_signers (version 1) as alice.
    void uploadOperators(const QString &admin);
    // Enrols `targets`, uploads the operator list and creates a patch job for them, signed by
    // m_signers' operator.
    void deploy(const QStringList &targets, const QString &admin, jobs::JobEnvelope *envelope);

    test::TestSite m_site;
    test::jobsamples::Signers m_signers;
    test::StoreFixture m_fixture;
    std::unique_ptr<Repositories> m_store;
    std::unique_ptr<AdminApi> m_api;
    Clock m_clock;
    QNetworkAccessManager m_network;
};

void TestAdminApi::initTestCase_data()
{
    test::StoreFixture::addEngines();
}

void TestAdminApi::initTestCase()
{
    // Failed logins are expected here; their warnings would only clutter the test output.
    QLoggingCategory::setFilterRules(QStringLiteral("steward.*.warning=false"));
}

void TestAdminApi::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    QVERIFY_RESULT(m_fixture.create(engine));
    m_store = std::make_unique<Repositories>(m_fixture.database());
    const QDateTime now = m_clock.now();
    QVERIFY_RESULT(test::samples::addApiUsers(m_store->users, now));
    AdminApi::Options options;
    options.caFingerprint = m_site.caFingerprint;
    // Short delays so that the throttle can be seen at work in a test.
    options.loginLimits.freeFailures = 2;
    options.loginLimits.maxSourceDelayMs = 600;
    options.loginLimits.maxUserDelayMs = 300;
    m_api = std::make_unique<AdminApi>(*m_store, m_clock, CompliancePolicy{}, options);
    QVERIFY(m_api->listen(QHostAddress::LocalHost, 0, m_site.server, m_site.caCertificate()).ok());
    m_network.clearAccessCache();
    m_network.clearConnectionCache();
}

void TestAdminApi::cleanup()
{
    m_api.reset();
    m_store.reset();
    m_fixture.close();
}

Response TestAdminApi::request(const QByteArray &verb,
                               const QString &path,
                               const QJsonObject &body,
                               const QString &token)
{
    return requestRaw(verb, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(), token);
}

Response TestAdminApi::requestRaw(const QByteArray &verb,
                                  const QString &path,
                                  const QByteArray &body,
                                  const QString &token)
{
    QNetworkRequest req(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_api->port()).arg(path)));
    req.setSslConfiguration(tls::apiClient({m_site.caCertificate()}));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    }
    QNetworkReply *reply = m_network.sendCustomRequest(req, verb, body);
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
    const Response response = request("POST",
                                      QStringLiteral("/api/v1/login"),
                                      {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
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

void TestAdminApi::enrol(const QStringList &ids, const QDateTime &now)
{
    const QByteArray token = credentials::tokenHash(QStringLiteral("enrol"));
    QVERIFY_RESULT(m_store->enrolment.addToken(token, int(ids.size()), now.addSecs(600), QStringLiteral("alice"), now));
    quint64 serial = 7000;
    for (const QString &id : ids) {
        QVERIFY_RESULT(m_store->enrolment.enrollDevice(token, test::samples::newDevice(id, ++serial), now));
    }
}

QJsonObject TestAdminApi::summaryOf(const QString &id, const QString &session)
{
    for (const QJsonValue &device : request("GET", QStringLiteral("/api/v1/devices"), {}, session).body.array()) {
        if (device.toObject().value(QLatin1String("id")).toString() == id) {
            return device.toObject();
        }
    }
    return {};
}

void TestAdminApi::wrongPasswordIs401AndAudited()
{
    const Response response = request(
        "POST",
        QStringLiteral("/api/v1/login"),
        {{QStringLiteral("user"), QStringLiteral("alice")}, {QStringLiteral("password"), QStringLiteral("nope")}});
    QCOMPARE(response.status, 401);
    QCOMPARE(response.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("auth.invalid"));
    const QList<AuditEntry> entries = auditFor(QStringLiteral("login"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().actor, QStringLiteral("alice"));
    QCOMPARE(entries.first().outcome, QStringLiteral("denied"));
    QCOMPARE(entries.first().source, QStringLiteral("127.0.0.1"));
}

void TestAdminApi::unknownUserIs401()
{
    const Response response = request(
        "POST",
        QStringLiteral("/api/v1/login"),
        {{QStringLiteral("user"), QStringLiteral("mallory")}, {QStringLiteral("password"), QStringLiteral("x")}});
    QCOMPARE(response.status, 401);
    QCOMPARE(auditFor(QStringLiteral("login")).size(), 1);
}

void TestAdminApi::loginGivesBearerSession()
{
    const Response response = request("POST",
                                      QStringLiteral("/api/v1/login"),
                                      {{QStringLiteral("user"), QStringLiteral("alice")},
                                       {QStringLiteral("password"), QStringLiteral("alice-password")}});
    QCOMPARE(response.status, 200);
    const QJsonObject body = response.body.object();
    QCOMPARE(body.value(QLatin1String("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(body.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
    QVERIFY(QDateTime::fromString(body.value(QLatin1String("expiresAt")).toString(), Qt::ISODate)
            > QDateTime::currentDateTimeUtc());
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
    const Response response =
        request("POST", QStringLiteral("/api/v1/enrollment-tokens"), {{QStringLiteral("uses"), 1}}, token);
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
    const Response response = request("POST",
                                      QStringLiteral("/api/v1/enrollment-tokens"),
                                      {{QStringLiteral("uses"), 3}, {QStringLiteral("ttlSeconds"), 600}},
                                      session);
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
    QTest::newRow("ttl too short") << QJsonObject{{QStringLiteral("uses"), 1}, {QStringLiteral("ttlSeconds"), 5}}
                                   << 400;
    QTest::newRow("ttl too long") << QJsonObject{{QStringLiteral("uses"), 1}, {QStringLiteral("ttlSeconds"), 1e9}}
                                  << 400;
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
    QCOMPARE(response.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("device.unknown"));
}

void TestAdminApi::revokeIsAdminOnlyAndAudited()
{
    const QDateTime now = m_clock.now();
    QVERIFY(
        m_store->enrolment
            .addToken(credentials::tokenHash(QStringLiteral("t")), 1, now.addSecs(600), QStringLiteral("alice"), now)
            .ok());
    QVERIFY(m_store->enrolment
                .enrollDevice(credentials::tokenHash(QStringLiteral("t")),
                              NewDevice{QStringLiteral("dev-1"),
                                        QStringLiteral("pc-1"),
                                        5000,
                                        QStringLiteral("ab"),
                                        now.addDays(30),
                                        {}},
                              now)
                .ok());
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const auto summary = [&] {
        return request("GET", QStringLiteral("/api/v1/devices"), {}, helpdesk).body.array().first().toObject();
    };
    // Enrolled, nothing reported yet: said as such, antivirus included.
    QCOMPARE(summary().value(QLatin1String("state")).toString(), QStringLiteral("never-reported"));
    QCOMPARE(summary().value(QLatin1String("antivirusReported")).toBool(), false);
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/dev-1/revoke"), {}, helpdesk).status, 403);
    QVERIFY(!m_store->devices.find(QStringLiteral("dev-1")).value()->revoked);

    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response response = request("POST", QStringLiteral("/api/v1/devices/dev-1/revoke"), {}, admin);
    QCOMPARE(response.status, 200);
    QVERIFY(m_store->devices.find(QStringLiteral("dev-1")).value()->revoked);
    QCOMPARE(summary().value(QLatin1String("state")).toString(), QStringLiteral("revoked"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/nope/revoke"), {}, admin).status, 404);

    const QList<AuditEntry> entries = auditFor(QStringLiteral("device.revoke"));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).outcome, QStringLiteral("ok")); // newest first
    QCOMPARE(entries.at(0).target, QStringLiteral("dev-1"));
    QCOMPARE(entries.at(1).outcome, QStringLiteral("denied"));

    const Response device = request("GET", QStringLiteral("/api/v1/devices/dev-1"), {}, helpdesk);
    QCOMPARE(device.status, 200);
    QCOMPARE(device.body.object().value(QLatin1String("revoked")).toBool(), true);
    const QJsonArray reasons =
        device.body.object().value(QLatin1String("compliance")).toObject().value(QLatin1String("reasons")).toArray();
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

void TestAdminApi::repeatedFailuresAreSlowedNotLockedOut()
{
    const QJsonObject wrong{{QStringLiteral("user"), QStringLiteral("alice")},
                            {QStringLiteral("password"), QStringLiteral("guess")}};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(request("POST", QStringLiteral("/api/v1/login"), wrong).status, 401);
    }
    // Slowed down (a delay is a lower bound, so this cannot fail on a busy machine)...
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(request("POST", QStringLiteral("/api/v1/login"), wrong).status, 401);
    QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
    // ...but never locked out: the right password still gets in.
    QVERIFY(!login(QStringLiteral("alice"), QStringLiteral("alice-password")).isEmpty());
    const QList<AuditEntry> entries = auditFor(QStringLiteral("login"));
    QCOMPARE(entries.size(), 6);
    QCOMPARE(entries.first().outcome, QStringLiteral("ok"));
    QVERIFY(entries.at(4).detail.contains(QLatin1String("slowed down")));
}

void TestAdminApi::revokeTellsTheGateway()
{
    const QDateTime now = m_clock.now();
    QVERIFY(
        m_store->enrolment
            .addToken(credentials::tokenHash(QStringLiteral("t")), 1, now.addSecs(600), QStringLiteral("alice"), now)
            .ok());
    QVERIFY(m_store->enrolment
                .enrollDevice(credentials::tokenHash(QStringLiteral("t")),
                              NewDevice{QStringLiteral("dev-2"),
                                        QStringLiteral("pc-2"),
                                        5001,
                                        QStringLiteral("cd"),
                                        now.addDays(30),
                                        {}},
                              now)
                .ok());
    QSignalSpy revoked(m_api.get(), &AdminApi::deviceRevoked);
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/dev-2/revoke"), {}, admin).status, 200);
    QCOMPARE(revoked.size(), 1);
    QCOMPARE(revoked.first().first().toString(), QStringLiteral("dev-2"));
}

void TestAdminApi::inputIsValidatedStrictly_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("names");

    const QString tokens = QStringLiteral("/api/v1/enrollment-tokens");
    QTest::newRow("number as a string") << tokens << QByteArray(R"({"uses": "5"})") << QStringLiteral("uses");
    QTest::newRow("fraction") << tokens << QByteArray(R"({"uses": 2.7})") << QStringLiteral("uses");
    QTest::newRow("huge") << tokens << QByteArray(R"({"uses": 1e10})") << QStringLiteral("uses");
    QTest::newRow("null") << tokens << QByteArray(R"({"ttlSeconds": null})") << QStringLiteral("ttlSeconds");
    QTest::newRow("unknown field") << tokens << QByteArray(R"({"uses": 1, "colour": "red"})")
                                   << QStringLiteral("colour");
    QTest::newRow("array") << tokens << QByteArray("[1, 2]") << QStringLiteral("object");
    QTest::newRow("malformed") << tokens << QByteArray("{\"uses\": ") << QStringLiteral("JSON");
    QTest::newRow("user of the wrong type")
        << QStringLiteral("/api/v1/users") << QByteArray(R"({"name": 5, "role": "admin", "password": "x"})")
        << QStringLiteral("name");
    QTest::newRow("unknown role") << QStringLiteral("/api/v1/users")
                                  << QByteArray(R"({"name": "bob", "role": "root", "password": "long-enough-pass"})")
                                  << QStringLiteral("role");
    QTest::newRow("control character in a name")
        << QStringLiteral("/api/v1/users")
        << QByteArray(R"({"name": "bob\nFAKE", "role": "helpdesk", "password": "long-enough-pass"})")
        << QStringLiteral("name");
}

void TestAdminApi::inputIsValidatedStrictly()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, names);
    const QString session = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response response = requestRaw("POST", path, body, session);
    QCOMPARE(response.status, 400);
    QCOMPARE(errorCode(response), QStringLiteral("request.invalid"));
    QVERIFY2(errorMessage(response).contains(names), qPrintable(errorMessage(response)));
    // Nothing was created on the way.
    QCOMPARE(m_store->users.list().value().size(), 2);
}

void TestAdminApi::oversizedBodyIsRefusedUnread()
{
    const QByteArray huge = R"({"user": "alice", "password": ")" + QByteArray(2 * 1024 * 1024, 'x') + R"("})";
    const Response refused = requestRaw("POST", QStringLiteral("/api/v1/login"), huge);
    QCOMPARE(refused.status, 413);
    QCOMPARE(errorCode(refused), QStringLiteral("request.too-large"));
    // Nothing was checked, and everyone else is still served.
    QCOMPARE(auditFor(QStringLiteral("login")).size(), 0);
    QVERIFY(!login(QStringLiteral("alice"), QStringLiteral("alice-password")).isEmpty());
}

void TestAdminApi::helpdeskRefusalsAreAudited_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("action");

    QTest::newRow("read the audit log") << QByteArray("GET") << QStringLiteral("/api/v1/audit")
                                        << QStringLiteral("audit.read");
    QTest::newRow("verify the audit log")
        << QByteArray("GET") << QStringLiteral("/api/v1/audit/verify") << QStringLiteral("audit.verify");
    QTest::newRow("list users") << QByteArray("GET") << QStringLiteral("/api/v1/users") << QStringLiteral("user.list");
    QTest::newRow("create a user") << QByteArray("POST") << QStringLiteral("/api/v1/users")
                                   << QStringLiteral("user.create");
    QTest::newRow("disable a user") << QByteArray("POST") << QStringLiteral("/api/v1/users/alice/disable")
                                    << QStringLiteral("user.disable");
    QTest::newRow("reset a password") << QByteArray("POST") << QStringLiteral("/api/v1/users/alice/password")
                                      << QStringLiteral("user.password");
    QTest::newRow("create an enrolment token") << QByteArray("POST") << QStringLiteral("/api/v1/enrollment-tokens")
                                               << QStringLiteral("enrollment-token.create");
    QTest::newRow("revoke a device") << QByteArray("POST") << QStringLiteral("/api/v1/devices/dev-1/revoke")
                                     << QStringLiteral("device.revoke");
    QTest::newRow("delete a device") << QByteArray("DELETE") << QStringLiteral("/api/v1/devices/dev-1")
                                     << QStringLiteral("device.delete");
    QTest::newRow("create a job") << QByteArray("POST") << QStringLiteral("/api/v1/jobs")
                                  << QStringLiteral("job.create");
    QTest::newRow("cancel a job") << QByteArray("POST") << QStringLiteral("/api/v1/jobs/job-1/cancel")
                                  << QStringLiteral("job.cancel");
    QTest::newRow("upload an operator list")
        << QByteArray("PUT") << QStringLiteral("/api/v1/signing/operators") << QStringLiteral("signing.operators");
}

void TestAdminApi::helpdeskRefusalsAreAudited()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QString, action);
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const Response response = requestRaw(verb, path, verb == "POST" ? QByteArray("{}") : QByteArray(), helpdesk);
    QCOMPARE(response.status, 403);
    QCOMPARE(errorCode(response), QStringLiteral("auth.forbidden"));
    const QList<AuditEntry> entries = auditFor(action);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().actor, QStringLiteral("hd"));
    QCOMPARE(entries.first().outcome, QStringLiteral("denied"));
}

void TestAdminApi::usersAreManaged()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response created = request("POST",
                                     QStringLiteral("/api/v1/users"),
                                     {{QStringLiteral("name"), QStringLiteral("bob")},
                                      {QStringLiteral("role"), QStringLiteral("helpdesk")},
                                      {QStringLiteral("password"), QStringLiteral("correct horse battery")}},
                                     admin);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.body.object().value(QLatin1String("role")).toString(), QStringLiteral("helpdesk"));
    QVERIFY(!created.body.object().contains(QLatin1String("password")));

    const Response users = request("GET", QStringLiteral("/api/v1/users"), {}, admin);
    QCOMPARE(users.status, 200);
    QStringList names;
    for (const QJsonValue &user : users.body.array()) {
        names.append(user.toObject().value(QLatin1String("name")).toString());
        QVERIFY(!user.toObject().contains(QLatin1String("passwordHash")));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("hd")}));

    const QString bob = login(QStringLiteral("bob"), QStringLiteral("correct horse battery"));
    QVERIFY(!bob.isEmpty());
    QCOMPARE(request("POST",
                     QStringLiteral("/api/v1/users/bob/password"),
                     {{QStringLiteral("password"), QStringLiteral("a new long passphrase")}},
                     admin)
                 .status,
             204);
    // A reset ends the user's sessions; the new password works.
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, bob).status, 401);
    QVERIFY(login(QStringLiteral("bob"), QStringLiteral("correct horse battery")).isEmpty());
    QVERIFY(!login(QStringLiteral("bob"), QStringLiteral("a new long passphrase")).isEmpty());

    QCOMPARE(auditFor(QStringLiteral("user.create")).first().outcome, QStringLiteral("ok"));
    QCOMPARE(auditFor(QStringLiteral("user.password")).first().target, QStringLiteral("bob"));
    // The password never reaches the audit log.
    const QList<AuditEntry> everything = m_store->audit.newest(1000).value();
    for (const AuditEntry &entry : everything) {
        QVERIFY(!entry.detail.contains(QLatin1String("passphrase")) && !entry.detail.contains(QLatin1String("horse")));
    }
    // Nor does a password typed into the user field.
    QVERIFY(login(QStringLiteral("my secret passphrase"), QStringLiteral("x")).isEmpty());
    const QList<AuditEntry> logins = auditFor(QStringLiteral("login"));
    QVERIFY(logins.first().actor.startsWith(QLatin1String("unknown user #")));
    QVERIFY(!logins.first().target.contains(QLatin1String("secret")));
}

void TestAdminApi::disablingAUserStopsSessionsAndTokensAtOnce()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const Response token = request("POST",
                                   QStringLiteral("/api/v1/api-tokens"),
                                   {{QStringLiteral("name"), QStringLiteral("nightly report")}},
                                   helpdesk);
    QCOMPARE(token.status, 201);
    const QString script = token.body.object().value(QLatin1String("token")).toString();
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, script).status, 200);

    const Response disabled = request("POST", QStringLiteral("/api/v1/users/hd/disable"), {}, admin);
    QCOMPARE(disabled.status, 200);
    QCOMPARE(disabled.body.object().value(QLatin1String("disabled")).toBool(), true);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, helpdesk).status, 401);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, script).status, 401);
    QVERIFY(login(QStringLiteral("hd"), QStringLiteral("hd-password")).isEmpty());
    QCOMPARE(auditFor(QStringLiteral("login")).first().detail, QStringLiteral("user is disabled"));

    // Enabled again, the token works again (it was never revoked); the old session stays ended.
    QCOMPARE(request("POST", QStringLiteral("/api/v1/users/hd/enable"), {}, admin).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, script).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, helpdesk).status, 401);
    // No one disables themselves (and so locks the site out).
    QCOMPARE(request("POST", QStringLiteral("/api/v1/users/alice/disable"), {}, admin).status, 409);
    QCOMPARE(request("POST", QStringLiteral("/api/v1/users/nobody/disable"), {}, admin).status, 404);
}

void TestAdminApi::weakOrDuplicateUsersAreRefused()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const auto create = [&](const QString &name, const QString &password) {
        return request("POST",
                       QStringLiteral("/api/v1/users"),
                       {{QStringLiteral("name"), name},
                        {QStringLiteral("role"), QStringLiteral("helpdesk")},
                        {QStringLiteral("password"), password}},
                       admin);
    };
    const Response weak = create(QStringLiteral("carol"), QStringLiteral("short"));
    QCOMPARE(weak.status, 400);
    QCOMPARE(errorCode(weak), QStringLiteral("password.weak"));
    QVERIFY(!errorMessage(weak).contains(QLatin1String("short")));
    QCOMPARE(errorCode(create(QStringLiteral("carol"), QStringLiteral("carol-is-my-password"))),
             QStringLiteral("password.weak"));
    const Response duplicate = create(QStringLiteral("hd"), QStringLiteral("another long password"));
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(errorCode(duplicate), QStringLiteral("user.exists"));
}

void TestAdminApi::ownPasswordChange()
{
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const auto change = [&](const QString &current, const QString &next) {
        return request("POST",
                       QStringLiteral("/api/v1/account/password"),
                       {{QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), next}},
                       helpdesk);
    };
    QCOMPARE(change(QStringLiteral("wrong"), QStringLiteral("my new long password")).status, 403);
    QCOMPARE(change(QStringLiteral("hd-password"), QStringLiteral("tiny")).status, 400);
    QCOMPARE(change(QStringLiteral("hd-password"), QStringLiteral("my new long password")).status, 204);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, helpdesk).status, 401);
    QVERIFY(!login(QStringLiteral("hd"), QStringLiteral("my new long password")).isEmpty());
    const QList<AuditEntry> entries = auditFor(QStringLiteral("account.password"));
    QCOMPARE(entries.size(), 2); // the wrong current password, then the change
    QCOMPARE(entries.at(0).outcome, QStringLiteral("ok"));
    QCOMPARE(entries.at(1).outcome, QStringLiteral("denied"));
}

void TestAdminApi::apiTokensActForTheirOwner()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response created =
        request("POST",
                QStringLiteral("/api/v1/api-tokens"),
                {{QStringLiteral("name"), QStringLiteral("cron export")}, {QStringLiteral("ttlSeconds"), 3600}},
                admin);
    QCOMPARE(created.status, 201);
    const QJsonObject token = created.body.object();
    const QString secret = token.value(QLatin1String("token")).toString();
    const QString id = token.value(QLatin1String("id")).toString();
    QCOMPARE(secret.size(), 43);
    QCOMPARE(token.value(QLatin1String("role")).toString(), QStringLiteral("admin"));
    const QDateTime expires = QDateTime::fromString(token.value(QLatin1String("expiresAt")).toString(), Qt::ISODate);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 3600) < 60);

    // The token does what its owner may, without logging in...
    QCOMPARE(request("GET", QStringLiteral("/api/v1/audit"), {}, secret).status, 200);
    // ...but mints no further tokens, and is not logged out.
    QCOMPARE(request("POST",
                     QStringLiteral("/api/v1/api-tokens"),
                     {{QStringLiteral("name"), QStringLiteral("child")}},
                     secret)
                 .status,
             403);
    QCOMPARE(request("POST", QStringLiteral("/api/v1/logout"), {}, secret).status, 400);

    // Listed without its secret; only its hash is stored.
    const Response listed = request("GET", QStringLiteral("/api/v1/api-tokens"), {}, admin);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body.array().size(), 1);
    QCOMPARE(listed.body.array().first().toObject().value(QLatin1String("id")).toString(), id);
    QVERIFY(!listed.body.array().first().toObject().contains(QLatin1String("token")));
    QVERIFY(listed.body.array().first().toObject().value(QLatin1String("lastUsedAt")).isString());
    QCOMPARE(m_fixture.rowCount(QStringLiteral("api_tokens")), 1);
    const QList<AuditEntry> everything = m_store->audit.newest(1000).value();
    for (const AuditEntry &entry : everything) {
        QVERIFY(!entry.detail.contains(secret) && !entry.target.contains(secret));
    }

    QCOMPARE(request("POST", QStringLiteral("/api/v1/api-tokens/%1/revoke").arg(id), {}, admin).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, secret).status, 401);
    QCOMPARE(auditFor(QStringLiteral("api-token.revoke")).first().outcome, QStringLiteral("ok"));
}

void TestAdminApi::apiTokensCannotExceedTheirOwner()
{
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const Response refused = request(
        "POST",
        QStringLiteral("/api/v1/api-tokens"),
        {{QStringLiteral("name"), QStringLiteral("escalate")}, {QStringLiteral("role"), QStringLiteral("admin")}},
        helpdesk);
    QCOMPARE(refused.status, 403);
    const QList<AuditEntry> entries = auditFor(QStringLiteral("api-token.create"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().outcome, QStringLiteral("denied"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("api_tokens")), 0);

    // An admin's helpdesk-role token has help-desk rights only.
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response narrow = request(
        "POST",
        QStringLiteral("/api/v1/api-tokens"),
        {{QStringLiteral("name"), QStringLiteral("read-only")}, {QStringLiteral("role"), QStringLiteral("helpdesk")}},
        admin);
    QCOMPARE(narrow.status, 201);
    const QString secret = narrow.body.object().value(QLatin1String("token")).toString();
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, secret).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/audit"), {}, secret).status, 403);

    // Someone else's token cannot be revoked by a help-desk user, nor even seen to exist.
    const QString id = narrow.body.object().value(QLatin1String("id")).toString();
    QCOMPARE(request("POST", QStringLiteral("/api/v1/api-tokens/%1/revoke").arg(id), {}, helpdesk).status, 404);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, secret).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/api-tokens"), {}, helpdesk).body.array().size(), 0);
}

void TestAdminApi::auditLogVerifies()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response verified = request("GET", QStringLiteral("/api/v1/audit/verify"), {}, admin);
    QCOMPARE(verified.status, 200);
    QCOMPARE(verified.body.object().value(QLatin1String("intact")).toBool(), true);
    QVERIFY(verified.body.object().value(QLatin1String("rows")).toInt() >= 1);
    QCOMPARE(verified.body.object().value(QLatin1String("headHash")).toString().size(), 64);
    QCOMPARE(auditFor(QStringLiteral("audit.verify")).first().outcome, QStringLiteral("ok"));
}

void TestAdminApi::lockedDatabaseIs503NotWrongPassword()
{
    QFETCH_GLOBAL(Dialect, engine);
    if (engine != Dialect::Sqlite) {
        QSKIP("a file lock is SQLite's; PostgreSQL going away is lostPostgresqlIs503ThenRecovers");
    }
    {
        // Another process holds the write lock for longer than the busy timeout.
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("lock-holder"));
        other.setDatabaseName(m_fixture.url().path);
        QVERIFY(other.open());
        QVERIFY(QSqlQuery(other).exec(QStringLiteral("BEGIN EXCLUSIVE")));
        const Response response = request("POST",
                                          QStringLiteral("/api/v1/login"),
                                          {{QStringLiteral("user"), QStringLiteral("alice")},
                                           {QStringLiteral("password"), QStringLiteral("alice-password")}});
        QCOMPARE(response.status, 503);
        QCOMPARE(errorCode(response), QStringLiteral("server.unavailable"));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("lock-holder"));
    QVERIFY(!login(QStringLiteral("alice"), QStringLiteral("alice-password")).isEmpty());
}

void TestAdminApi::lostPostgresqlIs503ThenRecovers()
{
    QFETCH_GLOBAL(Dialect, engine);
    if (engine != Dialect::Postgresql) {
        QSKIP("only PostgreSQL is a server that can go away; SQLite's case is lockedDatabaseIs503NotWrongPassword");
    }
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    test::PostgresServer *postgres = test::PostgresServer::shared();
    QVERIFY(postgres);
    QVERIFY_RESULT(postgres->stop());
    const Response whileDown = request("GET", QStringLiteral("/api/v1/devices"), {}, admin);
    QVERIFY_RESULT(postgres->start());
    QCOMPARE(whileDown.status, 503);
    QCOMPARE(errorCode(whileDown), QStringLiteral("server.unavailable"));
    const Response loginWhileDownIsNotWrongPassword = request("GET", QStringLiteral("/api/v1/devices"), {}, admin);
    // Back by itself: the same session works again on reconnected worker connections.
    QCOMPARE(loginWhileDownIsNotWrongPassword.status, 200);
}

void TestAdminApi::clientsThatLeaveMidRequestHarmNoOne()
{
    // A full-strength hash keeps each login busy on a worker for a while; the clients do not wait.
    QVERIFY_RESULT(m_store->users.add(
        User{QStringLiteral("slow"), Role::Helpdesk, credentials::hashPassword(QStringLiteral("slow-password-123"))},
        m_clock.now()));
    const QByteArray body = R"({"user": "slow", "password": "slow-password-123"})";
    const QByteArray httpRequest =
        "POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    for (int i = 0; i < 4; ++i) {
        QSslSocket socket;
        socket.setSslConfiguration(tls::apiClient({m_site.caCertificate()}));
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_api->port());
        QVERIFY(test::waitForEncrypted(socket));
        socket.write(httpRequest);
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
    }
    // The answers to the clients that left go nowhere; everyone else is served (this address
    // may first hear 429 while the abandoned logins are still in flight).
    QTRY_VERIFY_WITH_TIMEOUT(!login(QStringLiteral("slow"), QStringLiteral("slow-password-123")).isEmpty(), 20000);
    QVERIFY(!login(QStringLiteral("alice"), QStringLiteral("alice-password")).isEmpty());
}

void TestAdminApi::devicesCarryTheirState()
{
    const QDateTime now = m_clock.now();
    const QByteArray token = credentials::tokenHash(QStringLiteral("t"));
    QVERIFY_RESULT(m_store->enrolment.addToken(token, 2, now.addSecs(600), QStringLiteral("alice"), now));
    for (const char *id : {"dev-old", "dev-new"}) {
        QVERIFY_RESULT(m_store->enrolment.enrollDevice(token,
                                                       NewDevice{QLatin1String(id),
                                                                 QLatin1String(id),
                                                                 quint64(qHash(QLatin1String(id))),
                                                                 QLatin1String(id),
                                                                 now.addDays(30),
                                                                 {}},
                                                       now));
    }
    // Heard from two days ago, beyond the default 24-hour contact limit; the other just now.
    QVERIFY_RESULT(m_store->devices.ingestReport(QStringLiteral("dev-old"), 1, {}, {}, now.addDays(-2)));
    QVERIFY_RESULT(m_store->devices.ingestReport(QStringLiteral("dev-new"), 1, {}, {}, now));
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    QHash<QString, QString> states;
    const QJsonArray devices = request("GET", QStringLiteral("/api/v1/devices"), {}, helpdesk).body.array();
    for (const QJsonValue &device : devices) {
        states.insert(device.toObject().value(QLatin1String("id")).toString(),
                      device.toObject().value(QLatin1String("state")).toString());
    }
    QCOMPARE(states.value(QStringLiteral("dev-old")), QStringLiteral("stale"));
    QCOMPARE(states.value(QStringLiteral("dev-new")), QStringLiteral("reporting"));

    // The detail says the same, when the certificate runs out, and that software was never
    // reported rather than that nothing is installed.
    const QJsonObject detail = request("GET", QStringLiteral("/api/v1/devices/dev-old"), {}, helpdesk).body.object();
    QCOMPARE(detail.value(QLatin1String("state")).toString(), QStringLiteral("stale"));
    QCOMPARE(detail.value(QLatin1String("certificateExpiresAt")).toString(), now.addDays(30).toString(Qt::ISODate));
    QVERIFY(detail.value(QLatin1String("software")).isNull());
    QVERIFY_RESULT(m_store->devices.ingestReport(QStringLiteral("dev-new"),
                                                 2,
                                                 {{QStringLiteral("software"), QCborArray()}},
                                                 {{QStringLiteral("software"), QByteArray("h")}},
                                                 now));
    const QJsonObject reported = request("GET", QStringLiteral("/api/v1/devices/dev-new"), {}, helpdesk).body.object();
    QVERIFY(reported.value(QLatin1String("software")).isArray());
    QCOMPARE(reported.value(QLatin1String("state")).toString(), QStringLiteral("reporting"));
}

void TestAdminApi::summaryNamesTheMachine()
{
    const QDateTime now = m_clock.now();
    enrol({QStringLiteral("dev-full"), QStringLiteral("dev-new")}, now);
    const auto interface =
        [](const char *name, const char *type, bool isVirtual, const char *mac, QCborArray ipv4, QCborArray ipv6) {
            return QCborMap{{QStringLiteral("name"), QLatin1String(name)},
                            {QStringLiteral("type"), QLatin1String(type)},
                            {QStringLiteral("virtual"), isVirtual},
                            {QStringLiteral("mac"), QLatin1String(mac)},
                            {QStringLiteral("ipv4"), ipv4},
                            {QStringLiteral("ipv6"), ipv6}};
        };
    const auto session = [](const char *user, const char *tty) {
        return QCborMap{{QStringLiteral("user"), QLatin1String(user)}, {QStringLiteral("tty"), QLatin1String(tty)}};
    };
    QCborMap sections;
    sections.insert(
        QStringLiteral("os"),
        QCborMap{{QStringLiteral("hostname"), QStringLiteral("ws-017")},
                 {QStringLiteral("users"),
                  QCborArray{session("alice", "tty1"), session("bob", "pts/0"), session("alice", "pts/1")}}});
    sections.insert(
        QStringLiteral("hardware"),
        QCborMap{{QStringLiteral("model"), QStringLiteral("ThinkPad T14")}, {QStringLiteral("serial"), QString()}});
    sections.insert(
        QStringLiteral("network"),
        QCborMap{
            {QStringLiteral("interfaces"),
             QCborArray{
                 interface("lo", "loopback", true, "", {QStringLiteral("127.0.0.1/8")}, {QStringLiteral("::1/128")}),
                 interface("enp3s0",
                           "ethernet",
                           false,
                           "00:e0:4c:68:01:b2",
                           {QStringLiteral("192.168.10.21/24")},
                           {QStringLiteral("2001:db8::21/64"), QStringLiteral("fe80::2e0:4cff:fe68:1b2/64")}),
                 interface("docker0", "bridge", true, "02:42:ac:11:00:01", {QStringLiteral("172.17.0.1/16")}, {}),
                 interface("wlp2s0", "wireless", false, "", {QStringLiteral("10.0.0.7/8")}, {}),
                 interface("enp4s0", "ethernet", false, "00:e0:4c:68:01:b3", {}, {})}}});
    sections.insert(QStringLiteral("agent"), QCborMap{{QStringLiteral("version"), QStringLiteral("1.4.2")}});
    sections.insert(QStringLiteral("patches"),
                    QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")},
                             {QStringLiteral("pending"), QCborArray()},
                             {QStringLiteral("rebootRequired"), true}});
    QVERIFY_RESULT(
        m_store->devices.ingestReport(QStringLiteral("dev-full"), 1, sections, test::samples::hashesOf(sections), now));

    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const QJsonObject full = summaryOf(QStringLiteral("dev-full"), helpdesk);
    QCOMPARE(full.value(QLatin1String("serial")), QJsonValue(QJsonValue::Null)); // "" is not readable
    QCOMPARE(full.value(QLatin1String("model")).toString(), QStringLiteral("ThinkPad T14"));
    // Loopback and virtual interfaces left out; IPv4 first, then IPv6, in interface order.
    QCOMPARE(full.value(QLatin1String("ipAddresses")).toArray(),
             (QJsonArray{QStringLiteral("192.168.10.21"),
                         QStringLiteral("10.0.0.7"),
                         QStringLiteral("2001:db8::21"),
                         QStringLiteral("fe80::2e0:4cff:fe68:1b2")}));
    QCOMPARE(full.value(QLatin1String("macAddresses")).toArray(),
             (QJsonArray{QStringLiteral("00:e0:4c:68:01:b2"), QStringLiteral("00:e0:4c:68:01:b3")}));
    QCOMPARE(full.value(QLatin1String("loggedInUsers")).toArray(),
             (QJsonArray{QStringLiteral("alice"), QStringLiteral("bob")}));
    QCOMPARE(full.value(QLatin1String("agentVersion")).toString(), QStringLiteral("1.4.2"));
    QCOMPARE(full.value(QLatin1String("rebootRequired")), QJsonValue(true));

    const QJsonObject fresh = summaryOf(QStringLiteral("dev-new"), helpdesk);
    for (const char *field : {"serial", "model", "agentVersion", "rebootRequired"}) {
        QVERIFY2(fresh.value(QLatin1String(field)).isNull(), field);
    }
    for (const char *field : {"ipAddresses", "macAddresses", "loggedInUsers"}) {
        QCOMPARE(fresh.value(QLatin1String(field)), QJsonValue(QJsonArray()));
    }
}

void TestAdminApi::everyReasonHasASince()
{
    // Whole seconds: that is what the store keeps and the API says.
    const QDateTime enrolled = QDateTime::fromSecsSinceEpoch(m_clock.now().toSecsSinceEpoch() - 3600, Qt::UTC);
    enrol({QStringLiteral("dev-1")}, enrolled);
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const auto reasons = [&] {
        QHash<QString, QString> since;
        const QJsonObject compliance = request("GET", QStringLiteral("/api/v1/devices/dev-1"), {}, helpdesk)
                                           .body.object()
                                           .value(QLatin1String("compliance"))
                                           .toObject();
        for (const QJsonValue &reason : compliance.value(QLatin1String("reasons")).toArray()) {
            since.insert(reason.toObject().value(QLatin1String("code")).toString(),
                         reason.toObject().value(QLatin1String("since")).toString());
        }
        return since;
    };
    const QString enrolledText = isoTime(enrolled);
    QCOMPARE(reasons(),
             (QHash<QString, QString>{{QStringLiteral("contact.never"), enrolledText},
                                      {QStringLiteral("antivirus.not-reported"), enrolledText},
                                      {QStringLiteral("patches.not-reported"), enrolledText}}));

    // The first report: no antivirus product, a security update pending.
    const QDateTime first = enrolled.addSecs(600);
    QCborMap sections = test::samples::fullSections();
    sections.insert(QStringLiteral("patches"),
                    QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")},
                             {QStringLiteral("pending"),
                              QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                                  {QStringLiteral("security"), true}}}}});
    QVERIFY_RESULT(
        m_store->devices.ingestReport(QStringLiteral("dev-1"), 1, sections, test::samples::hashesOf(sections), first));
    const QHash<QString, QString> expected{{QStringLiteral("antivirus.missing"), isoTime(first)},
                                           {QStringLiteral("patches.security-pending"), isoTime(first)}};
    QCOMPARE(reasons(), expected);
    // Reported again later, nothing changed: the conditions keep their time.
    QVERIFY_RESULT(m_store->devices.ingestReport(QStringLiteral("dev-1"),
                                                 2,
                                                 sections,
                                                 test::samples::hashesOf(sections),
                                                 first.addSecs(600)));
    QCOMPARE(reasons(), expected);
}

void TestAdminApi::onlyARevokedDeviceIsDeleted()
{
    const QDateTime now = m_clock.now();
    enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}, now);
    const QCborMap sections = test::samples::fullSections();
    QVERIFY_RESULT(
        m_store->devices.ingestReport(QStringLiteral("dev-1"), 1, sections, test::samples::hashesOf(sections), now));
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QString path = QStringLiteral("/api/v1/devices/dev-1");

    const Response notRevoked = request("DELETE", path, {}, admin);
    QCOMPARE(notRevoked.status, 409);
    QCOMPARE(errorCode(notRevoked), QStringLiteral("device.not-revoked"));
    QVERIFY(m_store->devices.find(QStringLiteral("dev-1")).value().has_value());

    QCOMPARE(request("POST", path + QStringLiteral("/revoke"), {}, admin).status, 200);
    const Response deleted = request("DELETE", path, {}, admin);
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isNull());
    // Gone, as the console will say: the device itself, its sections, conditions, certificates.
    const Response gone = request("GET", path, {}, admin);
    QCOMPARE(gone.status, 404);
    QCOMPARE(errorCode(gone), QStringLiteral("device.unknown"));
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, admin).body.array().size(), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), 0);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_conditions")), 0);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("certificates")), 1);
    QCOMPARE(request("DELETE", path, {}, admin).status, 404);

    // The audit log keeps every row about it, the refusal included, and is still intact.
    const QList<AuditEntry> entries = auditFor(QStringLiteral("device.delete"));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).outcome, QStringLiteral("ok"));
    QCOMPARE(entries.at(0).target, QStringLiteral("dev-1"));
    QCOMPARE(entries.at(1).outcome, QStringLiteral("denied"));
    QCOMPARE(auditFor(QStringLiteral("device.revoke")).size(), 1);
    QVERIFY(m_store->audit.verify().value().intact());
}

// Units are created inside existing ones; a token places its devices; moves are audited; the
// tree counts each unit's devices with those below it, compliant or not, and why not.
void TestAdminApi::orgUnitsPlaceDevicesAndRollUpCompliance()
{
    const QDateTime now = m_clock.now();
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const QString units = QStringLiteral("/api/v1/org-units");
    QCOMPARE(requestRaw("POST", units, R"({"path": "Ministry of Health"})", helpdesk).status, 403);
    QCOMPARE(requestRaw("POST", units, R"({"path": " Ministry of Health/ "})", admin).status, 201);
    const Response district = requestRaw("POST", units, R"({"path": "Ministry of Health/Maseru District"})", admin);
    QCOMPARE(district.status, 201);
    QCOMPARE(district.body.object().value(QLatin1String("parent")).toString(), QStringLiteral("Ministry of Health"));
    const Response mistyped = requestRaw("POST", units, R"({"path": "Ministry of Helth/Maseru District"})", admin);
    QCOMPARE(mistyped.status, 404);
    QCOMPARE(mistyped.body.object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("org-unit.parent-unknown"));
    QCOMPARE(requestRaw("POST", units, R"({"path": "Finance"})", admin).status, 201);

    // A token for the district; one for a unit that does not exist is refused, and audited.
    const Response token = requestRaw("POST",
                                      QStringLiteral("/api/v1/enrollment-tokens"),
                                      R"({"uses": 2, "orgUnit": "Ministry of Health/Maseru District"})",
                                      admin);
    QCOMPARE(token.status, 201);
    QCOMPARE(token.body.object().value(QLatin1String("orgUnit")).toString(),
             QStringLiteral("Ministry of Health/Maseru District"));
    QCOMPARE(requestRaw("POST", QStringLiteral("/api/v1/enrollment-tokens"), R"({"orgUnit": "Nowhere"})", admin).status,
             400);
    const QByteArray tokenHash = credentials::tokenHash(token.body.object().value(QLatin1String("token")).toString());
    QVERIFY_RESULT(m_store->enrolment.addToken(credentials::tokenHash(QStringLiteral("root-token")),
                                               1,
                                               now.addSecs(600),
                                               QStringLiteral("alice"),
                                               now));
    int serial = 7000;
    for (const char *id : {"dev-good", "dev-bad"}) {
        QVERIFY_RESULT(m_store->enrolment.enrollDevice(
            tokenHash,
            NewDevice{QLatin1String(id), QLatin1String(id), quint64(++serial), QLatin1String(id), now.addDays(30), {}},
            now));
    }
    QVERIFY_RESULT(m_store->enrolment.enrollDevice(credentials::tokenHash(QStringLiteral("root-token")),
                                                   NewDevice{QStringLiteral("dev-root"),
                                                             QStringLiteral("dev-root"),
                                                             7100,
                                                             QStringLiteral("dev-root"),
                                                             now.addDays(30),
                                                             {}},
                                                   now));
    // dev-good reports everything a compliant machine does; dev-bad has pending security updates.
    QCborMap good = test::samples::fullSections();
    good.insert(QStringLiteral("antivirus"),
                QCborMap{{QStringLiteral("products"),
                          QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                              {QStringLiteral("realTimeProtection"), true},
                                              {QStringLiteral("definitionsTime"), now.toSecsSinceEpoch()}}}}});
    QCborMap bad = good;
    bad.insert(QStringLiteral("patches"),
               QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")},
                        {QStringLiteral("pending"),
                         QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                             {QStringLiteral("security"), true}}}}});
    QVERIFY_RESULT(
        m_store->devices.ingestReport(QStringLiteral("dev-good"), 1, good, test::samples::hashesOf(good), now));
    QVERIFY_RESULT(m_store->devices.ingestReport(QStringLiteral("dev-bad"), 1, bad, test::samples::hashesOf(bad), now));

    const auto tree = [&] {
        QHash<QString, QJsonObject> byPath;
        for (const QJsonValue &unit : request("GET", units, {}, helpdesk).body.array()) {
            byPath.insert(unit.toObject().value(QLatin1String("path")).toString(), unit.toObject());
        }
        return byPath;
    };
    QHash<QString, QJsonObject> listed = tree();
    QCOMPARE(listed.size(), 4);
    const QJsonObject maseru = listed.value(QStringLiteral("Ministry of Health/Maseru District"));
    QCOMPARE(maseru.value(QLatin1String("ownDevices")).toInteger(), 2);
    QCOMPARE(maseru.value(QLatin1String("devices")).toInteger(), 2);
    QCOMPARE(maseru.value(QLatin1String("compliant")).toInteger(), 1);
    QCOMPARE(
        maseru.value(QLatin1String("reasons")).toObject().value(QLatin1String("patches.security-pending")).toInteger(),
        1);
    const QJsonObject health = listed.value(QStringLiteral("Ministry of Health"));
    QCOMPARE(health.value(QLatin1String("ownDevices")).toInteger(), 0);
    QCOMPARE(health.value(QLatin1String("devices")).toInteger(), 2);
    QCOMPARE(health.value(QLatin1String("compliant")).toInteger(), 1);
    const QJsonObject root = listed.value(QStringLiteral("/"));
    QCOMPARE(root.value(QLatin1String("parent")), QJsonValue(QJsonValue::Null));
    QCOMPARE(root.value(QLatin1String("ownDevices")).toInteger(), 1);
    QCOMPARE(root.value(QLatin1String("devices")).toInteger(), 3);
    QCOMPARE(listed.value(QStringLiteral("Finance")).value(QLatin1String("devices")).toInteger(), 0);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices/dev-good"), {}, helpdesk)
                 .body.object()
                 .value(QLatin1String("orgUnit"))
                 .toString(),
             QStringLiteral("Ministry of Health/Maseru District"));

    // Moves: helpdesk may not; a unit that does not exist is refused; both are audited.
    const QString move = QStringLiteral("/api/v1/devices/dev-bad/move");
    QCOMPARE(requestRaw("POST", move, R"({"orgUnit": "Finance"})", helpdesk).status, 403);
    QCOMPARE(requestRaw("POST", move, R"({"orgUnit": "Treasury"})", admin).status, 400);
    const Response moved = requestRaw("POST", move, R"({"orgUnit": "/Finance/"})", admin);
    QCOMPARE(moved.status, 200);
    QCOMPARE(moved.body.object().value(QLatin1String("previousOrgUnit")).toString(),
             QStringLiteral("Ministry of Health/Maseru District"));
    listed = tree();
    QCOMPARE(listed.value(QStringLiteral("Ministry of Health")).value(QLatin1String("compliant")).toInteger(), 1);
    QCOMPARE(listed.value(QStringLiteral("Ministry of Health")).value(QLatin1String("devices")).toInteger(), 1);
    QCOMPARE(listed.value(QStringLiteral("Finance")).value(QLatin1String("compliant")).toInteger(), 0);
    QCOMPARE(listed.value(QStringLiteral("/")).value(QLatin1String("devices")).toInteger(), 3);
    const QList<AuditEntry> moves = auditFor(QStringLiteral("device.move"));
    QCOMPARE(moves.size(), 3);
    QCOMPARE(moves.at(0).outcome, QStringLiteral("ok"));
    QVERIFY2(moves.at(0).detail.contains(QLatin1String("to 'Finance'")), qPrintable(moves.at(0).detail));
    QCOMPARE(moves.at(1).outcome, QStringLiteral("denied"));
    QCOMPARE(moves.at(2).outcome, QStringLiteral("denied"));

    // Only an empty unit goes; creations and refusals are audited.
    const QString financeId =
        QString::number(listed.value(QStringLiteral("Finance")).value(QLatin1String("id")).toInteger());
    const Response notEmpty = request("DELETE", units + QLatin1Char('/') + financeId, {}, admin);
    QCOMPARE(notEmpty.status, 409);
    QVERIFY(requestRaw("POST", move, R"({"orgUnit": "/"})", admin).status == 200);
    QCOMPARE(request("DELETE", units + QLatin1Char('/') + financeId, {}, admin).status, 204);
    QCOMPARE(tree().size(), 3);
    QCOMPARE(auditFor(QStringLiteral("org-unit.delete")).size(), 2);
    QCOMPARE(auditFor(QStringLiteral("org-unit.create")).size(), 5); // 3 made, 1 mistyped, 1 by helpdesk
}

void TestAdminApi::sameSerialIsFlagged()
{
    const QDateTime now = m_clock.now();
    enrol({QStringLiteral("dev-a"), QStringLiteral("dev-b"), QStringLiteral("dev-c"), QStringLiteral("dev-d")}, now);
    // dev-a and dev-b: one machine reinstalled and enrolled again (serials differ in case only);
    // dev-c: another machine; dev-d: no serial readable.
    const QList<std::pair<const char *, const char *>> serials{{"dev-a", "PF3ABCDE"},
                                                               {"dev-b", "pf3abcde "},
                                                               {"dev-c", "PF3XYZ"},
                                                               {"dev-d", ""}};
    for (const auto &[id, serial] : serials) {
        QCborMap sections = test::samples::fullSections();
        sections.insert(QStringLiteral("hardware"), QCborMap{{QStringLiteral("serial"), QLatin1String(serial)}});
        QVERIFY_RESULT(
            m_store->devices.ingestReport(QLatin1String(id), 1, sections, test::samples::hashesOf(sections), now));
    }
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const auto sameAs = [&](const QString &id) {
        QStringList ids;
        for (const QJsonValue &other : summaryOf(id, helpdesk).value(QLatin1String("sameSerialAs")).toArray()) {
            ids.append(other.toString());
        }
        return ids;
    };
    const auto detailSameAs = [&](const QString &id) {
        QStringList ids;
        const QJsonObject detail = request("GET", QStringLiteral("/api/v1/devices/") + id, {}, helpdesk).body.object();
        for (const QJsonValue &other : detail.value(QLatin1String("sameSerialAs")).toArray()) {
            ids.append(other.toString());
        }
        return ids;
    };
    QCOMPARE(sameAs(QStringLiteral("dev-a")), QStringList{QStringLiteral("dev-b")});
    QCOMPARE(sameAs(QStringLiteral("dev-b")), QStringList{QStringLiteral("dev-a")});
    QCOMPARE(sameAs(QStringLiteral("dev-c")), QStringList());
    QCOMPARE(sameAs(QStringLiteral("dev-d")), QStringList());
    QCOMPARE(detailSameAs(QStringLiteral("dev-a")), QStringList{QStringLiteral("dev-b")});
    QCOMPARE(detailSameAs(QStringLiteral("dev-d")), QStringList());

    // Once the old enrolment is revoked, the machine has one device again.
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/dev-a/revoke"), {}, admin).status, 200);
    QCOMPARE(sameAs(QStringLiteral("dev-b")), QStringList());
    QCOMPARE(detailSameAs(QStringLiteral("dev-b")), QStringList());
    QCOMPARE(detailSameAs(QStringLiteral("dev-a")), QStringList());
}

void TestAdminApi::auditIsFilteredAndPaged()
{
    const QDateTime start = QDateTime::fromSecsSinceEpoch(m_clock.now().toSecsSinceEpoch() - 3600, Qt::UTC);
    for (int i = 1; i <= 6; ++i) {
        QVERIFY_RESULT(
            m_store->audit.append(AuditEntry{start.addSecs(i),
                                             i % 2 ? QStringLiteral("alice") : QStringLiteral("hd"),
                                             i % 3 ? QStringLiteral("device.revoke") : QStringLiteral("user.create"),
                                             QStringLiteral("dev-%1").arg(i),
                                             QStringLiteral("ok"),
                                             QStringLiteral("192.0.2.1"),
                                             QString()}));
    }
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password")); // row 7, "login"
    const auto ids = [&](const QString &query) {
        QList<qint64> result;
        const Response response = request("GET", QStringLiteral("/api/v1/audit?") + query, {}, admin);
        for (const QJsonValue &entry : response.body.array()) {
            result.append(qint64(entry.toObject().value(QLatin1String("id")).toDouble()));
        }
        return result;
    };
    QCOMPARE(ids(QStringLiteral("action=device.*")), (QList<qint64>{5, 4, 2, 1}));
    QCOMPARE(ids(QStringLiteral("action=device.*&limit=2")), (QList<qint64>{5, 4}));
    QCOMPARE(ids(QStringLiteral("action=device.*&limit=2&before=4")), (QList<qint64>{2, 1}));
    QCOMPARE(ids(QStringLiteral("action=device.*&limit=2&before=1")), QList<qint64>());
    QCOMPARE(ids(QStringLiteral("actor=hd")), (QList<qint64>{6, 4, 2}));
    QCOMPARE(ids(QStringLiteral("target=dev-3&outcome=ok")), (QList<qint64>{3}));
    QCOMPARE(ids(QStringLiteral("action=login&actor=alice")), (QList<qint64>{7}));
    QCOMPARE(ids(QStringLiteral("from=%1&to=%2").arg(isoTime(start.addSecs(2)), isoTime(start.addSecs(3)))),
             (QList<qint64>{3, 2}));
    // An offset is as good as Z (and the '+' must be encoded, as in any query).
    QCOMPARE(ids(QStringLiteral("to=%1").arg(QString::fromLatin1(
                 QUrl::toPercentEncoding(start.addSecs(1).toOffsetFromUtc(7200).toString(Qt::ISODate))))),
             (QList<qint64>{1}));
}

void TestAdminApi::auditQueryIsValidated_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("parameter");

    QTest::newRow("limit zero") << QStringLiteral("limit=0") << QStringLiteral("\"limit\"");
    QTest::newRow("empty actor") << QStringLiteral("actor=") << QStringLiteral("\"actor\"");
    QTest::newRow("long target") << QStringLiteral("target=") + QString(300, QLatin1Char('x'))
                                 << QStringLiteral("\"target\"");
    QTest::newRow("star inside action") << QStringLiteral("action=dev*ice") << QStringLiteral("\"action\"");
    QTest::newRow("unknown outcome") << QStringLiteral("outcome=maybe") << QStringLiteral("\"outcome\"");
    QTest::newRow("from not a time") << QStringLiteral("from=yesterday") << QStringLiteral("\"from\"");
    QTest::newRow("to without a zone") << QStringLiteral("to=2024-05-01T12:00:00") << QStringLiteral("\"to\"");
    QTest::newRow("from after to") << QStringLiteral("from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z")
                                   << QStringLiteral("\"from\"");
    QTest::newRow("before zero") << QStringLiteral("before=0") << QStringLiteral("\"before\"");
    QTest::newRow("before not a number") << QStringLiteral("before=last") << QStringLiteral("\"before\"");
}

void TestAdminApi::auditQueryIsValidated()
{
    QFETCH(QString, query);
    QFETCH(QString, parameter);
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const Response response = request("GET", QStringLiteral("/api/v1/audit?") + query, {}, admin);
    QCOMPARE(response.status, 400);
    QCOMPARE(errorCode(response), QStringLiteral("request.invalid"));
    QVERIFY2(errorMessage(response).startsWith(parameter), qPrintable(errorMessage(response)));
}

void TestAdminApi::uploadOperators(const QString &admin)
{
    const jobs::OperatorList list = test::jobsamples::operatorList(m_signers, 1, m_clock.now());
    const Response uploaded = request("PUT",
                                      QStringLiteral("/api/v1/signing/operators"),
                                      test::jobsamples::signedJson(m_signers.root, list.encode()),
                                      admin);
    QCOMPARE(uploaded.status, 200);
}

void TestAdminApi::deploy(const QStringList &targets, const QString &admin, jobs::JobEnvelope *envelope)
{
    const QDateTime now = m_clock.now();
    enrol(targets, now);
    uploadOperators(admin);
    *envelope = test::jobsamples::patchJob(m_signers.operatorKey, targets, now);
    const Response created = request("POST",
                                     QStringLiteral("/api/v1/jobs"),
                                     test::jobsamples::jobRequest(m_signers.operatorKey, *envelope, targets),
                                     admin);
    QCOMPARE(created.status, 201);
}

void TestAdminApi::operatorListIsUploadedAndRead()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    const QString path = QStringLiteral("/api/v1/signing/operators");
    const Response none = request("GET", path, {}, helpdesk);
    QCOMPARE(none.status, 404);
    QCOMPARE(errorCode(none), QStringLiteral("signing.none"));
    // Until a root is registered, enrolment has none to give the agent.
    const Response before = request("POST", QStringLiteral("/api/v1/enrollment-tokens"), {}, admin);
    QCOMPARE(before.status, 201);
    QVERIFY(before.body.object().value(QLatin1String("jobRootFingerprint")).isNull());

    const QDateTime now = m_clock.now();
    const jobs::OperatorList list = test::jobsamples::operatorList(m_signers, 4, now);
    const QJsonObject upload = test::jobsamples::signedJson(m_signers.root, list.encode());
    const Response uploaded = request("PUT", path, upload, admin);
    QCOMPARE(uploaded.status, 200);
    const QString root = jobs::fingerprint(m_signers.root.publicKey);
    const QJsonObject body = uploaded.body.object();
    QCOMPARE(body.value(QLatin1String("version")).toInt(), 4);
    QCOMPARE(body.value(QLatin1String("rootFingerprint")).toString(), root);
    QCOMPARE(body.value(QLatin1String("document")), upload.value(QLatin1String("document")));
    QCOMPARE(body.value(QLatin1String("signature")), upload.value(QLatin1String("signature")));
    QCOMPARE(body.value(QLatin1String("uploadedBy")).toString(), QStringLiteral("alice"));
    QCOMPARE(body.value(QLatin1String("expiresAt")).toString(), isoTime(list.expiresAt));
    const QJsonArray operators = body.value(QLatin1String("operators")).toArray();
    QCOMPARE(operators.size(), 1);
    const QJsonObject olga = operators.first().toObject();
    QCOMPARE(olga.value(QLatin1String("name")).toString(), QStringLiteral("Olga Operator"));
    QCOMPARE(olga.value(QLatin1String("fingerprint")).toString(), jobs::fingerprint(m_signers.operatorKey.publicKey));
    QCOMPARE(olga.value(QLatin1String("kinds")).toArray(), QJsonArray{QStringLiteral("patch")});
    QCOMPARE(olga.value(QLatin1String("notAfter")).toString(), isoTime(list.operators.first().notAfter));

    // Help-desk staff read it as it was uploaded.
    const Response read = request("GET", path, {}, helpdesk);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body.object(), body);
    // From now on, enrolment tells the agent which root to pin.
    const Response after = request("POST", QStringLiteral("/api/v1/enrollment-tokens"), {}, admin);
    QCOMPARE(after.body.object().value(QLatin1String("jobRootFingerprint")).toString(), root);

    // A newer list of the same root replaces it.
    const Response newer = request(
        "PUT",
        path,
        test::jobsamples::signedJson(m_signers.root, test::jobsamples::operatorList(m_signers, 5, now).encode()),
        admin);
    QCOMPARE(newer.status, 200);
    QCOMPARE(request("GET", path, {}, helpdesk).body.object().value(QLatin1String("version")).toInt(), 5);

    const QList<AuditEntry> entries = auditFor(QStringLiteral("signing.operators"));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).outcome, QStringLiteral("ok"));
    QCOMPARE(entries.at(1).actor, QStringLiteral("alice"));
    QCOMPARE(entries.at(1).target, QStringLiteral("4"));
    QVERIFY(entries.at(1).detail.contains(root));
}

void TestAdminApi::operatorListRefusals()
{
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QString path = QStringLiteral("/api/v1/signing/operators");
    const QDateTime now = m_clock.now();
    const auto upload = [&](const jobs::SigningKey &key, const jobs::OperatorList &list) {
        return request("PUT", path, test::jobsamples::signedJson(key, list.encode()), admin);
    };

    // The first list must be signed by the root it names.
    Response refused = upload(m_signers.operatorKey, test::jobsamples::operatorList(m_signers, 3, now));
    QCOMPARE(refused.status, 400);
    QCOMPARE(errorCode(refused), QStringLiteral("signing.signature"));
    jobs::OperatorList expired = test::jobsamples::operatorList(m_signers, 3, now.addDays(-100));
    refused = upload(m_signers.root, expired);
    QCOMPARE(refused.status, 400);
    QCOMPARE(errorCode(refused), QStringLiteral("signing.expired"));
    refused = request("PUT",
                      path,
                      {{QStringLiteral("document"), QStringLiteral("bm90IGNib3I=")},
                       {QStringLiteral("signature"), QString::fromLatin1(QByteArray(64, 'x').toBase64())}},
                      admin);
    QCOMPARE(refused.status, 400);
    QCOMPARE(errorCode(refused), QStringLiteral("signing.malformed"));
    refused = request("PUT", path, {{QStringLiteral("document"), QStringLiteral("not base64!")}}, admin);
    QCOMPARE(refused.status, 400);
    QCOMPARE(errorCode(refused), QStringLiteral("request.invalid"));
    QCOMPARE(request("GET", path, {}, admin).status, 404); // nothing was registered

    QCOMPARE(upload(m_signers.root, test::jobsamples::operatorList(m_signers, 3, now)).status, 200);
    for (const int version : {3, 2}) {
        refused = upload(m_signers.root, test::jobsamples::operatorList(m_signers, version, now));
        QCOMPARE(refused.status, 409);
        QCOMPARE(errorCode(refused), QStringLiteral("signing.rollback"));
    }
    // Another root, however well it signs, is not this site's.
    test::jobsamples::Signers other;
    refused = upload(other.root, test::jobsamples::operatorList(other, 9, now));
    QCOMPARE(refused.status, 409);
    QCOMPARE(errorCode(refused), QStringLiteral("signing.root-mismatch"));
    // A list of this root's with a signature that does not verify.
    jobs::SignedDocument forged =
        jobs::SignedDocument::signedBy(m_signers.root, test::jobsamples::operatorList(m_signers, 4, now).encode())
            .value();
    forged.signature[0] = char(forged.signature.at(0) ^ 1);
    refused = request("PUT", path, test::jobsamples::signedJson(forged), admin);
    QCOMPARE(refused.status, 400);
    QCOMPARE(errorCode(refused), QStringLiteral("signing.signature"));
    QCOMPARE(request("GET", path, {}, admin).body.object().value(QLatin1String("version")).toInt(), 3);

    QStringList outcomes;
    for (const AuditEntry &entry : auditFor(QStringLiteral("signing.operators"))) {
        outcomes.prepend(entry.outcome + QLatin1Char(' ') + entry.detail.section(QLatin1Char(','), 0, 0));
    }
    QCOMPARE(outcomes,
             (QStringList{QStringLiteral("denied signing.signature"),
                          QStringLiteral("denied signing.expired"),
                          QStringLiteral("denied signing.malformed"),
                          QStringLiteral("ok version 3"),
                          QStringLiteral("denied signing.rollback"),
                          QStringLiteral("denied signing.rollback"),
                          QStringLiteral("denied signing.root-mismatch"),
                          QStringLiteral("denied signing.signature")}));
}

void TestAdminApi::jobIsCreatedListedAndShown()
{
    const QDateTime now = m_clock.now();
    enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")}, now);
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    uploadOperators(admin);
    const QStringList targets{QStringLiteral("dev-2"), QStringLiteral("dev-1")};
    const jobs::JobEnvelope envelope = test::jobsamples::patchJob(m_signers.operatorKey, targets, now);
    const QJsonObject body = test::jobsamples::jobRequest(m_signers.operatorKey, envelope, targets);

    const Response created = request("POST", QStringLiteral("/api/v1/jobs"), body, admin);
    QCOMPARE(created.status, 201);
    const QJsonObject job = created.body.object();
    QCOMPARE(job.value(QLatin1String("id")).toString(), envelope.id);
    QCOMPARE(job.value(QLatin1String("kind")).toString(), QStringLiteral("patch"));
    QCOMPARE(job.value(QLatin1String("state")).toString(), QStringLiteral("active"));
    QCOMPARE(job.value(QLatin1String("createdBy")).toString(), QStringLiteral("alice"));
    QCOMPARE(job.value(QLatin1String("signer")).toString(), envelope.signer);
    QCOMPARE(job.value(QLatin1String("deadline")).toString(), isoTime(envelope.deadline));
    QCOMPARE(job.value(QLatin1String("expiresAt")).toString(), isoTime(envelope.expiresAt));
    QCOMPARE(job.value(QLatin1String("counts")).toObject(), (QJsonObject{{QStringLiteral("queued"), 2}}));
    QCOMPARE(job.value(QLatin1String("summary")).toObject(),
             (QJsonObject{{QStringLiteral("select"), QStringLiteral("security")},
                          {QStringLiteral("packages"), QJsonArray()},
                          {QStringLiteral("reboot"), QStringLiteral("if-required")},
                          {QStringLiteral("maxRuntimeSeconds"), 3600}}));

    const Response listed = request("GET", QStringLiteral("/api/v1/jobs"), {}, admin);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body.array().size(), 1);
    QCOMPARE(listed.body.array().first().toObject(), job);

    const Response shown = request("GET", QStringLiteral("/api/v1/jobs/") + envelope.id, {}, admin);
    QCOMPARE(shown.status, 200);
    const QJsonObject detail = shown.body.object();
    QCOMPARE(detail.value(QLatin1String("job")).toObject(), body.value(QLatin1String("job")).toObject());
    const QJsonArray devices = detail.value(QLatin1String("devices")).toArray();
    QCOMPARE(devices.size(), 2);
    QCOMPARE(devices.at(0).toObject().value(QLatin1String("id")).toString(), QStringLiteral("dev-1"));
    QCOMPARE(devices.at(0).toObject().value(QLatin1String("state")).toString(), QStringLiteral("queued"));
    QVERIFY(devices.at(0).toObject().value(QLatin1String("receipt")).isNull());
    QCOMPARE(devices.at(1).toObject().value(QLatin1String("id")).toString(), QStringLiteral("dev-2"));
    QCOMPARE(request("GET", QStringLiteral("/api/v1/jobs/no-such-job"), {}, admin).status, 404);

    // Each device got the proof that leads from its own id to the signed root, and only its own.
    const Deployment stored = m_store->jobs.find(envelope.id).value().value();
    for (const DeviceJob &device : stored.devices) {
        const Result<jobs::merkle::Proof> proof = jobs::merkle::fromCbor(QCborValue::fromCbor(device.proof));
        QVERIFY_RESULT(proof);
        QVERIFY(jobs::merkle::verify(device.deviceId, proof.value(), envelope.targetsRoot));
        QVERIFY(!jobs::merkle::verify(QStringLiteral("dev-3"), proof.value(), envelope.targetsRoot));
    }

    const Response history = request("GET", QStringLiteral("/api/v1/devices/dev-1/jobs"), {}, admin);
    QCOMPARE(history.status, 200);
    QCOMPARE(history.body.array().size(), 1);
    const QJsonObject entry = history.body.array().first().toObject();
    QCOMPARE(entry.value(QLatin1String("jobId")).toString(), envelope.id);
    QCOMPARE(entry.value(QLatin1String("kind")).toString(), QStringLiteral("patch"));
    QCOMPARE(entry.value(QLatin1String("state")).toString(), QStringLiteral("queued"));
    QCOMPARE(entry.value(QLatin1String("summary")), job.value(QLatin1String("summary")));
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices/dev-3/jobs"), {}, admin).body.array().size(), 0);
    const Response unknownDevice = request("GET", QStringLiteral("/api/v1/devices/nobody/jobs"), {}, admin);
    QCOMPARE(unknownDevice.status, 404);
    QCOMPARE(errorCode(unknownDevice), QStringLiteral("device.unknown"));

    const QList<AuditEntry> entries = auditFor(QStringLiteral("job.create"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().outcome, QStringLiteral("ok"));
    QCOMPARE(entries.first().target, envelope.id);
    QVERIFY(entries.first().detail.contains(QLatin1String("Olga Operator")));
}

void TestAdminApi::jobRefusals()
{
    const QDateTime now = m_clock.now();
    enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")}, now);
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QStringList targets{QStringLiteral("dev-1"), QStringLiteral("dev-2")};
    const jobs::SigningKey &olga = m_signers.operatorKey;
    const auto post = [&](const QJsonObject &body) {
        return request("POST", QStringLiteral("/api/v1/jobs"), body, admin);
    };
    const auto refusedWith = [&](const QJsonObject &body, int status, const QString &code) {
        const Response response = post(body);
        if (response.status != status || errorCode(response) != code) {
            qWarning().noquote() << "expected" << status << code << "got" << response.status << errorCode(response)
                                 << errorMessage(response);
            return false;
        }
        return true;
    };

    // Before any operator list, no job can be checked.
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, test::jobsamples::patchJob(olga, targets, now), targets),
                        409,
                        QStringLiteral("signing.none")));
    uploadOperators(admin);

    // Unsigned, or signed by someone else than the signer it names.
    jobs::JobEnvelope envelope = test::jobsamples::patchJob(olga, targets, now);
    QJsonObject unsigned_ = test::jobsamples::jobRequest(olga, envelope, targets);
    QJsonObject job = unsigned_.value(QLatin1String("job")).toObject();
    job.remove(QStringLiteral("signature"));
    unsigned_.insert(QStringLiteral("job"), job);
    QVERIFY(refusedWith(unsigned_, 400, QStringLiteral("request.invalid")));
    const jobs::SigningKey mallory = jobs::generateSigningKey().value();
    QVERIFY(
        refusedWith(test::jobsamples::jobRequest(mallory, envelope, targets), 400, QStringLiteral("job.signature")));
    // Signed by a key the root never certified.
    QVERIFY(
        refusedWith(test::jobsamples::jobRequest(mallory, test::jobsamples::patchJob(mallory, targets, now), targets),
                    400,
                    QStringLiteral("job.signer-unknown")));
    // A kind the operator was not granted.
    envelope = test::jobsamples::patchJob(olga, targets, now);
    envelope.kind = QStringLiteral("licence");
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, envelope, targets), 400, QStringLiteral("job.signer-kind")));
    // A hostile client adds a device the operator did not sign for, or leaves one out.
    envelope = test::jobsamples::patchJob(olga, targets, now);
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, envelope, targets + QStringList{QStringLiteral("dev-3")}),
                        400,
                        QStringLiteral("job.targets-mismatch")));
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, envelope, {QStringLiteral("dev-1")}),
                        400,
                        QStringLiteral("job.targets-mismatch")));
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, envelope, targets + targets),
                        400,
                        QStringLiteral("request.invalid")));
    // A revoked target, named.
    QVERIFY(m_store->devices.revoke(QStringLiteral("dev-3")).value());
    const QStringList withRevoked{QStringLiteral("dev-1"), QStringLiteral("dev-3")};
    const Response revoked =
        post(test::jobsamples::jobRequest(olga, test::jobsamples::patchJob(olga, withRevoked, now), withRevoked));
    QCOMPARE(revoked.status, 400);
    QCOMPARE(errorCode(revoked), QStringLiteral("job.target-revoked"));
    QVERIFY(errorMessage(revoked).contains(QLatin1String("dev-3")));
    const QStringList withUnknown{QStringLiteral("dev-1"), QStringLiteral("dev-9")};
    QVERIFY(
        refusedWith(test::jobsamples::jobRequest(olga, test::jobsamples::patchJob(olga, withUnknown, now), withUnknown),
                    400,
                    QStringLiteral("job.target-unknown")));
    // Expired, or due before now.
    envelope = test::jobsamples::patchJob(olga, targets, now.addDays(-10));
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, envelope, targets), 400, QStringLiteral("job.expired")));
    envelope = test::jobsamples::patchJob(olga, targets, now);
    envelope.deadline = now.addSecs(-60);
    QVERIFY(
        refusedWith(test::jobsamples::jobRequest(olga, envelope, targets), 400, QStringLiteral("job.deadline-past")));
    // Not an envelope at all.
    QVERIFY(refusedWith(QJsonObject{{QStringLiteral("job"), test::jobsamples::signedJson(olga, "not cbor")},
                                    {QStringLiteral("targets"), QJsonArray{QStringLiteral("dev-1")}}},
                        400,
                        QStringLiteral("job.malformed")));
    // The same job twice.
    envelope = test::jobsamples::patchJob(olga, targets, now);
    QCOMPARE(post(test::jobsamples::jobRequest(olga, envelope, targets)).status, 201);
    QVERIFY(refusedWith(test::jobsamples::jobRequest(olga, envelope, targets), 409, QStringLiteral("job.exists")));
    // No deadline at all is not a deadline in 1970.
    envelope = test::jobsamples::patchJob(olga, targets, now);
    envelope.deadline = QDateTime();
    const Response open = post(test::jobsamples::jobRequest(olga, envelope, targets));
    QCOMPARE(open.status, 201);
    QVERIFY(open.body.object().value(QLatin1String("deadline")).isNull());

    QCOMPARE(m_store->jobs.list().value().size(), 2);
    QStringList denied;
    for (const AuditEntry &entry : auditFor(QStringLiteral("job.create"))) {
        if (entry.outcome == QLatin1String("denied")) {
            denied.prepend(entry.detail);
        }
    }
    // Every refusal the handler decides is audited with its code (not the strict-body ones).
    QCOMPARE(denied,
             (QStringList{QStringLiteral("signing.none"),
                          QStringLiteral("job.signature"),
                          QStringLiteral("job.signer-unknown"),
                          QStringLiteral("job.signer-kind"),
                          QStringLiteral("job.targets-mismatch"),
                          QStringLiteral("job.targets-mismatch"),
                          QStringLiteral("request.invalid"),
                          QStringLiteral("job.target-revoked"),
                          QStringLiteral("job.target-unknown"),
                          QStringLiteral("job.expired"),
                          QStringLiteral("job.deadline-past"),
                          QStringLiteral("job.malformed"),
                          QStringLiteral("job.exists")}));
}

void TestAdminApi::helpdeskReadsJobsOnly()
{
    const QDateTime now = m_clock.now();
    enrol({QStringLiteral("dev-1")}, now);
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QString helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    uploadOperators(admin);
    const QStringList targets{QStringLiteral("dev-1")};
    const jobs::JobEnvelope envelope = test::jobsamples::patchJob(m_signers.operatorKey, targets, now);
    const QJsonObject body = test::jobsamples::jobRequest(m_signers.operatorKey, envelope, targets);

    const Response create = request("POST", QStringLiteral("/api/v1/jobs"), body, helpdesk);
    QCOMPARE(create.status, 403);
    QCOMPARE(errorCode(create), QStringLiteral("auth.forbidden"));
    QCOMPARE(request("POST", QStringLiteral("/api/v1/jobs"), body, admin).status, 201);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/jobs"), {}, helpdesk).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/jobs/") + envelope.id, {}, helpdesk).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/devices/dev-1/jobs"), {}, helpdesk).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/signing/operators"), {}, helpdesk).status, 200);
    QCOMPARE(request("POST", QStringLiteral("/api/v1/jobs/%1/cancel").arg(envelope.id), {}, helpdesk).status, 403);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/jobs/") + envelope.id, {}, helpdesk)
                 .body.object()
                 .value(QLatin1String("state"))
                 .toString(),
             QStringLiteral("active"));

    for (const QString &action : {QStringLiteral("job.create"), QStringLiteral("job.cancel")}) {
        QList<AuditEntry> refusals;
        for (const AuditEntry &entry : auditFor(action)) {
            if (entry.actor == QLatin1String("hd")) {
                refusals.append(entry);
            }
        }
        QCOMPARE(refusals.size(), 1);
        QCOMPARE(refusals.first().outcome, QStringLiteral("denied"));
    }
}

void TestAdminApi::cancelEndsTheJob()
{
    const QDateTime now = m_clock.now();
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    jobs::JobEnvelope envelope;
    deploy({QStringLiteral("dev-1"), QStringLiteral("dev-2")}, admin, &envelope);
    if (QTest::currentTestFailed()) {
        return;
    }
    // dev-1 finished before the cancellation; that stays.
    QCOMPARE(m_store->jobs.applyEvent(QStringLiteral("dev-1"), 1, envelope.id, test::samples::succeededJobEvent(now))
                 .value(),
             JobEventOutcome::Applied);

    const QString path = QStringLiteral("/api/v1/jobs/%1/cancel").arg(envelope.id);
    const Response cancelled = request("POST", path, {}, admin);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.body.object().value(QLatin1String("state")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(cancelled.body.object().value(QLatin1String("cancelledBy")).toString(), QStringLiteral("alice"));
    QCOMPARE(cancelled.body.object().value(QLatin1String("counts")).toObject(),
             (QJsonObject{{QStringLiteral("cancelled"), 1}, {QStringLiteral("succeeded"), 1}}));

    const Response again = request("POST", path, {}, admin);
    QCOMPARE(again.status, 409);
    QCOMPARE(errorCode(again), QStringLiteral("job.final"));
    const Response unknown = request("POST", QStringLiteral("/api/v1/jobs/no-such-job/cancel"), {}, admin);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(errorCode(unknown), QStringLiteral("job.unknown"));

    const QList<AuditEntry> entries = auditFor(QStringLiteral("job.cancel"));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).outcome, QStringLiteral("ok"));
    QCOMPARE(entries.at(1).target, envelope.id);
    QCOMPARE(entries.at(0).outcome, QStringLiteral("denied"));
    QCOMPARE(entries.at(0).detail, QStringLiteral("job.final"));
}

// A pilot is released first, the rest held back; the signed concurrency cap binds the server;
// pause and resume are audited and refused when they change nothing.
void TestAdminApi::rolloutHoldsBackAndPauses()
{
    const QDateTime now = m_clock.now();
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QStringList targets{QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")};
    enrol(targets, now);
    uploadOperators(admin);
    jobs::JobEnvelope envelope = test::jobsamples::patchJob(m_signers.operatorKey, targets, now);
    envelope.options.insert(QStringLiteral("maxConcurrent"), 2);
    QJsonObject body = test::jobsamples::jobRequest(m_signers.operatorKey, envelope, targets);
    body.insert(QStringLiteral("rollout"),
                QJsonObject{{QStringLiteral("pilot"), QJsonArray{QStringLiteral("dev-2")}},
                            {QStringLiteral("maxConcurrent"), 5}});
    const Response created = request("POST", QStringLiteral("/api/v1/jobs"), body, admin);
    QCOMPARE(created.status, 201);
    const QJsonObject rollout = created.body.object().value(QLatin1String("rollout")).toObject();
    QCOMPARE(rollout.value(QLatin1String("pilot")).toArray(), (QJsonArray{QStringLiteral("dev-2")}));
    QCOMPARE(rollout.value(QLatin1String("maxConcurrent")).toInt(), 2); // the signed cap, not the wider request

    // Nothing is released before the server's release pass; then only the pilot.
    const QString path = QStringLiteral("/api/v1/jobs/") + envelope.id;
    const auto released = [&]() {
        QStringList ids;
        const Response shown = request("GET", path, {}, admin);
        for (const QJsonValue &device : shown.body.object().value(QLatin1String("devices")).toArray()) {
            if (!device.toObject().value(QLatin1String("releasedAt")).isNull()) {
                ids.append(device.toObject().value(QLatin1String("id")).toString());
            }
        }
        return ids;
    };
    QCOMPARE(released(), QStringList());
    m_api->advanceJobs();
    QCOMPARE(released(), QStringList{QStringLiteral("dev-2")});

    const Response paused = request("POST", path + QStringLiteral("/pause"), {}, admin);
    QCOMPARE(paused.status, 200);
    QCOMPARE(paused.body.object().value(QLatin1String("state")).toString(), QStringLiteral("paused"));
    const Response pausedAgain = request("POST", path + QStringLiteral("/pause"), {}, admin);
    QCOMPARE(pausedAgain.status, 409);
    QCOMPARE(errorCode(pausedAgain), QStringLiteral("job.not-active"));

    // The pilot succeeds while paused: nothing more goes out until the job is resumed.
    QCOMPARE(m_store->jobs.applyEvent(QStringLiteral("dev-2"), 1, envelope.id, test::samples::succeededJobEvent(now))
                 .value(),
             JobEventOutcome::Applied);
    m_api->advanceJobs();
    QCOMPARE(released(), QStringList{QStringLiteral("dev-2")});
    const Response resumed = request("POST", path + QStringLiteral("/resume"), {}, admin);
    QCOMPARE(resumed.status, 200);
    QCOMPARE(resumed.body.object().value(QLatin1String("state")).toString(), QStringLiteral("active"));
    QCOMPARE(request("POST", path + QStringLiteral("/resume"), {}, admin).status, 409);
    m_api->advanceJobs();
    QStringList all = released();
    all.sort();
    QCOMPARE(all, targets); // the pilot ended, so the cap of 2 leaves room for both others

    const QList<AuditEntry> pauses = auditFor(QStringLiteral("job.pause"));
    QCOMPARE(pauses.size(), 2);
    QCOMPARE(pauses.at(1).outcome, QStringLiteral("ok"));
    QCOMPARE(pauses.at(0).outcome, QStringLiteral("denied"));
    QCOMPARE(pauses.at(0).detail, QStringLiteral("job.not-active"));
    QCOMPARE(auditFor(QStringLiteral("job.resume")).size(), 2);

    // Rollout options are checked: a pilot device the job does not target.
    const jobs::JobEnvelope other = test::jobsamples::patchJob(m_signers.operatorKey, targets, now);
    QJsonObject bad = test::jobsamples::jobRequest(m_signers.operatorKey, other, targets);
    bad.insert(QStringLiteral("rollout"), QJsonObject{{QStringLiteral("pilot"), QJsonArray{QStringLiteral("dev-9")}}});
    const Response refused = request("POST", QStringLiteral("/api/v1/jobs"), bad, admin);
    QCOMPARE(refused.status, 400);
    QVERIFY2(refused.body.object()
                 .value(QLatin1String("error"))
                 .toObject()
                 .value(QLatin1String("message"))
                 .toString()
                 .contains(QLatin1String("rollout.pilot")),
             refused.body.toJson().constData());
}

// After an automatic pause, a resume lets the rollout go on past the failures the operator saw;
// a new failure pauses it again.
void TestAdminApi::resumeAcceptsTheFailuresSeen()
{
    const QDateTime now = m_clock.now();
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    const QStringList targets{QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")};
    enrol(targets, now);
    uploadOperators(admin);
    const jobs::JobEnvelope envelope = test::jobsamples::patchJob(m_signers.operatorKey, targets, now);
    QJsonObject body = test::jobsamples::jobRequest(m_signers.operatorKey, envelope, targets);
    body.insert(QStringLiteral("rollout"),
                QJsonObject{{QStringLiteral("pauseFailureRatio"), 0.2}, {QStringLiteral("pauseMinimumFinal"), 1}});
    QCOMPARE(request("POST", QStringLiteral("/api/v1/jobs"), body, admin).status, 201);
    const QString path = QStringLiteral("/api/v1/jobs/") + envelope.id;
    const auto stateNow = [&] {
        return request("GET", path, {}, admin).body.object().value(QLatin1String("state")).toString();
    };
    server::JobEvent failed = test::samples::succeededJobEvent(now);
    failed.state = QStringLiteral("failed");
    failed.reason = QStringLiteral("apt.failed");

    m_api->advanceJobs();
    QVERIFY(m_store->jobs.applyEvent(QStringLiteral("dev-1"), 1, envelope.id, failed).ok());
    m_api->advanceJobs();
    QCOMPARE(stateNow(), QStringLiteral("paused")); // 1 of 1 finished failed

    const Response resumed = request("POST", path + QStringLiteral("/resume"), {}, admin);
    QCOMPARE(resumed.status, 200);
    QCOMPARE(resumed.body.object()
                 .value(QLatin1String("rollout"))
                 .toObject()
                 .value(QLatin1String("failuresAccepted"))
                 .toInt(),
             1);
    m_api->advanceJobs();
    QCOMPARE(stateNow(), QStringLiteral("active")); // the same failure does not pause it again

    QVERIFY(m_store->jobs.applyEvent(QStringLiteral("dev-2"), 1, envelope.id, failed).ok());
    m_api->advanceJobs();
    QCOMPARE(stateNow(), QStringLiteral("paused"));
}

void TestAdminApi::jobReadsExpireWhatIsDue()
{
    const QDateTime now = m_clock.now();
    const QString admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    jobs::JobEnvelope envelope;
    deploy({QStringLiteral("dev-1")}, admin, &envelope);
    if (QTest::currentTestFailed()) {
        return;
    }
    // As if a week had passed since; no timer needs to have run for a read to see it.
    QCOMPARE(
        m_fixture.execute(QStringLiteral("UPDATE deployments SET expires_at = %1").arg(now.toSecsSinceEpoch() - 1)),
        QString());

    const Response shown = request("GET", QStringLiteral("/api/v1/jobs/") + envelope.id, {}, admin);
    QCOMPARE(shown.body.object().value(QLatin1String("state")).toString(), QStringLiteral("expired"));
    QCOMPARE(shown.body.object().value(QLatin1String("counts")).toObject(),
             (QJsonObject{{QStringLiteral("expired"), 1}}));
    const Response cancel = request("POST", QStringLiteral("/api/v1/jobs/%1/cancel").arg(envelope.id), {}, admin);
    QCOMPARE(cancel.status, 409);
    QCOMPARE(errorCode(cancel), QStringLiteral("job.final"));
}

QTEST_GUILESS_MAIN(TestAdminApi)
#include "TestAdminApi.moc"
