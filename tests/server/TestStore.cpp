// SPDX-License-Identifier: GPL-3.0-or-later
#include "Messages.h"
#include "auth/Credentials.h"
#include "store/Store.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace steward;
using namespace steward::server;

Q_DECLARE_METATYPE(steward::server::IngestOutcome)

namespace
{
const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;

QCborMap osSection(const QString &hostname)
{
    QCborMap os;
    os.insert(QStringLiteral("prettyName"), QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
    os.insert(QStringLiteral("hostname"), hostname);
    return os;
}

QCborMap fullSections()
{
    QCborMap sections;
    sections.insert(QStringLiteral("os"), osSection(QStringLiteral("ws-017")));
    sections.insert(QStringLiteral("hardware"), QCborMap{{QStringLiteral("model"), QStringLiteral("ThinkPad T14")}});
    sections.insert(QStringLiteral("software"),
                    QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("bash")}, {QStringLiteral("version"), QStringLiteral("5.2")}}});
    sections.insert(QStringLiteral("patches"), QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}, {QStringLiteral("pending"), QCborArray()}});
    sections.insert(QStringLiteral("antivirus"), QCborMap{{QStringLiteral("products"), QCborArray()}});
    sections.insert(QStringLiteral("errors"), QCborMap());
    return sections;
}

QCborMap hashesOf(const QCborMap &sections)
{
    QCborMap hashes;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        hashes.insert(it.key(), protocol::Report::sectionHash(it.value()));
    }
    return hashes;
}

QByteArray tokenHash(const char *token)
{
    return credentials::tokenHash(QLatin1String(token));
}

// The store hands sections back in its own order; CBOR map equality is order-sensitive.
QCborMap byName(const QCborMap &sections)
{
    QMap<QString, QCborValue> ordered;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        ordered.insert(it.key().toString(), it.value());
    }
    QCborMap result;
    for (auto it = ordered.constBegin(); it != ordered.constEnd(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

NewDevice newDevice(const QString &id, quint64 serial)
{
    NewDevice device;
    device.id = id;
    device.hostname = QStringLiteral("host-") + id;
    device.serial = serial;
    device.fingerprint = QString::fromLatin1(QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256).toHex());
    device.notAfter = kNow.addSecs(30 * kDay);
    return device;
}
}

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void openCreatesSchema();
    void reopenDoesNotReapplyMigrations();
    void openFailsOnUnusablePath();
    void roleNames_data();
    void roleNames();

    void users();
    void sessions();
    void expiredSessionsAreSwept();

    void serialsIncrease();

    void tokenRejections_data();
    void tokenRejections();
    void tokenUsableExactlyNTimes();
    void enrollDuplicateDeviceIdIsAtomic();
    void enrollDuplicateFingerprintIsAtomic();

    void certificateStatusAndRevocation();

    void ingestFullReport();
    void ingestDuplicateSequence_data();
    void ingestDuplicateSequence();
    void ingestDelta_data();
    void ingestDelta();
    void ingestFullReportDropsSectionsNoLongerReported();
    void ingestUnknownDevice();
    void hostnameFollowsOsSection();
    void touchDevice();
    void devicesListOmitsSoftware();

    void auditNewestFirst();

private:
    Status enrol(const QString &id, quint64 serial);
    int rowCount(const QString &table) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QString m_path;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("steward.db"));
    m_store = std::make_unique<Store>();
    Status opened = m_store->open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
}

void TestStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

Status TestStore::enrol(const QString &id, quint64 serial)
{
    const QByteArray hash = tokenHash("enrol-helper-token");
    if (m_store->checkEnrollmentToken(hash, kNow).ok() == false) {
        if (Status added = m_store->addEnrollmentToken(hash, 100, kNow.addSecs(kDay), QStringLiteral("admin"), kNow); !added) {
            return added;
        }
    }
    return m_store->enrollDevice(hash, newDevice(id, serial), kNow);
}

