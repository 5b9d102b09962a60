// SPDX-License-Identifier: GPL-3.0-or-later
#include "Spool.h"

#include "Files.h"
#include "SqlTransaction.h"

#include <QCborValue>
#include <QFileInfo>
#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <utility>

namespace steward::agent
{

namespace
{
Error sqlError(const QSqlError &error, const QString &what)
{
    return makeError(QStringLiteral("spool.sql"), QStringLiteral("%1: %2").arg(what, error.text()));
}

const QString kHashesKey = QStringLiteral("last_hashes");
const QString kSequenceKey = QStringLiteral("last_sequence");
const QString kDroppedKey = QStringLiteral("dropped_reports");
}

Spool::Spool()
    : m_connectionName(QStringLiteral("steward-spool-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Spool::~Spool()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen()) {
            database.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Spool::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Status Spool::open(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        // Created owner-only: reports describe the machine in detail.
        if (Status created = files::writeNew(path, QByteArray(), files::kPrivate); !created) {
            return created;
        }
    }
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    database.setDatabaseName(path);
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!database.open()) {
        return sqlError(database.lastError(), QStringLiteral("cannot open spool %1").arg(path));
    }
    QSqlQuery query(database);
    for (const char *sql : {"PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = FULL",
                            "CREATE TABLE IF NOT EXISTS reports (sequence INTEGER PRIMARY KEY, created_at INTEGER NOT "
                            "NULL, payload BLOB NOT NULL)",
                            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
                            "CREATE TABLE IF NOT EXISTS sections (name TEXT PRIMARY KEY, value BLOB NOT NULL)",
                            // Job events share the reports' numbering but not their space limit.
                            "CREATE TABLE IF NOT EXISTS job_events (sequence INTEGER PRIMARY KEY, created_at "
                            "INTEGER NOT NULL, payload BLOB NOT NULL)"}) {
        if (!query.exec(QLatin1String(sql))) {
            return sqlError(query.lastError(), QStringLiteral("preparing spool"));
        }
    }
    return Ok{};
}

QCborMap Spool::mergeCollected(const QCborMap &current, const QCborMap &partial, const QStringList &requested)
{
    QCborMap merged = current;
    QCborMap errors = merged.value(QLatin1String("errors")).toMap();
    const QCborMap newErrors = partial.value(QLatin1String("errors")).toMap();
    for (const QString &section : requested) {
        if (partial.contains(section)) {
            merged.insert(section, partial.value(section));
            errors.remove(section);
        } else {
            // Failed this time: an old value would be reported as current, so it goes.
            merged.remove(section);
            if (newErrors.contains(section)) {
                errors.insert(section, newErrors.value(section));
            }
        }
    }
    // Sections outside the schedules (such as "agent") are always fresh.
    for (auto it = partial.constBegin(); it != partial.constEnd(); ++it) {
        if (it.key().toString() != QLatin1String("errors") && !requested.contains(it.key().toString())) {
            merged.insert(it.key(), it.value());
        }
    }
    merged.insert(QLatin1String("errors"), errors);
    return merged;
}

QStringList Spool::currentSectionNames() const
{
    QStringList names;
    QSqlQuery query(db());
    if (query.exec(QStringLiteral("SELECT name FROM sections ORDER BY name"))) {
        while (query.next()) {
            names.append(query.value(0).toString());
        }
    }
    return names;
}

Result<qint64> Spool::enqueue(const QCborMap &sections, qint64 collectedAt, bool full)
{
    return enqueueCollected(sections, {}, collectedAt, full);
}

Result<qint64> Spool::enqueueCollected(const QCborMap &collected,
                                       const QStringList &requested,
                                       qint64 collectedAt,
                                       bool full)
{
    SqlTransaction transaction(db(), SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return sqlError(db().lastError(), QStringLiteral("starting spool transaction"));
    }
    QCborMap sections = collected;
    if (!requested.isEmpty()) {
        QCborMap current;
        QSqlQuery query(db());
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT name, value FROM sections"))) {
            return sqlError(query.lastError(), QStringLiteral("reading current sections"));
        }
        while (query.next()) {
            current.insert(query.value(0).toString(), QCborValue::fromCbor(query.value(1).toByteArray()));
        }
        sections = mergeCollected(current, collected, requested);
    }
    Result<qint64> sequence = enqueueInTransaction(sections, collectedAt, full);
    if (!sequence) {
        return sequence;
    }
    if (Status committed = transaction.commit(); !committed) {
        return committed.error();
    }
    return sequence;
}

