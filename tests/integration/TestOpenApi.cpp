// SPDX-License-Identifier: GPL-3.0-or-later
// docs/openapi.yaml against the running admin API. Every route is called over real HTTPS on
// loopback, successfully and with the main refusals; every answer is recorded, and
// openapi-check.pl checks them all against the description with JSON::Validator (Debian's
// libjson-validator-perl). A route that answers other than documented, or one the
// description lacks or never sees succeed, fails this test.
#include "Clock.h"
#include "JobSamples.h"
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "TestSite.h"
#include "api/AdminApi.h"
#include "auth/Credentials.h"
#include "store/Repositories.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace steward;
using namespace steward::server;

namespace
{
struct Response {
    int status = 0;
    QJsonValue body; // null when the answer had no body
};

// What openapi-check.pl says about a file of exchanges.
struct CheckResult {
    int exitCode = -1;
    QString output;
};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
}

class TestOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void everyRouteAnswersAsDocumented();
    void checkCatchesWhatTheSpecDoesNotSay_data();
    void checkCatchesWhatTheSpecDoesNotSay();
    void checkCatchesAnInvalidSpec();

private:
    // Sends one request and records the exchange for the check.
    Response call(const QByteArray &verb, const QString &path, const QString &token = {}, const QByteArray &body = {});
    Response send(quint16 port,
                  const QByteArray &verb,
                  const QString &path,
                  const QString &token,
                  const QByteArray &body,
                  bool record = true);
    QString errorCode(const Response &response) const
    {
        return response.body.toObject()
            .value(QLatin1String("error"))
            .toObject()
            .value(QLatin1String("code"))
            .toString();
    }
    QString login(const QString &user, const QString &password);
    void seedDevices();
    CheckResult check(const QByteArray &exchanges, const QString &spec = QStringLiteral(STEWARD_OPENAPI_SPEC));

    void sessions();
    void devices();
    void enrollmentTokens();
    void orgUnits();
    void groups();
    void policies();
    void jobs();
    void audit();
    void users();
    void apiTokens();
    void ownPassword();
    void logout();
    void degradedServer();

    test::TestSite m_site;
    test::StoreFixture m_fixture;
    std::unique_ptr<Repositories> m_store;
    std::unique_ptr<AdminApi> m_api;
    Clock m_clock;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    QJsonArray m_exchanges;
    QString m_admin; // alice's login session
    QString m_helpdesk; // hd's login session
};

void TestOpenApi::initTestCase()
{
    // Refusals are what this test provokes; their warnings would only clutter its output.
    QLoggingCategory::setFilterRules(QStringLiteral("steward.*.warning=false"));
    QVERIFY(m_dir.isValid());
    // The validator's modules, so that a machine without them says what is missing.
    QProcess probe;
    probe.start(
        QStringLiteral(STEWARD_PERL),
        {QStringLiteral("-MJSON::Validator::Schema::OpenAPIv3"), QStringLiteral("-MYAML::XS"), QStringLiteral("-e1")});
    QVERIFY(probe.waitForFinished(30000));
    QVERIFY2(probe.exitCode() == 0,
             qPrintable(QStringLiteral("JSON::Validator is missing: install the Debian packages libjson-validator-perl "
                                       "and libyaml-libyaml-perl "
                                       "(packaging/debian-packages.txt)\n")
                        + QString::fromLocal8Bit(probe.readAllStandardError())));
}

void TestOpenApi::init()
{
    QVERIFY_RESULT(m_fixture.create(Dialect::Sqlite));
    m_store = std::make_unique<Repositories>(m_fixture.database());
    const QDateTime now = m_clock.now();
    QVERIFY_RESULT(test::samples::addApiUsers(m_store->users, now));
    seedDevices();
    AdminApi::Options options;
    options.caFingerprint = m_site.caFingerprint;
    m_api = std::make_unique<AdminApi>(*m_store, m_clock, CompliancePolicy{}, options);
    QVERIFY(m_api->listen(QHostAddress::LocalHost, 0, m_site.server, m_site.caCertificate()).ok());
    m_network.clearAccessCache();
    m_network.clearConnectionCache();
    m_exchanges = QJsonArray();
}

void TestOpenApi::cleanup()
{
    m_api.reset();
    m_store.reset();
    m_fixture.close();
}