// Counts rows through a separate connection, as an outside observer of the file would.
int TestStore::rowCount(const QString &table) const
{
    const QString name = QStringLiteral("observer-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && query.next()) {
                count = query.value(0).toInt();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

void TestStore::openCreatesSchema()
{
    QCOMPARE(m_store->schemaVersion(), 2);
    QCOMPARE(rowCount(QStringLiteral("schema_migrations")), 2);
    for (const char *table : {"users", "sessions", "enrollment_tokens", "devices", "certificates", "device_sections", "audit_log"}) {
        QCOMPARE(rowCount(QLatin1String(table)), 0);
    }
    QCOMPARE(rowCount(QStringLiteral("counters")), 1);
}

void TestStore::reopenDoesNotReapplyMigrations()
{
    QVERIFY(m_store->addUser(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash")}, kNow).ok());
    m_store.reset();

    Store reopened;
    Status status = reopened.open(m_path);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    QCOMPARE(reopened.schemaVersion(), 2);
    QCOMPARE(rowCount(QStringLiteral("schema_migrations")), 2);
    // Re-running 001 would have failed on CREATE TABLE, or reset the data it seeds.
    QVERIFY(reopened.user(QStringLiteral("alice")).has_value());
    QCOMPARE(rowCount(QStringLiteral("counters")), 1);
}

void TestStore::openFailsOnUnusablePath()
{
    Store store;
    Status status = store.open(m_dir->filePath(QStringLiteral("missing-directory/steward.db")));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("store.sql"));
}

void TestStore::roleNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("admin");

    QTest::newRow("admin") << QStringLiteral("admin") << true << true;
    QTest::newRow("helpdesk") << QStringLiteral("helpdesk") << true << false;
    QTest::newRow("uppercase") << QStringLiteral("Admin") << false << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("root") << QStringLiteral("root") << false << false;
}

void TestStore::roleNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(bool, admin);

    const std::optional<Role> role = roleFromName(name);
    QCOMPARE(role.has_value(), valid);
    if (valid) {
        QCOMPARE(*role == Role::Admin, admin);
        QCOMPARE(roleName(*role), name);
    }
}

void TestStore::users()
{
    QVERIFY(m_store->addUser(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash-a")}, kNow).ok());
    QVERIFY(m_store->addUser(User{QStringLiteral("bob"), Role::Helpdesk, QStringLiteral("hash-b")}, kNow).ok());

    const std::optional<User> alice = m_store->user(QStringLiteral("alice"));
    QVERIFY(alice.has_value());
    QCOMPARE(alice->name, QStringLiteral("alice"));
    QCOMPARE(alice->role, Role::Admin);
    QCOMPARE(alice->passwordHash, QStringLiteral("hash-a"));
    QCOMPARE(m_store->user(QStringLiteral("bob"))->role, Role::Helpdesk);

    QVERIFY(!m_store->user(QStringLiteral("carol")).has_value());
    QVERIFY(!m_store->user(QStringLiteral("Alice")).has_value());

    Status duplicate = m_store->addUser(User{QStringLiteral("alice"), Role::Helpdesk, QStringLiteral("other")}, kNow);
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, QStringLiteral("store.sql"));
    QCOMPARE(m_store->user(QStringLiteral("alice"))->passwordHash, QStringLiteral("hash-a"));
}

void TestStore::sessions()
{
    QVERIFY(m_store->addUser(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash-a")}, kNow).ok());
    const QByteArray token = tokenHash("session-token");
    QVERIFY(m_store->addSession(token, QStringLiteral("alice"), kNow, kNow.addSecs(kHour)).ok());

    const std::optional<User> user = m_store->sessionUser(token, kNow.addSecs(10));
    QVERIFY(user.has_value());
    QCOMPARE(user->name, QStringLiteral("alice"));
    QCOMPARE(user->role, Role::Admin);

    QVERIFY(m_store->sessionUser(token, kNow.addSecs(kHour - 1)).has_value());
    QVERIFY(!m_store->sessionUser(token, kNow.addSecs(kHour)).has_value());
    QVERIFY(!m_store->sessionUser(token, kNow.addSecs(2 * kHour)).has_value());
    QVERIFY(!m_store->sessionUser(tokenHash("other-token"), kNow).has_value());

    QVERIFY(m_store->removeSession(token).ok());
    QVERIFY(!m_store->sessionUser(token, kNow).has_value());

    // Sessions belong to existing users only.
    QVERIFY(!m_store->addSession(tokenHash("ghost"), QStringLiteral("ghost"), kNow, kNow.addSecs(kHour)).ok());
}

void TestStore::expiredSessionsAreSwept()
{
    QVERIFY(m_store->addUser(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash-a")}, kNow).ok());
    QVERIFY(m_store->addSession(tokenHash("old"), QStringLiteral("alice"), kNow, kNow.addSecs(kHour)).ok());
    QVERIFY(m_store->addSession(tokenHash("long"), QStringLiteral("alice"), kNow, kNow.addSecs(10 * kHour)).ok());
    QCOMPARE(rowCount(QStringLiteral("sessions")), 2);

    QVERIFY(m_store->addSession(tokenHash("new"), QStringLiteral("alice"), kNow.addSecs(2 * kHour), kNow.addSecs(3 * kHour)).ok());
    QCOMPARE(rowCount(QStringLiteral("sessions")), 2);
    // Gone for good, even when asked about a time at which it was still valid.
    QVERIFY(!m_store->sessionUser(tokenHash("old"), kNow).has_value());
    QVERIFY(m_store->sessionUser(tokenHash("long"), kNow.addSecs(2 * kHour)).has_value());
}

void TestStore::serialsIncrease()
{
    Result<quint64> first = m_store->nextSerial();
    QVERIFY(first.ok());
    QCOMPARE(first.value(), quint64(1001));
    QCOMPARE(m_store->nextSerial().value(), quint64(1002));
    m_store.reset();

    Store reopened;
    QVERIFY(reopened.open(m_path).ok());
    QCOMPARE(reopened.nextSerial().value(), quint64(1003));
}

void TestStore::tokenRejections_data()
{
    QTest::addColumn<int>("uses");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<bool>("add");
    QTest::addColumn<QString>("code");

    QTest::newRow("unknown") << 1 << qint64(kHour) << false << QStringLiteral("token.unknown");
    QTest::newRow("expired an hour ago") << 1 << -kHour << true << QStringLiteral("token.expired");
    QTest::newRow("expires this second") << 1 << qint64(0) << true << QStringLiteral("token.expired");
    QTest::newRow("no uses") << 0 << qint64(kHour) << true << QStringLiteral("token.used-up");
    QTest::newRow("expired and used up") << 0 << -kHour << true << QStringLiteral("token.expired");
}

void TestStore::tokenRejections()
{
    QFETCH(int, uses);
    QFETCH(qint64, expiresIn);
    QFETCH(bool, add);
    QFETCH(QString, code);

    const QByteArray token = tokenHash("token");
    if (add) {
        QVERIFY(m_store->addEnrollmentToken(token, uses, kNow.addSecs(expiresIn), QStringLiteral("admin"), kNow.addSecs(-kDay)).ok());
    }
    Status checked = m_store->checkEnrollmentToken(token, kNow);
    QVERIFY(!checked.ok());
    QCOMPARE(checked.error().code, code);

    Status enrolled = m_store->enrollDevice(token, newDevice(QStringLiteral("dev-1"), 2001), kNow);
    QVERIFY(!enrolled.ok());
    QCOMPARE(enrolled.error().code, code);
    QVERIFY(!m_store->device(QStringLiteral("dev-1")).has_value());
    QCOMPARE(rowCount(QStringLiteral("devices")), 0);
    QCOMPARE(rowCount(QStringLiteral("certificates")), 0);
}

void TestStore::tokenUsableExactlyNTimes()
{
    const QByteArray token = tokenHash("three-uses");
    QVERIFY(m_store->addEnrollmentToken(token, 3, kNow.addSecs(kDay), QStringLiteral("admin"), kNow).ok());

    for (int i = 1; i <= 3; ++i) {
        QVERIFY(m_store->checkEnrollmentToken(token, kNow).ok());
        // Checking never consumes.
        QVERIFY(m_store->checkEnrollmentToken(token, kNow).ok());
        Status enrolled = m_store->enrollDevice(token, newDevice(QStringLiteral("dev-%1").arg(i), 2000 + i), kNow);
        QVERIFY2(enrolled.ok(), qPrintable(enrolled.ok() ? QString() : enrolled.error().message));
    }
    Status fourth = m_store->enrollDevice(token, newDevice(QStringLiteral("dev-4"), 2004), kNow);
    QVERIFY(!fourth.ok());
    QCOMPARE(fourth.error().code, QStringLiteral("token.used-up"));
    QCOMPARE(m_store->checkEnrollmentToken(token, kNow).error().code, QStringLiteral("token.used-up"));
    QCOMPARE(m_store->devices().size(), 3);
    QVERIFY(!m_store->device(QStringLiteral("dev-4")).has_value());

    const std::optional<Device> device = m_store->device(QStringLiteral("dev-2"));
    QVERIFY(device.has_value());
    QCOMPARE(device->hostname, QStringLiteral("host-dev-2"));
    QCOMPARE(device->enrolledAt, kNow);
    QVERIFY(device->lastSeen.isNull());
    QCOMPARE(device->lastSequence, 0);
    QCOMPARE(device->revoked, false);
    QVERIFY(device->sections.isEmpty());
}

void TestStore::enrollDuplicateDeviceIdIsAtomic()
{
    const QByteArray token = tokenHash("two-uses");
    QVERIFY(m_store->addEnrollmentToken(token, 2, kNow.addSecs(kDay), QStringLiteral("admin"), kNow).ok());
    QVERIFY(m_store->enrollDevice(token, newDevice(QStringLiteral("dev-1"), 3001), kNow).ok());

    NewDevice duplicate = newDevice(QStringLiteral("dev-1"), 3002);
    duplicate.fingerprint = newDevice(QStringLiteral("another"), 0).fingerprint;
    duplicate.hostname = QStringLiteral("impostor");
    Status failed = m_store->enrollDevice(token, duplicate, kNow);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, QStringLiteral("store.sql"));

    // Nothing of the failed attempt remains, and its token use was not spent.
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->hostname, QStringLiteral("host-dev-1"));
    QVERIFY(!m_store->certificateStatus(duplicate.fingerprint).has_value());
    QCOMPARE(rowCount(QStringLiteral("certificates")), 1);
    QVERIFY(m_store->checkEnrollmentToken(token, kNow).ok());
    QVERIFY(m_store->enrollDevice(token, newDevice(QStringLiteral("dev-2"), 3003), kNow).ok());
    QCOMPARE(m_store->enrollDevice(token, newDevice(QStringLiteral("dev-3"), 3004), kNow).error().code, QStringLiteral("token.used-up"));
}

void TestStore::enrollDuplicateFingerprintIsAtomic()
{
    const QByteArray token = tokenHash("two-uses");
    QVERIFY(m_store->addEnrollmentToken(token, 2, kNow.addSecs(kDay), QStringLiteral("admin"), kNow).ok());
    const NewDevice first = newDevice(QStringLiteral("dev-1"), 3001);
    QVERIFY(m_store->enrollDevice(token, first, kNow).ok());

    NewDevice sameCertificate = newDevice(QStringLiteral("dev-2"), 3002);
    sameCertificate.fingerprint = first.fingerprint;
    Status failed = m_store->enrollDevice(token, sameCertificate, kNow);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, QStringLiteral("store.sql"));

    // The device row inserted before the certificate failed is rolled back with it.
    QVERIFY(!m_store->device(QStringLiteral("dev-2")).has_value());
    QCOMPARE(rowCount(QStringLiteral("devices")), 1);
    QCOMPARE(m_store->certificateStatus(first.fingerprint)->deviceId, QStringLiteral("dev-1"));

    // A duplicate serial is refused the same way.
    NewDevice sameSerial = newDevice(QStringLiteral("dev-3"), 3001);
    QCOMPARE(m_store->enrollDevice(token, sameSerial, kNow).error().code, QStringLiteral("store.sql"));
    QVERIFY(!m_store->device(QStringLiteral("dev-3")).has_value());

    QVERIFY(m_store->enrollDevice(token, newDevice(QStringLiteral("dev-4"), 3004), kNow).ok());
    QCOMPARE(m_store->checkEnrollmentToken(token, kNow).error().code, QStringLiteral("token.used-up"));
}

void TestStore::certificateStatusAndRevocation()
{
    QVERIFY(enrol(QStringLiteral("dev-1"), 4001).ok());
    QVERIFY(enrol(QStringLiteral("dev-2"), 4002).ok());
    const QString fingerprint = newDevice(QStringLiteral("dev-1"), 0).fingerprint;

    std::optional<CertificateStatus> status = m_store->certificateStatus(fingerprint);
    QVERIFY(status.has_value());
    QCOMPARE(status->deviceId, QStringLiteral("dev-1"));
    QCOMPARE(status->revoked, false);
    QVERIFY(!m_store->certificateStatus(QString(64, QLatin1Char('0'))).has_value());

    Result<bool> revoked = m_store->revokeDevice(QStringLiteral("dev-1"));
    QVERIFY(revoked.ok());
    QCOMPARE(revoked.value(), true);
    QCOMPARE(m_store->certificateStatus(fingerprint)->revoked, true);
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->revoked, true);
    QCOMPARE(m_store->device(QStringLiteral("dev-2"))->revoked, false);
    QCOMPARE(m_store->certificateStatus(newDevice(QStringLiteral("dev-2"), 0).fingerprint)->revoked, false);

    Result<bool> unknown = m_store->revokeDevice(QStringLiteral("no-such-device"));
    QVERIFY(unknown.ok());
    QCOMPARE(unknown.value(), false);
}

void TestStore::ingestFullReport()
{
    QVERIFY(enrol(QStringLiteral("dev-1"), 5001).ok());
    const QCborMap sections = fullSections();
    Result<IngestOutcome> outcome = m_store->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
    QCOMPARE(outcome.value(), IngestOutcome::Stored);

    const std::optional<Device> device = m_store->device(QStringLiteral("dev-1"));
    QVERIFY(device.has_value());
    QCOMPARE(byName(device->sections), byName(sections));
    QCOMPARE(device->lastSeen, kNow);
    QCOMPARE(device->lastSequence, 1);
    QCOMPARE(device->hostname, QStringLiteral("ws-017"));
    QCOMPARE(rowCount(QStringLiteral("device_sections")), sections.size());
}

void TestStore::ingestDuplicateSequence_data()
{
    QTest::addColumn<qint64>("sequence");
    QTest::newRow("same sequence") << qint64(5);
    QTest::newRow("older sequence") << qint64(4);
    QTest::newRow("zero") << qint64(0);
}

void TestStore::ingestDuplicateSequence()
{
    QFETCH(qint64, sequence);

    QVERIFY(enrol(QStringLiteral("dev-1"), 5001).ok());
    const QCborMap sections = fullSections();
    QCOMPARE(m_store->ingestReport(QStringLiteral("dev-1"), 5, sections, hashesOf(sections), kNow).value(), IngestOutcome::Stored);

    QCborMap changed = sections;
    changed.insert(QStringLiteral("os"), osSection(QStringLiteral("renamed")));
    changed.insert(QStringLiteral("extra"), 1);
    Result<IngestOutcome> outcome = m_store->ingestReport(QStringLiteral("dev-1"), sequence, changed, hashesOf(changed), kNow.addSecs(kHour));
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.value(), IngestOutcome::Duplicate);

    const std::optional<Device> device = m_store->device(QStringLiteral("dev-1"));
    QCOMPARE(byName(device->sections), byName(sections));
    QCOMPARE(device->hostname, QStringLiteral("ws-017"));
    QCOMPARE(device->lastSeen, kNow);
    QCOMPARE(device->lastSequence, 5);
}

void TestStore::ingestDelta_data()
{
    QTest::addColumn<QCborMap>("sentSections");
    QTest::addColumn<QCborMap>("hashes");
    QTest::addColumn<IngestOutcome>("outcome");

    const QCborMap stored = fullSections();
    const QCborMap newPatches{{QStringLiteral("manager"), QStringLiteral("apt")},
                              {QStringLiteral("pending"), QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")}}}}};
    QCborMap current = stored;
    current.insert(QStringLiteral("patches"), newPatches);
    const QCborMap onlyPatches{{QStringLiteral("patches"), newPatches}};

    QTest::newRow("omitted sections match") << onlyPatches << hashesOf(current) << IngestOutcome::Stored;
    QTest::newRow("nothing changed") << QCborMap() << hashesOf(stored) << IngestOutcome::Stored;

    QCborMap wrongHash = hashesOf(current);
    wrongHash.insert(QStringLiteral("hardware"), protocol::Report::sectionHash(QCborMap{{QStringLiteral("model"), QStringLiteral("X1")}}));
    QTest::newRow("omitted section's hash differs") << onlyPatches << wrongHash << IngestOutcome::StoredNeedsResync;

    QCborMap unknownSection = hashesOf(current);
    unknownSection.insert(QStringLiteral("printers"), protocol::Report::sectionHash(QCborArray()));
    // Only the sections of docs/protocol.md are stored or compared; a newer agent's extra one is ignored.
    QTest::newRow("omitted section of an unknown kind") << onlyPatches << unknownSection << IngestOutcome::Stored;

    QCborMap garbledHash = hashesOf(current);
    garbledHash.insert(QStringLiteral("os"), QStringLiteral("not a hash"));
    QTest::newRow("omitted section's hash of the wrong type") << onlyPatches << garbledHash << IngestOutcome::StoredNeedsResync;
}

void TestStore::ingestDelta()
{
    QFETCH(QCborMap, sentSections);
    QFETCH(QCborMap, hashes);
    QFETCH(IngestOutcome, outcome);

    QVERIFY(enrol(QStringLiteral("dev-1"), 5001).ok());
    const QCborMap stored = fullSections();
    QCOMPARE(m_store->ingestReport(QStringLiteral("dev-1"), 1, stored, hashesOf(stored), kNow).value(), IngestOutcome::Stored);

    Result<IngestOutcome> result = m_store->ingestReport(QStringLiteral("dev-1"), 2, sentSections, hashes, kNow.addSecs(kHour));
    QVERIFY(result.ok());
    QCOMPARE(result.value(), outcome);

    // Stored either way: the sequence advances and the sections that travelled replace the old ones.
    const std::optional<Device> device = m_store->device(QStringLiteral("dev-1"));
    QCOMPARE(device->lastSequence, 2);
    QCOMPARE(device->lastSeen, kNow.addSecs(kHour));
    QCborMap expected = stored;
    for (auto it = sentSections.constBegin(); it != sentSections.constEnd(); ++it) {
        expected.insert(it.key(), it.value());
    }
    QCOMPARE(byName(device->sections), byName(expected));
}

void TestStore::ingestFullReportDropsSectionsNoLongerReported()
{
    // A report's `hashes` name every section the agent has. When a collector starts failing (its
    // section is replaced by an "errors" entry) the server must not keep showing the old section as
    // if it were current: compliance would be judged on stale antivirus or patch data.
    QVERIFY(enrol(QStringLiteral("dev-1"), 5001).ok());
    const QCborMap stored = fullSections();
    QCOMPARE(m_store->ingestReport(QStringLiteral("dev-1"), 1, stored, hashesOf(stored), kNow).value(), IngestOutcome::Stored);

    QCborMap withoutAntivirus = stored;
    withoutAntivirus.remove(QStringLiteral("antivirus"));
    withoutAntivirus.insert(QStringLiteral("errors"),
                            QCborMap{{QStringLiteral("antivirus"), QCborMap{{QStringLiteral("code"), QStringLiteral("collector.failed")}}}});
    Result<IngestOutcome> outcome =
        m_store->ingestReport(QStringLiteral("dev-1"), 2, withoutAntivirus, hashesOf(withoutAntivirus), kNow.addSecs(kHour));
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.value(), IngestOutcome::Stored);

    const std::optional<Device> device = m_store->device(QStringLiteral("dev-1"));
    QCOMPARE(device->sections.value(QStringLiteral("errors")), withoutAntivirus.value(QStringLiteral("errors")));
    QVERIFY2(!device->sections.contains(QStringLiteral("antivirus")), "a section absent from the report's hashes is still stored");
    QCOMPARE(byName(device->sections), byName(withoutAntivirus));
}

void TestStore::ingestUnknownDevice()
{
    const QCborMap sections = fullSections();
    Result<IngestOutcome> outcome = m_store->ingestReport(QStringLiteral("nobody"), 1, sections, hashesOf(sections), kNow);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, QStringLiteral("device.unknown"));
    QCOMPARE(rowCount(QStringLiteral("device_sections")), 0);
}

void TestStore::hostnameFollowsOsSection()
{
    QVERIFY(enrol(QStringLiteral("dev-1"), 5001).ok());
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->hostname, QStringLiteral("host-dev-1"));

    const QCborMap first{{QStringLiteral("os"), osSection(QStringLiteral("ws-017"))}};
    QVERIFY(m_store->ingestReport(QStringLiteral("dev-1"), 1, first, hashesOf(first), kNow).ok());
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->hostname, QStringLiteral("ws-017"));

    // A report without an os section, or with an empty hostname, leaves the name alone.
    const QCborMap noOs{{QStringLiteral("hardware"), QCborMap()}};
    QVERIFY(m_store->ingestReport(QStringLiteral("dev-1"), 2, noOs, hashesOf(noOs), kNow).ok());
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->hostname, QStringLiteral("ws-017"));
    const QCborMap emptyName{{QStringLiteral("os"), osSection(QString())}};
    QVERIFY(m_store->ingestReport(QStringLiteral("dev-1"), 3, emptyName, hashesOf(emptyName), kNow).ok());
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->hostname, QStringLiteral("ws-017"));

    const QCborMap renamed{{QStringLiteral("os"), osSection(QStringLiteral("ws-018"))}};
    QVERIFY(m_store->ingestReport(QStringLiteral("dev-1"), 4, renamed, hashesOf(renamed), kNow).ok());
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->hostname, QStringLiteral("ws-018"));
}

