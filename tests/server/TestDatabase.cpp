// SPDX-License-Identifier: GPL-3.0-or-later
#include "PostgresServer.h"
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "store/MigrationRunner.h"
#include "store/UserRepository.h"

#include <QSqlQuery>
#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

// The database layer: URLs, migrations, connections per thread, and how failures are told apart.
class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urls_data();
    void urls();
    void badUrls_data();
    void badUrls();
    void passwordIsHiddenUnlessAsked();
    void everyDialectHasTheSameMigrations();

    void openCreatesSchema_data();
    void openCreatesSchema();
    void reopenDoesNotReapplyMigrations_data();
    void reopenDoesNotReapplyMigrations();
    void newerSchemaIsRefused_data();
    void newerSchemaIsRefused();
    void unreachableDatabaseIsUnavailable_data();
    void unreachableDatabaseIsUnavailable();
    void lockedSqliteIsUnavailableNotWrong();
    void lostPostgresqlIsUnavailableThenRecovers();
    void eachThreadHasItsOwnConnection_data();
    void eachThreadHasItsOwnConnection();

private:
    StoreFixture m_fixture;
};

void TestDatabase::urls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("default") << QString() << Dialect::Sqlite << QStringLiteral("/data/steward.db") << QString() << -1
                             << QString() << QString() << QString() << QStringLiteral("sqlite:///data/steward.db");
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << Dialect::Sqlite << QStringLiteral("/data/steward.db")
                            << QString() << -1 << QString() << QString() << QString()
                            << QStringLiteral("sqlite:///data/steward.db");
    QTest::newRow("sqlite elsewhere") << QStringLiteral("sqlite:///srv/steward%20site/db.sqlite") << Dialect::Sqlite
                                      << QStringLiteral("/srv/steward site/db.sqlite") << QString() << -1 << QString()
                                      << QString() << QString()
                                      << QStringLiteral("sqlite:///srv/steward%20site/db.sqlite");
    QTest::newRow("socket") << QStringLiteral("postgresql://steward@/site?host=/run/postgresql") << Dialect::Postgresql
                            << QString() << QStringLiteral("/run/postgresql") << -1 << QStringLiteral("steward")
                            << QString() << QStringLiteral("site")
                            << QStringLiteral("postgresql://steward@/site?host=/run/postgresql");
    QTest::newRow("tcp") << QStringLiteral("postgresql://steward:p%40ss:w@db.gov.example:5433/ministry")
                         << Dialect::Postgresql << QString() << QStringLiteral("db.gov.example") << 5433
                         << QStringLiteral("steward") << QStringLiteral("p@ss:w") << QStringLiteral("ministry")
                         << QStringLiteral("postgresql://steward:p%40ss%3Aw@db.gov.example:5433/ministry");
    QTest::newRow("postgres scheme") << QStringLiteral("postgres://u@10.0.0.5/db") << Dialect::Postgresql << QString()
                                     << QStringLiteral("10.0.0.5") << -1 << QStringLiteral("u") << QString()
                                     << QStringLiteral("db") << QStringLiteral("postgresql://u@10.0.0.5/db");
}

void TestDatabase::urls()
{
    QFETCH(QString, text);
    QFETCH(Dialect, dialect);
    QFETCH(QString, path);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, name);
    QFETCH(QString, canonical);

    const Result<DatabaseUrl> url = DatabaseUrl::parse(text, QStringLiteral("/data/steward.db"));
    QVERIFY_RESULT(url);
    QCOMPARE(url.value().dialect, dialect);
    QCOMPARE(url.value().path, path);
    QCOMPARE(url.value().host, host);
    QCOMPARE(url.value().port, port);
    QCOMPARE(url.value().user, user);
    QCOMPARE(url.value().password, password);
    QCOMPARE(url.value().name, name);
    QCOMPARE(url.value().toString(true), canonical);
    // What init writes, run reads back unchanged.
    const Result<DatabaseUrl> again = DatabaseUrl::parse(url.value().toString(true), QStringLiteral("/elsewhere.db"));
    QVERIFY_RESULT(again);
    QCOMPARE(again.value().toString(true), canonical);
}