// Three devices, so that every nullable field of a device is seen both ways: ws-017 with every
// report section, ws-018 with antivirus definitions and a pending security update (numbers
// where ws-017 has nulls, a compliance reason with a `since`), and one that never reported.
void TestOpenApi::seedDevices()
{
    const QDateTime now = m_clock.now();
    const QByteArray enrolment = credentials::tokenHash(QStringLiteral("enrolment"));
    QVERIFY(m_store->enrolment.addToken(enrolment, 3, now.addSecs(600), QStringLiteral("alice"), now).ok());
    quint64 serial = 5000;
    for (const QString &id : {QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")}) {
        QVERIFY(m_store->enrolment.enrollDevice(enrolment, test::samples::newDevice(id, ++serial), now).ok());
    }

    // ws-017 names itself fully (serial, addresses, users, reboot), so that the summary's
    // nullable and array fields are seen filled as well as empty.
    QCborMap full = test::samples::fullSections();
    full.insert(
        QStringLiteral("os"),
        QCborMap{{QStringLiteral("prettyName"), QStringLiteral("Debian GNU/Linux 12 (bookworm)")},
                 {QStringLiteral("hostname"), QStringLiteral("ws-017")},
                 {QStringLiteral("users"), QCborArray{QCborMap{{QStringLiteral("user"), QStringLiteral("alice")}}}}});
    full.insert(QStringLiteral("hardware"),
                QCborMap{{QStringLiteral("model"), QStringLiteral("ThinkPad T14")},
                         {QStringLiteral("serial"), QStringLiteral("PF3ABC12")}});
    full.insert(QStringLiteral("network"),
                QCborMap{{QStringLiteral("interfaces"),
                          QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("enp3s0")},
                                              {QStringLiteral("type"), QStringLiteral("ethernet")},
                                              {QStringLiteral("virtual"), false},
                                              {QStringLiteral("mac"), QStringLiteral("00:e0:4c:68:01:b2")},
                                              {QStringLiteral("ipv4"), QCborArray{QStringLiteral("192.168.10.21/24")}},
                                              {QStringLiteral("ipv6"), QCborArray{QStringLiteral("fe80::1/64")}}}}}});
    full.insert(QStringLiteral("patches"),
                QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")},
                         {QStringLiteral("pending"), QCborArray()},
                         {QStringLiteral("rebootRequired"), false}});
    full.insert(QStringLiteral("agent"), QCborMap{{QStringLiteral("version"), QStringLiteral("0.1.0")}});
    QVERIFY(m_store->devices.ingestReport(QStringLiteral("dev-1"), 1, full, test::samples::hashesOf(full), now).ok());

    QCborMap partial;
    partial.insert(QStringLiteral("os"), test::samples::osSection(QStringLiteral("ws-018")));
    partial.insert(QStringLiteral("patches"),
                   QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")},
                            {QStringLiteral("pending"),
                             QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                                 {QStringLiteral("security"), true}}}}});
    partial.insert(
        QStringLiteral("antivirus"),
        QCborMap{{QStringLiteral("products"),
                  QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                      {QStringLiteral("realTimeProtection"), true},
                                      {QStringLiteral("definitionsTime"), now.addDays(-40).toSecsSinceEpoch()}}}}});
    QVERIFY(
        m_store->devices.ingestReport(QStringLiteral("dev-2"), 1, partial, test::samples::hashesOf(partial), now).ok());
}

Response TestOpenApi::call(const QByteArray &verb, const QString &path, const QString &token, const QByteArray &body)
{
    return send(m_api->port(), verb, path, token, body);
}

Response TestOpenApi::send(quint16 port,
                           const QByteArray &verb,
                           const QString &path,
                           const QString &token,
                           const QByteArray &body,
                           bool record)
{
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setSslConfiguration(tls::apiClient({m_site.caCertificate()}));
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000)) {
        reply->abort();
        reply->deleteLater();
        return Response{};
    }
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray raw = reply->readAll();
    QJsonObject exchange{{QStringLiteral("method"), QString::fromLatin1(verb)},
                         {QStringLiteral("path"), path},
                         {QStringLiteral("status"), response.status}};
    QJsonObject headers;
    for (const auto &[name, value] : reply->rawHeaderPairs()) {
        headers.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    }
    exchange.insert(QStringLiteral("headers"), headers);
    if (raw.isEmpty()) {
        response.body = QJsonValue(QJsonValue::Null);
        exchange.insert(QStringLiteral("body"), QJsonValue(QJsonValue::Null));
    } else {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(raw, &error);
        if (error.error == QJsonParseError::NoError) {
            response.body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
            exchange.insert(QStringLiteral("body"), response.body);
        } else {
            exchange.insert(QStringLiteral("body"), QString::fromUtf8(raw.left(1000)));
            exchange.insert(QStringLiteral("bodyNotJson"), true);
        }
    }
    const QJsonDocument sent = QJsonDocument::fromJson(body);
    if (sent.isObject()) {
        exchange.insert(QStringLiteral("request"), sent.object());
    }
    if (record) {
        m_exchanges.append(exchange);
    }
    reply->deleteLater();
    return response;
}

QString TestOpenApi::login(const QString &user, const QString &password)
{
    const Response response = call("POST",
                                   QStringLiteral("/api/v1/login"),
                                   {},
                                   json({{QStringLiteral("user"), user}, {QStringLiteral("password"), password}}));
    return response.status == 200 ? response.body.toObject().value(QLatin1String("token")).toString() : QString();
}

CheckResult TestOpenApi::check(const QByteArray &exchanges, const QString &spec)
{
    static int counter = 0;
    QFile file(m_dir.filePath(QStringLiteral("exchanges-%1.json").arg(++counter)));
    if (!file.open(QIODevice::WriteOnly) || file.write(exchanges) != exchanges.size()) {
        return CheckResult{-1, QStringLiteral("cannot write %1").arg(file.fileName())};
    }
    file.close();
    QProcess perl;
    perl.setProcessChannelMode(QProcess::MergedChannels);
    perl.start(QStringLiteral(STEWARD_PERL), {QStringLiteral(STEWARD_OPENAPI_CHECK), spec, file.fileName()});
    if (!perl.waitForFinished(60000)) {
        perl.kill();
        perl.waitForFinished();
        return CheckResult{-1, QStringLiteral("openapi-check.pl did not finish: ") + QString::fromUtf8(perl.readAll())};
    }
    return CheckResult{perl.exitStatus() == QProcess::NormalExit ? perl.exitCode() : -1,
                       QString::fromUtf8(perl.readAll())};
}

