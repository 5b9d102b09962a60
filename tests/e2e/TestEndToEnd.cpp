// SPDX-License-Identifier: GPL-3.0-or-later
// The real programs on loopback, as an admin would run them: steward-server init + run,
// stewardctl to create a token, steward-agent enroll + run --once, stewardctl to read the device,
// manage people and API tokens and check the audit log.
//
// Every test runs once per database engine (the global data rows "sqlite" and "postgresql"):
// initTestCase starts one site server per engine, the PostgreSQL one on a database of the shared
// throwaway PostgreSQL server. In Qt 6.4 initTestCase runs once, before any row, so it cannot
// QFETCH_GLOBAL; each test finds its engine's site in init(). When PostgreSQL cannot start,
// every postgresql row fails with the reason: it is never skipped.
#include "PostgresServer.h"
#include "ProcessRun.h"
#include "SiteServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using steward::test::cleanEnvironment;
using steward::test::isOwnerOnly;
using steward::test::Run;
using steward::test::run;
using steward::test::SiteServer;
using steward::test::writePrivateFile;

namespace
{
const char *const kEngines[] = {"sqlite", "postgresql"};
const char *const kPostgresDatabase = "steward_e2e";

// How many audit rows match. `entries` is `stewardctl audit --json`.
int countAudit(const QByteArray &entries, const QString &actor, const QString &action, const QString &outcome = {})
{
    int count = 0;
    for (const QJsonValue &value : QJsonDocument::fromJson(entries).array()) {
        const QJsonObject row = value.toObject();
        count += (actor.isEmpty() || row.value(QLatin1String("actor")).toString() == actor)
            && row.value(QLatin1String("action")).toString() == action
            && (outcome.isEmpty() || row.value(QLatin1String("outcome")).toString() == outcome);
    }
    return count;
}

QJsonObject jsonError(const QByteArray &err)
{
    return QJsonDocument::fromJson(err).object().value(QLatin1String("error")).toObject();
}

// One site server and everything a test made on it.
struct Site {
    QString engine;
    SiteServer server{{QStringLiteral(STEWARD_SERVER), QStringLiteral(STEWARD_AGENT), QStringLiteral(STEWARDCTL)}};
    QString postgresSocket; // the PostgreSQL row's database, for reading it directly
    QString postgresUser;
    QString deviceId;
    QString failure; // why this site could not be started

    QString path(const QString &name) const
    {
        return server.path(name);
    }
};
}

class TestEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanupTestCase();

    void initRefusesInitialisedDirectory();
    void runRefusesABadStaleLimit_data();
    void runRefusesABadStaleLimit();
    void everyProgramHasHelpAndVersion_data();
    void everyProgramHasHelpAndVersion();
    void collectPrintsTheWholeReport();
    void agentEnrolsReportsAndShowsUp();
    void policiesApplyAtTheNextRead();
    void complianceSheetIsAPdf();
    void jobsAreSignedCreatedAndCancelled();
    void badTokensAreRefused();
    void tokenFileEnrols();
    void wrongPasswordIsRefusedAndAudited();
    void serverLosingASectionTriggersResync();
    void killedAgentLosesNothing();
    void revokedAgentIsRefused();
    void peopleAreManagedWithStewardctl();
    void helpdeskCannotManagePeople();
    void apiTokenWorksWithoutLogin();
    void auditVerifyPrintsTheHeadHash();
    void jsonErrorsAreJson();
    void databaseOutageIsNotAWrongPassword();

private:
    QString startSite(Site &site);
    Site &site();
    // stewardctl as the site's admin, with another password file when one is given.
    Run ctl(const QStringList &arguments, const QString &passwordFile = {});
    SiteServer &server();
    QJsonObject device();
    QByteArray auditAsAdmin(int limit = 200);

    QTemporaryDir m_dir;
    std::map<QString, Site> m_sites;
};

void TestEndToEnd::initTestCase_data()
{
    QTest::addColumn<QString>("engine");
    for (const char *engine : kEngines) {
        QTest::newRow(engine) << QString::fromLatin1(engine);
    }
}

void TestEndToEnd::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *engine : kEngines) {
        Site &site = m_sites[QString::fromLatin1(engine)];
        site.engine = QString::fromLatin1(engine);
        site.failure = startSite(site);
        if (!site.failure.isEmpty()) {
            qWarning().noquote() << "the" << site.engine << "site did not start:" << site.failure;
        }
    }
    // The engine-neutral checks still say something when PostgreSQL is missing; its rows fail in init().
    QVERIFY2(m_sites.at(QStringLiteral("sqlite")).failure.isEmpty(),
             qPrintable(m_sites.at(QStringLiteral("sqlite")).failure));
}

QString TestEndToEnd::startSite(Site &site)
{
    QString databaseUrl; // empty: SQLite in the server's data directory
    if (site.engine == QLatin1String("postgresql")) {
        QString why;
        steward::test::PostgresServer *postgres = steward::test::PostgresServer::shared(&why);
        if (!postgres) {
            return QStringLiteral("PostgreSQL is required for the postgresql row and could not start: ") + why;
        }
        const steward::Result<QString> url = postgres->createDatabase(QLatin1String(kPostgresDatabase));
        if (!url) {
            return url.error().message;
        }
        databaseUrl = url.value();
        site.postgresSocket = postgres->socketDirectory();
        site.postgresUser = postgres->superuser();
    }
    const steward::Status started = site.server.start(m_dir.filePath(site.engine), databaseUrl);
    return started ? QString() : started.error().message;
}

void TestEndToEnd::init()
{
    const Site &current = site();
    if (!current.failure.isEmpty()) {
        QFAIL(qPrintable(QStringLiteral("the %1 site server is not running: %2").arg(current.engine, current.failure)));
    }
}

