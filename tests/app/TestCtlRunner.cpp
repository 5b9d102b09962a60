// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlRunner.h"
#include "CtlSigning.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"
#include "TestSite.h"
#include "TlsConfig.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/Merkle.h"
#include "jobs/OperatorList.h"
#include "jobs/Receipt.h"

#include <QCborValue>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

using steward::app::CtlRunner;
using steward::app::test::FakeAdminServer;
using steward::test::TestSite;

// stewardctl end to end against the loopback HTTPS fake: exit status, stdout, stderr.
class TestCtlRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void commands_data();
    void commands();
    void jsonIsTheApiAnswerVerbatim();
    void deviceDelete();
    void auditFiltersReachTheServer();
    void accounts_data();
    void accounts();
    void newPasswordNeverShows();
    void helpdeskIsRefused();
    void apiTokenIsShownOnlyWhenCreated();
    void tokenFileSkipsLoginAndLogout();
    void tokenFileMustBePrivate();
    void revokedTokenIsRefused();
    void auditVerify();
    void jsonErrors_data();
    void jsonErrors();
    void unavailableIsNotAWrongPassword();
    void readPassword_data();
    void readPassword();
    void readToken_data();
    void readToken();

    // Signed jobs.
    void createRoot();
    void createRootNeverOverwrites();
    void createRootEncrypted();
    void addOperatorRoundTrip();
    void addOperatorRefusesAnotherRoot();
    void addOperatorChecksBeforeTheServer_data();
    void addOperatorChecksBeforeTheServer();
    void addOperatorRefusedKeepsNoKey();
    void signingOperators();
    void tokenCreateShowsTheJobRoot();
    void jobCreate();
    void jobCreateDefaults();
    void jobCreateChecksBeforeSending_data();
    void jobCreateChecksBeforeSending();
    void jobsList();
    void jobShow();
    void jobReceipts();
    void jobCancel();
    void jobWaitFinished();
    void jobWaitPolls();
    void jobWaitTimesOut();
    void jobUnknown();

private:
    // An operator key file, encrypted with `passphrase` when given; its key.
    steward::jobs::SigningKey writeOperatorKey(const QString &name, const QByteArray &passphrase = {});
    // The last request's body, as JSON.
    QJsonObject lastBody(const QString &request) const;
    int run(const QStringList &arguments, const QByteArray &password = QByteArrayLiteral("secret\n"));
    QString writeFile(const QString &name,
                      const QByteArray &content,
                      QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    QTemporaryDir m_dir;
    TestSite m_site;
    QString m_caFile; // the site CA, as the console and stewardctl are given it
    // The fake server's devices were last seen at 09:00 and 11:59:30 that day.
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<FakeAdminServer> m_server;
    QString m_out;
    QString m_err;
};

void TestCtlRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_caFile = m_site.writeCaFiles(m_dir.path());
    QVERIFY(!m_caFile.isEmpty());
}

void TestCtlRunner::init()
{
    m_server = std::make_unique<FakeAdminServer>();
    QVERIFY(m_server->start(steward::tls::apiServer(m_site.server, m_site.caCertificate())));
    m_out.clear();
    m_err.clear();
}

void TestCtlRunner::cleanup()
{
    m_server.reset();
}

int TestCtlRunner::run(const QStringList &arguments, const QByteArray &password)
{
    QFile passwordFile(m_dir.filePath(QStringLiteral("password")));
    if (!passwordFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return -1;
    }
    passwordFile.write(password);
    passwordFile.close();

    QProcessEnvironment environment;
    environment.insert(QStringLiteral("STEWARD_SERVER"), m_server->url(QStringLiteral("localhost")).toString());
    environment.insert(QStringLiteral("STEWARD_CA"), m_caFile);
    environment.insert(QStringLiteral("STEWARD_USER"), QStringLiteral("admin"));
    environment.insert(QStringLiteral("STEWARD_PASSWORD_FILE"), passwordFile.fileName());

    QTextStream out(&m_out);
    QTextStream err(&m_err);
    CtlRunner runner(out, err, m_clock);
    runner.setTimeout(std::chrono::seconds(10));
    runner.setPollInterval(std::chrono::milliseconds(100));
    const int status =
        runner.main(QStringList{QStringLiteral("stewardctl")} + arguments, environment, QStringLiteral("9.9.9"));
    out.flush();
    err.flush();
    return status;
}

void TestCtlRunner::commands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");

    const QByteArray good = QByteArrayLiteral("secret\n");
    QTest::newRow("devices") << QStringList{QStringLiteral("devices")} << good << 0 << QStringLiteral("pc-finance-01")
                             << QString();
    QTest::newRow("devices last seen") << QStringList{QStringLiteral("devices")} << good << 0
                                       << QStringLiteral("3 h ago") << QString();
    QTest::newRow("device") << QStringList{QStringLiteral("device"), QStringLiteral("d-0001")} << good << 0
                            << QStringLiteral("  - ClamAV definitions are 9 days old (limit 7)") << QString();
    QTest::newRow("unknown device") << QStringList{QStringLiteral("device"), QStringLiteral("d-404")} << good << 1
                                    << QString() << QStringLiteral("stewardctl: no such device (HTTP 404)\n");
    QTest::newRow("revoke") << QStringList{QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("d-0002")}
                            << good << 0 << QStringLiteral("Device d-0002 revoked") << QString();
    QTest::newRow("delete") << QStringList{QStringLiteral("device"), QStringLiteral("delete"), QStringLiteral("d-0002")}
                            << good << 0
                            << QStringLiteral(
                                   "Device d-0002 deleted with its inventory and compliance history; its "
                                   "audit log entries stay.\n")
                            << QString();
    QTest::newRow("delete, not revoked")
        << QStringList{QStringLiteral("device"), QStringLiteral("delete"), QStringLiteral("d-0001")} << good << 1
        << QString()
        << QStringLiteral("stewardctl: the device is not revoked; revoke it before deleting it (HTTP 409)\n");
    QTest::newRow("delete, unknown") << QStringList{QStringLiteral("device"),
                                                    QStringLiteral("delete"),
                                                    QStringLiteral("d-404")}
                                     << good << 1 << QString()
                                     << QStringLiteral("stewardctl: no such device (HTTP 404)\n");
    QTest::newRow("token")
        << QStringList{QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--uses"), QStringLiteral("3")}
        << good << 0
        << QStringLiteral(
               "steward-agent enroll --data-dir /var/lib/steward-agent --server localhost:8730 --token enroll-abc123 "
               "--ca-fingerprint AB:CD:EF:01")
        << QString();
    QTest::newRow("audit") << QStringList{QStringLiteral("audit"), QStringLiteral("--limit"), QStringLiteral("2")}
                           << good << 0 << QStringLiteral("device.revoke") << QString();
    QTest::newRow("password with CRLF") << QStringList{QStringLiteral("devices")}
                                        << QByteArrayLiteral("secret\r\nignored\n") << 0 << QStringLiteral("srv-mail")
                                        << QString();
    QTest::newRow("wrong password") << QStringList{QStringLiteral("devices")} << QByteArrayLiteral("nope\n") << 1
                                    << QString()
                                    << QStringLiteral(
                                           "stewardctl: login failed: wrong user name or password (HTTP 401)\n");
    QTest::newRow("empty password file") << QStringList{QStringLiteral("devices")} << QByteArray() << 1 << QString()
                                         << QStringLiteral("is empty");
    QTest::newRow("bad arguments") << QStringList{QStringLiteral("devicez")} << good << 2 << QString()
                                   << QStringLiteral("stewardctl: unknown command 'devicez' (see stewardctl --help)\n");
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << good << 0
                             << QStringLiteral("stewardctl 9.9.9") << QString();
}

void TestCtlRunner::commands()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, password);
    QFETCH(int, status);
    QFETCH(QString, out);
    QFETCH(QString, err);

    QCOMPARE(run(arguments, password), status);
    QVERIFY2(m_out.contains(out), qPrintable(m_out));
    if (err.isEmpty()) {
        QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    } else {
        QVERIFY2(m_err.contains(err), qPrintable(m_err));
        QCOMPARE(m_err.count(QLatin1Char('\n')), 1);
        QVERIFY(m_err.startsWith(QLatin1String("stewardctl: ")));
    }
    if (status == 0 && !arguments.contains(QLatin1String("--version"))) {
        // Every session is closed after the command.
        QCOMPARE(m_server->requests.constLast(), QStringLiteral("POST /api/v1/logout"));
    }
}

void TestCtlRunner::jsonIsTheApiAnswerVerbatim()
{
    QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("--json")}), 0);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(m_out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array(), FakeAdminServer::sampleDevices());
    QVERIFY(m_out.contains(QLatin1String("\n    {"))); // indented

    m_out.clear();
    QCOMPARE(run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--json")}), 0);
    const QJsonObject token = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(token.value(QStringLiteral("token")).toString(), QStringLiteral("enroll-abc123"));
    QCOMPARE(token.value(QStringLiteral("caFingerprint")).toString(), QStringLiteral("AB:CD:EF:01"));
}