void TestOpenApi::sessions()
{
    m_admin = login(QStringLiteral("alice"), QStringLiteral("alice-password"));
    QVERIFY(!m_admin.isEmpty());
    m_helpdesk = login(QStringLiteral("hd"), QStringLiteral("hd-password"));
    QVERIFY(!m_helpdesk.isEmpty());
    const QString login = QStringLiteral("/api/v1/login");
    QCOMPARE(call("POST", login, {}, R"({"user": "alice", "password": "wrong password"})").status, 401);
    QCOMPARE(call("POST", login, {}, "{not json").status, 400);
    QCOMPARE(call("POST", login, {}, R"({"user": "alice", "password": "alice-password", "remember": true})").status,
             400);
    const Response tooLarge =
        call("POST", login, {}, R"({"user": "alice", "password": ")" + QByteArray(1024 * 1024, 'x') + R"("})");
    QCOMPARE(tooLarge.status, 413);
    QCOMPARE(errorCode(tooLarge), QStringLiteral("request.too-large"));

    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices")).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices"), QStringLiteral("not-a-session")).status, 401);
    // What the description says of paths and methods the API does not have; not an operation.
    const Response unknown = send(m_api->port(), "GET", QStringLiteral("/api/v1/gadgets"), m_admin, {}, false);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(errorCode(unknown), QStringLiteral("request.unknown-route"));
    QCOMPARE(send(m_api->port(), "GET", QStringLiteral("/api/v1/login"), {}, {}, false).status, 404);
}

void TestOpenApi::devices()
{
    const Response listed = call("GET", QStringLiteral("/api/v1/devices"), m_admin);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body.toArray().size(), 3);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices"), m_helpdesk).status, 200);
    const Response detail = call("GET", QStringLiteral("/api/v1/devices/dev-1"), m_helpdesk);
    QCOMPARE(detail.status, 200);
    for (const QString &section : protocol::reportSectionNames()) {
        QVERIFY2(!detail.body.toObject().value(section).isNull(), qPrintable(section)); // real sections, not nulls
    }
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/dev-2"), m_admin).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/dev-3"), m_admin).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/no-such-device"), m_admin).status, 404);

    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/dev-3/revoke"), m_helpdesk).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/dev-3/revoke"), m_admin).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/no-such-device/revoke"), m_admin).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/dev-3/retire"), m_helpdesk).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/dev-3/retire"), m_admin, R"({"reason": "scrapped"})").status,
             200);
    QCOMPARE(errorCode(call("POST", QStringLiteral("/api/v1/devices/dev-3/retire"), m_admin)),
             QStringLiteral("device.retired"));
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/no-such-device/retire"), m_admin).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/dev-3/retire"), m_admin, R"({"why": "x"})").status, 400);
    const Response retiredDevice = call("GET", QStringLiteral("/api/v1/devices/dev-3"), m_admin);
    QCOMPARE(retiredDevice.body.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("retired"));

    QCOMPARE(call("DELETE", QStringLiteral("/api/v1/devices/dev-3"), m_helpdesk).status, 403);
    const Response notRevoked = call("DELETE", QStringLiteral("/api/v1/devices/dev-2"), m_admin);
    QCOMPARE(notRevoked.status, 409);
    QCOMPARE(errorCode(notRevoked), QStringLiteral("device.not-revoked"));
    QCOMPARE(call("DELETE", QStringLiteral("/api/v1/devices/dev-3"), m_admin).status, 204);
    QCOMPARE(call("DELETE", QStringLiteral("/api/v1/devices/dev-3"), m_admin).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/dev-3"), m_admin).status, 404);
}

void TestOpenApi::enrollmentTokens()
{
    const QString tokens = QStringLiteral("/api/v1/enrollment-tokens");
    QCOMPARE(call("POST", tokens, m_admin).status, 201);
    QCOMPARE(call("POST", tokens, m_admin, R"({"uses": 3, "ttlSeconds": 600})").status, 201);
    QCOMPARE(call("POST", tokens, m_admin, R"({"uses": 0})").status, 400);
    QCOMPARE(call("POST", tokens, m_admin, R"({"uses": "5"})").status, 400);
    QCOMPARE(call("POST", tokens, m_helpdesk, R"({"uses": 1})").status, 403);
}

