// SPDX-License-Identifier: GPL-3.0-or-later
// The real programs on loopback, as an admin would run them: steward-server init + run,
// stewardctl to create a token, steward-agent enroll + run --once, stewardctl to read the device.
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace
{
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.start();
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// Neither group nor others may read a private key.
bool isOwnerOnly(const QString &path)
{
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
        | QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    return (permissions & QFileDevice::ReadOwner) && !(permissions & others);
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
}

class TestEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void initRefusesInitialisedDirectory();
    void everyProgramHasHelpAndVersion_data();
    void everyProgramHasHelpAndVersion();
    void collectPrintsTheWholeReport();
    void agentEnrolsReportsAndShowsUp();
    void badTokensAreRefused();
    void tokenFileEnrols();
    void wrongPasswordIsRefusedAndAudited();
    void serverLosingASectionTriggersResync();
    void killedAgentLosesNothing();
    void revokedAgentIsRefused();

private:
    Run ctl(const QStringList &arguments, const QString &passwordFile = {});
    QJsonObject createToken(int uses);
    QJsonObject device();

    QTemporaryDir m_dir;
    QString m_serverData;
    QString m_passwordFile;
    quint16 m_agentPort = 0;
    quint16 m_apiPort = 0;
    QProcess m_server;
    QString m_deviceId;
};

void TestEndToEnd::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_serverData = m_dir.filePath(QStringLiteral("server"));
    m_passwordFile = m_dir.filePath(QStringLiteral("admin-password"));
    QFile password(m_passwordFile);
    QVERIFY(password.open(QIODevice::WriteOnly));
    password.write("e2e-site-password-17\n");
    password.close();

    const Run init = run(QStringLiteral(STEWARD_SERVER),
                         {QStringLiteral("init"), QStringLiteral("--data-dir"), m_serverData, QStringLiteral("--admin-password-file"), m_passwordFile});
    QVERIFY2(init.exitCode == 0, init.err.constData());
    QVERIFY(QFile::exists(m_serverData + QStringLiteral("/ca.pem")));
    QVERIFY(isOwnerOnly(m_serverData + QStringLiteral("/private/ca.key")));

    m_agentPort = freePort();
    m_apiPort = freePort();
    m_server.setProgram(QStringLiteral(STEWARD_SERVER));
    m_server.setArguments({QStringLiteral("run"), QStringLiteral("--data-dir"), m_serverData, QStringLiteral("--agent-listen"),
                           QStringLiteral("127.0.0.1:%1").arg(m_agentPort), QStringLiteral("--api-listen"), QStringLiteral("127.0.0.1:%1").arg(m_apiPort)});
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start();
    QVERIFY(m_server.waitForStarted());
    // Ready when both ports accept connections.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            for (quint16 port : {m_agentPort, m_apiPort}) {
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, port);
                if (!probe.waitForConnected(200)) {
                    return false;
                }
            }
            return true;
        }(),
        15000);
}

void TestEndToEnd::cleanupTestCase()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        QVERIFY(m_server.waitForFinished(10000));
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
    }
}

Run TestEndToEnd::ctl(const QStringList &arguments, const QString &passwordFile)
{
    QStringList all = {QStringLiteral("--server"), QStringLiteral("https://localhost:%1").arg(m_apiPort), QStringLiteral("--ca"),
                       m_serverData + QStringLiteral("/ca.pem"), QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password-file"),
                       passwordFile.isEmpty() ? m_passwordFile : passwordFile};
    return run(QStringLiteral(STEWARDCTL), all + arguments);
}

