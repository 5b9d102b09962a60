// SPDX-License-Identifier: GPL-3.0-or-later
// Signed patch jobs end to end, as root on a real Debian system: a real steward-server, a real
// steward-agent daemon and stewardctl on loopback, a fixture package at 1.0 installed and 2.0 in a
// local APT repository the test builds (and removes). Then the server turns hostile: jobs forged,
// re-targeted, replayed, expired and unsigned are written straight into its database, and the
// agent must refuse every one and run nothing.
#include "ProcessRun.h"
#include "SiteServer.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/Merkle.h"

#include <QCborArray>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

using namespace steward;
using namespace steward::test;

namespace
{
const QString kPackage = QStringLiteral("steward-fixture");
const QString kSourceList = QStringLiteral("/etc/apt/sources.list.d/steward-test-fixture.list");

Run runTool(const QString &program, const QStringList &arguments, int timeoutMs = 300000)
{
    return steward::test::run(program, arguments, timeoutMs, QProcessEnvironment::systemEnvironment());
}

Status writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return makeError(QStringLiteral("test"), QStringLiteral("cannot write %1").arg(path));
    }
    return Ok{};
}

QString installedVersion()
{
    const Run query = runTool(QStringLiteral("dpkg-query"),
                              {QStringLiteral("-W"), QStringLiteral("-f=${Version} ${db:Status-Abbrev}"), kPackage});
    const QList<QByteArray> fields = query.out.trimmed().split(' ');
    return query.exitCode == 0 && fields.size() == 2 && fields.at(1) == "ii" ? QString::fromLatin1(fields.first())
                                                                             : QString();
}
}

class TestPatchJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void queryGroupsFollowTheInstalledVersion();
    void signedJobUpdatesThePackage();
    void agentOfflineAtCreationGetsItWhenItReturns();
    void hostileServerCannotRunAnything();
    void hostileServerCannotForgeResults();
    void agentKilledMidInstallIsVerifiedNotRunAgain();

private:
    // `postinst`: the package's configure script, when it needs one.
    Status buildFixture(const QString &version, const QString &outDir, const QByteArray &postinst = {});
    Status updateRepository();
    void startAgent();
    void stopAgent();
    Run ctl(const QStringList &arguments) const
    {
        return m_server->ctl(arguments);
    }
    QJsonObject device() const;
    bool pendingListsFixture() const;
    // Signs and submits a patch job; `targets` are the target options (default: this device).
    QString createJob(const QStringList &extra, const QStringList &targets = {});
    QStringList groupMembers(const QString &name) const;
    QJsonObject waitForJob(const QString &id);

    QTemporaryDir m_dir;
    std::unique_ptr<SiteServer> m_server;
    QString m_deviceId;
    QString m_agentData;
    QString m_passphrase;
    QString m_operatorKey;
    QString m_fixtureOld;
    QProcess m_agent;
    bool m_skipped = true;
};

Status TestPatchJobs::buildFixture(const QString &version, const QString &outDir, const QByteArray &postinst)
{
    const QString tree = m_dir.filePath(QStringLiteral("tree-") + version);
    QDir().mkpath(tree + QStringLiteral("/DEBIAN"));
    QDir().mkpath(tree + QStringLiteral("/usr/share/steward-fixture"));
    const QByteArray control = "Package: steward-fixture\nVersion: " + version.toLatin1()
        + "\nArchitecture: all\nMaintainer: Steward tests <tests@steward.invalid>\nPriority: optional\n"
          "Section: misc\nDescription: Steward end-to-end test fixture\n This package only exists in a test.\n";
    if (Status written = writeFile(tree + QStringLiteral("/DEBIAN/control"), control); !written) {
        return written;
    }
    if (Status written = writeFile(tree + QStringLiteral("/usr/share/steward-fixture/version"), version.toLatin1());
        !written) {
        return written;
    }
    if (!postinst.isEmpty()) {
        const QString script = tree + QStringLiteral("/DEBIAN/postinst");
        if (Status written = writeFile(script, postinst); !written) {
            return written;
        }
        if (::chmod(qPrintable(script), 0755) != 0) {
            return makeError(QStringLiteral("test"), QStringLiteral("cannot make %1 executable").arg(script));
        }
    }
    const Run built = runTool(QStringLiteral("dpkg-deb"),
                              {QStringLiteral("--root-owner-group"),
                               QStringLiteral("--build"),
                               tree,
                               outDir + QStringLiteral("/steward-fixture_") + version + QStringLiteral("_all.deb")});
    if (built.exitCode != 0) {
        return makeError(QStringLiteral("test"), QString::fromUtf8(built.err));
    }
    return Ok{};
}