void TestOpenApi::orgUnits()
{
    const QString search = QStringLiteral("/api/v1/search?q=");
    const Response found = call("GET", search + QStringLiteral("dev-1"), m_helpdesk);
    QCOMPARE(found.status, 200);
    QCOMPARE(found.body.toArray().size(), 1);
    QCOMPARE(call("GET", search + QStringLiteral("no-such-thing&limit=5"), m_admin).body.toArray().size(), 0);
    const Response byName = call("GET", search + QStringLiteral("WS-0"), m_admin);
    QVERIFY(!byName.body.toArray().isEmpty());
    QCOMPARE(byName.body.toArray().first().toObject().value(QLatin1String("matched")).toArray().first().toString(),
             QStringLiteral("hostname"));
    QCOMPARE(call("GET", search, m_admin).status, 400);
    QCOMPARE(call("GET", search + QStringLiteral("x&limit=0"), m_admin).status, 400);

    const QString units = QStringLiteral("/api/v1/org-units");
    const Response created = call("POST", units, m_admin, R"({"path": "Ministry of Health"})");
    QCOMPARE(created.status, 201);
    QCOMPARE(call("POST", units, m_admin, R"({"path": "Ministry of Health/Maseru District"})").status, 201);
    QCOMPARE(call("POST", units, m_admin, R"({"path": "Ministry of Health"})").status, 409);
    QCOMPARE(call("POST", units, m_admin, R"({"path": "Ministry of Helth/Maseru"})").status, 404);
    QCOMPARE(call("POST", units, m_admin, R"({"path": "A/../B"})").status, 400);
    QCOMPARE(call("POST", units, m_admin, R"({"name": "A"})").status, 400);
    QCOMPARE(call("POST", units, m_helpdesk, R"({"path": "B"})").status, 403);

    const QString move = QStringLiteral("/api/v1/devices/dev-1/move");
    QCOMPARE(call("POST", move, m_admin, R"({"orgUnit": "Ministry of Health/Maseru District"})").status, 200);
    QCOMPARE(call("POST", move, m_admin, R"({"orgUnit": "Nowhere"})").status, 400);
    QCOMPARE(call("POST", move, m_helpdesk, R"({"orgUnit": "/"})").status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/devices/no-such-device/move"), m_admin, R"({"orgUnit": "/"})").status,
             404);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/enrollment-tokens"), m_admin, R"({"orgUnit": "Ministry of Health"})")
                 .status,
             201);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/enrollment-tokens"), m_admin, R"({"orgUnit": "Nowhere"})").status,
             400);

    const Response listed = call("GET", units, m_helpdesk);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body.toArray().size(), 3);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/dev-1"), m_admin).status, 200);
    const QString health =
        units + QLatin1Char('/') + QString::number(created.body.toObject().value(QStringLiteral("id")).toInteger());
    QCOMPARE(call("DELETE", health, m_helpdesk).status, 403);
    QCOMPARE(call("DELETE", health, m_admin).status, 409);
    QCOMPARE(call("DELETE", units + QStringLiteral("/1"), m_admin).status, 409);
    QCOMPARE(call("DELETE", units + QStringLiteral("/999"), m_admin).status, 404);
    QCOMPARE(call("POST", units, m_admin, R"({"path": "Empty"})").status, 201);
    const Response again = call("GET", units, m_admin);
    for (const QJsonValue &unit : again.body.toArray()) {
        if (unit.toObject().value(QStringLiteral("path")) == QLatin1String("Empty")) {
            QCOMPARE(call("DELETE",
                          units + QLatin1Char('/')
                              + QString::number(unit.toObject().value(QStringLiteral("id")).toInteger()),
                          m_admin)
                         .status,
                     204);
        }
    }
}

void TestOpenApi::groups()
{
    const QString groups = QStringLiteral("/api/v1/groups");
    const Response pilot = call("POST", groups, m_admin, R"({"name": "Pilot ring", "description": "first to patch"})");
    QCOMPARE(pilot.status, 201);
    QCOMPARE(pilot.body.toObject().value(QStringLiteral("members")).toArray().size(), 0);
    const Response query =
        call("POST", groups, m_admin, R"({"name": "bookworm", "query": "os.name ~ '*' or hostname ~ '*'"})");
    QCOMPARE(query.status, 201);
    QCOMPARE(query.body.toObject().value(QStringLiteral("matchesEveryDevice")).toBool(), true);
    QCOMPARE(call("POST", groups, m_admin, R"({"name": "Pilot ring"})").status, 409);
    const Response syntax = call("POST", groups, m_admin, R"({"name": "bad", "query": "os.name debian"})");
    QCOMPARE(syntax.status, 400);
    QCOMPARE(errorCode(syntax), QStringLiteral("group.query-syntax"));
    QCOMPARE(errorCode(call("POST", groups, m_admin, R"({"name": "bad", "query": "os.nmae = x"})")),
             QStringLiteral("group.query-field"));
    QCOMPARE(errorCode(call("POST", groups, m_admin, R"({"name": "bad", "query": "ou = Nowhere"})")),
             QStringLiteral("org-unit.unknown"));
    QCOMPARE(errorCode(call("POST", groups, m_admin, R"({"name": "a/b"})")), QStringLiteral("group.invalid-name"));
    QCOMPARE(call("POST", groups, m_helpdesk, R"({"name": "mine"})").status, 403);

    const QString members = groups + QStringLiteral("/Pilot%20ring/members");
    const Response added = call("POST", members, m_admin, R"({"add": ["dev-1", "dev-2"]})");
    QCOMPARE(added.status, 200);
    QCOMPARE(added.body.toObject().value(QStringLiteral("members")).toArray().size(), 2);
    QCOMPARE(call("POST", members, m_admin, R"({"remove": ["dev-2"]})").status, 200);
    QCOMPARE(errorCode(call("POST", members, m_admin, R"({"add": ["no-such-device"]})")),
             QStringLiteral("device.unknown"));
    QCOMPARE(call("POST", members, m_admin, R"({})").status, 400);
    QCOMPARE(call("POST", members, m_helpdesk, R"({"add": ["dev-1"]})").status, 403);
    QCOMPARE(call("POST", groups + QStringLiteral("/bookworm/members"), m_admin, R"({"add": ["dev-1"]})").status, 409);
    QCOMPARE(call("POST", groups + QStringLiteral("/nope/members"), m_admin, R"({"add": ["dev-1"]})").status, 404);

    const Response listed = call("GET", groups, m_helpdesk);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body.toArray().size(), 2);
    const Response shown = call("GET", groups + QStringLiteral("/Pilot%20ring"), m_helpdesk);
    QCOMPARE(shown.status, 200);
    QCOMPARE(shown.body.toObject().value(QStringLiteral("members")).toArray(), QJsonArray{QStringLiteral("dev-1")});
    QCOMPARE(call("GET", groups + QStringLiteral("/nope"), m_helpdesk).status, 404);

    const Response selected = call("GET", QStringLiteral("/api/v1/query?q=id%20%3D%20dev-2"), m_helpdesk);
    QCOMPARE(selected.status, 200);
    QCOMPARE(selected.body.toObject().value(QStringLiteral("members")).toArray(), QJsonArray{QStringLiteral("dev-2")});
    QCOMPARE(call("GET", QStringLiteral("/api/v1/query?q=id%20%3C%20x"), m_helpdesk).status, 400);

    QCOMPARE(call("DELETE", groups + QStringLiteral("/bookworm"), m_helpdesk).status, 403);
    QCOMPARE(call("DELETE", groups + QStringLiteral("/bookworm"), m_admin).status, 204);
    QCOMPARE(call("DELETE", groups + QStringLiteral("/bookworm"), m_admin).status, 404);
}