Site &TestEndToEnd::site()
{
    QFETCH_GLOBAL(QString, engine);
    return m_sites[engine];
}

void TestEndToEnd::cleanupTestCase()
{
    for (auto &[engine, site] : m_sites) {
        const steward::Status stopped = site.server.stop();
        QVERIFY2(stopped, qPrintable(engine + QStringLiteral(": ") + (stopped ? QString() : stopped.error().message)));
    }
}

Run TestEndToEnd::ctl(const QStringList &arguments, const QString &passwordFile)
{
    return passwordFile.isEmpty() ? server().ctl(arguments)
                                  : server().ctlAs(QStringLiteral("admin"), passwordFile, arguments);
}

SiteServer &TestEndToEnd::server()
{
    return site().server;
}

QByteArray TestEndToEnd::auditAsAdmin(int limit)
{
    const Run audit =
        ctl({QStringLiteral("audit"), QStringLiteral("--json"), QStringLiteral("--limit"), QString::number(limit)});
    if (audit.exitCode != 0) {
        qWarning() << "stewardctl audit failed:" << audit.err;
        return QByteArray();
    }
    return audit.out;
}

void TestEndToEnd::initRefusesInitialisedDirectory()
{
    const QByteArray caBefore = [this] {
        QFile f(server().caFile());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const Run again = run(QStringLiteral(STEWARD_SERVER), server().initArguments());
    QVERIFY(again.exitCode != 0);
    QVERIFY(again.err.contains("already initialised"));
    QFile after(server().caFile());
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), caBefore);
}

void TestEndToEnd::runRefusesABadStaleLimit_data()
{
    QTest::addColumn<QString>("hours");
    QTest::newRow("zero") << QStringLiteral("0");
    QTest::newRow("words") << QStringLiteral("a day");
    QTest::newRow("over a year") << QStringLiteral("9000");
}

void TestEndToEnd::runRefusesABadStaleLimit()
{
    QFETCH(QString, hours);
    const Run refused = run(QStringLiteral(STEWARD_SERVER),
                            {QStringLiteral("run"),
                             QStringLiteral("--data-dir"),
                             server().serverData(),
                             QStringLiteral("--stale-after-hours"),
                             hours});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("--stale-after-hours"), refused.err.constData());
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
    const QJsonObject token = server().createToken(1);
    QVERIFY(!token.value(QLatin1String("token")).toString().isEmpty());
    // The fingerprint stewardctl hands out is the CA's, as anyone can check from ca.pem.
    QFile caFile(server().caFile());
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    const QSslCertificate ca(caFile.readAll(), QSsl::Pem);
    QCOMPARE(token.value(QLatin1String("caFingerprint")).toString(),
             QString::fromLatin1(ca.digest(QCryptographicHash::Sha256).toHex()));

    const QString agentData = site().path(QStringLiteral("agent"));
    const Run enrolled = server().enrolAgent(agentData,
                                             {QStringLiteral("--token"),
                                              token.value(QLatin1String("token")).toString(),
                                              QStringLiteral("--ca-fingerprint"),
                                              token.value(QLatin1String("caFingerprint")).toString()});
    QVERIFY2(enrolled.exitCode == 0, enrolled.err.constData());
    QVERIFY(isOwnerOnly(agentData + QStringLiteral("/agent.key")));

    const Run once = server().runAgentOnce(agentData);
    QVERIFY2(once.exitCode == 0, once.err.constData());

    const Run devices = ctl({QStringLiteral("devices"), QStringLiteral("--json")});
    QCOMPARE(devices.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(devices.out).array();
    QCOMPARE(list.size(), 1);
    const QJsonObject summary = list.first().toObject();
    site().deviceId = summary.value(QLatin1String("id")).toString();
    QVERIFY(!site().deviceId.isEmpty());
    QCOMPARE(summary.value(QLatin1String("hostname")).toString(), QSysInfo::machineHostName());
    QVERIFY(summary.value(QLatin1String("compliant")).isBool());

    const Run detail = ctl({QStringLiteral("device"), site().deviceId, QStringLiteral("--json")});
    QCOMPARE(detail.exitCode, 0);
    const QJsonObject device = QJsonDocument::fromJson(detail.out).object();
    QCOMPARE(device.value(QLatin1String("id")).toString(), site().deviceId);
    QVERIFY(device.value(QLatin1String("os")).toObject().contains(QLatin1String("prettyName")));
    QVERIFY(device.value(QLatin1String("patches")).toObject().value(QLatin1String("pending")).isArray());
    QVERIFY(device.value(QLatin1String("antivirus")).toObject().value(QLatin1String("products")).isArray());
    const QJsonObject compliance = device.value(QLatin1String("compliance")).toObject();
    QVERIFY(compliance.value(QLatin1String("reasons")).isArray());
    // Compliance and its reasons agree: compliant exactly when there is nothing to explain.
    QCOMPARE(compliance.value(QLatin1String("compliant")).toBool(),
             compliance.value(QLatin1String("reasons")).toArray().isEmpty());
    QCOMPARE(summary.value(QLatin1String("compliant")).toBool(), compliance.value(QLatin1String("compliant")).toBool());

    // The help desk finds it by what the agent reported: its name, and its first address
    // (typed in upper case where it has letters) and MAC address (dashes instead of colons).
    QStringList lookups{QSysInfo::machineHostName()};
    const QJsonArray addresses = summary.value(QLatin1String("ipAddresses")).toArray();
    if (!addresses.isEmpty()) {
        lookups.append(addresses.first().toString().toUpper());
    }
    const QJsonArray macs = summary.value(QLatin1String("macAddresses")).toArray();
    if (!macs.isEmpty()) {
        lookups.append(macs.first().toString().replace(QLatin1Char(':'), QLatin1Char('-')));
    }
    for (const QString &lookup : std::as_const(lookups)) {
        const Run found = ctl({QStringLiteral("search"), lookup, QStringLiteral("--json")});
        QVERIFY2(found.exitCode == 0, found.err.constData());
        const QJsonArray hits = QJsonDocument::fromJson(found.out).array();
        QVERIFY2(hits.size() == 1, qPrintable(lookup + QLatin1Char(' ') + QString::fromUtf8(found.out)));
        QCOMPARE(hits.first().toObject().value(QLatin1String("id")).toString(), site().deviceId);
    }

    // A second run sends an unchanged (delta) report, which is acknowledged as well.
    const Run again = server().runAgentOnce(agentData);
    QVERIFY2(again.exitCode == 0, again.err.constData());
}

