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
    void readPassword_data();
    void readPassword();

private:
    int run(const QStringList &arguments, const QByteArray &password = QByteArrayLiteral("secret\n"));

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
    const int status = runner.main(QStringList{QStringLiteral("stewardctl")} + arguments, environment,
                                   QStringLiteral("9.9.9"));
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
    QTest::newRow("devices last seen") << QStringList{QStringLiteral("devices")} << good << 0 << QStringLiteral("3 h ago")
                                       << QString();
    QTest::newRow("device") << QStringList{QStringLiteral("device"), QStringLiteral("d-0001")} << good << 0
                            << QStringLiteral("  - ClamAV definitions are 9 days old (limit 7)") << QString();
    QTest::newRow("unknown device") << QStringList{QStringLiteral("device"), QStringLiteral("d-404")} << good << 1
                                    << QString() << QStringLiteral("stewardctl: no such device (HTTP 404)\n");
    QTest::newRow("revoke") << QStringList{QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("d-0002")}
                            << good << 0 << QStringLiteral("Device d-0002 revoked") << QString();
    QTest::newRow("token") << QStringList{QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--uses"),
                                          QStringLiteral("3")}
                           << good << 0
                           << QStringLiteral("steward-agent enroll --data-dir /var/lib/steward-agent --server localhost:8730 --token enroll-abc123 "
                                             "--ca-fingerprint AB:CD:EF:01")
                           << QString();
    QTest::newRow("audit") << QStringList{QStringLiteral("audit"), QStringLiteral("--limit"), QStringLiteral("2")} << good
                           << 0 << QStringLiteral("device.revoke") << QString();
    QTest::newRow("password with CRLF") << QStringList{QStringLiteral("devices")} << QByteArrayLiteral("secret\r\nignored\n")
                                        << 0 << QStringLiteral("srv-mail") << QString();
    QTest::newRow("wrong password") << QStringList{QStringLiteral("devices")} << QByteArrayLiteral("nope\n") << 1
                                    << QString()
                                    << QStringLiteral("stewardctl: login failed: wrong user name or password (HTTP 401)\n");
    QTest::newRow("empty password file") << QStringList{QStringLiteral("devices")} << QByteArray() << 1 << QString()
                                         << QStringLiteral("is empty");
    QTest::newRow("bad arguments") << QStringList{QStringLiteral("devicez")} << good << 2 << QString()
                                   << QStringLiteral("stewardctl: unknown command 'devicez' (see stewardctl --help)\n");
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << good << 0 << QStringLiteral("stewardctl 9.9.9")
                             << QString();
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