void TestOpenApi::policies()
{
    const QString policies = QStringLiteral("/api/v1/policies");
    const QString health = policies + QStringLiteral("?orgUnit=Ministry%20of%20Health");
    const Response before = call("GET", health, m_helpdesk);
    QCOMPARE(before.status, 200);
    const Response changed = call(
        "POST",
        policies,
        m_admin,
        R"({"orgUnit": "Ministry of Health", "set": {"antivirus.definitions-max-age": "7d", "software.required": "clamav"}})");
    QCOMPARE(changed.status, 200);
    QCOMPARE(
        call("POST", policies, m_admin, R"({"orgUnit": "Ministry of Health", "unset": ["software.required"]})").status,
        200);
    QCOMPARE(errorCode(call("POST", policies, m_admin, R"({"orgUnit": "/", "set": {"antivirus.max-age": "7d"}})")),
             QStringLiteral("policy.unknown-rule"));
    QCOMPARE(errorCode(call("POST", policies, m_admin, R"({"orgUnit": "/", "set": {"contact.max-age": "soon"}})")),
             QStringLiteral("policy.invalid-value"));
    QCOMPARE(call("POST", policies, m_admin, R"({"orgUnit": "/"})").status, 400);
    QCOMPARE(call("POST", policies, m_admin, R"({"orgUnit": "Nowhere", "set": {"contact.max-age": "2d"}})").status,
             404);
    QCOMPARE(call("POST", policies, m_helpdesk, R"({"orgUnit": "/", "set": {"contact.max-age": "2d"}})").status, 403);
    QCOMPARE(call("GET", policies + QStringLiteral("?orgUnit=Nowhere"), m_helpdesk).status, 404);
    QCOMPARE(call("GET", policies + QStringLiteral("?orgUnit=a/../b"), m_helpdesk).status, 400);
    // A device of the unit now fails by the unit's rule, and says so.
    const Response device = call("GET", QStringLiteral("/api/v1/devices/dev-1"), m_admin);
    QCOMPARE(device.status, 200);
}

// Operator lists and jobs, signed with real keys; a device job with every result field filled,
// so that their nullable shapes are seen both ways.
void TestOpenApi::jobs()
{
    namespace samples = test::jobsamples;
    const samples::Signers signers;
    const QDateTime now = m_clock.now();
    const QString operators = QStringLiteral("/api/v1/signing/operators");
    const QString jobs = QStringLiteral("/api/v1/jobs");
    const QStringList targets{QStringLiteral("dev-1"), QStringLiteral("dev-2")};
    const jobs::JobEnvelope envelope = samples::patchJob(signers.operatorKey, targets, now);
    const QByteArray job = json(samples::jobRequest(signers.operatorKey, envelope, targets));

    QCOMPARE(call("GET", operators, m_helpdesk).status, 404);
    QCOMPARE(errorCode(call("POST", jobs, m_admin, job)), QStringLiteral("signing.none"));
    const QByteArray list = json(samples::signedJson(signers.root, samples::operatorList(signers, 2, now).encode()));
    QCOMPARE(call("PUT", operators, m_helpdesk, list).status, 403);
    QCOMPARE(call("PUT",
                  operators,
                  m_admin,
                  json(samples::signedJson(signers.operatorKey, samples::operatorList(signers, 2, now).encode())))
                 .status,
             400);
    QCOMPARE(call("PUT", operators, m_admin, R"({"document": "%%%"})").status, 400);
    QCOMPARE(call("PUT", operators, m_admin, list).status, 200);
    QCOMPARE(call("PUT", operators, m_admin, list).status, 409);
    QCOMPARE(call("GET", operators, m_helpdesk).status, 200);
    const Response token = call("POST", QStringLiteral("/api/v1/enrollment-tokens"), m_admin);
    QCOMPARE(token.body.toObject().value(QLatin1String("jobRootFingerprint")).toString(),
             jobs::fingerprint(signers.root.publicKey));

    QCOMPARE(call("POST", jobs, m_helpdesk, job).status, 403);
    QCOMPARE(
        call("POST", jobs, m_admin, json(samples::jobRequest(signers.operatorKey, envelope, {QStringLiteral("dev-1")})))
            .status,
        400);
    QCOMPARE(call("POST", jobs, m_admin, R"({"targets": []})").status, 400);
    QCOMPARE(call("POST", jobs, m_admin, job).status, 201);
    QCOMPARE(errorCode(call("POST", jobs, m_admin, job)), QStringLiteral("job.exists"));

    server::JobEvent done = test::samples::succeededJobEvent(now);
    done.reason = QStringLiteral("installed");
    QVERIFY(m_store->jobs.applyEvent(QStringLiteral("dev-1"), 1, envelope.id, done).ok());

    QCOMPARE(call("GET", jobs, m_helpdesk).status, 200);
    QCOMPARE(call("GET", jobs + QLatin1Char('/') + envelope.id, m_helpdesk).status, 200);
    QCOMPARE(call("GET", jobs + QStringLiteral("/no-such-job"), m_helpdesk).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/dev-1/jobs"), m_helpdesk).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices/no-such-device/jobs"), m_helpdesk).status, 404);

    const QString pause = jobs + QLatin1Char('/') + envelope.id + QStringLiteral("/pause");
    const QString resume = jobs + QLatin1Char('/') + envelope.id + QStringLiteral("/resume");
    QCOMPARE(call("POST", pause, m_helpdesk).status, 403);
    QCOMPARE(call("POST", resume, m_admin).status, 409);
    QCOMPARE(call("POST", pause, m_admin).status, 200);
    QCOMPARE(call("POST", pause, m_admin).status, 409);
    QCOMPARE(call("POST", resume, m_admin).status, 200);
    QCOMPARE(call("POST", jobs + QStringLiteral("/no-such-job/pause"), m_admin).status, 404);

    const QString cancel = jobs + QLatin1Char('/') + envelope.id + QStringLiteral("/cancel");
    QCOMPARE(call("POST", cancel, m_helpdesk).status, 403);
    QCOMPARE(call("POST", cancel, m_admin).status, 200);
    QCOMPARE(call("POST", cancel, m_admin).status, 409);
    QCOMPARE(call("POST", jobs + QStringLiteral("/no-such-job/cancel"), m_admin).status, 404);
    QCOMPARE(call("GET", jobs + QLatin1Char('/') + envelope.id, m_admin).status, 200); // cancelled, seen so
}

