// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include "MigrationRunner.h"
#include "NativeHandle.h"
#include "StewardServerLogging.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <poll.h>

namespace steward::server
{

struct Database::Registry {
    DatabaseUrl url;
    QString prefix;
    QMutex mutex;
    QSet<QString> names; // every connection this database opened, on any thread

    // Closes and removes one connection; only its own thread may close it, so from any other
    // thread (a thread that ended without saying so) it is only removed.
    void forget(const QString &name, bool ownThread = true)
    {
        {
            QMutexLocker lock(&mutex);
            names.remove(name);
        }
        if (ownThread) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
};

namespace
{
// This thread's connections, one per live Database. They are closed when the thread's QThread
// finishes, from that thread: Qt SQL lets only the owning thread close a connection, and by
// the time thread_local destructors run, Qt no longer knows the thread as that QThread.
struct ThreadConnections {
    struct Entry {
        std::weak_ptr<Database::Registry> registry;
        QString name;
        bool broken = false;
    };
    QHash<const void *, Entry> entries;
    bool watchingThread = false;

    void closeAll()
    {
        for (const Entry &entry : std::as_const(entries)) {
            if (const std::shared_ptr<Database::Registry> registry = entry.registry.lock()) {
                registry->forget(entry.name);
            }
        }
        entries.clear();
    }
};
thread_local ThreadConnections t_connections;

// Whether a PostgreSQL connection is gone. Reading what the server may have sent (without
// waiting) notices a server that restarted or closed the connection while it sat idle, so the
// first query after an outage does not fail on a dead connection.
bool isPostgresConnectionBad(const QSqlDatabase &db)
{
    PGconn *connection = postgresHandle(db);
    if (!connection) {
        return true;
    }
    // A server shutting down sends a last message, then closes: read until nothing is ready, so
    // the close itself is seen too. Bounded; never blocks.
    for (int reads = 0; reads < 8; ++reads) {
        if (PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK) {
            return true;
        }
        pollfd ready{PQsocket(connection), POLLIN, 0};
        if (::poll(&ready, 1, 0) <= 0) {
            break;
        }
    }
    return false;
}

// SQLite result codes that mean "not now" rather than "never": busy, locked, I/O error, full,
// cannot open, read-only (low byte of an extended code).
bool isSqliteTransient(int code)
{
    switch (code & 0xff) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
    case 8: // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
        return true;
    default:
        return false;
    }
}
}

Database::Database(const DatabaseUrl &url)
    : m_registry(std::make_shared<Registry>())
{
    m_registry->url = url;
    m_registry->prefix = QStringLiteral("steward-db-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Database::~Database()
{
    // Threads that used this database have ended by now (the server stops its workers first);
    // this thread's connection is closed properly, any other is only removed.
    const QString own = t_connections.entries.take(m_registry.get()).name;
    QMutexLocker lock(&m_registry->mutex);
    const QSet<QString> names = m_registry->names;
    lock.unlock();
    for (const QString &name : names) {
        m_registry->forget(name, name == own);
    }
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url)
{
    std::unique_ptr<Database> database(new Database(url));
    QSqlDatabase db = database->connection();
    if (!db.isOpen()) {
        return makeError(QStringLiteral("store.unavailable"),
                         QStringLiteral("cannot open the database %1: %2").arg(url.toString(), db.lastError().text()));
    }
    if (Status migrated = database->migrate(); !migrated) {
        return migrated.error();
    }
    return database;
}

Dialect Database::dialect() const
{
    return m_registry->url.dialect;
}

const DatabaseUrl &Database::url() const
{
    return m_registry->url;
}

QString Database::forUpdate() const
{
    return dialect() == Dialect::Postgresql ? QStringLiteral(" FOR UPDATE") : QString();
}

QSqlDatabase Database::connection()
{
    if (!t_connections.watchingThread && QCoreApplication::instance()
        && QThread::currentThread() != QCoreApplication::instance()->thread()) {
        t_connections.watchingThread = true;
        // Direct: runs in the finishing thread itself, the one that may close its connections.
        QObject::connect(QThread::currentThread(), &QThread::finished, [] {
            t_connections.closeAll();
            t_connections.watchingThread = false;
        });
    }
    ThreadConnections::Entry &entry = t_connections.entries[m_registry.get()];
    if (entry.name.isEmpty()) {
        entry.registry = m_registry;
        entry.name = m_registry->prefix + QLatin1Char('-') + QString::number(quintptr(QThread::currentThreadId()), 16);
        QMutexLocker lock(&m_registry->mutex);
        m_registry->names.insert(entry.name);
        lock.unlock();
        newConnection(entry.name);
    }
    QSqlDatabase db = QSqlDatabase::database(entry.name, false);
    if (db.isOpen() && dialect() == Dialect::Postgresql && isPostgresConnectionBad(db)) {
        entry.broken = true;
    }
    if (entry.broken || !db.isOpen()) {
        entry.broken = false;
        db.close();
        if (!db.open()) {
            qCWarning(lcServer).noquote()
                << "cannot open the database" << url().toString() << "-" << db.lastError().text();
            return db;
        }
        if (dialect() == Dialect::Sqlite) {
            QSqlQuery query(db);
            for (const char *pragma :
                 {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
                if (!query.exec(QLatin1String(pragma))) {
                    qCWarning(lcServer).noquote() << "cannot configure the database:" << query.lastError().text();
                    db.close();
                    return db;
                }
            }
        }
    }
    return db;
}

void Database::newConnection(const QString &name)
{
    const DatabaseUrl &url = m_registry->url;
    if (url.dialect == Dialect::Sqlite) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        return;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host);
    if (url.port > 0) {
        db.setPort(url.port);
    }
    db.setUserName(url.user);
    db.setPassword(url.password);
    db.setDatabaseName(url.name);
    // A server that does not answer must not hold a worker for minutes.
    db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=steward-server"));
}

Error Database::failure(const QSqlError &error, const QString &what)
{
    const QString message = QStringLiteral("%1: %2").arg(what, error.text());
    bool transient = false;
    bool conflict = false;
    const QSqlDatabase db = QSqlDatabase::database(t_connections.entries.value(m_registry.get()).name, false);
    if (dialect() == Dialect::Sqlite) {
        bool ok = false;
        const int code = error.nativeErrorCode().toInt(&ok);
        // Qt's SQLite driver calls most failures a ConnectionError; only the code tells them apart.
        transient = !db.isOpen() || (ok && isSqliteTransient(code));
        conflict = ok && (code & 0xff) == 19; // SQLITE_CONSTRAINT
    } else {
        const QString state = error.nativeErrorCode();
        const bool lost = error.type() == QSqlError::ConnectionError || !db.isOpen() || isPostgresConnectionBad(db);
        if (lost) {
            t_connections.entries[m_registry.get()].broken = true;
        }
        // Class 08: connection exception; 53: insufficient resources; 57P0x: the server is
        // shutting down; 40001/40P01: serialisation failure or deadlock, worth retrying.
        transient = lost || state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("53"))
            || state.startsWith(QLatin1String("57P0")) || state == QLatin1String("40001")
            || state == QLatin1String("40P01");
        conflict = state == QLatin1String("23505");
    }
    if (transient) {
        return makeError(QStringLiteral("store.unavailable"), message);
    }
    return makeError(conflict ? QStringLiteral("store.conflict") : QStringLiteral("store.sql"), message);
}

Result<int> Database::schemaVersion()
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) || !query.next()) {
        return failure(query.lastError(), QStringLiteral("reading the schema version"));
    }
    return query.value(0).toInt();
}

Status Database::migrate()
{
    return MigrationRunner(connection(), dialect()).run();
}

namespace sql
{
bool run(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    if (!query.prepare(statement)) {
        return false;
    }
    for (const QVariant &value : values) {
        query.addBindValue(value);
    }
    return query.exec();
}

QString hashText(const QByteArray &hash)
{
    return QString::fromLatin1(hash.toHex());
}

QVariant epoch(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromEpoch(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}
}

} // namespace steward::server