// Indexes the local repository and reads it into APT's lists.
Status TestPatchJobs::updateRepository()
{
    const QString repo = m_dir.filePath(QStringLiteral("repo"));
    const Run scanned =
        runTool(QStringLiteral("sh"),
                {QStringLiteral("-c"), QStringLiteral("cd '%1' && apt-ftparchive packages . > Packages").arg(repo)});
    if (scanned.exitCode != 0) {
        return makeError(QStringLiteral("test"), QString::fromUtf8(scanned.err));
    }
    // Only this source: the test must not depend on, nor wait for, any other.
    const Run updated = runTool(QStringLiteral("apt-get"),
                                {QStringLiteral("update"),
                                 QStringLiteral("-o"),
                                 QStringLiteral("Dir::Etc::sourcelist=") + kSourceList,
                                 QStringLiteral("-o"),
                                 QStringLiteral("Dir::Etc::sourceparts=-"),
                                 QStringLiteral("-o"),
                                 QStringLiteral("APT::Get::List-Cleanup=0")});
    if (updated.exitCode != 0) {
        return makeError(QStringLiteral("test"), QString::fromUtf8(updated.err));
    }
    return Ok{};
}

void TestPatchJobs::initTestCase()
{
    if (::geteuid() != 0) {
        QSKIP("installs a package: runs as root (as in CI)");
    }
    for (const char *tool : {"apt-get", "dpkg-deb", "apt-ftparchive"}) {
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
            QSKIP(qPrintable(
                QStringLiteral("%1 is missing (packaging/debian-packages.txt installs it)").arg(QLatin1String(tool))));
        }
    }
    if (QFile::exists(kSourceList)) {
        QSKIP("another run's APT source is still there");
    }
    QVERIFY(m_dir.isValid());
    m_skipped = false;

    // 1.0 installed, 2.0 only in the local repository.
    const QString repo = m_dir.filePath(QStringLiteral("repo"));
    QVERIFY(QDir().mkpath(repo));
    QVERIFY2(bool(buildFixture(QStringLiteral("1.0"), m_dir.path())), "fixture 1.0");
    QVERIFY2(bool(buildFixture(QStringLiteral("2.0"), repo)), "fixture 2.0");
    m_fixtureOld = m_dir.filePath(QStringLiteral("steward-fixture_1.0_all.deb"));
    const Run installed = runTool(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_fixtureOld});
    QVERIFY2(installed.exitCode == 0, installed.err.constData());
    QVERIFY(::chmod(qPrintable(m_dir.path()), 0755) == 0); // apt's sandbox user reads the repository
    QVERIFY(bool(writeFile(kSourceList, "deb [trusted=yes] file:" + repo.toUtf8() + " ./\n")));
    const Status updated = updateRepository();
    QVERIFY2(bool(updated), updated ? "" : qPrintable(updated.error().message));
    QCOMPARE(installedVersion(), QStringLiteral("1.0"));

    m_server = std::make_unique<SiteServer>(
        StewardPrograms{QStringLiteral(STEWARD_SERVER), QStringLiteral(STEWARD_AGENT), QStringLiteral(STEWARDCTL)});
    const Status started = m_server->start(m_dir.filePath(QStringLiteral("site")));
    QVERIFY2(bool(started), started ? "" : qPrintable(started.error().message));

    m_passphrase = m_server->path(QStringLiteral("passphrase"));
    QVERIFY(writePrivateFile(m_passphrase, "Basalt-Lantern-82\n"));
    const QString root = m_server->path(QStringLiteral("root.key"));
    m_operatorKey = m_server->path(QStringLiteral("operator.key"));
    const Run created = ctl({QStringLiteral("signing"),
                             QStringLiteral("create-root"),
                             QStringLiteral("--out"),
                             root,
                             QStringLiteral("--passphrase-file"),
                             m_passphrase});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const Run added = ctl({QStringLiteral("signing"),
                           QStringLiteral("add-operator"),
                           QStringLiteral("--root"),
                           root,
                           QStringLiteral("--name"),
                           QStringLiteral("patcher"),
                           QStringLiteral("--out"),
                           m_operatorKey,
                           QStringLiteral("--passphrase-file"),
                           m_passphrase});
    QVERIFY2(added.exitCode == 0, added.err.constData());

    const QJsonObject token = m_server->createToken(1);
    m_agentData = m_server->path(QStringLiteral("agent"));
    const Run enrolled = m_server->enrolAgent(m_agentData,
                                              {QStringLiteral("--token"),
                                               token.value(QLatin1String("token")).toString(),
                                               QStringLiteral("--ca-fingerprint"),
                                               token.value(QLatin1String("caFingerprint")).toString(),
                                               QStringLiteral("--job-root-fingerprint"),
                                               token.value(QLatin1String("jobRootFingerprint")).toString()});
    QVERIFY2(enrolled.exitCode == 0, enrolled.err.constData());
    const QJsonArray devices =
        QJsonDocument::fromJson(ctl({QStringLiteral("devices"), QStringLiteral("--json")}).out).array();
    QCOMPARE(devices.size(), 1);
    m_deviceId = devices.first().toObject().value(QLatin1String("id")).toString();
    startAgent();
}