// A unit's policy, set with stewardctl, judges the real agent's report at the next read.
void TestEndToEnd::policiesApplyAtTheNextRead()
{
    QVERIFY(!site().deviceId.isEmpty());
    const QString unit = QStringLiteral("Ministry of Health");
    for (const QStringList &command :
         {QStringList{QStringLiteral("ou"), QStringLiteral("create"), unit},
          QStringList{QStringLiteral("device"), QStringLiteral("move"), site().deviceId, QStringLiteral("--ou"), unit},
          QStringList{QStringLiteral("policy"),
                      QStringLiteral("set"),
                      unit,
                      QStringLiteral("software.required=steward-no-such-package"),
                      QStringLiteral("antivirus.required=false")}}) {
        const Run run = ctl(command);
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }
    const auto reasons = [this]() {
        const QJsonObject device =
            QJsonDocument::fromJson(ctl({QStringLiteral("device"), site().deviceId, QStringLiteral("--json")}).out)
                .object();
        QHash<QString, QJsonObject> byCode;
        for (const QJsonValue &reason :
             device.value(QLatin1String("compliance")).toObject().value(QLatin1String("reasons")).toArray()) {
            byCode.insert(reason.toObject().value(QLatin1String("code")).toString(), reason.toObject());
        }
        return byCode;
    };
    QHash<QString, QJsonObject> now = reasons();
    QVERIFY2(now.contains(QStringLiteral("software.missing")), qPrintable(QStringList(now.keys()).join(u' ')));
    const QJsonObject policy = now.value(QStringLiteral("software.missing")).value(QLatin1String("policy")).toObject();
    QCOMPARE(policy.value(QLatin1String("rule")).toString(), QStringLiteral("software.required"));
    QCOMPARE(policy.value(QLatin1String("value")).toString(), QStringLiteral("steward-no-such-package"));
    QCOMPARE(policy.value(QLatin1String("origin")).toString(), unit);
    for (const QString &code : now.keys()) {
        QVERIFY2(!code.startsWith(QLatin1String("antivirus.")), qPrintable(code));
    }

    // The effective policy, with where each value comes from.
    const Run shown = ctl({QStringLiteral("policy"), unit, QStringLiteral("--json")});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    QHash<QString, QJsonObject> rules;
    for (const QJsonValue &rule : QJsonDocument::fromJson(shown.out).object().value(QLatin1String("rules")).toArray()) {
        rules.insert(rule.toObject().value(QLatin1String("rule")).toString(), rule.toObject());
    }
    QCOMPARE(rules.value(QStringLiteral("antivirus.required")).value(QLatin1String("value")).toString(),
             QStringLiteral("false"));
    QCOMPARE(rules.value(QStringLiteral("antivirus.required")).value(QLatin1String("origin")).toString(), unit);
    QVERIFY(rules.value(QStringLiteral("contact.max-age")).value(QLatin1String("origin")).isNull());

    // A rule that does not exist is refused, and nothing of the change is stored.
    const Run bad = ctl({QStringLiteral("policy"),
                         QStringLiteral("set"),
                         unit,
                         QStringLiteral("disk.min-free-percent=10"),
                         QStringLiteral("antivirus.max-age=7d")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("no policy rule is named 'antivirus.max-age'"), bad.err.constData());
    const Run again = ctl({QStringLiteral("policy"), unit, QStringLiteral("--json")});
    for (const QJsonValue &rule : QJsonDocument::fromJson(again.out).object().value(QLatin1String("rules")).toArray()) {
        if (rule.toObject().value(QLatin1String("rule")).toString() == QLatin1String("disk.min-free-percent")) {
            QCOMPARE(rule.toObject().value(QLatin1String("value")).toString(), QStringLiteral("off"));
            QCOMPARE(rule.toObject().value(QLatin1String("own")).toBool(), false);
        }
    }

    // Following the unit above again: the reason goes at once, no agent involved.
    const Run unset = ctl({QStringLiteral("policy"),
                           QStringLiteral("unset"),
                           unit,
                           QStringLiteral("software.required"),
                           QStringLiteral("antivirus.required")});
    QVERIFY2(unset.exitCode == 0, unset.err.constData());
    QVERIFY(!reasons().contains(QStringLiteral("software.missing")));

    const Run audit = ctl({QStringLiteral("audit"),
                           QStringLiteral("--action"),
                           QStringLiteral("policy.change"),
                           QStringLiteral("--json")});
    QVERIFY2(audit.exitCode == 0, audit.err.constData());
    QStringList outcomes;
    for (const QJsonValue &row : QJsonDocument::fromJson(audit.out).array()) {
        outcomes.append(row.toObject().value(QLatin1String("outcome")).toString());
    }
    QCOMPARE(outcomes, (QStringList{QStringLiteral("ok"), QStringLiteral("denied"), QStringLiteral("ok")}));
    const Run back = ctl({QStringLiteral("device"),
                          QStringLiteral("move"),
                          site().deviceId,
                          QStringLiteral("--ou"),
                          QStringLiteral("/")});
    QVERIFY2(back.exitCode == 0, back.err.constData());
}

// The help desk's printable sheet, from stewardctl on a machine without a display.
void TestEndToEnd::complianceSheetIsAPdf()
{
    QVERIFY(!site().deviceId.isEmpty());
    const QString file = site().path(QStringLiteral("sheet.pdf"));
    const Run written = ctl({QStringLiteral("device"), site().deviceId, QStringLiteral("--sheet"), file});
    QVERIFY2(written.exitCode == 0, written.err.constData());
    QVERIFY2(written.out.contains(file.toUtf8()), written.out.constData());
    QFile pdf(file);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");

    const Run unknown = ctl({QStringLiteral("device"),
                             QStringLiteral("no-such-device"),
                             QStringLiteral("--sheet"),
                             site().path(QStringLiteral("none.pdf"))});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(!QFile::exists(site().path(QStringLiteral("none.pdf"))));
}

void TestEndToEnd::jobsAreSignedCreatedAndCancelled()
{
    // The operator's keys live on the admin's machine; the server only ever sees public keys and
    // signatures. Agents do not run jobs yet: this checks the path up to the server.
    QVERIFY(!site().deviceId.isEmpty());
    const QString passphrase = site().path(QStringLiteral("signing-passphrase"));
    QVERIFY(writePrivateFile(passphrase, "Granite-Orchard-63\n"));
    const QString root = site().path(QStringLiteral("root.key"));
    const QString op = site().path(QStringLiteral("olga.key"));
    const Run created = ctl({QStringLiteral("signing"),
                             QStringLiteral("create-root"),
                             QStringLiteral("--out"),
                             root,
                             QStringLiteral("--passphrase-file"),
                             passphrase});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QString rootFingerprint = QString::fromLatin1(created.out.trimmed());
    QCOMPARE(rootFingerprint.size(), 64);
    QVERIFY(isOwnerOnly(root));

    const Run added = ctl({QStringLiteral("signing"),
                           QStringLiteral("add-operator"),
                           QStringLiteral("--root"),
                           root,
                           QStringLiteral("--name"),
                           QStringLiteral("olga"),
                           QStringLiteral("--out"),
                           op,
                           QStringLiteral("--passphrase-file"),
                           passphrase});
    QVERIFY2(added.exitCode == 0, added.err.constData());
    // Enrolment tokens now name the root agents must pin, and an agent pins it at enrolment.
    const QJsonObject token = server().createToken(2);
    QCOMPARE(token.value(QLatin1String("jobRootFingerprint")).toString(), rootFingerprint);
    const QString pinned = site().path(QStringLiteral("agent-pinning-jobs"));
    const QStringList credentials{QStringLiteral("--token"),
                                  token.value(QLatin1String("token")).toString(),
                                  QStringLiteral("--ca-fingerprint"),
                                  token.value(QLatin1String("caFingerprint")).toString(),
                                  QStringLiteral("--job-root-fingerprint")};
    const Run badPin = server().enrolAgent(pinned, credentials + QStringList{QStringLiteral("not-a-fingerprint")});
    QVERIFY(badPin.exitCode != 0);
    QVERIFY2(badPin.err.contains("job root fingerprint"), badPin.err.constData());
    const Run enrolled = server().enrolAgent(pinned, credentials + QStringList{rootFingerprint});
    QVERIFY2(enrolled.exitCode == 0, enrolled.err.constData());
    QFile state(pinned + QStringLiteral("/agent.state"));
    QVERIFY(state.open(QIODevice::ReadOnly));
    const QByteArray expected = "jobRootFingerprint=" + rootFingerprint.toLatin1();
    QVERIFY(state.readAll().contains(expected));

    const Run job = ctl({QStringLiteral("job"),
                         QStringLiteral("create"),
                         QStringLiteral("patch"),
                         QStringLiteral("--devices"),
                         site().deviceId,
                         QStringLiteral("--security"),
                         QStringLiteral("--expires"),
                         QStringLiteral("+2h"),
                         QStringLiteral("--signing-key"),
                         op,
                         QStringLiteral("--passphrase-file"),
                         passphrase,
                         QStringLiteral("--json")});
    QVERIFY2(job.exitCode == 0, job.err.constData());
    const QString id = QJsonDocument::fromJson(job.out).object().value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());

    const Run shown = ctl({QStringLiteral("job"), id, QStringLiteral("--json")});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    const QJsonArray devices = QJsonDocument::fromJson(shown.out).object().value(QLatin1String("devices")).toArray();
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.first().toObject().value(QLatin1String("state")).toString(), QStringLiteral("queued"));

    // A name with shell metacharacters never leaves stewardctl.
    const Run hostile = ctl({QStringLiteral("job"),
                             QStringLiteral("create"),
                             QStringLiteral("patch"),
                             QStringLiteral("--devices"),
                             site().deviceId,
                             QStringLiteral("--package"),
                             QStringLiteral("openssl;rm -rf /"),
                             QStringLiteral("--signing-key"),
                             op,
                             QStringLiteral("--passphrase-file"),
                             passphrase});
    QCOMPARE(hostile.exitCode, 2);

    const Run cancelled = ctl({QStringLiteral("job"), QStringLiteral("cancel"), id});
    QVERIFY2(cancelled.exitCode == 0, cancelled.err.constData());
    const Run waited =
        ctl({QStringLiteral("job"), QStringLiteral("wait"), id, QStringLiteral("--timeout"), QStringLiteral("20")});
    QVERIFY2(waited.exitCode == 0, waited.err.constData());
    QCOMPARE(countAudit(auditAsAdmin(), QStringLiteral("admin"), QStringLiteral("job.create"), QStringLiteral("ok")),
             1);
    QCOMPARE(countAudit(auditAsAdmin(), QStringLiteral("admin"), QStringLiteral("job.cancel"), QStringLiteral("ok")),
             1);
}