void TestCtlRunner::deviceDelete()
{
    QCOMPARE(
        run({QStringLiteral("device"), QStringLiteral("delete"), QStringLiteral("d-0002"), QStringLiteral("--json")}),
        0);
    QCOMPARE(m_server->requests,
             (QStringList{QStringLiteral("POST /api/v1/login"),
                          QStringLiteral("DELETE /api/v1/devices/d-0002"),
                          QStringLiteral("POST /api/v1/logout")}));
    // The server answers 204; --json still says what was done.
    QCOMPARE(QJsonDocument::fromJson(m_out.toUtf8()).object(),
             (QJsonObject{{QStringLiteral("id"), QStringLiteral("d-0002")}, {QStringLiteral("deleted"), true}}));
}

void TestCtlRunner::auditFiltersReachTheServer()
{
    QCOMPARE(run({QStringLiteral("audit"),
                  QStringLiteral("--actor"),
                  QStringLiteral("admin"),
                  QStringLiteral("--action"),
                  QStringLiteral("device.*"),
                  QStringLiteral("--from"),
                  QStringLiteral("2024-05-01T02:00:00+02:00"),
                  QStringLiteral("--to"),
                  QStringLiteral("2024-05-02T00:00:00Z"),
                  QStringLiteral("--before"),
                  QStringLiteral("100"),
                  QStringLiteral("--limit"),
                  QStringLiteral("5")}),
             0);
    QCOMPARE(m_server->auditQueries.size(), 1);
    const QUrlQuery query = m_server->auditQueries.constFirst();
    const auto item = [&query](const char *name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    QCOMPARE(item("actor"), QStringLiteral("admin"));
    QCOMPARE(item("action"), QStringLiteral("device.*"));
    QCOMPARE(item("from"), QStringLiteral("2024-05-01T00:00:00Z")); // in UTC, as the API says
    QCOMPARE(item("to"), QStringLiteral("2024-05-02T00:00:00Z"));
    QCOMPARE(item("before"), QStringLiteral("100"));
    QCOMPARE(item("limit"), QStringLiteral("5"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("target")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("outcome")));

    // Each row starts with its id, the next page's --before.
    const QStringList lines = m_out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() > 1, qPrintable(m_out));
    QVERIFY2(lines.at(0).startsWith(QLatin1String("ID  ")), qPrintable(lines.at(0)));
    for (const QString &line : lines.mid(1)) {
        QVERIFY2(line.contains(QLatin1String(" admin ")) && line.contains(QLatin1String("device.")), qPrintable(line));
        QVERIFY2(line.section(QLatin1Char(' '), 0, 0).toInt() < 100, qPrintable(line));
    }
}

QString TestCtlRunner::writeFile(const QString &name, const QByteArray &content, QFileDevice::Permissions permissions)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return QString();
    }
    file.write(content);
    file.close();
    file.setPermissions(permissions);
    return file.fileName();
}

void TestCtlRunner::accounts_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<QString>("request"); // the command's request, after the login

    const auto list = [](const char *line) {
        return QString::fromUtf8(line).split(QLatin1Char(' '));
    };
    QTest::newRow("user list") << list("user list") << 0
                               << QStringLiteral("helper  helpdesk  active  2024-02-01 09:30 UTC  2024-04-01 10:00 UTC")
                               << QString() << QStringLiteral("GET /api/v1/users");
    QTest::newRow("user create") << list("user create bob --role helpdesk --password-file NEW") << 0
                                 << QStringLiteral("User bob created with role helpdesk.\n") << QString()
                                 << QStringLiteral("POST /api/v1/users");
    QTest::newRow("user create exists") << list("user create helper --role helpdesk --password-file NEW") << 1
                                        << QString()
                                        << QStringLiteral(
                                               "stewardctl: a user with that name already exists (HTTP 409)\n")
                                        << QStringLiteral("POST /api/v1/users");
    QTest::newRow("user create weak") << list("user create bob --role helpdesk --password-file WEAK") << 1 << QString()
                                      << QStringLiteral(
                                             "stewardctl: a password needs at least 12 characters (HTTP 400)\n")
                                      << QStringLiteral("POST /api/v1/users");
    QTest::newRow("user disable") << list("user disable helper") << 0
                                  << QStringLiteral("User helper disabled: they can no longer log in") << QString()
                                  << QStringLiteral("POST /api/v1/users/helper/disable");
    QTest::newRow("user disable self") << list("user disable admin") << 1 << QString()
                                       << QStringLiteral("stewardctl: you cannot disable yourself (HTTP 409)\n")
                                       << QStringLiteral("POST /api/v1/users/admin/disable");
    QTest::newRow("user enable") << list("user enable helper") << 0 << QStringLiteral("User helper enabled")
                                 << QString() << QStringLiteral("POST /api/v1/users/helper/enable");
    QTest::newRow("user enable unknown") << list("user enable nobody") << 1 << QString()
                                         << QStringLiteral("stewardctl: no such user (HTTP 404)\n")
                                         << QStringLiteral("POST /api/v1/users/nobody/enable");
    QTest::newRow("user password") << list("user password helper --password-file NEW") << 0
                                   << QStringLiteral("Password of helper reset; their sessions have ended.\n")
                                   << QString() << QStringLiteral("POST /api/v1/users/helper/password");
    QTest::newRow("password") << list("password --password-file NEW") << 0
                              << QStringLiteral("Password of admin changed") << QString()
                              << QStringLiteral("POST /api/v1/account/password");
    QTest::newRow("password, wrong current")
        << list("password --password-file NEW --current-password-file WEAK") << 1 << QString()
        << QStringLiteral("stewardctl: the current password is wrong (HTTP 403)\n")
        << QStringLiteral("POST /api/v1/account/password");
    QTest::newRow("api-token list") << list("api-token list") << 0
                                    << QStringLiteral(
                                           "t-0001  nightly inventory export  admin   admin     2024-04-01 00:00 UTC  "
                                           "2024-06-30 00:00 UTC  1 h ago    active")
                                    << QString() << QStringLiteral("GET /api/v1/api-tokens");
    QTest::newRow("api-token list, expired") << list("api-token list") << 0 << QStringLiteral("never      EXPIRED")
                                             << QString() << QStringLiteral("GET /api/v1/api-tokens");
    QTest::newRow("api-token revoke") << list("api-token revoke t-0001") << 0
                                      << QStringLiteral("API token t-0001 revoked") << QString()
                                      << QStringLiteral("POST /api/v1/api-tokens/t-0001/revoke");
    QTest::newRow("api-token revoke unknown") << list("api-token revoke t-9") << 1 << QString()
                                              << QStringLiteral("stewardctl: no such API token (HTTP 404)\n")
                                              << QStringLiteral("POST /api/v1/api-tokens/t-9/revoke");
}

void TestCtlRunner::accounts()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, status);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(QString, request);

    const QString newPassword = writeFile(QStringLiteral("new"), QByteArrayLiteral("a-long-new-password\n"));
    const QString weakPassword = writeFile(QStringLiteral("weak"), QByteArrayLiteral("short\n"));
    arguments.replaceInStrings(QRegularExpression(QStringLiteral("^NEW$")), newPassword);
    arguments.replaceInStrings(QRegularExpression(QStringLiteral("^WEAK$")), weakPassword);

    QCOMPARE(run(arguments), status);
    QVERIFY2(m_out.contains(out), qPrintable(m_out));
    if (err.isEmpty()) {
        QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    } else {
        QCOMPARE(m_err, err);
    }
    QCOMPARE(m_server->requests.value(0), QStringLiteral("POST /api/v1/login"));
    QCOMPARE(m_server->requests.value(1), request);
    // A session ends with the command, whatever the command's outcome.
    QCOMPARE(m_server->requests.constLast(), QStringLiteral("POST /api/v1/logout"));
    QCOMPARE(m_server->requests.size(), 3);
}