void TestPatchJobs::cleanupTestCase()
{
    if (m_skipped) {
        return;
    }
    stopAgent();
    if (m_server) {
        if (const Status stopped = m_server->stop(); !stopped) {
            qWarning().noquote() << "steward-server:" << stopped.error().message;
        }
    }
    runTool(QStringLiteral("dpkg"), {QStringLiteral("--purge"), kPackage});
    QFile::remove(kSourceList);
    // The source's package lists, so that APT forgets the repository entirely.
    const QDir lists(QStringLiteral("/var/lib/apt/lists"));
    const QString mangled = m_dir.filePath(QStringLiteral("repo")).mid(1).replace(u'/', u'_');
    for (const QString &name : lists.entryList(QDir::Files)) {
        if (name.contains(mangled)) {
            QFile::remove(lists.filePath(name));
        }
    }
    QVERIFY(installedVersion().isEmpty());
}

void TestPatchJobs::startAgent()
{
    m_agent.setProgram(QStringLiteral(STEWARD_AGENT));
    m_agent.setArguments({QStringLiteral("run"), QStringLiteral("--data-dir"), m_agentData});
    m_agent.setProcessChannelMode(QProcess::ForwardedChannels);
    m_agent.start();
    QVERIFY(m_agent.waitForStarted());
}

void TestPatchJobs::stopAgent()
{
    if (m_agent.state() == QProcess::NotRunning) {
        return;
    }
    m_agent.terminate();
    if (!m_agent.waitForFinished(20000)) {
        m_agent.kill();
        m_agent.waitForFinished();
    }
}

QJsonObject TestPatchJobs::device() const
{
    return QJsonDocument::fromJson(ctl({QStringLiteral("device"), m_deviceId, QStringLiteral("--json")}).out).object();
}

bool TestPatchJobs::pendingListsFixture() const
{
    const QJsonArray pending =
        device().value(QLatin1String("patches")).toObject().value(QLatin1String("pending")).toArray();
    return std::any_of(pending.cbegin(), pending.cend(), [](const QJsonValue &update) {
        return update.toObject().value(QLatin1String("name")).toString() == kPackage;
    });
}

