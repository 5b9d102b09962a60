// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/AuditEntry.h"

#include <QDateTime>
#include <QList>

namespace steward::server
{
class Database;

// What AuditLog::verify() found.
struct AuditVerification {
    qint64 rows = 0; // rows read
    qint64 unchained = 0; // rows written before the log was chained (schema 3), not checkable
    qint64 firstBrokenId = 0; // the first row where the chain breaks; 0 when intact
    QString problem; // what is wrong there
    QString headHash; // the newest row's hash: note it down to check later that nothing was rewritten
    bool intact() const
    {
        return firstBrokenId == 0;
    }
};

// Which audit rows to read; empty fields do not filter. Rows come newest first.
struct AuditFilter {
    QString actor; // exact
    QString action; // exact, or a prefix when it ends in '*' ("device.*")
    QString target; // exact
    QString outcome; // exact
    QDateTime from; // at or after
    QDateTime to; // at or before
    qint64 before = 0; // only rows with a smaller id: the next page after a row
    int limit = 100;
};

// The audit log: append-only (the database refuses UPDATE and DELETE on it) and tamper-evident.
// Each row carries a SHA-256 over its own fields and the previous row's hash, and audit_head
// keeps the newest row's id and hash, so a changed, removed or inserted row breaks the chain
// from that row on, and rows cut off the end no longer match the head.
class AuditLog
{
public:
    explicit AuditLog(Database &database);

    // Appends in a transaction of its own. Failures are returned and must be logged by the
    // caller: an audit row is never dropped silently.
    Status append(const AuditEntry &entry);
    Result<QList<AuditEntry>> newest(int limit);
    Result<QList<AuditEntry>> find(const AuditFilter &filter);
    Result<AuditVerification> verify();

    // The hash a row with these fields must carry; hex.
    static QString rowHash(qint64 id, const AuditEntry &entry, const QString &previousHash);

private:
    Database &m_db;
};

} // namespace steward::server