void TestDatabase::badUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("other engine") << QStringLiteral("mysql://u@h/db") << QStringLiteral("mysql");
    QTest::newRow("relative sqlite path") << QStringLiteral("sqlite:steward.db") << QStringLiteral("sqlite:///");
    QTest::newRow("no user") << QStringLiteral("postgresql://@/site?host=/run/postgresql") << QStringLiteral("USER");
    QTest::newRow("no database") << QStringLiteral("postgresql://u@/?host=/run/postgresql") << QStringLiteral("DBNAME");
    QTest::newRow("no host") << QStringLiteral("postgresql://u@/site") << QStringLiteral("host");
    QTest::newRow("unknown parameter") << QStringLiteral("postgresql://u@h/site?sslmode=disable")
                                       << QStringLiteral("sslmode");
    QTest::newRow("not a url") << QStringLiteral("postgresql://u@h:notaport/site") << QStringLiteral("invalid");
}

void TestDatabase::badUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);

    const Result<DatabaseUrl> url = DatabaseUrl::parse(text, QStringLiteral("/data/steward.db"));
    QVERIFY(!url.ok());
    QCOMPARE(url.error().code, QStringLiteral("database.url"));
    QVERIFY2(url.error().message.contains(mentions), qPrintable(url.error().message));
}

void TestDatabase::passwordIsHiddenUnlessAsked()
{
    const DatabaseUrl url =
        DatabaseUrl::parse(QStringLiteral("postgresql://steward:secret@db/site"), QString()).value();
    QVERIFY(!url.toString().contains(QLatin1String("secret")));
    QVERIFY(url.toString().contains(QLatin1String("***")));
    QVERIFY(url.toString(true).contains(QLatin1String("secret")));
}

void TestDatabase::everyDialectHasTheSameMigrations()
{
    const QList<int> sqlite = MigrationRunner::availableVersions(Dialect::Sqlite);
    QVERIFY(!sqlite.isEmpty());
    QCOMPARE(MigrationRunner::availableVersions(Dialect::Postgresql), sqlite);
    for (int i = 0; i < sqlite.size(); ++i) {
        QCOMPARE(sqlite.at(i), i + 1);
    }
}

void TestDatabase::openCreatesSchema_data()
{
    StoreFixture::addEngines();
}

void TestDatabase::openCreatesSchema()
{
    QFETCH(Dialect, engine);
    QVERIFY_RESULT(m_fixture.create(engine));
    const int latest = MigrationRunner::availableVersions(engine).last();
    QCOMPARE(m_fixture.database().schemaVersion().value(), latest);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("schema_migrations")), latest);
    for (const char *table :
         {"users", "sessions", "enrollment_tokens", "devices", "certificates", "device_sections", "audit_log"}) {
        QCOMPARE(m_fixture.rowCount(QLatin1String(table)), 0);
    }
    QCOMPARE(m_fixture.rowCount(QStringLiteral("counters")), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("audit_head")), 1);
}

void TestDatabase::reopenDoesNotReapplyMigrations_data()
{
    StoreFixture::addEngines();
}

void TestDatabase::reopenDoesNotReapplyMigrations()
{
    QFETCH(Dialect, engine);
    QVERIFY_RESULT(m_fixture.create(engine));
    QVERIFY_RESULT(UserRepository(m_fixture.database())
                       .add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash")}, kNow));
    QVERIFY_RESULT(m_fixture.reopen());
    const int latest = MigrationRunner::availableVersions(engine).last();
    QCOMPARE(m_fixture.database().schemaVersion().value(), latest);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("schema_migrations")), latest);
    // Re-running 001 would have failed on CREATE TABLE, or reset the data it seeds.
    QVERIFY(UserRepository(m_fixture.database()).find(QStringLiteral("alice")).value().has_value());
    QCOMPARE(m_fixture.rowCount(QStringLiteral("counters")), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("audit_head")), 1);
}

void TestDatabase::newerSchemaIsRefused_data()
{
    StoreFixture::addEngines();
}

void TestDatabase::newerSchemaIsRefused()
{
    QFETCH(Dialect, engine);
    QVERIFY_RESULT(m_fixture.create(engine));
    m_fixture.close();
    QCOMPARE(m_fixture.execute(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)")),
             QString());
    const Status reopened = m_fixture.reopen();
    QVERIFY(!reopened.ok());
    QCOMPARE(reopened.error().code, QStringLiteral("store.migration"));
    QVERIFY2(reopened.error().message.contains(QLatin1String("newer")), qPrintable(reopened.error().message));
}