void TestOpenApi::audit()
{
    QCOMPARE(call("GET", QStringLiteral("/api/v1/audit"), m_admin).status, 200);
    const Response five = call("GET", QStringLiteral("/api/v1/audit?limit=5"), m_admin);
    QCOMPARE(five.status, 200);
    QCOMPARE(five.body.toArray().size(), 5);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/audit?limit=0"), m_admin).status, 400);
    const Response filtered = call("GET",
                                   QStringLiteral("/api/v1/audit?actor=alice&action=device.*&target=dev-3&outcome=ok"
                                                  "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&before=100000"
                                                  "&limit=5"),
                                   m_admin);
    QCOMPARE(filtered.status, 200);
    QVERIFY(!filtered.body.toArray().isEmpty()); // the revocation and deletion of dev-3
    QCOMPARE(call("GET", QStringLiteral("/api/v1/audit?action=device.revoke&before=1"), m_admin).status, 200);
    for (const char *query : {"before=0", "action=dev*ce", "outcome=maybe", "from=yesterday", "actor="}) {
        QCOMPARE(call("GET", QStringLiteral("/api/v1/audit?") + QLatin1String(query), m_admin).status, 400);
    }
    QCOMPARE(call("GET", QStringLiteral("/api/v1/audit"), m_helpdesk).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/audit/verify"), m_admin).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/audit/verify"), m_helpdesk).status, 403);
}

void TestOpenApi::users()
{
    const QString users = QStringLiteral("/api/v1/users");
    QCOMPARE(call("GET", users, m_admin).status, 200);
    QCOMPARE(call("GET", users, m_helpdesk).status, 403);
    const QByteArray bob = R"({"name": "bob", "role": "helpdesk", "password": "correct horse battery"})";
    QCOMPARE(call("POST", users, m_admin, bob).status, 201);
    const Response duplicate = call("POST", users, m_admin, bob);
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(errorCode(duplicate), QStringLiteral("user.exists"));
    const Response weak = call("POST", users, m_admin, R"({"name": "carol", "role": "helpdesk", "password": "short"})");
    QCOMPARE(weak.status, 400);
    QCOMPARE(errorCode(weak), QStringLiteral("password.weak"));
    QCOMPARE(call("POST", users, m_admin, R"({"name": "carol", "role": "root", "password": "correct horse battery"})")
                 .status,
             400);
    QCOMPARE(call("POST", users, m_helpdesk, bob).status, 403);

    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/bob/disable"), m_admin).status, 200);
    const Response self = call("POST", QStringLiteral("/api/v1/users/alice/disable"), m_admin);
    QCOMPARE(self.status, 409);
    QCOMPARE(errorCode(self), QStringLiteral("user.self"));
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/nobody/disable"), m_admin).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/bob/disable"), m_helpdesk).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/bob/enable"), m_admin).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/nobody/enable"), m_admin).status, 404);

    const QByteArray password = R"({"password": "a new long passphrase"})";
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/bob/password"), m_admin, password).status, 204);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/nobody/password"), m_admin, password).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/bob/password"), m_admin, R"({"password": "tiny"})").status,
             400);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/users/bob/password"), m_helpdesk, password).status, 403);
}