void TestStore::touchDevice()
{
    QVERIFY(enrol(QStringLiteral("dev-1"), 5001).ok());
    QVERIFY(m_store->device(QStringLiteral("dev-1"))->lastSeen.isNull());
    QVERIFY(m_store->touchDevice(QStringLiteral("dev-1"), kNow.addSecs(123)).ok());
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->lastSeen, kNow.addSecs(123));
    QCOMPARE(m_store->device(QStringLiteral("dev-1"))->lastSequence, 0);
}

void TestStore::devicesListOmitsSoftware()
{
    QVERIFY(enrol(QStringLiteral("dev-b"), 5001).ok());
    QVERIFY(enrol(QStringLiteral("dev-a"), 5002).ok());
    const QCborMap sections = fullSections();
    QVERIFY(m_store->ingestReport(QStringLiteral("dev-b"), 1, sections, hashesOf(sections), kNow).ok());

    const QList<Device> devices = m_store->devices();
    QCOMPARE(devices.size(), 2);
    // Ordered by hostname: "host-dev-a" before "ws-017".
    QCOMPARE(devices.at(0).id, QStringLiteral("dev-a"));
    QCOMPARE(devices.at(1).id, QStringLiteral("dev-b"));
    QVERIFY(devices.at(0).sections.isEmpty());
    QVERIFY(!devices.at(1).sections.contains(QStringLiteral("software")));
    QCOMPARE(devices.at(1).sections.size(), sections.size() - 1);
    QCOMPARE(devices.at(1).sections.value(QStringLiteral("patches")), sections.value(QStringLiteral("patches")));

    const std::optional<Device> detail = m_store->device(QStringLiteral("dev-b"));
    QCOMPARE(detail->sections.value(QStringLiteral("software")), sections.value(QStringLiteral("software")));
    QVERIFY(!m_store->device(QStringLiteral("dev-c")).has_value());
}