void TestEndToEnd::badTokensAreRefused()
{
    const QJsonObject token = server().createToken(1);
    const QString fingerprint = token.value(QLatin1String("caFingerprint")).toString();
    auto enrol = [&](const QString &dir, const QString &secret, const QString &pin) {
        return server().enrolAgent(site().path(dir),
                                   {QStringLiteral("--token"), secret, QStringLiteral("--ca-fingerprint"), pin});
    };
    const Run wrong = enrol(QStringLiteral("wrong-token"), QStringLiteral("not-a-real-token"), fingerprint);
    QVERIFY(wrong.exitCode != 0);
    QVERIFY2(wrong.err.contains("not known"), wrong.err.constData());

    QCOMPARE(enrol(QStringLiteral("first-use"), token.value(QLatin1String("token")).toString(), fingerprint).exitCode,
             0);
    const Run usedUp = enrol(QStringLiteral("second-use"), token.value(QLatin1String("token")).toString(), fingerprint);
    QVERIFY(usedUp.exitCode != 0);
    QVERIFY2(usedUp.err.contains("no uses left"), usedUp.err.constData());

    // A server whose CA does not match the pin is never sent the token.
    const Run pinned = enrol(QStringLiteral("wrong-pin"),
                             server().createToken(1).value(QLatin1String("token")).toString(),
                             QString(64, QLatin1Char('a')));
    QVERIFY(pinned.exitCode != 0);
    QVERIFY2(pinned.err.contains("pinned fingerprint"), pinned.err.constData());
}