void TestCtlRunner::newPasswordNeverShows()
{
    const QByteArray secret = QByteArrayLiteral("bobs-secret-passphrase");
    const QString file = writeFile(QStringLiteral("bob"), secret + "\nsecond line is ignored\n");
    QCOMPARE(run({QStringLiteral("user"),
                  QStringLiteral("create"),
                  QStringLiteral("bob"),
                  QStringLiteral("--role"),
                  QStringLiteral("helpdesk"),
                  QStringLiteral("--password-file"),
                  file,
                  QStringLiteral("--json")}),
             0);
    const QJsonObject body = QJsonDocument::fromJson(m_server->bodies.value(1)).object();
    QCOMPARE(body,
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                          {QStringLiteral("role"), QStringLiteral("helpdesk")},
                          {QStringLiteral("password"), QString::fromLatin1(secret)}}));
    const QJsonObject created = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(created.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
    QCOMPARE(created.value(QStringLiteral("disabled")).toBool(true), false);
    QVERIFY(!m_out.contains(QLatin1String(secret)));
    QVERIFY(!m_err.contains(QLatin1String(secret)));

    // Nor when the file is unusable: its name shows, its content does not.
    m_out.clear();
    const QString empty = writeFile(QStringLiteral("empty"), QByteArrayLiteral("\nbobs-secret-passphrase\n"));
    QCOMPARE(run({QStringLiteral("user"),
                  QStringLiteral("password"),
                  QStringLiteral("bob"),
                  QStringLiteral("--password-file"),
                  empty}),
             1);
    QVERIFY2(m_err.contains(QLatin1String("is empty")), qPrintable(m_err));
    QVERIFY(!m_err.contains(QLatin1String(secret)));
    QVERIFY(!m_out.contains(QLatin1String(secret)));
    // Read before the server heard anything: no login for a command that cannot run.
    QCOMPARE(m_server->requests.count(QStringLiteral("POST /api/v1/login")), 1);
}

void TestCtlRunner::helpdeskIsRefused()
{
    const QString file = writeFile(QStringLiteral("bob"), QByteArrayLiteral("a-long-new-password\n"));
    QCOMPARE(run({QStringLiteral("--user"),
                  QLatin1String(FakeAdminServer::helpdeskUser),
                  QStringLiteral("user"),
                  QStringLiteral("create"),
                  QStringLiteral("bob"),
                  QStringLiteral("--role"),
                  QStringLiteral("helpdesk"),
                  QStringLiteral("--password-file"),
                  file},
                 QByteArray(FakeAdminServer::helpdeskPassword) + "\n"),
             1);
    QCOMPARE(m_err, QStringLiteral("stewardctl: your role (helpdesk) may not do this (users.manage) (HTTP 403)\n"));
    QCOMPARE(m_server->requests.constLast(), QStringLiteral("POST /api/v1/logout"));
}

void TestCtlRunner::apiTokenIsShownOnlyWhenCreated()
{
    QCOMPARE(run({QStringLiteral("api-token"),
                  QStringLiteral("create"),
                  QStringLiteral("--name"),
                  QStringLiteral("ci"),
                  QStringLiteral("--ttl"),
                  QStringLiteral("3600"),
                  QStringLiteral("--role"),
                  QStringLiteral("helpdesk"),
                  QStringLiteral("--json")}),
             0);
    QCOMPARE(QJsonDocument::fromJson(m_server->bodies.value(1)).object(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("ci")},
                          {QStringLiteral("ttlSeconds"), 3600},
                          {QStringLiteral("role"), QStringLiteral("helpdesk")}}));
    const QJsonObject created = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(created.value(QStringLiteral("token")).toString(), QLatin1String(FakeAdminServer::createdApiToken));
    QCOMPARE(created.value(QStringLiteral("id")).toString(), QStringLiteral("t-0002"));
    QCOMPARE(created.value(QStringLiteral("name")).toString(), QStringLiteral("ci"));
    QCOMPARE(created.value(QStringLiteral("expiresAt")).toString(), QStringLiteral("2024-05-01T13:00:00Z"));

    // Without --ttl and --role the server's defaults apply: the request leaves them out.
    m_out.clear();
    QCOMPARE(
        run({QStringLiteral("api-token"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("ci")}),
        0);
    QCOMPARE(m_server->requests.mid(m_server->requests.size() - 2),
             (QStringList{QStringLiteral("POST /api/v1/api-tokens"), QStringLiteral("POST /api/v1/logout")}));
    QCOMPARE(QJsonDocument::fromJson(m_server->bodies.value(m_server->bodies.size() - 2)).object(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("ci")}}));
    QVERIFY(m_out.startsWith(QStringLiteral("Token:    %1\n").arg(QLatin1String(FakeAdminServer::createdApiToken))));
    QVERIFY(m_out.contains(QLatin1String("ID:       t-0002\n")));
    QVERIFY(m_out.contains(QLatin1String("stewardctl --token-file FILE")));

    // Listing never shows a token.
    m_out.clear();
    QCOMPARE(run({QStringLiteral("api-token"), QStringLiteral("list"), QStringLiteral("--json")}), 0);
    for (const QJsonValue &token : QJsonDocument::fromJson(m_out.toUtf8()).array()) {
        QVERIFY(!token.toObject().contains(QLatin1String("token")));
    }
}

void TestCtlRunner::tokenFileSkipsLoginAndLogout()
{
    const QString tokenFile = writeFile(QStringLiteral("token"), QByteArray(FakeAdminServer::apiToken) + "\n");
    QCOMPARE(run({QStringLiteral("--token-file"), tokenFile, QStringLiteral("devices")}), 0);
    QVERIFY2(m_out.contains(QLatin1String("pc-finance-01")), qPrintable(m_out));
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    QCOMPARE(m_server->requests, QStringList{QStringLiteral("GET /api/v1/devices")});
    QCOMPARE(m_server->authorizationHeaders, QList<QByteArray>{QByteArrayLiteral("Bearer api-token-for-tests")});
    QVERIFY(!m_out.contains(QLatin1String(FakeAdminServer::apiToken)));
}

void TestCtlRunner::tokenFileMustBePrivate()
{
    const QString tokenFile =
        writeFile(QStringLiteral("token"),
                  QByteArray(FakeAdminServer::apiToken) + "\n",
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    QCOMPARE(run({QStringLiteral("--token-file"), tokenFile, QStringLiteral("devices")}), 1);
    QVERIFY2(m_err.contains(QStringLiteral("chmod 600 %1").arg(tokenFile)), qPrintable(m_err));
    QVERIFY(!m_err.contains(QLatin1String(FakeAdminServer::apiToken)));
    QVERIFY(m_server->requests.isEmpty());
}

void TestCtlRunner::revokedTokenIsRefused()
{
    const QString tokenFile = writeFile(QStringLiteral("token"), QByteArray(FakeAdminServer::apiToken) + "\n");
    QCOMPARE(run({QStringLiteral("--token-file"),
                  tokenFile,
                  QStringLiteral("api-token"),
                  QStringLiteral("revoke"),
                  QLatin1String(FakeAdminServer::apiTokenId)}),
             0);
    m_out.clear();
    QCOMPARE(run({QStringLiteral("--token-file"), tokenFile, QStringLiteral("devices")}), 1);
    QVERIFY2(m_err.startsWith(QStringLiteral("stewardctl: the API token in %1 was refused").arg(tokenFile)),
             qPrintable(m_err));
    QVERIFY2(m_err.endsWith(QLatin1String("(HTTP 401)\n")), qPrintable(m_err));
    QVERIFY(!m_err.contains(QLatin1String(FakeAdminServer::apiToken)));
    QVERIFY(!m_server->requests.contains(QStringLiteral("POST /api/v1/login")));
}

void TestCtlRunner::auditVerify()
{
    QCOMPARE(run({QStringLiteral("audit"), QStringLiteral("verify")}), 0);
    QCOMPARE(m_out, QStringLiteral("Audit log intact: 57 rows checked\nHead hash: 5e1d0c7a\n"));
    QVERIFY(m_err.isEmpty());

    m_out.clear();
    m_server->setAuditBroken(true);
    QCOMPARE(run({QStringLiteral("audit"), QStringLiteral("verify")}), 1);
    QVERIFY2(m_out.startsWith(QLatin1String("Audit log BROKEN at row 42: row 42 does not match its hash\n")),
             qPrintable(m_out));
    QCOMPARE(m_err, QStringLiteral("stewardctl: the audit log is broken at row 42: row 42 does not match its hash\n"));

    // --json: the API's answer on stdout, the verdict as a JSON error on stderr.
    m_out.clear();
    m_err.clear();
    QCOMPARE(run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")}), 1);
    QCOMPARE(QJsonDocument::fromJson(m_out.toUtf8()).object().value(QStringLiteral("firstBrokenId")).toInt(), 42);
    const QJsonObject error =
        QJsonDocument::fromJson(m_err.toUtf8()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("audit.broken"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QLatin1String("row 42")));
}

void TestCtlRunner::jsonErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QByteArray good = QByteArrayLiteral("secret\n");
    QTest::newRow("not found") << QStringList{QStringLiteral("device"),
                                              QStringLiteral("d-404"),
                                              QStringLiteral("--json")}
                               << good << 1 << QStringLiteral("device.unknown")
                               << QStringLiteral("no such device (HTTP 404)");
    QTest::newRow("wrong password") << QStringList{QStringLiteral("devices"), QStringLiteral("--json")}
                                    << QByteArrayLiteral("nope\n") << 1 << QStringLiteral("auth.invalid")
                                    << QStringLiteral("login failed: wrong user name or password (HTTP 401)");
    QTest::newRow("usage") << QStringList{QStringLiteral("devicez"), QStringLiteral("--json")} << good << 2
                           << QStringLiteral("usage")
                           << QStringLiteral("unknown command 'devicez' (see stewardctl --help)");
    QTest::newRow("usage, bad option") << QStringList{QStringLiteral("--json"), QStringLiteral("--frobnicate")} << good
                                       << 2 << QStringLiteral("usage")
                                       << QStringLiteral("Unknown option 'frobnicate'. (see stewardctl --help)");
    QTest::newRow("unreadable password file")
        << QStringList{QStringLiteral("devices"), QStringLiteral("--json")} << QByteArray() << 1
        << QStringLiteral("config.password-file") << QStringLiteral("is empty");
    QTest::newRow("forbidden") << QStringList{QStringLiteral("user"),
                                              QStringLiteral("disable"),
                                              QStringLiteral("admin"),
                                              QStringLiteral("--json")}
                               << good << 1 << QStringLiteral("user.self")
                               << QStringLiteral("you cannot disable yourself (HTTP 409)");
}

void TestCtlRunner::jsonErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, password);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QCOMPARE(run(arguments, password), status);
    QVERIFY2(m_out.isEmpty(), qPrintable(m_out));
    QCOMPARE(m_err.count(QLatin1Char('\n')), 1);
    QVERIFY(m_err.endsWith(QLatin1Char('\n')));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(m_err.toUtf8(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(document.object().keys(), QStringList{QStringLiteral("error")});
    const QJsonObject error = document.object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.keys(), (QStringList{QStringLiteral("code"), QStringLiteral("message")}));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message), qPrintable(m_err));
}