void TestDatabase::unreachableDatabaseIsUnavailable_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("sqlite in a missing directory") << QStringLiteral("sqlite:///nonexistent-directory/steward.db");
    QTest::newRow("postgresql without a server")
        << QStringLiteral("postgresql://steward@/site?host=/nonexistent-directory");
}

void TestDatabase::unreachableDatabaseIsUnavailable()
{
    QFETCH(QString, url);
    const Result<std::unique_ptr<Database>> opened = Database::open(DatabaseUrl::parse(url, QString()).value());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QStringLiteral("store.unavailable"));
}

void TestDatabase::lockedSqliteIsUnavailableNotWrong()
{
    QVERIFY_RESULT(m_fixture.create(Dialect::Sqlite));
    UserRepository users(m_fixture.database());
    QVERIFY_RESULT(users.add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash")}, kNow));

    // Another process holds the write lock longer than the busy timeout.
    QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("lock-holder"));
    other.setDatabaseName(m_fixture.url().path);
    QVERIFY(other.open());
    QVERIFY(QSqlQuery(other).exec(QStringLiteral("BEGIN EXCLUSIVE")));

    const Status added =
        users.addSession(QByteArrayLiteral("token"), QStringLiteral("alice"), kNow, kNow.addSecs(kHour));
    QVERIFY(!added.ok());
    QCOMPARE(added.error().code, QStringLiteral("store.unavailable"));

    QVERIFY(QSqlQuery(other).exec(QStringLiteral("ROLLBACK")));
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("lock-holder"));
    QVERIFY_RESULT(users.addSession(QByteArrayLiteral("token"), QStringLiteral("alice"), kNow, kNow.addSecs(kHour)));
}

void TestDatabase::lostPostgresqlIsUnavailableThenRecovers()
{
    QVERIFY_RESULT(m_fixture.create(Dialect::Postgresql));
    UserRepository users(m_fixture.database());
    QVERIFY_RESULT(users.add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash")}, kNow));

    PostgresServer *postgres = PostgresServer::shared();
    QVERIFY(postgres);
    QVERIFY_RESULT(postgres->stop());
    const Result<std::optional<User>> whileDown = users.find(QStringLiteral("alice"));
    QVERIFY(!whileDown.ok());
    QCOMPARE(whileDown.error().code, QStringLiteral("store.unavailable"));
    const Status writeWhileDown = users.add(User{QStringLiteral("bob"), Role::Helpdesk, QStringLiteral("hash")}, kNow);
    QCOMPARE(writeWhileDown.error().code, QStringLiteral("store.unavailable"));

    // Back by itself, on the same Database, with nothing lost.
    QVERIFY_RESULT(postgres->start());
    const Result<std::optional<User>> afterwards = users.find(QStringLiteral("alice"));
    QVERIFY_RESULT(afterwards);
    QVERIFY(afterwards.value().has_value());
    QVERIFY(!users.find(QStringLiteral("bob")).value().has_value());
}

void TestDatabase::eachThreadHasItsOwnConnection_data()
{
    StoreFixture::addEngines();
}

void TestDatabase::eachThreadHasItsOwnConnection()
{
    QFETCH(Dialect, engine);
    QVERIFY_RESULT(m_fixture.create(engine));
    UserRepository users(m_fixture.database());
    QVERIFY_RESULT(users.add(User{QStringLiteral("alice"), Role::Admin, QStringLiteral("hash")}, kNow));
    const QString mainConnection = m_fixture.database().connection().connectionName();

    QString threadConnection;
    bool found = false;
    QThread *thread = QThread::create([&] {
        threadConnection = m_fixture.database().connection().connectionName();
        const Result<std::optional<User>> user = users.find(QStringLiteral("alice"));
        found = user.ok() && user.value().has_value();
    });
    thread->start();
    QVERIFY(thread->wait(30000));
    delete thread;
    QVERIFY(found);
    QVERIFY(!threadConnection.isEmpty());
    QVERIFY(threadConnection != mainConnection);
    // The thread's connection went with the thread.
    QVERIFY(!QSqlDatabase::contains(threadConnection));
    QVERIFY(QSqlDatabase::contains(mainConnection));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