void TestEndToEnd::tokenFileEnrols()
{
    // The way to keep the token out of the process list: only its file's name shows in `ps`.
    const QJsonObject token = server().createToken(1);
    QVERIFY(!token.value(QLatin1String("token")).toString().isEmpty());
    const QString tokenFile = site().path(QStringLiteral("enrolment-token"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write(token.value(QLatin1String("token")).toString().toUtf8() + "\n");
    file.close();
    const Run enrolled = server().enrolAgent(site().path(QStringLiteral("token-file")),
                                             {QStringLiteral("--token-file"),
                                              tokenFile,
                                              QStringLiteral("--ca-fingerprint"),
                                              token.value(QLatin1String("caFingerprint")).toString()});
    QVERIFY2(enrolled.exitCode == 0, enrolled.err.constData());
    QVERIFY(enrolled.out.startsWith("Enrolled as device "));
}

void TestEndToEnd::wrongPasswordIsRefusedAndAudited()
{
    const QString wrongFile = site().path(QStringLiteral("wrong-password"));
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
        found = found
            || (row.value(QLatin1String("action")).toString() == QLatin1String("login")
                && row.value(QLatin1String("outcome")).toString() == QLatin1String("denied"));
    }
    QVERIFY(found);
}

QJsonObject TestEndToEnd::device()
{
    const Run detail = ctl({QStringLiteral("device"), site().deviceId, QStringLiteral("--json")});
    return detail.exitCode == 0 ? QJsonDocument::fromJson(detail.out).object() : QJsonObject();
}

void TestEndToEnd::serverLosingASectionTriggersResync()
{
    QVERIFY(!site().deviceId.isEmpty());
    QVERIFY(device().value(QLatin1String("hardware")).isObject());
    {
        // The server's copy of one section disappears (restored backup, manual repair...), in
        // whichever database this site uses: no API deletes a section, so the test goes to the
        // database itself, as the person doing the repair would.
        const Site &current = site();
        const QString connection = QStringLiteral("e2e-") + current.engine;
        QSqlDatabase db;
        if (current.engine == QLatin1String("postgresql")) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(current.postgresSocket);
            db.setUserName(current.postgresUser);
            db.setDatabaseName(QLatin1String(kPostgresDatabase));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(current.server.serverData() + QStringLiteral("/steward.db"));
        }
        const bool opened = db.open();
        int deleted = -1;
        QString problem = db.lastError().text();
        if (opened) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("DELETE FROM device_sections WHERE device_id = ? AND name = 'hardware'"));
            query.addBindValue(current.deviceId);
            if (query.exec()) {
                deleted = query.numRowsAffected();
            } else {
                problem = query.lastError().text();
            }
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        QVERIFY2(opened, qPrintable(problem));
        QVERIFY2(deleted == 1, qPrintable(QStringLiteral("deleted %1 rows: %2").arg(deleted).arg(problem)));
    }
    QVERIFY(device().value(QLatin1String("hardware")).isNull());
    // The next (delta) report's hashes disagree with the server: it asks for a full report, and
    // --once returns only after that full report is acknowledged too.
    const Run once = server().runAgentOnce(site().path(QStringLiteral("agent")));
    QVERIFY2(once.exitCode == 0, once.err.constData());
    QVERIFY2(once.err.contains("server asked for a full report"), once.err.constData());
    QVERIFY(device().value(QLatin1String("hardware")).isObject());
}

