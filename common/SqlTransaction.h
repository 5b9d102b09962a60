// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace steward
{

// One SQLite/PostgreSQL transaction: rolled back when it goes out of scope uncommitted, so no
// error path can leave half a change behind. (Header-only: users link Qt Sql themselves.)
class SqlTransaction
{
public:
    // Immediate takes SQLite's write lock at once, waiting out the busy timeout. Needed when
    // another process or thread writes the same file: a deferred transaction that reads first and
    // then writes fails at once, without waiting, if the other writer committed in between.
    // PostgreSQL locks rows, not files; there it is an ordinary transaction.
    enum class Lock { Deferred, Immediate };

    explicit SqlTransaction(QSqlDatabase db, Lock lock = Lock::Deferred)
        : m_db(std::move(db))
    {
        if (lock == Lock::Immediate && m_db.driverName() == QLatin1String("QSQLITE")) {
            QSqlQuery begin(m_db);
            m_open = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
            m_beginError = begin.lastError();
        } else if (m_db.isOpen()) {
            m_open = m_db.transaction();
            m_beginError = m_db.lastError();
        } else {
            m_beginError = m_db.lastError(); // why it could not be opened
        }
    }
    ~SqlTransaction()
    {
        if (m_open) {
            m_db.rollback();
        }
    }
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    bool isOpen() const
    {
        return m_open;
    }
    // Why the transaction could not begin.
    QSqlError beginError() const
    {
        return m_beginError;
    }
    QString errorText() const
    {
        return m_beginError.isValid() ? m_beginError.text() : m_db.lastError().text();
    }
    Status commit()
    {
        if (!m_db.commit()) {
            return makeError(QStringLiteral("sql.commit"),
                             QStringLiteral("commit failed: %1").arg(m_db.lastError().text()));
        }
        m_open = false;
        return Ok{};
    }

private:
    QSqlDatabase m_db;
    bool m_open = false;
    QSqlError m_beginError;
};

} // namespace steward