void TestCtlRunner::unavailableIsNotAWrongPassword()
{
    m_server->setUnavailable(true);
    QCOMPARE(run({QStringLiteral("devices")}), 1);
    QCOMPARE(m_err,
             QStringLiteral("stewardctl: server unavailable, try again in 5 s: the site database is unavailable; "
                            "try again shortly (HTTP 503)\n"));
    m_err.clear();
    QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("--json")}), 1);
    const QJsonObject error =
        QJsonDocument::fromJson(m_err.toUtf8()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("server.unavailable"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().contains(QLatin1String("login failed")));
}

void TestCtlRunner::readToken_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("permissions");
    QTest::addColumn<QString>("token"); // empty: error
    const int owner = int(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QTest::newRow("first line") << QByteArrayLiteral("abc_DEF-123\nmore\n") << owner << QStringLiteral("abc_DEF-123");
    QTest::newRow("CRLF") << QByteArrayLiteral("abc\r\n") << owner << QStringLiteral("abc");
    QTest::newRow("owner read-only") << QByteArrayLiteral("abc") << int(QFileDevice::ReadOwner)
                                     << QStringLiteral("abc");
    QTest::newRow("group readable") << QByteArrayLiteral("abc\n") << int(owner | QFileDevice::ReadGroup) << QString();
    QTest::newRow("others writable") << QByteArrayLiteral("abc\n") << int(owner | QFileDevice::WriteOther) << QString();
    QTest::newRow("empty") << QByteArray() << owner << QString();
    QTest::newRow("space inside") << QByteArrayLiteral("abc def\n") << owner << QString();
    QTest::newRow("control character") << QByteArrayLiteral("abc\x1b[0m\n") << owner << QString();
}

void TestCtlRunner::readToken()
{
    QFETCH(QByteArray, content);
    QFETCH(int, permissions);
    QFETCH(QString, token);
    const QString file = writeFile(QStringLiteral("tok"), content, QFileDevice::Permissions(permissions));
    const auto result = CtlRunner::readToken(file);
    QCOMPARE(result.ok(), !token.isEmpty());
    if (result) {
        QCOMPARE(result.value(), token);
    } else {
        QCOMPARE(result.error().code, QStringLiteral("config.token-file"));
        QVERIFY(result.error().message.contains(file));
        if (!content.isEmpty()) {
            QVERIFY(!result.error().message.contains(QString::fromLatin1(content.trimmed())));
        }
    }
    QVERIFY(!CtlRunner::readToken(m_dir.filePath(QStringLiteral("missing"))).ok());
}

void TestCtlRunner::readPassword_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("password"); // empty: error
    QTest::newRow("trailing newline") << QByteArrayLiteral("s3cret\n") << QStringLiteral("s3cret");
    QTest::newRow("no newline") << QByteArrayLiteral("s3cret") << QStringLiteral("s3cret");
    QTest::newRow("first line only") << QByteArrayLiteral("one\ntwo\n") << QStringLiteral("one");
    QTest::newRow("spaces kept") << QByteArrayLiteral(" pass phrase \n") << QStringLiteral(" pass phrase ");
    QTest::newRow("utf-8") << QByteArrayLiteral("ລະຫັດ\n") << QStringLiteral("ລະຫັດ");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("empty first line") << QByteArrayLiteral("\nsecond\n") << QString();
}

