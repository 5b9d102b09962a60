// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataDirectory.h"
#include "Pki.h"
#include "PostgresServer.h"
#include "auth/Credentials.h"
#include "store/Database.h"
#include "store/MigrationRunner.h"
#include "store/Repositories.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>

using namespace steward;
using namespace steward::server;

namespace
{
const QString kPassword = QStringLiteral("a-long-admin-password");

// The permission bits as the kernel sees them; QFile::permissions() mixes in the caller's access.
int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}

struct Snapshot {
    QByteArray contents;
    QDateTime modified;
    int mode = -1;
    bool operator==(const Snapshot &other) const = default;
};

QMap<QString, Snapshot> snapshot(const QString &root)
{
    QMap<QString, Snapshot> files;
    QDir dir(root);
    QStringList entries = dir.entryList(QDir::Files | QDir::Hidden, QDir::Name);
    const QStringList privateEntries =
        QDir(root + QStringLiteral("/private")).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString &entry : privateEntries) {
        entries << QStringLiteral("private/") + entry;
    }
    for (const QString &entry : entries) {
        const QString path = dir.filePath(entry);
        QFile file(path);
        Snapshot item;
        if (file.open(QIODevice::ReadOnly)) {
            item.contents = file.readAll();
        }
        item.modified = QFileInfo(path).lastModified();
        item.mode = modeOf(path);
        files.insert(entry, item);
    }
    return files;
}
}

class TestDataDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void paths();
    void initialiseCreatesEverything();
    void privateFilesAreOwnerOnly();
    void serverCertificateNamesThisServer();
    void databaseHoldsFirstAdmin();
    void secondInitialiseChangesNothing();
    void weakPasswordRefused_data();
    void weakPasswordRefused();
    void initialiseOnPostgresql();
    void badDatabaseUrlChangesNothing();

private:
    Status initialise(const QStringList &extraNames = {});

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_root;
};

void TestDataDirectory::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = m_tmp->filePath(QStringLiteral("site"));
}

void TestDataDirectory::cleanup()
{
    m_tmp.reset();
}

Status TestDataDirectory::initialise(const QStringList &extraNames)
{
    DataDirectory::InitOptions options;
    options.adminUser = QStringLiteral("root-admin");
    options.adminPassword = kPassword;
    options.subjectAltNames = extraNames;
    return DataDirectory(m_root).initialise(options);
}

void TestDataDirectory::paths()
{
    const DataDirectory dir(m_root);
    QCOMPARE(dir.root(), m_root);
    QCOMPARE(dir.caCertificate(), m_root + QStringLiteral("/ca.pem"));
    QCOMPARE(dir.caKey(), m_root + QStringLiteral("/private/ca.key"));
    QCOMPARE(dir.serverCertificate(), m_root + QStringLiteral("/server.pem"));
    QCOMPARE(dir.serverKey(), m_root + QStringLiteral("/private/server.key"));
    QCOMPARE(dir.database(), m_root + QStringLiteral("/steward.db"));
    // Relative roots are made absolute, so a later chdir cannot move the data.
    QVERIFY(QDir::isAbsolutePath(DataDirectory(QStringLiteral("relative/site")).root()));
}

void TestDataDirectory::initialiseCreatesEverything()
{
    const DataDirectory dir(m_root);
    QVERIFY(!dir.isInitialised());
    Status status = initialise();
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    QVERIFY(dir.isInitialised());

    for (const QString &path :
         {dir.caCertificate(), dir.caKey(), dir.serverCertificate(), dir.serverKey(), dir.database()}) {
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
    }
    QFile caKey(dir.caKey());
    QVERIFY(caKey.open(QIODevice::ReadOnly));
    QVERIFY(caKey.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));

    QFile ca(dir.caCertificate());
    QVERIFY(ca.open(QIODevice::ReadOnly));
    const QByteArray caPem = ca.readAll();
    QCOMPARE(pki::inspect(caPem).value().commonName, QStringLiteral("Steward site CA"));
}

