// SPDX-License-Identifier: GPL-3.0-or-later
#include "SigningRepository.h"

#include "Database.h"
#include "SqlTransaction.h"

#include <QSqlQuery>

namespace steward::server
{

SigningRepository::SigningRepository(Database &database)
    : m_db(database)
{
}

Result<std::optional<OperatorListRecord>> SigningRepository::current()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT version, document, signature, root_fingerprint, uploaded_by, uploaded_at "
                                 "FROM operator_lists ORDER BY version DESC LIMIT 1"))) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the operator list"));
    }
    if (!query.next()) {
        return std::optional<OperatorListRecord>();
    }
    return std::optional<OperatorListRecord>(OperatorListRecord{query.value(0).toLongLong(),
                                                                query.value(1).toByteArray(),
                                                                query.value(2).toByteArray(),
                                                                query.value(3).toString(),
                                                                query.value(4).toString(),
                                                                sql::fromEpoch(query.value(5))});
}

Result<QString> SigningRepository::rootFingerprint()
{
    QSqlQuery query(m_db.connection());
    // Every list names the same root (store() sees to it); the first registered it.
    if (!sql::run(query, QStringLiteral("SELECT root_fingerprint FROM operator_lists ORDER BY version LIMIT 1"))) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the job root fingerprint"));
    }
    return query.next() ? query.value(0).toString() : QString();
}

Status SigningRepository::store(const OperatorListRecord &list)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to store an operator list"));
    }
    QSqlQuery query(db);
    // Two uploads at once on PostgreSQL take turns: row locks cannot lock a table's emptiness,
    // and two first uploads must not register two roots. (LOCK cannot be prepared.)
    if (m_db.dialect() == Dialect::Postgresql
        && !query.exec(QStringLiteral("LOCK TABLE operator_lists IN SHARE ROW EXCLUSIVE MODE"))) {
        return m_db.failure(query.lastError(), QStringLiteral("locking the operator lists"));
    }
    if (!sql::run(
            query,
            QStringLiteral("SELECT version, root_fingerprint FROM operator_lists ORDER BY version DESC LIMIT 1"))) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the operator list"));
    }
    if (query.next()) {
        const qint64 version = query.value(0).toLongLong();
        const QString root = query.value(1).toString();
        if (root != list.rootFingerprint) {
            return makeError(QStringLiteral("signing.root-mismatch"),
                             QStringLiteral("the list is signed by root %1, but this site's root is %2")
                                 .arg(list.rootFingerprint, root));
        }
        if (list.version <= version) {
            return makeError(QStringLiteral("signing.rollback"),
                             QStringLiteral("the list's version %1 is not newer than the current one, %2")
                                 .arg(list.version)
                                 .arg(version));
        }
    }
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO operator_lists (version, document, signature, root_fingerprint, "
                                 "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)"),
                  {list.version,
                   list.document,
                   list.signature,
                   list.rootFingerprint,
                   list.uploadedBy,
                   sql::epoch(list.uploadedAt)})) {
        return m_db.failure(query.lastError(), QStringLiteral("storing operator list %1").arg(list.version));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing operator list %1").arg(list.version));
    }
    return Ok{};
}

} // namespace steward::server