void TestCtlRunner::readPassword()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, password);
    QFile file(m_dir.filePath(QStringLiteral("pw")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    const auto result = CtlRunner::readPassword(file.fileName());
    QCOMPARE(result.ok(), !password.isEmpty());
    if (result) {
        QCOMPARE(result.value(), password);
    }
    QVERIFY(!CtlRunner::readPassword(m_dir.filePath(QStringLiteral("missing"))).ok());
}

namespace jobs = steward::jobs;
namespace signing = steward::app::signing;
using steward::Result;
using steward::Status;

namespace
{
QByteArray fromBase64(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QRegularExpression fingerprintLine(QStringLiteral("\\A[0-9a-f]{64}\\n\\z"));

QStringList createRootArguments(const QString &out)
{
    return {QStringLiteral("signing"), QStringLiteral("create-root"), QStringLiteral("--out"), out};
}

// NAME certified by the root key ROOT, its key written to OUT; more options may follow.
QStringList addOperatorArguments(const QString &root, const QString &name, const QString &out)
{
    return {QStringLiteral("signing"),
            QStringLiteral("add-operator"),
            QStringLiteral("--root"),
            root,
            QStringLiteral("--name"),
            name,
            QStringLiteral("--out"),
            out};
}
} // namespace

jobs::SigningKey TestCtlRunner::writeOperatorKey(const QString &name, const QByteArray &passphrase)
{
    const jobs::SigningKey key = jobs::generateSigningKey().value();
    const Status written = signing::writeKey(m_dir.filePath(name), key, passphrase);
    if (!written) {
        qFatal("cannot write %s: %s", qPrintable(name), qPrintable(written.error().message));
    }
    return key;
}

QJsonObject TestCtlRunner::lastBody(const QString &request) const
{
    const qsizetype index = m_server->requests.lastIndexOf(request);
    return index < 0 ? QJsonObject() : QJsonDocument::fromJson(m_server->bodies.value(index)).object();
}

void TestCtlRunner::createRoot()
{
    const QString key = m_dir.filePath(QStringLiteral("root-plain.key"));
    // No server, CA or login is needed, nor asked for.
    QTextStream out(&m_out);
    QTextStream err(&m_err);
    CtlRunner runner(out, err, m_clock);
    QCOMPARE(runner.main({QStringLiteral("stewardctl"),
                          QStringLiteral("signing"),
                          QStringLiteral("create-root"),
                          QStringLiteral("--out"),
                          key},
                         QProcessEnvironment(),
                         QStringLiteral("9.9.9")),
             0);
    out.flush();
    err.flush();
    QVERIFY2(fingerprintLine.match(m_out).hasMatch(), qPrintable(m_out));
    QVERIFY(m_server->requests.isEmpty());
    QCOMPARE(QFileInfo(key).permissions(),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    // Unencrypted: a warning, one line, and the key never on the terminal.
    QVERIFY2(m_err.startsWith(QLatin1String("stewardctl: warning: ")), qPrintable(m_err));
    QVERIFY(m_err.contains(QLatin1String("not encrypted")));
    QCOMPARE(m_err.count(QLatin1Char('\n')), 1);
    const QByteArray pem = readAll(key);
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(!m_out.contains(QString::fromLatin1(pem.mid(28, 20))));
    const Result<jobs::SigningKey> read = jobs::readPrivateKeyFile(pem, {});
    QVERIFY(read.ok());
    QCOMPARE(m_out, jobs::fingerprint(read.value().publicKey) + QLatin1Char('\n'));
}

void TestCtlRunner::createRootNeverOverwrites()
{
    const QString key = writeFile(QStringLiteral("existing.key"), QByteArrayLiteral("precious\n"));
    QCOMPARE(run(createRootArguments(key)), 1);
    QVERIFY2(m_err.contains(QLatin1String("already exists; stewardctl never overwrites a key file")),
             qPrintable(m_err));
    QCOMPARE(readAll(key), QByteArrayLiteral("precious\n"));
    QVERIFY(m_out.isEmpty());
}

void TestCtlRunner::createRootEncrypted()
{
    const QString passphrase = writeFile(QStringLiteral("pp"), QByteArrayLiteral("correct horse battery\nignored\n"));
    const QString key = m_dir.filePath(QStringLiteral("root-encrypted.key"));
    QCOMPARE(run(createRootArguments(key)
                 + QStringList{QStringLiteral("--passphrase-file"), passphrase, QStringLiteral("--json")}),
             0);
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    const QJsonObject answer = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(answer.value(QStringLiteral("encrypted")).toBool(), true);
    QCOMPARE(answer.value(QStringLiteral("keyFile")).toString(), key);
    const QByteArray pem = readAll(key);
    QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!jobs::readPrivateKeyFile(pem, QByteArrayLiteral("wrong")).ok());
    const Result<jobs::SigningKey> read = jobs::readPrivateKeyFile(pem, QByteArrayLiteral("correct horse battery"));
    QVERIFY(read.ok());
    QCOMPARE(answer.value(QStringLiteral("fingerprint")).toString(), jobs::fingerprint(read.value().publicKey));
}

void TestCtlRunner::addOperatorRoundTrip()
{
    const QString passphrase = writeFile(QStringLiteral("pp"), QByteArrayLiteral("operator passphrase\n"));
    const QString root = m_dir.filePath(QStringLiteral("round-root.key"));
    QCOMPARE(run(createRootArguments(root) + QStringList{QStringLiteral("--passphrase-file"), passphrase}), 0);
    const jobs::SigningKey rootKey =
        jobs::readPrivateKeyFile(readAll(root), QByteArrayLiteral("operator passphrase")).value();

    // The site's first operator: no list yet (404), so version 1.
    const QString olgaFile = m_dir.filePath(QStringLiteral("round-olga.key"));
    m_out.clear();
    QCOMPARE(run(addOperatorArguments(root, QStringLiteral("Olga Operator"), olgaFile)
                 + QStringList{QStringLiteral("--passphrase-file"), passphrase}),
             0);
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    QCOMPARE(m_server->requests,
             (QStringList{QStringLiteral("POST /api/v1/login"),
                          QStringLiteral("GET /api/v1/signing/operators"),
                          QStringLiteral("PUT /api/v1/signing/operators"),
                          QStringLiteral("POST /api/v1/logout")}));
    const QByteArray olgaPem = readAll(olgaFile);
    QVERIFY(olgaPem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QCOMPARE(QFileInfo(olgaFile).permissions() & 0x0077, QFileDevice::Permissions());
    const jobs::SigningKey olga = jobs::readPrivateKeyFile(olgaPem, QByteArrayLiteral("operator passphrase")).value();
    QVERIFY2(m_out.contains(QStringLiteral("Operator Olga Operator added: fingerprint %1, may sign patch jobs until "
                                           "2025-05-01 12:00 UTC.")
                                .arg(jobs::fingerprint(olga.publicKey))),
             qPrintable(m_out));

    QJsonObject body = lastBody(QStringLiteral("PUT /api/v1/signing/operators"));
    QCOMPARE(body.keys(), (QStringList{QStringLiteral("document"), QStringLiteral("signature")}));
    jobs::SignedDocument document{fromBase64(body.value(QStringLiteral("document"))),
                                  fromBase64(body.value(QStringLiteral("signature")))};
    QVERIFY(jobs::verifySignature(rootKey.publicKey, document.bytes, document.signature));
    Result<jobs::OperatorList> list =
        jobs::verifyOperatorList(document, jobs::fingerprint(rootKey.publicKey), m_clock.now());
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
    QCOMPARE(list.value().version, 1);
    QCOMPARE(list.value().rootPublicKey, rootKey.publicKey);
    QCOMPARE(list.value().issuedAt, m_clock.now());
    QCOMPARE(list.value().expiresAt, m_clock.now().addDays(365));
    QCOMPARE(list.value().operators.size(), 1);
    QCOMPARE(list.value().operators.at(0).name, QStringLiteral("Olga Operator"));
    QCOMPARE(list.value().operators.at(0).publicKey, olga.publicKey);
    QCOMPARE(list.value().operators.at(0).kinds, QStringList{QStringLiteral("patch")});
    QCOMPARE(list.value().operators.at(0).notAfter, m_clock.now().addDays(365));

    // A second operator, with a root passphrase of its own file: version 2, Olga kept.
    const QString rootPassphrase = writeFile(QStringLiteral("root-pp"), QByteArrayLiteral("operator passphrase\n"));
    const QString ottoFile = m_dir.filePath(QStringLiteral("round-otto.key"));
    m_out.clear();
    QCOMPARE(run(addOperatorArguments(root, QStringLiteral("Otto"), ottoFile)
                 + QStringList{QStringLiteral("--root-passphrase-file"),
                               rootPassphrase,
                               QStringLiteral("--kinds"),
                               QStringLiteral("patch,license"),
                               QStringLiteral("--valid-days"),
                               QStringLiteral("30"),
                               QStringLiteral("--json")}),
             0);
    // Its key file is not encrypted: said on stderr, as JSON with --json.
    const QJsonObject warning = QJsonDocument::fromJson(m_err.toUtf8()).object();
    QCOMPARE(warning.value(QStringLiteral("warning")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("key.unencrypted"));
    const jobs::SigningKey otto = jobs::readPrivateKeyFile(readAll(ottoFile), {}).value();
    const QJsonObject answer = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(answer.value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(answer.value(QStringLiteral("added")).toObject().value(QStringLiteral("fingerprint")).toString(),
             jobs::fingerprint(otto.publicKey));

    body = lastBody(QStringLiteral("PUT /api/v1/signing/operators"));
    document = jobs::SignedDocument{fromBase64(body.value(QStringLiteral("document"))),
                                    fromBase64(body.value(QStringLiteral("signature")))};
    list = jobs::verifyOperatorList(document, jobs::fingerprint(rootKey.publicKey), m_clock.now());
    QVERIFY(list.ok());
    QCOMPARE(list.value().version, 2);
    QCOMPARE(list.value().operators.size(), 2);
    QCOMPARE(list.value().operators.at(0).name, QStringLiteral("Olga Operator"));
    QCOMPARE(list.value().operators.at(0).publicKey, olga.publicKey);
    QCOMPARE(list.value().operators.at(1).name, QStringLiteral("Otto"));
    QCOMPARE(list.value().operators.at(1).publicKey, otto.publicKey);
    QCOMPARE(list.value().operators.at(1).kinds, (QStringList{QStringLiteral("patch"), QStringLiteral("license")}));
    QCOMPARE(list.value().operators.at(1).notAfter, m_clock.now().addDays(30));

    // The same name again is refused before anything is uploaded or written.
    const QString againFile = m_dir.filePath(QStringLiteral("round-again.key"));
    m_err.clear();
    QCOMPARE(run(addOperatorArguments(root, QStringLiteral("Otto"), againFile)
                 + QStringList{QStringLiteral("--passphrase-file"), passphrase}),
             1);
    QVERIFY2(m_err.contains(QLatin1String("already has an operator named Otto")), qPrintable(m_err));
    QVERIFY(!QFile::exists(againFile));
    QCOMPARE(m_server->requests.count(QStringLiteral("PUT /api/v1/signing/operators")), 2);
}

void TestCtlRunner::addOperatorRefusesAnotherRoot()
{
    // The site's list comes from one root...
    const QString first = m_dir.filePath(QStringLiteral("first-root.key"));
    const QString stranger = m_dir.filePath(QStringLiteral("stranger-root.key"));
    for (const QString &root : {first, stranger}) {
        QCOMPARE(run(createRootArguments(root)), 0);
    }
    QCOMPARE(run(addOperatorArguments(first, QStringLiteral("Olga"), m_dir.filePath(QStringLiteral("first-olga.key")))),
             0);
    // ...and another root does not build on it: nothing uploaded, no key written.
    m_err.clear();
    const QString mallory = m_dir.filePath(QStringLiteral("stranger-mallory.key"));
    QCOMPARE(
        run(addOperatorArguments(stranger, QStringLiteral("Mallory"), mallory) + QStringList{QStringLiteral("--json")}),
        1);
    const QJsonObject error =
        QJsonDocument::fromJson(m_err.toUtf8()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("signing.root-mismatch"));
    QVERIFY(!QFile::exists(mallory));
    QCOMPARE(m_server->requests.count(QStringLiteral("PUT /api/v1/signing/operators")), 1);
    QCOMPARE(m_server->operatorList().value(QStringLiteral("version")).toInt(), 1);
}

void TestCtlRunner::addOperatorChecksBeforeTheServer_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QString>("error");
    QTest::newRow("out exists") << QStringLiteral("out exists") << QStringLiteral("already exists");
    QTest::newRow("no passphrase") << QStringLiteral("no passphrase")
                                   << QStringLiteral("is encrypted: give its passphrase with --passphrase-file");
    QTest::newRow("wrong passphrase") << QStringLiteral("wrong passphrase") << QStringLiteral("wrong passphrase for");
    QTest::newRow("root missing") << QStringLiteral("root missing") << QStringLiteral("cannot read the key file");
    QTest::newRow("root not a key") << QStringLiteral("root not a key") << QStringLiteral("is not a stewardctl key");
    QTest::newRow("passphrase file empty") << QStringLiteral("passphrase file empty") << QStringLiteral("is empty");
}

void TestCtlRunner::addOperatorChecksBeforeTheServer()
{
    QFETCH(QString, situation);
    QFETCH(QString, error);
    const QByteArray secret("the root passphrase");
    const QString root = m_dir.filePath(QStringLiteral("checked-root.key"));
    if (!QFile::exists(root)) {
        QVERIFY(signing::writeKey(root, jobs::generateSigningKey().value(), secret).ok());
    }
    QString rootArgument = root;
    QByteArray passphrase = secret + '\n';
    QString out = m_dir.filePath(QStringLiteral("checked-out.key"));
    QFile::remove(out);
    if (situation == QLatin1String("out exists")) {
        out = writeFile(QStringLiteral("checked-out.key"), QByteArrayLiteral("keep me\n"));
    } else if (situation == QLatin1String("wrong passphrase")) {
        passphrase = QByteArrayLiteral("guess\n");
    } else if (situation == QLatin1String("root missing")) {
        rootArgument = m_dir.filePath(QStringLiteral("no-such.key"));
    } else if (situation == QLatin1String("root not a key")) {
        rootArgument = writeFile(QStringLiteral("not-a-key"), QByteArrayLiteral("hello\n"));
    } else if (situation == QLatin1String("passphrase file empty")) {
        passphrase = QByteArrayLiteral("\n");
    }
    QStringList arguments = addOperatorArguments(rootArgument, QStringLiteral("Olga"), out);
    if (situation != QLatin1String("no passphrase")) {
        arguments << QStringLiteral("--passphrase-file") << writeFile(QStringLiteral("checked-pp"), passphrase);
    }
    QCOMPARE(run(arguments), 1);
    QVERIFY2(m_err.contains(error), qPrintable(m_err));
    QCOMPARE(m_err.count(QLatin1Char('\n')), 1);
    QVERIFY(!m_err.contains(QString::fromLatin1(secret)));
    // Nothing reached the server, not even a login.
    QVERIFY2(m_server->requests.isEmpty(), qPrintable(m_server->requests.join(QLatin1Char(','))));
    if (situation == QLatin1String("out exists")) {
        QCOMPARE(readAll(out), QByteArrayLiteral("keep me\n"));
    } else {
        QVERIFY(!QFile::exists(out));
    }
}

void TestCtlRunner::addOperatorRefusedKeepsNoKey()
{
    const QString root = m_dir.filePath(QStringLiteral("refused-root.key"));
    QVERIFY(signing::writeKey(root, jobs::generateSigningKey().value(), {}).ok());
    const QString out = m_dir.filePath(QStringLiteral("refused-olga.key"));
    // The helpdesk may read the list but not change it: the PUT is refused.
    QCOMPARE(run(QStringList{QStringLiteral("--user"), QLatin1String(FakeAdminServer::helpdeskUser)}
                     + addOperatorArguments(root, QStringLiteral("Olga"), out),
                 QByteArray(FakeAdminServer::helpdeskPassword) + "\n"),
             1);
    QVERIFY(m_server->requests.contains(QStringLiteral("PUT /api/v1/signing/operators")));
    QVERIFY2(m_err.contains(QLatin1String("(HTTP 403) (nothing was registered; %1 was removed)").arg(out)),
             qPrintable(m_err));
    QVERIFY(!QFile::exists(out));
}

void TestCtlRunner::signingOperators()
{
    QCOMPARE(run({QStringLiteral("signing"), QStringLiteral("operators"), QStringLiteral("--json")}), 1);
    QCOMPARE(QJsonDocument::fromJson(m_err.toUtf8())
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("signing.none"));

    const QString root = m_dir.filePath(QStringLiteral("listed-root.key"));
    QVERIFY(signing::writeKey(root, jobs::generateSigningKey().value(), {}).ok());
    const QString olga = m_dir.filePath(QStringLiteral("listed-olga.key"));
    QCOMPARE(run(addOperatorArguments(root, QStringLiteral("Olga"), olga)), 0);
    const QString olgaFingerprint = jobs::fingerprint(jobs::readPrivateKeyFile(readAll(olga), {}).value().publicKey);

    m_out.clear();
    m_err.clear();
    QCOMPARE(run({QStringLiteral("signing"), QStringLiteral("operators")}), 0);
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    QVERIFY2(m_out.startsWith(QLatin1String("Operator list version 1, issued 2024-05-01 12:00 UTC, expires "
                                            "2025-05-01 12:00 UTC\nRoot fingerprint: ")),
             qPrintable(m_out));
    QVERIFY2(m_out.contains(QStringLiteral("Olga  %1  patch  2025-05-01 12:00 UTC  active\n").arg(olgaFingerprint)),
             qPrintable(m_out));

    m_out.clear();
    QCOMPARE(run({QStringLiteral("signing"), QStringLiteral("operators"), QStringLiteral("--json")}), 0);
    const QJsonObject list = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(list.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(list.value(QStringLiteral("operators")).toArray().size(), 1);
    QCOMPARE(list.value(QStringLiteral("operators")).toArray().at(0).toObject().value(QStringLiteral("fingerprint")),
             QJsonValue(olgaFingerprint));
}

void TestCtlRunner::tokenCreateShowsTheJobRoot()
{
    QCOMPARE(run({QStringLiteral("token"), QStringLiteral("create")}), 0);
    QVERIFY2(m_out.contains(QLatin1String("Job root:        none yet")), qPrintable(m_out));

    const QString root = m_dir.filePath(QStringLiteral("token-root.key"));
    const jobs::SigningKey rootKey = jobs::generateSigningKey().value();
    QVERIFY(signing::writeKey(root, rootKey, {}).ok());
    QCOMPARE(run(addOperatorArguments(root, QStringLiteral("Olga"), m_dir.filePath(QStringLiteral("token-olga.key")))),
             0);
    m_out.clear();
    QCOMPARE(run({QStringLiteral("token"), QStringLiteral("create")}), 0);
    QVERIFY2(m_out.contains(QStringLiteral("Job root:        %1\n").arg(jobs::fingerprint(rootKey.publicKey))),
             qPrintable(m_out));
}

void TestCtlRunner::jobCreate()
{
    const jobs::SigningKey olga = writeOperatorKey(QStringLiteral("job-olga.key"), QByteArrayLiteral("olga's pass"));
    const QString passphrase = writeFile(QStringLiteral("job-pp"), QByteArrayLiteral("olga's pass\n"));
    QCOMPARE(run({QStringLiteral("job"),
                  QStringLiteral("create"),
                  QStringLiteral("patch"),
                  QStringLiteral("--devices"),
                  QStringLiteral("d-0001,d-0002"),
                  QStringLiteral("--devices"),
                  QStringLiteral("d-0003"),
                  QStringLiteral("--package"),
                  QStringLiteral("openssl=3.0.13-1~deb12u1"),
                  QStringLiteral("--package"),
                  QStringLiteral("libssl3"),
                  QStringLiteral("--not-before"),
                  QStringLiteral("+30m"),
                  QStringLiteral("--deadline"),
                  QStringLiteral("2024-05-03T18:00:00Z"),
                  QStringLiteral("--expires"),
                  QStringLiteral("+5d"),
                  QStringLiteral("--max-concurrent"),
                  QStringLiteral("2"),
                  QStringLiteral("--reboot"),
                  QStringLiteral("at-deadline"),
                  QStringLiteral("--signing-key"),
                  m_dir.filePath(QStringLiteral("job-olga.key")),
                  QStringLiteral("--passphrase-file"),
                  passphrase,
                  QStringLiteral("--json")}),
             0);
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    QCOMPARE(m_server->requests,
             (QStringList{QStringLiteral("POST /api/v1/login"),
                          QStringLiteral("POST /api/v1/jobs"),
                          QStringLiteral("POST /api/v1/logout")}));

    const QJsonObject body = lastBody(QStringLiteral("POST /api/v1/jobs"));
    const QStringList devices{QStringLiteral("d-0001"), QStringLiteral("d-0002"), QStringLiteral("d-0003")};
    QCOMPARE(body.value(QStringLiteral("targets")).toArray(), QJsonArray::fromStringList(devices));
    const QJsonObject job = body.value(QStringLiteral("job")).toObject();
    const QByteArray document = fromBase64(job.value(QStringLiteral("document")));
    QVERIFY(jobs::verifySignature(olga.publicKey, document, fromBase64(job.value(QStringLiteral("signature")))));
    const Result<jobs::JobEnvelope> decoded = jobs::JobEnvelope::decode(document);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const jobs::JobEnvelope &envelope = decoded.value();
    QVERIFY(!QUuid::fromString(envelope.id).isNull());
    QCOMPARE(envelope.kind, QStringLiteral("patch"));
    QCOMPARE(envelope.targetsRoot, jobs::merkle::root(devices));
    QCOMPARE(envelope.targetCount, 3);
    for (const QString &device : devices) {
        QVERIFY(jobs::merkle::verify(device, jobs::merkle::proof(devices, device).value(), envelope.targetsRoot));
    }
    QCOMPARE(envelope.signer, jobs::fingerprint(olga.publicKey));
    const QDateTime now = m_clock.now();
    QCOMPARE(envelope.issuedAt, now);
    QCOMPARE(envelope.notBefore, now.addSecs(1800));
    QCOMPARE(envelope.deadline, QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC));
    QCOMPARE(envelope.expiresAt, now.addDays(5));
    QCOMPARE(QCborValue(envelope.content).toJsonValue().toObject(),
             QJsonDocument::fromJson(R"({"select": "packages", "packages": [
                 {"name": "openssl", "version": "3.0.13-1~deb12u1"}, {"name": "libssl3", "version": ""}]})")
                 .object());
    QCOMPARE(QCborValue(envelope.options).toJsonValue().toObject(),
             QJsonDocument::fromJson(R"({"reboot": "at-deadline", "maxRuntimeSeconds": 3600, "maxConcurrent": 2})")
                 .object());

    // --json: the server's answer, the job's id first of all.
    const QJsonObject answer = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(answer.value(QStringLiteral("id")).toString(), envelope.id);
    QCOMPARE(answer.value(QStringLiteral("counts")).toObject().value(QStringLiteral("queued")).toInt(), 3);
}

void TestCtlRunner::jobCreateDefaults()
{
    const jobs::SigningKey olga = writeOperatorKey(QStringLiteral("default-olga.key"));
    QCOMPARE(run({QStringLiteral("job"),
                  QStringLiteral("create"),
                  QStringLiteral("patch"),
                  QStringLiteral("--devices"),
                  QStringLiteral("d-0001"),
                  QStringLiteral("--security"),
                  QStringLiteral("--signing-key"),
                  m_dir.filePath(QStringLiteral("default-olga.key"))}),
             0);
    const QJsonObject job = lastBody(QStringLiteral("POST /api/v1/jobs")).value(QStringLiteral("job")).toObject();
    const jobs::JobEnvelope envelope =
        jobs::JobEnvelope::decode(fromBase64(job.value(QStringLiteral("document")))).value();
    QCOMPARE(envelope.targetCount, 1);
    QCOMPARE(envelope.targetsRoot, jobs::merkle::root({QStringLiteral("d-0001")}));
    QCOMPARE(envelope.notBefore, m_clock.now());
    QCOMPARE(envelope.deadline.toSecsSinceEpoch(), qint64(0)); // none
    QCOMPARE(envelope.expiresAt, m_clock.now().addDays(7));
    QCOMPARE(QCborValue(envelope.content).toJsonValue().toObject(),
             QJsonDocument::fromJson(R"({"select": "security", "packages": []})").object());
    QCOMPARE(QCborValue(envelope.options).toJsonValue().toObject(),
             QJsonDocument::fromJson(R"({"reboot": "never", "maxRuntimeSeconds": 3600})").object());
    QVERIFY2(
        m_out.startsWith(QStringLiteral("Job %1 created for 1 device (patch: security updates).\n").arg(envelope.id)),
        qPrintable(m_out));
    QVERIFY(m_out.contains(QLatin1String("deadline none")));
}

void TestCtlRunner::jobCreateChecksBeforeSending_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    QTest::newRow("metacharacters") << QStringList{QStringLiteral("--package"), QStringLiteral("vim;reboot")} << 2
                                    << QStringLiteral("'vim;reboot' is not a package name");
    QTest::newRow("command substitution in a version")
        << QStringList{QStringLiteral("--package"), QStringLiteral("vim=$(reboot)")} << 2
        << QStringLiteral("is not a package version");
    QTest::newRow("deadline past") << QStringList{QStringLiteral("--security"),
                                                  QStringLiteral("--deadline"),
                                                  QStringLiteral("2024-05-01T11:00:00Z")}
                                   << 2 << QStringLiteral("--deadline 2024-05-01T11:00:00Z is already past");
    QTest::newRow("expires before deadline") << QStringList{QStringLiteral("--security"),
                                                            QStringLiteral("--deadline"),
                                                            QStringLiteral("+2d"),
                                                            QStringLiteral("--expires"),
                                                            QStringLiteral("+1d")}
                                             << 2 << QStringLiteral("before its deadline");
    QTest::newRow("wrong passphrase") << QStringList{QStringLiteral("--security"),
                                                     QStringLiteral("--passphrase-file"),
                                                     QStringLiteral("WRONG")}
                                      << 1 << QStringLiteral("wrong passphrase for the key file");
    QTest::newRow("no passphrase") << QStringList{QStringLiteral("--security")} << 1
                                   << QStringLiteral("is encrypted: give its passphrase");
}

void TestCtlRunner::jobCreateChecksBeforeSending()
{
    QFETCH(QStringList, options);
    QFETCH(int, status);
    QFETCH(QString, error);
    writeOperatorKey(QStringLiteral("checked-olga.key"), QByteArrayLiteral("olga's pass"));
    options.replaceInStrings(QStringLiteral("WRONG"), writeFile(QStringLiteral("wrong-pp"), "not it\n"));
    QCOMPARE(run(QStringList{QStringLiteral("job"),
                             QStringLiteral("create"),
                             QStringLiteral("patch"),
                             QStringLiteral("--devices"),
                             QStringLiteral("d-0001"),
                             QStringLiteral("--signing-key"),
                             m_dir.filePath(QStringLiteral("checked-olga.key"))}
                 + options),
             status);
    QVERIFY2(m_err.contains(error), qPrintable(m_err));
    QCOMPARE(m_err.count(QLatin1Char('\n')), 1);
    QVERIFY(m_server->requests.isEmpty());
    QFile::remove(m_dir.filePath(QStringLiteral("checked-olga.key")));
}

void TestCtlRunner::jobsList()
{
    QCOMPARE(run({QStringLiteral("jobs")}), 0);
    QVERIFY2(m_out.startsWith(QLatin1String("ID                                    KIND   STATE")), qPrintable(m_out));
    QVERIFY2(m_out.contains(QLatin1String("security updates; reboot if-required  1 succeeded, 1 failed, 1 queued\n")),
             qPrintable(m_out));

    m_out.clear();
    QCOMPARE(run({QStringLiteral("jobs"), QStringLiteral("--json")}), 0);
    const QJsonArray jobs = QJsonDocument::fromJson(m_out.toUtf8()).array();
    QCOMPARE(jobs.size(), 1);
    const QJsonObject job = jobs.at(0).toObject();
    QCOMPARE(job.value(QStringLiteral("id")).toString(), QLatin1String(FakeAdminServer::sampleJobId));
    QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("patch"));
    QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QCOMPARE(
        job.value(QStringLiteral("counts")).toObject(),
        (QJsonObject{{QStringLiteral("succeeded"), 1}, {QStringLiteral("failed"), 1}, {QStringLiteral("queued"), 1}}));
}