QJsonObject TestEndToEnd::createToken(int uses)
{
    const Run created = ctl({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--uses"), QString::number(uses), QStringLiteral("--json")});
    if (created.exitCode != 0) {
        qWarning() << created.err;
        return {};
    }
    return QJsonDocument::fromJson(created.out).object();
}

void TestEndToEnd::initRefusesInitialisedDirectory()
{
    const QByteArray caBefore = [this] {
        QFile f(m_serverData + QStringLiteral("/ca.pem"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const Run again = run(QStringLiteral(STEWARD_SERVER),
                          {QStringLiteral("init"), QStringLiteral("--data-dir"), m_serverData, QStringLiteral("--admin-password-file"), m_passwordFile});
    QVERIFY(again.exitCode != 0);
    QVERIFY(again.err.contains("already initialised"));
    QFile after(m_serverData + QStringLiteral("/ca.pem"));
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), caBefore);
}

void TestEndToEnd::everyProgramHasHelpAndVersion_data()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("steward-server") << QStringLiteral(STEWARD_SERVER);
    QTest::newRow("steward-agent") << QStringLiteral(STEWARD_AGENT);
    QTest::newRow("stewardctl") << QStringLiteral(STEWARDCTL);
    QTest::newRow("steward-console") << QStringLiteral(STEWARD_CONSOLE);
}

void TestEndToEnd::everyProgramHasHelpAndVersion()
{
    QFETCH(QString, program);
    // No display is needed to ask a program what it is.
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    const Run help = run(program, {QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("Usage"));
    const Run version = run(program, {QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.contains(STEWARD_VERSION));
    const Run bad = run(program, {QStringLiteral("--no-such-option")});
    QVERIFY(bad.exitCode != 0);
    QCOMPARE(bad.err.trimmed().count('\n'), 0); // one line on stderr
    QVERIFY(!bad.err.trimmed().isEmpty());
}

void TestEndToEnd::collectPrintsTheWholeReport()
{
    const Run collect = run(QStringLiteral(STEWARD_AGENT), {QStringLiteral("collect"), QStringLiteral("--json")});
    QCOMPARE(collect.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(collect.out).object();
    for (const char *key : {"os", "hardware", "antivirus"}) {
        QVERIFY2(report.value(QLatin1String(key)).isObject(), key);
    }
    QVERIFY(report.value(QLatin1String("software")).isArray());
    QVERIFY(!report.value(QLatin1String("software")).toArray().isEmpty()); // this Debian machine has dpkg packages
    const QJsonObject patches = report.value(QLatin1String("patches")).toObject();
    QVERIFY(patches.value(QLatin1String("pending")).isArray());
    for (const QJsonValue &update : patches.value(QLatin1String("pending")).toArray()) {
        QVERIFY(update.toObject().value(QLatin1String("name")).isString());
        QVERIFY(update.toObject().value(QLatin1String("security")).isBool());
    }
}

void TestEndToEnd::agentEnrolsReportsAndShowsUp()
{
    const QJsonObject token = createToken(1);
    QVERIFY(!token.value(QLatin1String("token")).toString().isEmpty());
    // The fingerprint stewardctl hands out is the CA's, as anyone can check from ca.pem.
    QFile caFile(m_serverData + QStringLiteral("/ca.pem"));
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    const QSslCertificate ca(caFile.readAll(), QSsl::Pem);
    QCOMPARE(token.value(QLatin1String("caFingerprint")).toString(), QString::fromLatin1(ca.digest(QCryptographicHash::Sha256).toHex()));

    const QString agentData = m_dir.filePath(QStringLiteral("agent"));
    const Run enrolled = run(QStringLiteral(STEWARD_AGENT),
                             {QStringLiteral("enroll"), QStringLiteral("--data-dir"), agentData, QStringLiteral("--server"),
                              QStringLiteral("127.0.0.1:%1").arg(m_agentPort), QStringLiteral("--token"), token.value(QLatin1String("token")).toString(),
                              QStringLiteral("--ca-fingerprint"), token.value(QLatin1String("caFingerprint")).toString()});
    QVERIFY2(enrolled.exitCode == 0, enrolled.err.constData());
    QVERIFY(isOwnerOnly(agentData + QStringLiteral("/agent.key")));

    const Run once = run(QStringLiteral(STEWARD_AGENT), {QStringLiteral("run"), QStringLiteral("--data-dir"), agentData, QStringLiteral("--once")});
    QVERIFY2(once.exitCode == 0, once.err.constData());

    const Run devices = ctl({QStringLiteral("devices"), QStringLiteral("--json")});
    QCOMPARE(devices.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(devices.out).array();
    QCOMPARE(list.size(), 1);
    const QJsonObject summary = list.first().toObject();
    m_deviceId = summary.value(QLatin1String("id")).toString();
    QVERIFY(!m_deviceId.isEmpty());
    QCOMPARE(summary.value(QLatin1String("hostname")).toString(), QSysInfo::machineHostName());
    QVERIFY(summary.value(QLatin1String("compliant")).isBool());

    const Run detail = ctl({QStringLiteral("device"), m_deviceId, QStringLiteral("--json")});
    QCOMPARE(detail.exitCode, 0);
    const QJsonObject device = QJsonDocument::fromJson(detail.out).object();
    QCOMPARE(device.value(QLatin1String("id")).toString(), m_deviceId);
    QVERIFY(device.value(QLatin1String("os")).toObject().contains(QLatin1String("prettyName")));
    QVERIFY(device.value(QLatin1String("patches")).toObject().value(QLatin1String("pending")).isArray());
    QVERIFY(device.value(QLatin1String("antivirus")).toObject().value(QLatin1String("products")).isArray());
    const QJsonObject compliance = device.value(QLatin1String("compliance")).toObject();
    QVERIFY(compliance.value(QLatin1String("reasons")).isArray());
    // Compliance and its reasons agree: compliant exactly when there is nothing to explain.
    QCOMPARE(compliance.value(QLatin1String("compliant")).toBool(), compliance.value(QLatin1String("reasons")).toArray().isEmpty());
    QCOMPARE(summary.value(QLatin1String("compliant")).toBool(), compliance.value(QLatin1String("compliant")).toBool());

    // A second run sends an unchanged (delta) report, which is acknowledged as well.
    const Run again = run(QStringLiteral(STEWARD_AGENT), {QStringLiteral("run"), QStringLiteral("--data-dir"), agentData, QStringLiteral("--once")});
    QVERIFY2(again.exitCode == 0, again.err.constData());
}

void TestEndToEnd::badTokensAreRefused()
{
    const QJsonObject token = createToken(1);
    const QString fingerprint = token.value(QLatin1String("caFingerprint")).toString();
    auto enrol = [&](const QString &dir, const QString &secret, const QString &pin) {
        return run(QStringLiteral(STEWARD_AGENT),
                   {QStringLiteral("enroll"), QStringLiteral("--data-dir"), m_dir.filePath(dir), QStringLiteral("--server"),
                    QStringLiteral("127.0.0.1:%1").arg(m_agentPort), QStringLiteral("--token"), secret, QStringLiteral("--ca-fingerprint"), pin});
    };
    const Run wrong = enrol(QStringLiteral("wrong-token"), QStringLiteral("not-a-real-token"), fingerprint);
    QVERIFY(wrong.exitCode != 0);
    QVERIFY2(wrong.err.contains("not known"), wrong.err.constData());

    QCOMPARE(enrol(QStringLiteral("first-use"), token.value(QLatin1String("token")).toString(), fingerprint).exitCode, 0);
    const Run usedUp = enrol(QStringLiteral("second-use"), token.value(QLatin1String("token")).toString(), fingerprint);
    QVERIFY(usedUp.exitCode != 0);
    QVERIFY2(usedUp.err.contains("no uses left"), usedUp.err.constData());

    // A server whose CA does not match the pin is never sent the token.
    const Run pinned = enrol(QStringLiteral("wrong-pin"), createToken(1).value(QLatin1String("token")).toString(), QString(64, QLatin1Char('a')));
    QVERIFY(pinned.exitCode != 0);
    QVERIFY2(pinned.err.contains("pinned fingerprint"), pinned.err.constData());
}

void TestEndToEnd::tokenFileEnrols()
{
    // The way to keep the token out of the process list: only its file's name shows in `ps`.
    const QJsonObject token = createToken(1);
    QVERIFY(!token.value(QLatin1String("token")).toString().isEmpty());
    const QString tokenFile = m_dir.filePath(QStringLiteral("enrolment-token"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write(token.value(QLatin1String("token")).toString().toUtf8() + "\n");
    file.close();
    const Run enrolled = run(QStringLiteral(STEWARD_AGENT),
                             {QStringLiteral("enroll"), QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("token-file")), QStringLiteral("--server"),
                              QStringLiteral("127.0.0.1:%1").arg(m_agentPort), QStringLiteral("--token-file"), tokenFile, QStringLiteral("--ca-fingerprint"),
                              token.value(QLatin1String("caFingerprint")).toString()});
    QVERIFY2(enrolled.exitCode == 0, enrolled.err.constData());
    QVERIFY(enrolled.out.startsWith("Enrolled as device "));
}

void TestEndToEnd::wrongPasswordIsRefusedAndAudited()
{
    const QString wrongFile = m_dir.filePath(QStringLiteral("wrong-password"));
    QFile file(wrongFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not-the-password\n");
    file.close();
    const Run refused = ctl({QStringLiteral("devices")}, wrongFile);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.startsWith("stewardctl: "));
    QCOMPARE(refused.err.trimmed().count('\n'), 0);

    const Run audit = ctl({QStringLiteral("audit"), QStringLiteral("--json")});
    QCOMPARE(audit.exitCode, 0);
    bool found = false;
    for (const QJsonValue &entry : QJsonDocument::fromJson(audit.out).array()) {
        const QJsonObject row = entry.toObject();
        found = found || (row.value(QLatin1String("action")).toString() == QLatin1String("login") && row.value(QLatin1String("outcome")).toString() == QLatin1String("denied"));
    }
    QVERIFY(found);
}

QJsonObject TestEndToEnd::device()
{
    const Run detail = ctl({QStringLiteral("device"), m_deviceId, QStringLiteral("--json")});
    return detail.exitCode == 0 ? QJsonDocument::fromJson(detail.out).object() : QJsonObject();
}

void TestEndToEnd::serverLosingASectionTriggersResync()
{
    QVERIFY(!m_deviceId.isEmpty());
    QVERIFY(device().value(QLatin1String("hardware")).isObject());
    {
        // The server's copy of one section disappears (restored backup, manual repair...).
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("e2e"));
        db.setDatabaseName(m_serverData + QStringLiteral("/steward.db"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM device_sections WHERE device_id = ? AND name = 'hardware'"));
        query.addBindValue(m_deviceId);
        QVERIFY(query.exec());
        QCOMPARE(query.numRowsAffected(), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("e2e"));
    QVERIFY(device().value(QLatin1String("hardware")).isNull());
    // The next (delta) report's hashes disagree with the server: it asks for a full report, and
    // --once returns only after that full report is acknowledged too.
    const Run once = run(QStringLiteral(STEWARD_AGENT), {QStringLiteral("run"), QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("agent")), QStringLiteral("--once")});
    QVERIFY2(once.exitCode == 0, once.err.constData());
    QVERIFY2(once.err.contains("server asked for a full report"), once.err.constData());
    QVERIFY(device().value(QLatin1String("hardware")).isObject());
}

void TestEndToEnd::killedAgentLosesNothing()
{
    QVERIFY(!m_deviceId.isEmpty());
    const QString agentData = m_dir.filePath(QStringLiteral("agent"));
    const QStringList arguments = {QStringLiteral("run"), QStringLiteral("--data-dir"), agentData, QStringLiteral("--once")};
    // How long one complete run takes here, so the kills land anywhere inside one: while
    // collecting, while writing the spool, while sending, while waiting for the ack.
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(run(QStringLiteral(STEWARD_AGENT), arguments).exitCode, 0);
    const qint64 runMs = std::max<qint64>(timer.elapsed(), 50);

    QRandomGenerator random(20261123); // fixed seed: a failure can be replayed
    int killed = 0;
    for (int i = 0; i < 15; ++i) {
        QProcess agent;
        agent.setProgram(QStringLiteral(STEWARD_AGENT));
        agent.setArguments(arguments);
        agent.start();
        QVERIFY(agent.waitForStarted());
        if (!agent.waitForFinished(int(random.bounded(runMs * 6 / 5)))) {
            agent.kill(); // SIGKILL: no chance to clean up
            QVERIFY(agent.waitForFinished());
            ++killed;
        }
    }
    QVERIFY(killed > 0);
    const Run final = run(QStringLiteral(STEWARD_AGENT), arguments);
    QVERIFY2(final.exitCode == 0, final.err.constData());

    // Everything the agent ever committed to its spool reached the server exactly once.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("spool"));
    db.setDatabaseName(agentData + QStringLiteral("/spool.db"));
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    QVERIFY(db.open());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM reports), (SELECT value FROM meta WHERE key = 'last_sequence')")));
    QVERIFY(query.next());
    const qint64 pending = query.value(0).toLongLong();
    const qint64 agentLast = query.value(1).toLongLong();
    query = QSqlQuery();
    db.close();
    QSqlDatabase::removeDatabase(QStringLiteral("spool"));
    QCOMPARE(pending, 0);
    const QJsonObject detail = device();
    QCOMPARE(qint64(detail.value(QLatin1String("lastSequence")).toDouble()), agentLast);
    QCOMPARE(qint64(detail.value(QLatin1String("reportsStored")).toDouble()), agentLast); // no gap, no double
}

void TestEndToEnd::revokedAgentIsRefused()
{
    QVERIFY(!m_deviceId.isEmpty());
    const Run revoked = ctl({QStringLiteral("device"), QStringLiteral("revoke"), m_deviceId, QStringLiteral("--json")});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    const Run once = run(QStringLiteral(STEWARD_AGENT),
                         {QStringLiteral("run"), QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("agent")), QStringLiteral("--once")});
    QVERIFY(once.exitCode != 0);
    QVERIFY2(once.err.contains("closed the connection"), once.err.constData());
}

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "TestEndToEnd.moc"