QStringList TestPatchJobs::groupMembers(const QString &name) const
{
    const Run shown = ctl({QStringLiteral("group"), QStringLiteral("show"), name, QStringLiteral("--json")});
    if (shown.exitCode != 0) {
        return {QStringLiteral("(group %1: %2)").arg(name, QString::fromUtf8(shown.err))};
    }
    QStringList ids;
    for (const QJsonValue &id : QJsonDocument::fromJson(shown.out).object().value(QLatin1String("members")).toArray()) {
        ids.append(id.toString());
    }
    return ids;
}

QString TestPatchJobs::createJob(const QStringList &extra, const QStringList &targets)
{
    const Run created = ctl(QStringList{QStringLiteral("job"), QStringLiteral("create"), QStringLiteral("patch")}
                            + (targets.isEmpty() ? QStringList{QStringLiteral("--devices"), m_deviceId} : targets)
                            + QStringList{QStringLiteral("--expires"),
                                          QStringLiteral("+1h"),
                                          QStringLiteral("--signing-key"),
                                          m_operatorKey,
                                          QStringLiteral("--passphrase-file"),
                                          m_passphrase,
                                          QStringLiteral("--json")}
                            + extra);
    if (created.exitCode != 0) {
        qWarning().noquote() << created.err;
        return {};
    }
    return QJsonDocument::fromJson(created.out).object().value(QLatin1String("id")).toString();
}

QJsonObject TestPatchJobs::waitForJob(const QString &id)
{
    const Run waited =
        ctl({QStringLiteral("job"), QStringLiteral("wait"), id, QStringLiteral("--timeout"), QStringLiteral("300")});
    if (waited.exitCode != 0) {
        qWarning().noquote() << "job wait:" << waited.err;
    }
    return QJsonDocument::fromJson(ctl({QStringLiteral("job"), id, QStringLiteral("--json")}).out).object();
}