void TestCtlRunner::jobShow()
{
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    QCOMPARE(run({QStringLiteral("job"), id}), 0);
    QVERIFY2(m_out.startsWith(QStringLiteral("Job         %1\n").arg(id)), qPrintable(m_out));
    // The server sends no device certificates: a receipt is shown, not vouched for.
    QVERIFY2(m_out.contains(QLatin1String("2024-05-01 10:02 UTC  not checked\n")), qPrintable(m_out));

    m_out.clear();
    QCOMPARE(run({QStringLiteral("job"), id, QStringLiteral("--json")}), 0);
    const QJsonObject job = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(job.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("patch"));
    QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    const QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    QCOMPARE(devices.size(), 3);
    const QJsonObject first = devices.at(0).toObject();
    for (const char *key : {"id", "state", "exitCode", "output", "items", "updatedAt", "receiptCheck"}) {
        QVERIFY2(first.contains(QLatin1String(key)), key);
    }
    QCOMPARE(first.value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(first.value(QStringLiteral("receiptCheck")).toString(), QStringLiteral("not-checked"));
    QCOMPARE(devices.at(1).toObject().value(QStringLiteral("receiptCheck")).toString(), QStringLiteral("none"));
}

void TestCtlRunner::jobReceipts()
{
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    const steward::tls::Identity device = m_site.issueClient(QStringLiteral("d-0001"), 77);
    const QByteArray certificate = device.certificate.toPem();
    jobs::Receipt receipt;
    receipt.jobId = id;
    receipt.deviceId = QStringLiteral("d-0001");
    receipt.state = QStringLiteral("succeeded");
    receipt.exitCode = 0;
    const QJsonObject sampleDevice =
        FakeAdminServer::sampleJob().value(QStringLiteral("devices")).toArray().at(0).toObject();
    receipt.itemsDigest = FakeAdminServer::itemsDigest(sampleDevice);
    receipt.at = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const auto receiptFields = [&](const jobs::Receipt &signedReceipt, const QByteArray &keyPem) {
        const jobs::SignedDocument document = jobs::signReceipt(signedReceipt, keyPem).value();
        return QJsonObject{{QStringLiteral("receipt"), QString::fromLatin1(document.bytes.toBase64())},
                           {QStringLiteral("receiptSignature"), QString::fromLatin1(document.signature.toBase64())},
                           {QStringLiteral("certificate"), QString::fromLatin1(certificate)}};
    };
    const auto checkOf = [&]() {
        m_out.clear();
        if (run({QStringLiteral("job"), id, QStringLiteral("--json")}) != 0) {
            return QStringLiteral("exit status");
        }
        return QJsonDocument::fromJson(m_out.toUtf8())
            .object()
            .value(QStringLiteral("devices"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("receiptCheck"))
            .toString();
    };

    m_server->updateJobDevice(id, QStringLiteral("d-0001"), receiptFields(receipt, device.key.toPem()));
    QCOMPARE(checkOf(), QStringLiteral("verified"));
    m_out.clear();
    QCOMPARE(run({QStringLiteral("job"), id}), 0);
    QVERIFY2(m_out.contains(QLatin1String("2024-05-01 10:02 UTC  verified\n")), qPrintable(m_out));

    // The server shows another state than the device signed.
    m_server->updateJobDevice(id, QStringLiteral("d-0001"), QJsonObject{{QStringLiteral("exitCode"), 3}});
    QCOMPARE(checkOf(), QStringLiteral("invalid"));
    m_server->updateJobDevice(id, QStringLiteral("d-0001"), QJsonObject{{QStringLiteral("exitCode"), 0}});
    QCOMPARE(checkOf(), QStringLiteral("verified"));

    // The server shows one item more than the device reported.
    QJsonArray items = sampleDevice.value(QStringLiteral("items")).toArray();
    items.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("sudo")},
                             {QStringLiteral("result"), QStringLiteral("installed")}});
    m_server->updateJobDevice(id, QStringLiteral("d-0001"), QJsonObject{{QStringLiteral("items"), items}});
    QCOMPARE(checkOf(), QStringLiteral("invalid"));
    m_server->updateJobDevice(id,
                              QStringLiteral("d-0001"),
                              QJsonObject{{QStringLiteral("items"), sampleDevice.value(QStringLiteral("items"))}});
    QCOMPARE(checkOf(), QStringLiteral("verified"));

    // Signed for another job.
    jobs::Receipt other = receipt;
    other.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_server->updateJobDevice(id, QStringLiteral("d-0001"), receiptFields(other, device.key.toPem()));
    QCOMPARE(checkOf(), QStringLiteral("invalid"));

    // Signed by another key than the certificate's.
    const steward::tls::Identity stranger = m_site.issueClient(QStringLiteral("d-0001"), 78);
    m_server->updateJobDevice(id, QStringLiteral("d-0001"), receiptFields(receipt, stranger.key.toPem()));
    QCOMPARE(checkOf(), QStringLiteral("invalid"));

    // A certificate from another CA than the site's.
    TestSite otherSite;
    const steward::tls::Identity foreign = otherSite.issueClient(QStringLiteral("d-0001"), 79);
    QJsonObject fields = receiptFields(receipt, foreign.key.toPem());
    fields.insert(QStringLiteral("certificate"), QString::fromLatin1(foreign.certificate.toPem()));
    m_server->updateJobDevice(id, QStringLiteral("d-0001"), fields);
    QCOMPARE(checkOf(), QStringLiteral("invalid"));
}

