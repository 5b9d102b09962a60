// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditLog.h"

#include "Database.h"
#include "SqlTransaction.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QSqlQuery>

namespace steward::server
{

AuditLog::AuditLog(Database &database)
    : m_db(database)
{
}

QString AuditLog::rowHash(qint64 id, const AuditEntry &entry, const QString &previousHash)
{
    // CBOR gives every field an unambiguous length, so no two different rows hash the same input.
    const QCborArray fields{id,
                            entry.at.toSecsSinceEpoch(),
                            entry.actor,
                            entry.action,
                            entry.target,
                            entry.outcome,
                            entry.source,
                            entry.detail,
                            previousHash};
    return QString::fromLatin1(
        QCryptographicHash::hash(fields.toCborValue().toCbor(), QCryptographicHash::Sha256).toHex());
}

Status AuditLog::append(const AuditEntry &entry)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting audit write"));
    }
    QSqlQuery query(db);
    // The head row serialises writers: on PostgreSQL, servers sharing the database take turns.
    if (!sql::run(query, QStringLiteral("SELECT last_id, last_hash FROM audit_head WHERE id = 1") + m_db.forUpdate())
        || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the audit head"));
    }
    const qint64 id = query.value(0).toLongLong() + 1;
    const QString previous = query.value(1).toString();
    const QString hash = rowHash(id, entry, previous);
    if (!sql::run(query,
                  QStringLiteral(
                      "INSERT INTO audit_log (id, at, actor, action, target, outcome, source, detail, prev_hash, hash) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {id,
                   sql::epoch(entry.at),
                   entry.actor,
                   entry.action,
                   entry.target,
                   entry.outcome,
                   entry.source,
                   entry.detail,
                   previous,
                   hash})
        || !sql::run(query,
                     QStringLiteral("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1"),
                     {id, hash})) {
        return m_db.failure(query.lastError(), QStringLiteral("writing audit row"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing audit row"));
    }
    return Ok{};
}

Result<QList<AuditEntry>> AuditLog::newest(int limit)
{
    AuditFilter filter;
    filter.limit = limit;
    return find(filter);
}

Result<QList<AuditEntry>> AuditLog::find(const AuditFilter &filter)
{
    // One statement, its conditions chosen by the filter and every value bound.
    QStringList conditions;
    QVariantList values;
    const auto where = [&](const QString &condition, const QVariantList &bound) {
        conditions.append(condition);
        values += bound;
    };
    if (!filter.actor.isEmpty()) {
        where(QStringLiteral("actor = ?"), {filter.actor});
    }
    if (filter.action.endsWith(QLatin1Char('*'))) {
        // substr, not LIKE: SQLite's LIKE ignores case and would need '%' and '_' escaped.
        const QString prefix = filter.action.chopped(1);
        if (!prefix.isEmpty()) {
            where(QStringLiteral("substr(action, 1, ?) = ?"), {qint64(prefix.toUcs4().size()), prefix});
        }
    } else if (!filter.action.isEmpty()) {
        where(QStringLiteral("action = ?"), {filter.action});
    }
    if (!filter.target.isEmpty()) {
        where(QStringLiteral("target = ?"), {filter.target});
    }
    if (!filter.outcome.isEmpty()) {
        where(QStringLiteral("outcome = ?"), {filter.outcome});
    }
    if (filter.from.isValid()) {
        where(QStringLiteral("at >= ?"), {sql::epoch(filter.from)});
    }
    if (filter.to.isValid()) {
        where(QStringLiteral("at <= ?"), {sql::epoch(filter.to)});
    }
    if (filter.before > 0) {
        where(QStringLiteral("id < ?"), {filter.before});
    }
    values.append(filter.limit);

    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT at, actor, action, target, outcome, source, detail, id FROM audit_log")
                      + (conditions.isEmpty() ? QString()
                                              : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND ")))
                      + QStringLiteral(" ORDER BY id DESC LIMIT ?"),
                  values)) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the audit log"));
    }
    QList<AuditEntry> result;
    while (query.next()) {
        result.append(AuditEntry{sql::fromEpoch(query.value(0)),
                                 query.value(1).toString(),
                                 query.value(2).toString(),
                                 query.value(3).toString(),
                                 query.value(4).toString(),
                                 query.value(5).toString(),
                                 query.value(6).toString(),
                                 query.value(7).toLongLong()});
    }
    return result;
}

Result<AuditVerification> AuditLog::verify()
{
    QSqlDatabase db = m_db.connection();
    // One snapshot for rows and head, so rows appended meanwhile do not look like a mismatch.
    SqlTransaction transaction(db);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!transaction.isOpen()
        || !sql::run(query,
                     QStringLiteral("SELECT id, at, actor, action, target, outcome, source, detail, prev_hash, hash "
                                    "FROM audit_log ORDER BY id"))) {
        return m_db.failure(transaction.isOpen() ? query.lastError() : transaction.beginError(),
                            QStringLiteral("reading the audit log"));
    }
    AuditVerification result;
    qint64 lastId = 0;
    QString expectedPrevious;
    bool chained = false;
    const auto broken = [&result](qint64 id, const QString &problem) {
        if (result.intact()) {
            result.firstBrokenId = id;
            result.problem = problem;
        }
    };
    while (query.next() && result.intact()) {
        ++result.rows;
        const qint64 id = query.value(0).toLongLong();
        if (query.value(9).isNull() || query.value(9).toString().isEmpty()) {
            if (chained) {
                broken(id, QStringLiteral("row %1 has no hash").arg(id));
            }
            ++result.unchained;
            lastId = id;
            continue;
        }
        if (chained && id != lastId + 1) {
            broken(id, QStringLiteral("rows %1 to %2 are missing").arg(lastId + 1).arg(id - 1));
            break;
        }
        chained = true;
        const AuditEntry entry{sql::fromEpoch(query.value(1)),
                               query.value(2).toString(),
                               query.value(3).toString(),
                               query.value(4).toString(),
                               query.value(5).toString(),
                               query.value(6).toString(),
                               query.value(7).toString()};
        const QString previous = query.value(8).toString();
        const QString hash = query.value(9).toString();
        if (previous != expectedPrevious) {
            broken(id, QStringLiteral("row %1 does not follow the row before it").arg(id));
        } else if (rowHash(id, entry, previous) != hash) {
            broken(id, QStringLiteral("row %1 was changed after it was written").arg(id));
        }
        expectedPrevious = hash;
        lastId = id;
    }
    if (!result.intact()) {
        return result;
    }
    if (!sql::run(query, QStringLiteral("SELECT last_id, last_hash FROM audit_head WHERE id = 1")) || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the audit head"));
    }
    const qint64 headId = query.value(0).toLongLong();
    result.headHash = query.value(1).toString();
    if (headId != lastId) {
        broken(std::min(headId, lastId) + 1,
               headId > lastId ? QStringLiteral("rows %1 to %2 were removed from the end").arg(lastId + 1).arg(headId)
                               : QStringLiteral("rows after %1 were added outside the audit log").arg(headId));
    } else if (result.headHash != expectedPrevious) {
        broken(headId, QStringLiteral("row %1 does not match the recorded head of the log").arg(headId));
    }
    return result;
}

} // namespace steward::server