// A query group over what the agent reports installed, and jobs aimed at groups and org units,
// resolved when they are signed.
void TestPatchJobs::queryGroupsFollowTheInstalledVersion()
{
    // The agent's first report: 1.0 installed, 2.0 pending.
    QTRY_VERIFY_WITH_TIMEOUT(pendingListsFixture(), 120000);
    const Run created = ctl({QStringLiteral("group"),
                             QStringLiteral("create"),
                             QStringLiteral("outdated"),
                             QStringLiteral("--query"),
                             QStringLiteral("package %1 < 2.0").arg(kPackage)});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(groupMembers(QStringLiteral("outdated")), QStringList{m_deviceId});

    // --dry-run: the targets as they would be signed, and nothing signed.
    const auto dryRun = [this](const QStringList &targets) {
        const Run run =
            ctl(QStringList{QStringLiteral("job"), QStringLiteral("create"), QStringLiteral("patch")} + targets
                + QStringList{QStringLiteral("--security"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        if (run.exitCode != 0) {
            return QStringList{QString::fromUtf8(run.err)};
        }
        QStringList ids;
        const QJsonObject answer = QJsonDocument::fromJson(run.out).object();
        for (const QJsonValue &id :
             answer.value(QLatin1String("targets")).toObject().value(QLatin1String("devices")).toArray()) {
            ids.append(id.toString());
        }
        return ids;
    };
    QCOMPARE(dryRun({QStringLiteral("--group"), QStringLiteral("outdated")}), QStringList{m_deviceId});
    for (const QStringList &command :
         {QStringList{QStringLiteral("ou"), QStringLiteral("create"), QStringLiteral("Ministry of Health")},
          QStringList{QStringLiteral("ou"), QStringLiteral("create"), QStringLiteral("Ministry of Health/Lab")},
          QStringList{QStringLiteral("device"),
                      QStringLiteral("move"),
                      m_deviceId,
                      QStringLiteral("--ou"),
                      QStringLiteral("Ministry of Health/Lab")}}) {
        const Run run = ctl(command);
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }
    QCOMPARE(dryRun({QStringLiteral("--ou"), QStringLiteral("Ministry of Health")}), QStringList{m_deviceId});
    QCOMPARE(QJsonDocument::fromJson(ctl({QStringLiteral("jobs"), QStringLiteral("--json")}).out).array().size(), 0);

    // A group with nobody in it: nothing is signed.
    QCOMPARE(ctl({QStringLiteral("group"), QStringLiteral("create"), QStringLiteral("nobody")}).exitCode, 0);
    QVERIFY(createJob({QStringLiteral("--security")}, {QStringLiteral("--group"), QStringLiteral("nobody")}).isEmpty());
    QCOMPARE(QJsonDocument::fromJson(ctl({QStringLiteral("jobs"), QStringLiteral("--json")}).out).array().size(), 0);

    // A query that does not read says where.
    const Run bad = ctl({QStringLiteral("group"),
                         QStringLiteral("create"),
                         QStringLiteral("bad"),
                         QStringLiteral("--query"),
                         QStringLiteral("package < 2.0")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("column 9"), bad.err.constData());
}

void TestPatchJobs::signedJobUpdatesThePackage()
{
    // The agent's first report shows 2.0 pending.
    QTRY_VERIFY_WITH_TIMEOUT(pendingListsFixture(), 120000);

    // Signed for the query group's members as resolved now: this device.
    QElapsedTimer timer;
    timer.start();
    const QString id = createJob({QStringLiteral("--package"), kPackage + QStringLiteral("=2.0")},
                                 {QStringLiteral("--group"), QStringLiteral("outdated")});
    QVERIFY(!id.isEmpty());
    const QJsonObject job = waitForJob(id);
    const QJsonObject result = job.value(QLatin1String("devices")).toArray().first().toObject();
    QCOMPARE(result.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(result.value(QLatin1String("exitCode")).toInt(-1), 0);
    QCOMPARE(result.value(QLatin1String("receiptCheck")).toString(), QStringLiteral("verified"));
    const QJsonArray items = result.value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value(QLatin1String("after")).toString(), QStringLiteral("2.0"));
    QCOMPARE(installedVersion(), QStringLiteral("2.0"));
    qInfo() << "job created to succeeded in" << timer.elapsed() << "ms";

    // The rescan after the job: compliance moves within seconds, not at the next schedule, and
    // the device leaves the query group with the report that shows 2.0.
    QTRY_VERIFY_WITH_TIMEOUT(!pendingListsFixture(), 120000);
    QTRY_COMPARE_WITH_TIMEOUT(groupMembers(QStringLiteral("outdated")), QStringList(), 120000);
}

void TestPatchJobs::agentOfflineAtCreationGetsItWhenItReturns()
{
    stopAgent();
    const Run downgraded = runTool(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_fixtureOld});
    QVERIFY2(downgraded.exitCode == 0, downgraded.err.constData());
    QCOMPARE(installedVersion(), QStringLiteral("1.0"));

    const QString id = createJob({QStringLiteral("--package"), kPackage + QStringLiteral("=2.0")});
    QVERIFY(!id.isEmpty());
    const QJsonObject queued =
        QJsonDocument::fromJson(ctl({QStringLiteral("job"), id, QStringLiteral("--json")}).out).object();
    QCOMPARE(
        queued.value(QLatin1String("devices")).toArray().first().toObject().value(QLatin1String("state")).toString(),
        QStringLiteral("queued"));

    startAgent();
    const QJsonObject job = waitForJob(id);
    const QJsonObject result = job.value(QLatin1String("devices")).toArray().first().toObject();
    QCOMPARE(result.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(result.value(QLatin1String("receiptCheck")).toString(), QStringLiteral("verified"));
    QCOMPARE(installedVersion(), QStringLiteral("2.0"));
}

void TestPatchJobs::hostileServerCannotRunAnything()
{
    stopAgent();
    const Run downgraded = runTool(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_fixtureOld});
    QVERIFY2(downgraded.exitCode == 0, downgraded.err.constData());

    QFile keyFile(m_operatorKey);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const Result<jobs::SigningKey> key = jobs::readPrivateKeyFile(keyFile.readAll(), "Basalt-Lantern-82");
    QVERIFY(bool(key));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto envelopeFor = [&](const QStringList &targets, const QDateTime &expires) {
        jobs::JobEnvelope envelope;
        envelope.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        envelope.kind = QStringLiteral("patch");
        envelope.content = QCborMap{{QStringLiteral("select"), QStringLiteral("packages")},
                                    {QStringLiteral("packages"),
                                     QCborArray{QCborMap{{QStringLiteral("name"), kPackage},
                                                         {QStringLiteral("version"), QStringLiteral("2.0")}}}}};
        envelope.targetsRoot = jobs::merkle::root(targets);
        envelope.targetCount = int(targets.size());
        envelope.notBefore = now.addSecs(-60);
        envelope.expiresAt = expires;
        envelope.issuedAt = now.addSecs(-60);
        envelope.signer = jobs::fingerprint(key.value().publicKey);
        envelope.options = QCborMap{{QStringLiteral("reboot"), QStringLiteral("never")}};
        return envelope;
    };
    const QByteArray ownProof =
        jobs::merkle::toCbor(jobs::merkle::proof({m_deviceId}, m_deviceId).value()).toCborValue().toCbor();

    struct Forgery {
        QString name;
        QString reason;
        QByteArray document;
        QByteArray signature;
        QByteArray proof;
    };
    QList<Forgery> forgeries;
    {
        // Signed, then changed: a later expiry, a new id.
        jobs::JobEnvelope envelope = envelopeFor({m_deviceId}, now.addSecs(3600));
        const QByteArray signature = jobs::sign(key.value(), envelope.encode()).value();
        envelope.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        forgeries.append(
            {QStringLiteral("forged"), QStringLiteral("job.signature"), envelope.encode(), signature, ownProof});
    }
    {
        // Validly signed for other devices, handed to this one with a proof from that tree.
        const QStringList others{QStringLiteral("another-device"), QStringLiteral("a-third-device")};
        const jobs::JobEnvelope envelope = envelopeFor(others, now.addSecs(3600));
        const QByteArray proof =
            jobs::merkle::toCbor(jobs::merkle::proof(others, others.first()).value()).toCborValue().toCbor();
        forgeries.append({QStringLiteral("re-targeted"),
                          QStringLiteral("job.not-targeted"),
                          envelope.encode(),
                          jobs::sign(key.value(), envelope.encode()).value(),
                          proof});
    }
    {
        // Signed, but its signed expiry has passed (the server's row says otherwise).
        const jobs::JobEnvelope envelope = envelopeFor({m_deviceId}, now.addSecs(-10));
        forgeries.append({QStringLiteral("expired"),
                          QStringLiteral("job.expired"),
                          envelope.encode(),
                          jobs::sign(key.value(), envelope.encode()).value(),
                          ownProof});
    }
    {
        const jobs::JobEnvelope envelope = envelopeFor({m_deviceId}, now.addSecs(3600));
        forgeries.append(
            // An empty signature (not NULL: the column requires one, as the server always stores it).
            {QStringLiteral("unsigned"), QStringLiteral("job.signature"), envelope.encode(), QByteArray(""), ownProof});
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hostile"));
    db.setDatabaseName(m_server->serverData() + QStringLiteral("/steward.db"));
    QVERIFY(db.open());
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA busy_timeout = 10000"));
    QStringList ids;
    for (const Forgery &forgery : std::as_const(forgeries)) {
        const QString id = QCborValue::fromCbor(forgery.document).toMap().value(QLatin1String("id")).toString();
        ids.append(id);
        query.prepare(
            QStringLiteral("INSERT INTO deployments (id, kind, envelope, signature, signer, created_by, "
                           "created_at, expires_at, state, summary) VALUES (?, 'patch', ?, ?, 'x', "
                           "'intruder', ?, ?, 'active', '{}')"));
        query.addBindValue(id);
        query.addBindValue(forgery.document);
        query.addBindValue(forgery.signature);
        query.addBindValue(now.toSecsSinceEpoch());
        query.addBindValue(now.addSecs(3600).toSecsSinceEpoch());
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        query.prepare(
            QStringLiteral("INSERT INTO device_jobs (deployment_id, device_id, proof, state, updated_at, "
                           "released_at) VALUES (?, ?, ?, 'queued', ?, ?)"));
        query.addBindValue(id);
        query.addBindValue(m_deviceId);
        query.addBindValue(forgery.proof);
        query.addBindValue(now.toSecsSinceEpoch());
        query.addBindValue(now.toSecsSinceEpoch());
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    // Replayed: the job that already ran, offered again as if new.
    QVERIFY(
        query.exec(QStringLiteral("SELECT deployment_id FROM device_jobs WHERE state = 'succeeded' ORDER BY "
                                  "finished_at LIMIT 1")));
    QVERIFY(query.next());
    const QString replayed = query.value(0).toString();
    query.finish();
    query.prepare(QStringLiteral("UPDATE device_jobs SET state = 'queued' WHERE deployment_id = ?"));
    query.addBindValue(replayed);
    QVERIFY(query.exec());
    query.prepare(QStringLiteral("UPDATE deployments SET state = 'active' WHERE id = ?"));
    query.addBindValue(replayed);
    QVERIFY(query.exec());
    forgeries.append({QStringLiteral("replayed"), QStringLiteral("job.replayed"), {}, {}, {}});
    ids.append(replayed);
    query.finish();
    db.close();

    startAgent();
    for (qsizetype i = 0; i < forgeries.size(); ++i) {
        const auto state = [&] {
            return QJsonDocument::fromJson(ctl({QStringLiteral("job"), ids.at(i), QStringLiteral("--json")}).out)
                .object()
                .value(QLatin1String("devices"))
                .toArray()
                .first()
                .toObject();
        };
        QTRY_COMPARE_WITH_TIMEOUT(state().value(QLatin1String("state")).toString(), QStringLiteral("rejected"), 60000);
        QVERIFY2(state().value(QLatin1String("reason")).toString() == forgeries.at(i).reason,
                 qPrintable(forgeries.at(i).name + QStringLiteral(": ")
                            + state().value(QLatin1String("reason")).toString()));
    }
    // Nothing ran: the package is where the test left it.
    QCOMPARE(installedVersion(), QStringLiteral("1.0"));
}

// The server edits what a device reported: stewardctl (and the console, with the same check)
// no longer calls the result the device's.
void TestPatchJobs::hostileServerCannotForgeResults()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("forger"));
    db.setDatabaseName(m_server->serverData() + QStringLiteral("/steward.db"));
    QVERIFY(db.open());
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA busy_timeout = 10000"));
    QVERIFY(
        query.exec(QStringLiteral("SELECT deployment_id, items, items_cbor, exit_code FROM device_jobs WHERE "
                                  "state = 'succeeded' AND receipt IS NOT NULL LIMIT 1")));
    QVERIFY(query.next());
    const QString id = query.value(0).toString();
    const QString items = query.value(1).toString();
    const QByteArray itemsCbor = query.value(2).toByteArray();
    const QVariant exitCode = query.value(3);
    QVERIFY(!itemsCbor.isEmpty());
    query.finish();
    const auto check = [&] {
        return QJsonDocument::fromJson(ctl({QStringLiteral("job"), id, QStringLiteral("--json")}).out)
            .object()
            .value(QLatin1String("devices"))
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("receiptCheck"))
            .toString();
    };
    const auto set = [&](const QString &assignment, const QVariantList &values) {
        query.prepare(QStringLiteral("UPDATE device_jobs SET ") + assignment
                      + QStringLiteral(" WHERE deployment_id = ?"));
        for (const QVariant &value : values) {
            query.addBindValue(value);
        }
        query.addBindValue(id);
        return query.exec();
    };
    QCOMPARE(check(), QStringLiteral("verified"));

    // One more package shown as installed than the device reported.
    QJsonArray more = QJsonDocument::fromJson(items.toUtf8()).array();
    more.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("sudo")},
                            {QStringLiteral("result"), QStringLiteral("installed")}});
    const QString moreText = QString::fromUtf8(QJsonDocument(more).toJson(QJsonDocument::Compact));
    QVERIFY(set(QStringLiteral("items = ?"), {moreText}));
    QCOMPARE(check(), QStringLiteral("invalid"));
    // ... with item bytes to match: they no longer hash to what the device signed.
    QVERIFY(set(QStringLiteral("items_cbor = ?"), {QCborValue(QCborArray::fromJsonArray(more)).toCbor()}));
    QCOMPARE(check(), QStringLiteral("invalid"));
    // Another exit code.
    QVERIFY(set(QStringLiteral("items = ?, items_cbor = ?, exit_code = 100"), {items, itemsCbor}));
    QCOMPARE(check(), QStringLiteral("invalid"));
    // Put back as the device sent it.
    QVERIFY(set(QStringLiteral("exit_code = ?"), {exitCode}));
    QCOMPARE(check(), QStringLiteral("verified"));
    query.finish();
    db.close();
}

