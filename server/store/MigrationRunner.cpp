// SPDX-License-Identifier: GPL-3.0-or-later
#include "MigrationRunner.h"

#include "NativeHandle.h"

#include "SqlTransaction.h"
#include "StewardServerLogging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace steward::server
{

namespace
{
// Any constant will do; it only has to be the same for every Steward server.
constexpr qint64 kMigrationLockKey = 0x5374657761726401;

QString directoryOf(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? QStringLiteral(":/steward/migrations/sqlite")
                                      : QStringLiteral(":/steward/migrations/postgresql");
}

Error migrationError(const QString &message)
{
    return makeError(QStringLiteral("store.migration"), message);
}

}

MigrationRunner::MigrationRunner(QSqlDatabase db, Dialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{
}

QList<int> MigrationRunner::availableVersions(Dialect dialect)
{
    QList<int> versions;
    const QStringList scripts =
        QDir(directoryOf(dialect)).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &script : scripts) {
        versions.append(script.section(QLatin1Char('_'), 0, 0).toInt());
    }
    return versions;
}

Status MigrationRunner::executeScript(const QByteArray &script)
{
    if (m_dialect == Dialect::Sqlite) {
        sqlite3 *handle = sqliteHandle(m_db);
        if (!handle) {
            return migrationError(QStringLiteral("no SQLite handle"));
        }
        char *message = nullptr;
        if (sqlite3_exec(handle, script.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
            const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(handle));
            sqlite3_free(message);
            return migrationError(text);
        }
        return Ok{};
    }
    PGconn *handle = postgresHandle(m_db);
    if (!handle) {
        return migrationError(QStringLiteral("no PostgreSQL handle"));
    }
    PGresult *result = PQexec(handle, script.constData());
    const ExecStatusType status = PQresultStatus(result);
    const QString text = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        return migrationError(text);
    }
    return Ok{};
}

Status MigrationRunner::run()
{
    QSqlQuery query(m_db);
    if (m_dialect == Dialect::Postgresql
        && !query.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLockKey))) {
        return migrationError(QStringLiteral("cannot take the migration lock: %1").arg(query.lastError().text()));
    }
    const auto unlock = qScopeGuard([&] {
        if (m_dialect == Dialect::Postgresql) {
            QSqlQuery(m_db).exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLockKey));
        }
    });
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                   "applied_at BIGINT NOT NULL)"))) {
        return migrationError(QStringLiteral("cannot create schema_migrations: %1").arg(query.lastError().text()));
    }
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !query.next()) {
        return migrationError(QStringLiteral("cannot read the schema version: %1").arg(query.lastError().text()));
    }
    const int current = query.value(0).toInt();
    query.finish();
    const QList<int> versions = availableVersions(m_dialect);
    if (!versions.isEmpty() && current > versions.last()) {
        return migrationError(
            QStringLiteral("the database has schema %1, newer than this server knows (%2); run a newer steward-server")
                .arg(current)
                .arg(versions.last()));
    }
    const QDir dir(directoryOf(m_dialect));
    for (const QString &script : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        const int version = script.section(QLatin1Char('_'), 0, 0).toInt();
        if (version <= current) {
            continue;
        }
        QFile file(dir.filePath(script));
        if (!file.open(QIODevice::ReadOnly)) {
            return migrationError(QStringLiteral("cannot read migration %1").arg(script));
        }
        SqlTransaction transaction(m_db, SqlTransaction::Lock::Immediate);
        if (!transaction.isOpen()) {
            return migrationError(QStringLiteral("cannot start migration %1: %2").arg(script, transaction.errorText()));
        }
        if (Status status = executeScript(file.readAll()); !status) {
            return migrationError(QStringLiteral("migration %1 failed: %2").arg(script, status.error().message));
        }
        QSqlQuery record(m_db);
        record.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        record.addBindValue(version);
        record.addBindValue(QDateTime::currentSecsSinceEpoch());
        if (!record.exec()) {
            return migrationError(
                QStringLiteral("cannot record migration %1: %2").arg(script, record.lastError().text()));
        }
        if (Status status = transaction.commit(); !status) {
            return status;
        }
        qCInfo(lcServer) << "applied database migration" << script;
    }
    return Ok{};
}

} // namespace steward::server