Result<qint64> Spool::enqueueInTransaction(const QCborMap &sections, qint64 collectedAt, bool full)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT key, value FROM meta WHERE key IN (?, ?)"));
    query.addBindValue(kHashesKey);
    query.addBindValue(kSequenceKey);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("reading spool state"));
    }
    QCborMap previousHashes;
    qint64 lastSequence = 0;
    while (query.next()) {
        if (query.value(0).toString() == kHashesKey) {
            previousHashes = QCborValue::fromCbor(query.value(1).toByteArray()).toMap();
        } else {
            lastSequence = query.value(1).toLongLong();
        }
    }

    protocol::Report report;
    report.sequence = lastSequence + 1;
    report.collectedAt = collectedAt;
    report.full = full || previousHashes.isEmpty();
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        const QByteArray hash = protocol::Report::sectionHash(it.value());
        report.hashes.insert(it.key(), hash);
        if (report.full || previousHashes.value(it.key()).toByteArray() != hash) {
            report.sections.insert(it.key(), it.value());
        }
    }

    query.prepare(QStringLiteral("INSERT INTO reports (sequence, created_at, payload) VALUES (?, ?, ?)"));
    query.addBindValue(report.sequence);
    query.addBindValue(collectedAt);
    query.addBindValue(report.toCbor().toCborValue().toCbor());
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("spooling report"));
    }
    for (const auto &[key, value] : {std::pair{kHashesKey, QVariant(report.hashes.toCborValue().toCbor())},
                                     std::pair{kSequenceKey, QVariant(report.sequence)}}) {
        query.prepare(QStringLiteral(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
        query.addBindValue(key);
        query.addBindValue(value);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("updating spool state"));
        }
    }
    if (!query.exec(QStringLiteral("DELETE FROM sections"))) {
        return sqlError(query.lastError(), QStringLiteral("replacing current sections"));
    }
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        query.prepare(QStringLiteral("INSERT INTO sections (name, value) VALUES (?, ?)"));
        query.addBindValue(it.key().toString());
        query.addBindValue(it.value().toCbor());
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("storing current sections"));
        }
    }
    if (Status bounded = dropOldestBeyondLimit(report.sequence); !bounded) {
        return bounded.error();
    }
    return report.sequence;
}

Result<qint64> Spool::enqueueEvent(QCborMap message, qint64 createdAt, const std::function<Status()> &alsoInTransaction)
{
    SqlTransaction transaction(db(), SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return sqlError(db().lastError(), QStringLiteral("starting spool transaction"));
    }
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(kSequenceKey);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("reading spool state"));
    }
    const qint64 sequence = (query.next() ? query.value(0).toLongLong() : 0) + 1;
    message.insert(QLatin1String("seq"), sequence);
    query.prepare(QStringLiteral("INSERT INTO job_events (sequence, created_at, payload) VALUES (?, ?, ?)"));
    query.addBindValue(sequence);
    query.addBindValue(createdAt);
    query.addBindValue(message.toCborValue().toCbor());
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("spooling a job event"));
    }
    query.prepare(QStringLiteral(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(kSequenceKey);
    query.addBindValue(sequence);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("updating spool state"));
    }
    if (alsoInTransaction) {
        if (Status done = alsoInTransaction(); !done) {
            return done.error();
        }
    }
    if (Status committed = transaction.commit(); !committed) {
        return committed.error();
    }
    return sequence;
}

namespace
{
std::optional<Spool::Entry> entryFrom(QSqlQuery &query)
{
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return Spool::Entry{query.value(0).toLongLong(), QCborValue::fromCbor(query.value(1).toByteArray()).toMap()};
}
}

std::optional<Spool::Entry> Spool::oldest() const
{
    QSqlQuery query(db());
    query.prepare(
        QStringLiteral("SELECT sequence, payload FROM reports UNION ALL SELECT sequence, payload FROM "
                       "job_events ORDER BY 1 LIMIT 1"));
    return entryFrom(query);
}

std::optional<Spool::Entry> Spool::after(qint64 sequence) const
{
    QSqlQuery query(db());
    query.prepare(
        QStringLiteral("SELECT sequence, payload FROM reports WHERE sequence > ? UNION ALL SELECT "
                       "sequence, payload FROM job_events WHERE sequence > ? ORDER BY 1 LIMIT 1"));
    query.addBindValue(sequence);
    query.addBindValue(sequence);
    return entryFrom(query);
}