void TestCtlRunner::jobCancel()
{
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    QCOMPARE(run({QStringLiteral("job"), QStringLiteral("cancel"), id}), 0);
    QCOMPARE(m_server->requests.at(1), QStringLiteral("POST /api/v1/jobs/%1/cancel").arg(id));
    QVERIFY2(m_out.startsWith(QStringLiteral("Job %1 cancelled").arg(id)), qPrintable(m_out));
    QVERIFY2(m_out.contains(QLatin1String("Devices: 1 succeeded, 1 failed, 1 cancelled\n")), qPrintable(m_out));

    m_out.clear();
    QCOMPARE(run({QStringLiteral("job"), QStringLiteral("cancel"), id, QStringLiteral("--json")}), 1);
    const QJsonObject error =
        QJsonDocument::fromJson(m_err.toUtf8()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("job.final"));
    QVERIFY(error.value(QStringLiteral("message")).toString().endsWith(QLatin1String("(HTTP 409)")));
}

void TestCtlRunner::jobWaitFinished()
{
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    m_server->updateJobDevice(id,
                              QStringLiteral("d-0003"),
                              QJsonObject{{QStringLiteral("state"), QStringLiteral("not-applicable")}});
    QCOMPARE(run({QStringLiteral("job"), QStringLiteral("wait"), id, QStringLiteral("--timeout"), QStringLiteral("5")}),
             0);
    QCOMPARE(m_out, QStringLiteral("Job %1 finished: 1 succeeded, 1 failed, 1 not-applicable.\n").arg(id));
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    QCOMPARE(m_server->requests.count(QStringLiteral("GET /api/v1/jobs/%1").arg(id)), 1);
}