void TestDataDirectory::privateFilesAreOwnerOnly()
{
    QVERIFY(initialise().ok());
    const DataDirectory dir(m_root);
    QCOMPARE(modeOf(m_root + QStringLiteral("/private")), 0700);
    QCOMPARE(modeOf(dir.caKey()), 0600);
    QCOMPARE(modeOf(dir.serverKey()), 0600);
    // The database holds password hashes.
    QCOMPARE(modeOf(dir.database()), 0600);
    for (const QString &companion :
         QStringList{dir.database() + QStringLiteral("-wal"), dir.database() + QStringLiteral("-shm")}) {
        if (QFileInfo::exists(companion)) {
            QCOMPARE(modeOf(companion), 0600);
        }
    }
    // Certificates are public.
    QCOMPARE(modeOf(dir.caCertificate()), 0644);
    QCOMPARE(modeOf(dir.serverCertificate()), 0644);

    // Opening the store again does not loosen the database's mode.
    // The recorded database URL may carry a password.
    QCOMPARE(modeOf(dir.databaseUrlFile()), 0600);
    {
        std::unique_ptr<Database> db = Database::open(dir.databaseUrl().value()).value();
        QVERIFY(UserRepository(*db)
                    .add(User{QStringLiteral("helper"), Role::Helpdesk, QStringLiteral("x")},
                         QDateTime::currentDateTimeUtc())
                    .ok());
        QCOMPARE(modeOf(dir.database()), 0600);
        QCOMPARE(modeOf(dir.database() + QStringLiteral("-wal")), 0600);
    }
}

void TestDataDirectory::serverCertificateNamesThisServer()
{
    QVERIFY(
        initialise({QStringLiteral("site-server"), QStringLiteral("10.20.30.40"), QStringLiteral("fd00::17")}).ok());
    const DataDirectory dir(m_root);
    QFile serverFile(dir.serverCertificate());
    QVERIFY(serverFile.open(QIODevice::ReadOnly));
    const QByteArray server = serverFile.readAll();
    QFile caFile(dir.caCertificate());
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    const QByteArray ca = caFile.readAll();

    QVERIFY(pki::verifyIssuedBy(server, ca, QDateTime::currentDateTimeUtc()).ok());
    for (const char *name : {"localhost", "127.0.0.1", "::1", "site-server", "10.20.30.40", "fd00::17"}) {
        QVERIFY2(pki::matchesHost(server, QLatin1String(name)), name);
    }
    QVERIFY(!pki::matchesHost(server, QStringLiteral("10.20.30.41")));
    QVERIFY(!pki::matchesHost(server, QStringLiteral("other-server")));
    const QString hostName = QHostInfo::localHostName();
    if (!hostName.isEmpty()) {
        QVERIFY(pki::matchesHost(server, hostName));
    }

    const pki::CertificateInfo info = pki::inspect(server).value();
    QCOMPARE(info.commonName, hostName);
    QCOMPARE(info.serial, quint64(1));
    QVERIFY(info.notBefore.daysTo(info.notAfter) >= 825);
}

void TestDataDirectory::databaseHoldsFirstAdmin()
{
    QVERIFY(initialise().ok());
    const DatabaseUrl url = DataDirectory(m_root).databaseUrl().value();
    QCOMPARE(url.dialect, Dialect::Sqlite);
    QCOMPARE(url.path, DataDirectory(m_root).database());
    std::unique_ptr<Database> db = Database::open(url).value();
    Repositories store(*db);
    QCOMPARE(db->schemaVersion().value(), MigrationRunner::availableVersions(Dialect::Sqlite).last());
    const std::optional<User> admin = store.users.find(QStringLiteral("root-admin")).value();
    QVERIFY(admin.has_value());
    QCOMPARE(admin->role, Role::Admin);
    QVERIFY(credentials::verifyPassword(kPassword, admin->passwordHash));
    QVERIFY(!credentials::verifyPassword(QStringLiteral("wrong-password"), admin->passwordHash));

    const QList<AuditEntry> audit = store.audit.newest(10).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.at(0).action, QStringLiteral("server.init"));
    QCOMPARE(audit.at(0).actor, QStringLiteral("root-admin"));
    QCOMPARE(audit.at(0).outcome, QStringLiteral("ok"));
    // The first serial went to the server certificate; devices get theirs from the counter.
    QVERIFY(store.enrolment.nextSerial().value() > 1);
    QVERIFY(store.audit.verify().value().intact());
}