void TestOpenApi::apiTokens()
{
    const QString tokens = QStringLiteral("/api/v1/api-tokens");
    const Response created = call("POST", tokens, m_admin, R"({"name": "nightly export"})");
    QCOMPARE(created.status, 201);
    const QString secret = created.body.toObject().value(QLatin1String("token")).toString();
    const QString id = created.body.toObject().value(QLatin1String("id")).toString();
    QCOMPARE(call("POST", tokens, m_admin, R"({"name": "read-only", "ttlSeconds": 3600, "role": "helpdesk"})").status,
             201);
    QCOMPARE(call("POST", tokens, m_helpdesk, R"({"name": "escalate", "role": "admin"})").status, 403);
    QCOMPARE(call("POST", tokens, m_admin, R"({"ttlSeconds": 3600})").status, 400);

    // The token as a bearer: it reads like its owner, but mints no tokens and is not logged out.
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices"), secret).status, 200);
    QCOMPARE(call("POST", tokens, secret, R"({"name": "child"})").status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/logout"), secret).status, 400);
    const Response changeWithToken =
        call("POST",
             QStringLiteral("/api/v1/account/password"),
             secret,
             R"({"currentPassword": "alice-password", "newPassword": "a much longer password"})");
    QCOMPARE(changeWithToken.status, 403);
    QCOMPARE(errorCode(changeWithToken), QStringLiteral("auth.forbidden"));

    const Response listed = call("GET", tokens, m_admin);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.body.toArray().size(), 2);
    QCOMPARE(call("GET", tokens, m_helpdesk).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/api-tokens/%1/revoke").arg(id), m_helpdesk).status,
             404); // someone else's
    QCOMPARE(call("POST", QStringLiteral("/api/v1/api-tokens/%1/revoke").arg(id), m_admin).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/api-tokens/no-such-token/revoke"), m_admin).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices"), secret).status, 401);
}

void TestOpenApi::ownPassword()
{
    const QString path = QStringLiteral("/api/v1/account/password");
    const Response wrong =
        call("POST", path, m_helpdesk, R"({"currentPassword": "wrong", "newPassword": "my new long password"})");
    QCOMPARE(wrong.status, 403);
    QCOMPARE(errorCode(wrong), QStringLiteral("auth.invalid"));
    QCOMPARE(call("POST", path, m_helpdesk, R"({"currentPassword": "hd-password", "newPassword": "tiny"})").status,
             400);
    QCOMPARE(call("POST", path, m_helpdesk, R"({"currentPassword": "hd-password"})").status, 400);
    QCOMPARE(
        call("POST", path, m_helpdesk, R"({"currentPassword": "hd-password", "newPassword": "my new long password"})")
            .status,
        204);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices"), m_helpdesk).status, 401);
}

void TestOpenApi::logout()
{
    QCOMPARE(call("POST", QStringLiteral("/api/v1/logout"), m_admin).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/devices"), m_admin).status, 401);
}

// The answers of a server in trouble: a login throttle that admits no one (429), and a
// database whose directory is gone, so that the API's worker threads cannot open it (503; the
// test fixture's own connection was opened before).
void TestOpenApi::degradedServer()
{
    test::StoreFixture gone;
    QVERIFY_RESULT(gone.create(Dialect::Sqlite));
    Repositories store(gone.database());
    QVERIFY(QDir(QFileInfo(gone.url().path).absolutePath()).removeRecursively());
    AdminApi::Options options;
    options.caFingerprint = m_site.caFingerprint;
    options.loginLimits.maxInFlightPerSource = 0;
    AdminApi api(store, m_clock, CompliancePolicy{}, options);
    QVERIFY(api.listen(QHostAddress::LocalHost, 0, m_site.server, m_site.caCertificate()).ok());

    const Response busy = send(api.port(),
                               "POST",
                               QStringLiteral("/api/v1/login"),
                               {},
                               R"({"user": "alice", "password": "alice-password"})");
    QCOMPARE(busy.status, 429);
    QCOMPARE(errorCode(busy), QStringLiteral("auth.busy"));
    QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::prepare: database not open");
    const Response unavailable = send(api.port(), "GET", QStringLiteral("/api/v1/devices"), m_admin, {});
    QCOMPARE(unavailable.status, 503);
    QCOMPARE(errorCode(unavailable), QStringLiteral("server.unavailable"));
}

void TestOpenApi::everyRouteAnswersAsDocumented()
{
    // In order: logging in first, the own password and logging out last, as they end sessions.
    for (void (TestOpenApi::*step)() : {&TestOpenApi::sessions,
                                        &TestOpenApi::devices,
                                        &TestOpenApi::enrollmentTokens,
                                        &TestOpenApi::orgUnits,
                                        &TestOpenApi::groups,
                                        &TestOpenApi::policies,
                                        &TestOpenApi::jobs,
                                        &TestOpenApi::audit,
                                        &TestOpenApi::users,
                                        &TestOpenApi::apiTokens,
                                        &TestOpenApi::ownPassword,
                                        &TestOpenApi::logout,
                                        &TestOpenApi::degradedServer}) {
        (this->*step)();
        if (QTest::currentTestFailed()) {
            return;
        }
    }

    const CheckResult result = check(QJsonDocument(m_exchanges).toJson());
    qInfo().noquote() << result.output.trimmed();
    if (result.exitCode != 0) {
        m_dir.setAutoRemove(false); // the recorded exchanges, to look at
        qInfo().noquote() << "exchanges kept in" << m_dir.path();
    }
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.output.startsWith(QLatin1String("OK ")), qPrintable(result.output));
}