// Inside enqueue's transaction: a server unreachable for months must not fill the disk. The
// oldest reports go first (the newest carry the current state); each drop is counted so the
// server learns that history is missing. A dropped delta makes the server's hashes disagree,
// which triggers a full resync, so the server's picture still heals.
Status Spool::dropOldestBeyondLimit(qint64 keepSequence)
{
    if (m_maxBytes <= 0) {
        return Ok{};
    }
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM reports")) || !query.next()) {
        return sqlError(query.lastError(), QStringLiteral("measuring spool"));
    }
    qint64 total = query.value(0).toLongLong();
    qint64 dropped = 0;
    while (total > m_maxBytes) {
        query.prepare(QStringLiteral(
            "SELECT sequence, LENGTH(payload) FROM reports WHERE sequence <> ? ORDER BY sequence LIMIT 1"));
        query.addBindValue(keepSequence);
        if (!query.exec() || !query.next()) {
            break; // only the newest report is left: keep it even if it alone is over the limit
        }
        const qint64 sequence = query.value(0).toLongLong();
        total -= query.value(1).toLongLong();
        query.prepare(QStringLiteral("DELETE FROM reports WHERE sequence = ?"));
        query.addBindValue(sequence);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("dropping report %1").arg(sequence));
        }
        ++dropped;
    }
    if (dropped > 0) {
        query.prepare(
            QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value "
                           "+ excluded.value"));
        query.addBindValue(kDroppedKey);
        query.addBindValue(dropped);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("counting dropped reports"));
        }
    }
    return Ok{};
}

qint64 Spool::droppedCount() const
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(kDroppedKey);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

Status Spool::acknowledge(qint64 sequence)
{
    QSqlQuery query(db());
    for (const char *sql : {"DELETE FROM reports WHERE sequence <= ?", "DELETE FROM job_events WHERE sequence <= ?"}) {
        query.prepare(QLatin1String(sql));
        query.addBindValue(sequence);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("removing acknowledged messages"));
        }
    }
    return Ok{};
}

Status Spool::forgetHashes()
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
    query.addBindValue(kHashesKey);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("forgetting section hashes"));
    }
    return Ok{};
}

bool Spool::hasPendingFull() const
{
    // The flag lives only inside the CBOR payload; the few reports a spool holds are cheap to read.
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT payload FROM reports"))) {
        return false;
    }
    while (query.next()) {
        if (QCborValue::fromCbor(query.value(0).toByteArray()).toMap().value(QLatin1String("full")).toBool()) {
            return true;
        }
    }
    return false;
}

Result<bool> Spool::adoptServerSequence(qint64 lastStored)
{
    SqlTransaction transaction(db(), SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return sqlError(db().lastError(), QStringLiteral("starting spool transaction"));
    }
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(kSequenceKey);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("reading spool state"));
    }
    const qint64 lastSequence = query.next() ? query.value(0).toLongLong() : 0;
    if (lastSequence >= lastStored) { // nothing to write; the transaction rolls back unused
        return false;
    }

    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT sequence, payload, 'reports' FROM reports UNION ALL SELECT sequence, "
                                   "payload, 'job_events' FROM job_events ORDER BY 1"))) {
        return sqlError(query.lastError(), QStringLiteral("reading spooled reports"));
    }
    struct Pending {
        qint64 sequence;
        QCborMap message;
        QString table;
    };
    QList<Pending> pending;
    while (query.next()) {
        pending.append({query.value(0).toLongLong(),
                        QCborValue::fromCbor(query.value(1).toByteArray()).toMap(),
                        query.value(2).toString()});
    }
    query.finish();

    // Every pending sequence is at most lastSequence < lastStored, so the new numbers never collide
    // with one not yet rewritten.
    qint64 next = lastStored;
    for (auto &[sequence, message, table] : pending) {
        ++next;
        message.insert(QLatin1String("seq"), next);
        query.prepare(QStringLiteral("UPDATE %1 SET sequence = ?, payload = ? WHERE sequence = ?").arg(table));
        query.addBindValue(next);
        query.addBindValue(message.toCborValue().toCbor());
        query.addBindValue(sequence);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("renumbering spooled report %1").arg(sequence));
        }
    }
    query.prepare(QStringLiteral(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(kSequenceKey);
    query.addBindValue(next);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("updating spool state"));
    }
    if (Status committed = transaction.commit(); !committed) {
        return committed.error();
    }
    return true;
}

qint64 Spool::count() const
{
    QSqlQuery query(db());
    if (query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM reports) + (SELECT COUNT(*) FROM job_events)"))
        && query.next()) {
        return query.value(0).toLongLong();
    }
    return 0;
}

} // namespace steward::agent
