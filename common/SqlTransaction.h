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
    // Immediate (SQLite only) takes the write lock at once, waiting out the busy timeout. Needed
    // when another process writes the same file: a deferred transaction that reads first and then
    // writes fails at once, without waiting, if the other process committed in between.
    enum class Lock { Deferred, Immediate };

    explicit SqlTransaction(QSqlDatabase db, Lock lock = Lock::Deferred)
        : m_db(std::move(db))
        , m_open(lock == Lock::Deferred ? m_db.transaction() : QSqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE")))
    {
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
    QString errorText() const
    {
        return m_db.lastError().text();
    }
    Status commit()
    {
        if (!m_db.commit()) {
            return makeError(QStringLiteral("sql.commit"), QStringLiteral("commit failed: %1").arg(m_db.lastError().text()));
        }
        m_open = false;
        return Ok{};
    }

private:
    QSqlDatabase m_db;
    bool m_open;
};

} // namespace steward