void TestOpenApi::checkCatchesWhatTheSpecDoesNotSay_data()
{
    QTest::addColumn<QByteArray>("exchanges");
    QTest::addColumn<QString>("complaint");

    const QByteArray summary =
        R"json({"id": "dev-1", "hostname": "ws-017", "os": "Debian GNU/Linux 12 (bookworm)", "lastSeen": "2024-05-01T12:00:00Z",
        "pendingUpdates": 0, "securityUpdates": 0, "antivirus": null, "definitionsAgeDays": null, "antivirusReported": true,
        "revoked": false, "state": "reporting", "compliant": false, "serial": null, "model": "X1", "ipAddresses": ["10.0.0.7"],
        "macAddresses": [], "loggedInUsers": [], "agentVersion": null, "rebootRequired": null})json";
    const auto devices = [](const QByteArray &body, int status = 200) -> QByteArray {
        return R"([{"method": "GET", "path": "/api/v1/devices", "status": )" + QByteArray::number(status)
            + R"(, "body": [)" + body + "]}]";
    };
    QByteArray withoutHostname = summary;
    withoutHostname.replace(R"("hostname": "ws-017", )", "");
    QByteArray stringCount = summary;
    stringCount.replace(R"("pendingUpdates": 0)", R"("pendingUpdates": "0")");
    QByteArray localTime = summary;
    localTime.replace("12:00:00Z", "12:00:00");
    QByteArray extraField = summary;
    extraField.replace(R"("id": "dev-1")", R"("id": "dev-1", "owner": "alice")");

    QTest::newRow("a documented answer, but no operation ever succeeded")
        << devices(summary) << QStringLiteral("no successful (2xx) exchange for POST /api/v1/login");
    QTest::newRow("summary without hostname") << devices(withoutHostname) << QStringLiteral("/body/0/hostname");
    QTest::newRow("a count as a string") << devices(stringCount) << QStringLiteral("/body/0/pendingUpdates");
    QTest::newRow("a local time") << devices(localTime) << QStringLiteral("/body/0/lastSeen");
    QTest::newRow("an undocumented field") << devices(extraField) << QStringLiteral("owner");
    QTest::newRow("an undocumented status") << QByteArray(
        R"([{"method": "GET", "path": "/api/v1/devices", "status": 418, "body": {"error": {"code": "teapot", "message": "short and stout"}}}])")
                                            << QStringLiteral("status 418 is not documented");
    QTest::newRow("an unknown path") << QByteArray(
        R"([{"method": "GET", "path": "/api/v1/gadgets", "status": 200, "body": []}])")
                                     << QStringLiteral("no operation in the description for GET /api/v1/gadgets");
    QTest::newRow("an unknown method") << QByteArray(
        R"([{"method": "DELETE", "path": "/api/v1/devices/dev-1/revoke", "status": 200, "body": null}])")
                                       << QStringLiteral("(the path has: POST)");
    QByteArray addressAsNumber = summary;
    addressAsNumber.replace(R"(["10.0.0.7"])", "[10]");
    QTest::newRow("an address that is no string")
        << devices(addressAsNumber) << QStringLiteral("/body/0/ipAddresses/0");
    QTest::newRow("another error code") << QByteArray(
        R"([{"method": "GET", "path": "/api/v1/devices/dev-9", "status": 404, "body": {"error": {"code": "user.unknown", "message": "no"}}}])")
                                        << QStringLiteral("/body/error/code");
    QTest::newRow("503 without Retry-After") << QByteArray(
        R"([{"method": "GET", "path": "/api/v1/devices", "status": 503, "headers": {"Content-Type": "application/json"},
                          "body": {"error": {"code": "server.unavailable", "message": "later"}}}])")
                                             << QStringLiteral("Retry-After");
    QTest::newRow("a body where none is documented")
        << QByteArray(R"([{"method": "POST", "path": "/api/v1/logout", "status": 204, "body": {"ok": true}}])")
        << QStringLiteral("says it has none");
    QTest::newRow("no body where one is documented")
        << QByteArray(R"([{"method": "POST", "path": "/api/v1/users/bob/enable", "status": 200, "body": null}])")
        << QStringLiteral("the response has no body");
    QTest::newRow("a request the description does not allow")
        << QByteArray(R"([{"method": "POST", "path": "/api/v1/enrollment-tokens", "status": 201, "request": {"uses": 0},
                          "body": {"token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "caFingerprint": ")"
                      + QByteArray(64, 'a') + R"(", "uses": 1, "expiresAt": "2024-05-01T12:00:00Z"}}])")
        << QStringLiteral("the server accepted a request the description does not allow: /body/uses");
    QTest::newRow("another permission checked")
        << QByteArray(R"json([{"method": "GET", "path": "/api/v1/audit", "status": 403,
                          "body": {"error": {"code": "auth.forbidden", "message": "your role (helpdesk) may not do this (users.read)"}}}])json")
        << QStringLiteral("the server checked permission 'users.read', the description says 'audit.read'");
}

void TestOpenApi::checkCatchesWhatTheSpecDoesNotSay()
{
    QFETCH(QByteArray, exchanges);
    QFETCH(QString, complaint);
    const CheckResult result = check(exchanges);
    QVERIFY2(result.exitCode == 1, qPrintable(QString::number(result.exitCode) + QLatin1Char('\n') + result.output));
    QVERIFY2(result.output.contains(complaint), qPrintable(result.output));
}

void TestOpenApi::checkCatchesAnInvalidSpec()
{
    QFile original(QStringLiteral(STEWARD_OPENAPI_SPEC));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray spec = original.readAll();
    QVERIFY(spec.contains("          type: boolean\n"));
    spec.replace("          type: boolean\n", "          type: bool\n");
    QFile broken(m_dir.filePath(QStringLiteral("broken.yaml")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    QCOMPARE(broken.write(spec), spec.size());
    broken.close();
    const CheckResult result = check("[]", broken.fileName());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.output.contains(QLatin1String("is not a valid OpenAPI 3.0 document")), qPrintable(result.output));
}

QTEST_GUILESS_MAIN(TestOpenApi)
#include "TestOpenApi.moc"