// kill -9 of the agent while dpkg configures the package: on restart the job is verified from
// what dpkg says, never installed a second time, and never left `running`.
void TestPatchJobs::agentKilledMidInstallIsVerifiedNotRunAgain()
{
    const QString runs = m_dir.filePath(QStringLiteral("postinst-runs"));
    const QByteArray postinst = "#!/bin/sh\nset -e\nif [ \"$1\" = configure ]; then\n  echo start >> '" + runs.toUtf8()
        + "'\n  sleep 15\n  echo done >> '" + runs.toUtf8() + "'\nfi\n";
    QVERIFY2(bool(buildFixture(QStringLiteral("3.0"), m_dir.filePath(QStringLiteral("repo")), postinst)),
             "fixture 3.0");
    const Status updated = updateRepository();
    QVERIFY2(bool(updated), updated ? "" : qPrintable(updated.error().message));
    if (m_agent.state() == QProcess::NotRunning) {
        startAgent();
    }
    const auto lines = [&](const QByteArray &word) {
        QFile file(runs);
        return file.open(QIODevice::ReadOnly) ? file.readAll().split('\n').count(word) : qsizetype(0);
    };

    const QString id = createJob({QStringLiteral("--package"), kPackage + QStringLiteral("=3.0")});
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(lines("start"), qsizetype(1), 120000); // dpkg is in the configure script
    m_agent.kill();
    QVERIFY(m_agent.waitForFinished());
    startAgent();

    const QJsonObject job = waitForJob(id);
    const QJsonObject result = job.value(QLatin1String("devices")).toArray().first().toObject();
    const QString state = result.value(QLatin1String("state")).toString();
    // Verified while dpkg still configures (the orphaned dpkg finishes on its own): failed,
    // interrupted; after it: succeeded. Either way the signed receipt is the device's.
    QVERIFY2(state == QLatin1String("succeeded")
                 || (state == QLatin1String("failed")
                     && result.value(QLatin1String("reason")).toString() == QLatin1String("interrupted")),
             qPrintable(state + QLatin1Char(' ') + result.value(QLatin1String("reason")).toString()));
    QCOMPARE(result.value(QLatin1String("receiptCheck")).toString(), QStringLiteral("verified"));
    QTRY_COMPARE_WITH_TIMEOUT(lines("done"), qsizetype(1), 60000);
    QCOMPARE(lines("start"), qsizetype(1)); // never installed twice
    QTRY_COMPARE_WITH_TIMEOUT(installedVersion(), QStringLiteral("3.0"), 30000);
}

QTEST_GUILESS_MAIN(TestPatchJobs)
#include "TestPatchJobs.moc"