void TestCtlRunner::jobWaitPolls()
{
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    // The last device finishes while stewardctl waits; the server is briefly unavailable too.
    QTimer::singleShot(250, m_server.get(), [this] {
        m_server->setUnavailable(true);
    });
    QTimer::singleShot(450, m_server.get(), [this, id] {
        m_server->setUnavailable(false);
        m_server->updateJobDevice(id,
                                  QStringLiteral("d-0003"),
                                  QJsonObject{{QStringLiteral("state"), QStringLiteral("succeeded")}});
    });
    QCOMPARE(run({QStringLiteral("job"), QStringLiteral("wait"), id, QStringLiteral("--json")}), 0);
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    QVERIFY(m_server->requests.count(QStringLiteral("GET /api/v1/jobs/%1").arg(id)) >= 3);
    const QJsonObject job = QJsonDocument::fromJson(m_out.toUtf8()).object();
    QCOMPARE(job.value(QStringLiteral("counts")).toObject(),
             (QJsonObject{{QStringLiteral("succeeded"), 2}, {QStringLiteral("failed"), 1}}));
}

void TestCtlRunner::jobWaitTimesOut()
{
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(run({QStringLiteral("job"), QStringLiteral("wait"), id, QStringLiteral("--timeout"), QStringLiteral("1")}),
             1);
    QVERIFY(timer.elapsed() >= 1000);
    QVERIFY(m_out.isEmpty());
    QCOMPARE(
        m_err,
        QStringLiteral("stewardctl: job %1 has not finished after 1 s: 1 succeeded, 1 failed, 1 queued\n").arg(id));
    QVERIFY(m_server->requests.count(QStringLiteral("GET /api/v1/jobs/%1").arg(id)) >= 2);
    QCOMPARE(m_server->requests.constLast(), QStringLiteral("POST /api/v1/logout"));

    m_err.clear();
    QCOMPARE(run({QStringLiteral("job"),
                  QStringLiteral("wait"),
                  id,
                  QStringLiteral("--timeout"),
                  QStringLiteral("1"),
                  QStringLiteral("--json")}),
             1);
    const QJsonObject error =
        QJsonDocument::fromJson(m_err.toUtf8()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("job.timeout"));
}

void TestCtlRunner::jobUnknown()
{
    for (const char *command : {"job", "job wait", "job cancel"}) {
        m_err.clear();
        QCOMPARE(run(QString::fromLatin1(command).split(QLatin1Char(' ')) << QStringLiteral("no-such-job")), 1);
        QCOMPARE(m_err, QStringLiteral("stewardctl: no such job (HTTP 404)\n"));
    }
}

QTEST_GUILESS_MAIN(TestCtlRunner)
#include "TestCtlRunner.moc"