void TestDataDirectory::secondInitialiseChangesNothing()
{
    QVERIFY(initialise().ok());
    const QMap<QString, Snapshot> before = snapshot(m_root);
    QVERIFY(before.contains(QStringLiteral("ca.pem")));
    QVERIFY(before.contains(QStringLiteral("private/ca.key")));

    DataDirectory::InitOptions options;
    options.adminUser = QStringLiteral("someone-else");
    options.adminPassword = QStringLiteral("another-long-password");
    Status again = DataDirectory(m_root).initialise(options);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("init.exists"));

    const QMap<QString, Snapshot> after = snapshot(m_root);
    QCOMPARE(after.keys(), before.keys());
    for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
        QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
    }

    std::unique_ptr<Database> db = Database::open(DataDirectory(m_root).databaseUrl().value()).value();
    QVERIFY(!UserRepository(*db).find(QStringLiteral("someone-else")).value().has_value());
}

void TestDataDirectory::weakPasswordRefused_data()
{
    QTest::addColumn<QString>("password");
    QTest::newRow("empty") << QString();
    QTest::newRow("seven characters") << QStringLiteral("1234567");
    QTest::newRow("eleven characters") << QStringLiteral("abcdefghijk");
    QTest::newRow("few different characters") << QStringLiteral("abababababababab");
    QTest::newRow("contains the user name") << QStringLiteral("my-Admin-password");
}

void TestDataDirectory::weakPasswordRefused()
{
    QFETCH(QString, password);

    DataDirectory::InitOptions options;
    options.adminPassword = password;
    Status status = DataDirectory(m_root).initialise(options);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("init.weak-password"));
    QVERIFY(!DataDirectory(m_root).isInitialised());
    // Refused before anything was written.
    QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/private")));
    QVERIFY(!QFileInfo::exists(DataDirectory(m_root).caKey()));
}

void TestDataDirectory::initialiseOnPostgresql()
{
    QString why;
    test::PostgresServer *postgres = test::PostgresServer::shared(&why);
    QVERIFY2(postgres, qPrintable(why));
    const Result<QString> url = postgres->createDatabase(QStringLiteral("init_site"));
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));

    DataDirectory::InitOptions options;
    options.adminUser = QStringLiteral("root-admin");
    options.adminPassword = kPassword;
    options.databaseUrl = url.value();
    const Status status = DataDirectory(m_root).initialise(options);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));

    // run finds the database from the directory; there is no SQLite file.
    const DataDirectory dir(m_root);
    QVERIFY(!QFileInfo::exists(dir.database()));
    const DatabaseUrl recorded = dir.databaseUrl().value();
    QCOMPARE(recorded.dialect, Dialect::Postgresql);
    QCOMPARE(recorded.toString(true), url.value());
    std::unique_ptr<Database> db = Database::open(recorded).value();
    Repositories store(*db);
    QCOMPARE(store.users.find(QStringLiteral("root-admin")).value()->role, Role::Admin);
    QVERIFY(store.audit.verify().value().intact());

    // A second site may not take over the same database.
    QTemporaryDir other;
    DataDirectory::InitOptions again = options;
    again.adminUser = QStringLiteral("intruder");
    const Status refused = DataDirectory(other.path()).initialise(again);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("init.exists"));
    QVERIFY(!QFileInfo::exists(other.filePath(QStringLiteral("ca.pem"))));
    QVERIFY(!store.users.find(QStringLiteral("intruder")).value().has_value());
}

void TestDataDirectory::badDatabaseUrlChangesNothing()
{
    DataDirectory::InitOptions options;
    options.adminUser = QStringLiteral("root-admin");
    options.adminPassword = kPassword;
    options.databaseUrl = QStringLiteral("mysql://root@localhost/steward");
    const Status status = DataDirectory(m_root).initialise(options);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("database.url"));
    QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/private")));
}

QTEST_GUILESS_MAIN(TestDataDirectory)
#include "TestDataDirectory.moc"
