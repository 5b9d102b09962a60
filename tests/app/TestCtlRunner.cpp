// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlRunner.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"
#include "TestSite.h"
#include "TlsConfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

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

private:
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

QTEST_GUILESS_MAIN(TestCtlRunner)
#include "TestCtlRunner.moc"