void TestEndToEnd::killedAgentLosesNothing()
{
    QVERIFY(!site().deviceId.isEmpty());
    const QString agentData = site().path(QStringLiteral("agent"));
    const QStringList arguments = {QStringLiteral("run"),
                                   QStringLiteral("--data-dir"),
                                   agentData,
                                   QStringLiteral("--once")};
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
    QVERIFY(query.exec(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM reports), (SELECT value FROM meta WHERE key = 'last_sequence')")));
    QVERIFY(query.next());
    const qint64 pending = query.value(0).toLongLong();
    const qint64 agentLast = query.value(1).toLongLong();
    query = QSqlQuery();
    db.close();
    db = QSqlDatabase(); // no handle may outlive the connection
    QSqlDatabase::removeDatabase(QStringLiteral("spool"));
    QCOMPARE(pending, 0);
    const QJsonObject detail = device();
    QCOMPARE(qint64(detail.value(QLatin1String("lastSequence")).toDouble()), agentLast);
    QCOMPARE(qint64(detail.value(QLatin1String("reportsStored")).toDouble()), agentLast); // no gap, no double
}

void TestEndToEnd::revokedAgentIsRefused()
{
    QVERIFY(!site().deviceId.isEmpty());
    const Run revoked =
        ctl({QStringLiteral("device"), QStringLiteral("revoke"), site().deviceId, QStringLiteral("--json")});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    const Run once = server().runAgentOnce(site().path(QStringLiteral("agent")));
    QVERIFY(once.exitCode != 0);
    QVERIFY2(once.err.contains("closed the connection"), once.err.constData());
}

void TestEndToEnd::peopleAreManagedWithStewardctl()
{
    const QString first = site().path(QStringLiteral("helen-1"));
    const QString second = site().path(QStringLiteral("helen-2"));
    const QString third = site().path(QStringLiteral("helen-3"));
    QVERIFY(writePrivateFile(first, "Tulip-Harbor-42\n"));
    QVERIFY(writePrivateFile(second, "Quiet-Lantern-77\n"));
    QVERIFY(writePrivateFile(third, "Copper-Meadow-19\n"));

    // The admin's login file comes first, the new user's password file after the command.
    const Run created = ctl({QStringLiteral("user"),
                             QStringLiteral("create"),
                             QStringLiteral("helen"),
                             QStringLiteral("--role"),
                             QStringLiteral("helpdesk"),
                             QStringLiteral("--password-file"),
                             first});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY2(created.out.contains("User helen created with role helpdesk."), created.out.constData());
    QVERIFY(!created.out.contains("Tulip-Harbor-42") && !created.err.contains("Tulip-Harbor-42"));

    const Run again = ctl({QStringLiteral("user"),
                           QStringLiteral("create"),
                           QStringLiteral("helen"),
                           QStringLiteral("--role"),
                           QStringLiteral("helpdesk"),
                           QStringLiteral("--password-file"),
                           first,
                           QStringLiteral("--json")});
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(jsonError(again.err).value(QLatin1String("code")).toString(), QStringLiteral("user.exists"));

    const Run listed = ctl({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    const QJsonArray users = QJsonDocument::fromJson(listed.out).array();
    QVERIFY(users.size() >= 2);
    QJsonObject helen;
    for (const QJsonValue &user : users) {
        const QJsonObject object = user.toObject();
        QVERIFY(object.value(QLatin1String("name")).isString());
        QVERIFY(object.value(QLatin1String("role")).isString());
        QVERIFY(object.value(QLatin1String("disabled")).isBool());
        if (object.value(QLatin1String("name")).toString() == QLatin1String("helen")) {
            helen = object;
        }
    }
    QCOMPARE(helen.value(QLatin1String("role")).toString(), QStringLiteral("helpdesk"));
    QCOMPARE(helen.value(QLatin1String("disabled")).toBool(true), false);
    const Run table = ctl({QStringLiteral("user"), QStringLiteral("list")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.startsWith("NAME "), table.out.constData());
    QVERIFY(table.out.contains("helen "));

    // The new user logs in and works.
    const Run helensDevices = server().ctlAs(QStringLiteral("helen"), first, {QStringLiteral("devices")});
    QVERIFY2(helensDevices.exitCode == 0, helensDevices.err.constData());

    // Disabled: the next call is refused at login.
    const Run disabled = ctl({QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("helen")});
    QVERIFY2(disabled.exitCode == 0, disabled.err.constData());
    const Run refused = server().ctlAs(QStringLiteral("helen"), first, {QStringLiteral("devices")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith("stewardctl: login failed:") && refused.err.contains("(HTTP 401)"),
             refused.err.constData());
    const Run listedDisabled = ctl({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")});
    bool shownDisabled = false;
    for (const QJsonValue &user : QJsonDocument::fromJson(listedDisabled.out).array()) {
        shownDisabled = shownDisabled
            || (user.toObject().value(QLatin1String("name")).toString() == QLatin1String("helen")
                && user.toObject().value(QLatin1String("disabled")).toBool());
    }
    QVERIFY(shownDisabled);
    const Run enabled = ctl({QStringLiteral("user"), QStringLiteral("enable"), QStringLiteral("helen")});
    QVERIFY2(enabled.exitCode == 0, enabled.err.constData());
    QCOMPARE(server().ctlAs(QStringLiteral("helen"), first, {QStringLiteral("devices")}).exitCode, 0);

    // An admin resets the password: the old one no longer works, the new one does.
    const Run reset = ctl({QStringLiteral("user"),
                           QStringLiteral("password"),
                           QStringLiteral("helen"),
                           QStringLiteral("--password-file"),
                           second});
    QVERIFY2(reset.exitCode == 0, reset.err.constData());
    QCOMPARE(server().ctlAs(QStringLiteral("helen"), first, {QStringLiteral("devices")}).exitCode, 1);
    QCOMPARE(server().ctlAs(QStringLiteral("helen"), second, {QStringLiteral("devices")}).exitCode, 0);

    // And she changes her own; the current password logs her in for that.
    const Run changed = server().ctlBare({QStringLiteral("--user"),
                                          QStringLiteral("helen"),
                                          QStringLiteral("password"),
                                          QStringLiteral("--password-file"),
                                          third,
                                          QStringLiteral("--current-password-file"),
                                          second});
    QVERIFY2(changed.exitCode == 0, changed.err.constData());
    QCOMPARE(server().ctlAs(QStringLiteral("helen"), second, {QStringLiteral("devices")}).exitCode, 1);
    QCOMPARE(server().ctlAs(QStringLiteral("helen"), third, {QStringLiteral("devices")}).exitCode, 0);

    const QByteArray audit = auditAsAdmin();
    QCOMPARE(countAudit(audit, QStringLiteral("admin"), QStringLiteral("user.create"), QStringLiteral("ok")), 1);
    QCOMPARE(countAudit(audit, QStringLiteral("admin"), QStringLiteral("user.disable"), QStringLiteral("ok")), 1);
    QCOMPARE(countAudit(audit, QStringLiteral("admin"), QStringLiteral("user.password"), QStringLiteral("ok")), 1);
    QCOMPARE(countAudit(audit, QStringLiteral("helen"), QStringLiteral("account.password"), QStringLiteral("ok")), 1);
}

void TestEndToEnd::helpdeskCannotManagePeople()
{
    const QString password = site().path(QStringLiteral("hugo"));
    QVERIFY(writePrivateFile(password, "Silver-Orchard-58\n"));
    QCOMPARE(ctl({QStringLiteral("user"),
                  QStringLiteral("create"),
                  QStringLiteral("hugo"),
                  QStringLiteral("--role"),
                  QStringLiteral("helpdesk"),
                  QStringLiteral("--password-file"),
                  password})
                 .exitCode,
             0);
    const QByteArray deniedBefore = auditAsAdmin();

    const Run refused = server().ctlAs(QStringLiteral("hugo"),
                                       password,
                                       {QStringLiteral("user"),
                                        QStringLiteral("create"),
                                        QStringLiteral("mallory"),
                                        QStringLiteral("--role"),
                                        QStringLiteral("admin"),
                                        QStringLiteral("--password-file"),
                                        password});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith("stewardctl: ") && refused.err.contains("(HTTP 403)"), refused.err.constData());
    QCOMPARE(refused.err.trimmed().count('\n'), 0);

    const Run refusedJson = server().ctlAs(QStringLiteral("hugo"),
                                           password,
                                           {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(refusedJson.exitCode, 1);
    QVERIFY(refusedJson.out.isEmpty());
    QCOMPARE(jsonError(refusedJson.err).value(QLatin1String("code")).toString(), QStringLiteral("auth.forbidden"));

    const QByteArray audit = auditAsAdmin();
    QCOMPARE(countAudit(audit, QStringLiteral("hugo"), QStringLiteral("user.create"), QStringLiteral("denied")),
             countAudit(deniedBefore, QStringLiteral("hugo"), QStringLiteral("user.create"), QStringLiteral("denied"))
                 + 1);
    QCOMPARE(countAudit(audit, QStringLiteral("hugo"), QStringLiteral("user.list"), QStringLiteral("denied")), 1);
    // Nobody called mallory came to be.
    const Run listed = ctl({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY(!listed.out.contains("\"mallory\""));
}

void TestEndToEnd::apiTokenWorksWithoutLogin()
{
    const Run created = ctl({QStringLiteral("api-token"),
                             QStringLiteral("create"),
                             QStringLiteral("--name"),
                             QStringLiteral("e2e export"),
                             QStringLiteral("--ttl"),
                             QStringLiteral("3600"),
                             QStringLiteral("--json")});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QJsonObject token = QJsonDocument::fromJson(created.out).object();
    const QString id = token.value(QLatin1String("id")).toString();
    const QString secret = token.value(QLatin1String("token")).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(!secret.isEmpty());
    QCOMPARE(token.value(QLatin1String("name")).toString(), QStringLiteral("e2e export"));
    QVERIFY(token.value(QLatin1String("expiresAt")).isString());

    const QString tokenFile = site().path(QStringLiteral("api-token"));
    QVERIFY(writePrivateFile(tokenFile, secret.toUtf8() + "\n"));
    const QStringList withToken{QStringLiteral("--token-file"), tokenFile};

    // With the token: no login and no logout, so no such rows from these calls.
    const Run before = server().ctlBare(withToken
                                        + QStringList{QStringLiteral("audit"),
                                                      QStringLiteral("--json"),
                                                      QStringLiteral("--limit"),
                                                      QStringLiteral("10000")});
    QVERIFY2(before.exitCode == 0, before.err.constData());
    const Run devices = server().ctlBare(withToken + QStringList{QStringLiteral("devices"), QStringLiteral("--json")});
    QVERIFY2(devices.exitCode == 0, devices.err.constData());
    QVERIFY(QJsonDocument::fromJson(devices.out).isArray());
    QVERIFY(!devices.out.contains(secret.toUtf8()) && !devices.err.contains(secret.toUtf8()));
    QProcessEnvironment environment = cleanEnvironment();
    environment.insert(QStringLiteral("STEWARD_TOKEN_FILE"), tokenFile);
    const Run fromEnvironment = server().ctlBare({QStringLiteral("devices")}, environment);
    QVERIFY2(fromEnvironment.exitCode == 0, fromEnvironment.err.constData());
    const Run after = server().ctlBare(withToken
                                       + QStringList{QStringLiteral("audit"),
                                                     QStringLiteral("--json"),
                                                     QStringLiteral("--limit"),
                                                     QStringLiteral("10000")});
    QVERIFY2(after.exitCode == 0, after.err.constData());
    QCOMPARE(countAudit(after.out, QString(), QStringLiteral("login")),
             countAudit(before.out, QString(), QStringLiteral("login")));
    QCOMPARE(countAudit(after.out, QString(), QStringLiteral("logout")),
             countAudit(before.out, QString(), QStringLiteral("logout")));

    // Listed without the secret, and used.
    const Run listed = ctl({QStringLiteral("api-token"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    QVERIFY(!listed.out.contains(secret.toUtf8()));
    bool found = false;
    for (const QJsonValue &value : QJsonDocument::fromJson(listed.out).array()) {
        const QJsonObject listedToken = value.toObject();
        QVERIFY(!listedToken.contains(QLatin1String("token")));
        if (listedToken.value(QLatin1String("id")).toString() == id) {
            found = true;
            QVERIFY(listedToken.value(QLatin1String("lastUsedAt")).isString());
            QVERIFY(listedToken.value(QLatin1String("revokedAt")).isNull());
        }
    }
    QVERIFY(found);

    // A token file others can read is refused before anything is sent.
    const QString shared = site().path(QStringLiteral("api-token-shared"));
    QVERIFY(writePrivateFile(shared, secret.toUtf8() + "\n"));
    QVERIFY(QFile::setPermissions(shared,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                      | QFileDevice::ReadOther));
    const Run loose = server().ctlBare({QStringLiteral("--token-file"), shared, QStringLiteral("devices")});
    QCOMPARE(loose.exitCode, 1);
    QVERIFY2(loose.err.contains("chmod 600"), loose.err.constData());
    QVERIFY(!loose.err.contains(secret.toUtf8()));

    // Revoked: refused from then on.
    const Run revoked = ctl({QStringLiteral("api-token"), QStringLiteral("revoke"), id});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    const Run refused = server().ctlBare(withToken + QStringList{QStringLiteral("devices")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith("stewardctl: the API token in ") && refused.err.contains("(HTTP 401)"),
             refused.err.constData());
    QVERIFY(!refused.err.contains(secret.toUtf8()));
    const Run refusedJson =
        server().ctlBare(withToken + QStringList{QStringLiteral("devices"), QStringLiteral("--json")});
    QCOMPARE(refusedJson.exitCode, 1);
    QCOMPARE(jsonError(refusedJson.err).value(QLatin1String("code")).toString(), QStringLiteral("auth.required"));
}

void TestEndToEnd::auditVerifyPrintsTheHeadHash()
{
    const Run verified = ctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0, verified.err.constData());
    QVERIFY2(verified.out.startsWith("Audit log intact: "), verified.out.constData());
    const QByteArray hashLine = verified.out.mid(verified.out.indexOf("Head hash: ")).trimmed();
    QVERIFY2(hashLine.size() > int(qstrlen("Head hash: ")) + 16, verified.out.constData());
    QVERIFY(verified.err.isEmpty());

    const Run json = ctl({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    const QJsonObject answer = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(answer.value(QLatin1String("intact")).toBool(), true);
    QVERIFY(answer.value(QLatin1String("firstBrokenId")).isNull());
    QVERIFY(answer.value(QLatin1String("rows")).toDouble() > 0);
    QVERIFY(!answer.value(QLatin1String("headHash")).toString().isEmpty());
}

void TestEndToEnd::jsonErrorsAreJson()
{
    const Run usage = ctl({QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--json")});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY(usage.out.isEmpty());
    QCOMPARE(usage.err.trimmed().count('\n'), 0);
    QCOMPARE(jsonError(usage.err).value(QLatin1String("code")).toString(), QStringLiteral("usage"));
    QVERIFY(!jsonError(usage.err).value(QLatin1String("message")).toString().isEmpty());

    const QString wrong = site().path(QStringLiteral("not-the-password"));
    QVERIFY(writePrivateFile(wrong, "not-the-password\n"));
    const Run refused = ctl({QStringLiteral("devices"), QStringLiteral("--json")}, wrong);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.out.isEmpty());
    QCOMPARE(refused.err.trimmed().count('\n'), 0);
    const QJsonObject error = jsonError(refused.err);
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("auth.invalid"));
    QVERIFY(error.value(QLatin1String("message")).toString().contains(QLatin1String("wrong user name or password")));

    // Without --json, the one line stays plain text.
    const Run plain = ctl({QStringLiteral("user"), QStringLiteral("frobnicate")});
    QCOMPARE(plain.exitCode, 2);
    QVERIFY(plain.err.startsWith("stewardctl: unknown subcommand 'user frobnicate'"));
}

void TestEndToEnd::databaseOutageIsNotAWrongPassword()
{
    if (site().engine != QLatin1String("postgresql")) {
        QSKIP("a SQLite file cannot go away the way a database server can; the postgresql row covers this");
    }
    steward::test::PostgresServer *postgres = steward::test::PostgresServer::shared();
    QVERIFY(postgres);
    const steward::Status stopped = postgres->stop();
    QVERIFY2(stopped.ok(), qPrintable(stopped.ok() ? QString() : stopped.error().message));
    const Run whileDown = ctl({QStringLiteral("devices")});
    const Run whileDownJson = ctl({QStringLiteral("devices"), QStringLiteral("--json")});
    const steward::Status started = postgres->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));

    QCOMPARE(whileDown.exitCode, 1);
    QVERIFY2(whileDown.err.startsWith("stewardctl: server unavailable, try again"), whileDown.err.constData());
    QVERIFY2(!whileDown.err.contains("login failed") && !whileDown.err.contains("wrong"), whileDown.err.constData());
    QCOMPARE(jsonError(whileDownJson.err).value(QLatin1String("code")).toString(),
             QStringLiteral("server.unavailable"));

    // Back by itself once the database is.
    Run back;
    for (int attempt = 0; attempt < 10 && back.exitCode != 0; ++attempt) {
        if (attempt > 0) {
            QTest::qWait(500);
        }
        back = ctl({QStringLiteral("devices")});
    }
    QVERIFY2(back.exitCode == 0, back.err.constData());
}

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "TestEndToEnd.moc"