void TestStore::auditNewestFirst()
{
    for (int i = 1; i <= 5; ++i) {
        m_store->audit(AuditEntry{kNow.addSecs(i), QStringLiteral("alice"), QStringLiteral("action-%1").arg(i), QStringLiteral("target-%1").arg(i),
                                  QStringLiteral("ok"), QStringLiteral("192.0.2.%1").arg(i), QStringLiteral("detail %1").arg(i)});
    }
    const QList<AuditEntry> entries = m_store->auditEntries(3);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).action, QStringLiteral("action-5"));
    QCOMPARE(entries.at(1).action, QStringLiteral("action-4"));
    QCOMPARE(entries.at(2).action, QStringLiteral("action-3"));

    const AuditEntry &newest = entries.at(0);
    QCOMPARE(newest.at, kNow.addSecs(5));
    QCOMPARE(newest.actor, QStringLiteral("alice"));
    QCOMPARE(newest.target, QStringLiteral("target-5"));
    QCOMPARE(newest.outcome, QStringLiteral("ok"));
    QCOMPARE(newest.source, QStringLiteral("192.0.2.5"));
    QCOMPARE(newest.detail, QStringLiteral("detail 5"));

    QCOMPARE(m_store->auditEntries(100).size(), 5);
    QCOMPARE(m_store->auditEntries(100).last().action, QStringLiteral("action-1"));
}

QTEST_GUILESS_MAIN(TestStore)
#include "TestStore.moc"
