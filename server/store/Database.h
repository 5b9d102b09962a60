// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DatabaseUrl.h"
#include "Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariantList>

#include <memory>

class QSqlQuery;

namespace steward::server
{

// The site database, SQLite or PostgreSQL, for every thread of the server. Qt SQL connections
// belong to the thread that opened them, so each thread gets its own, opened on first use and
// closed when the thread ends; a PostgreSQL connection that was lost is opened again on next use.
// Repositories hold a Database and ask it for the calling thread's connection.
class Database
{
public:
    // Connects on the calling thread and applies the migrations the database does not have yet.
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const;
    const DatabaseUrl &url() const;

    // The calling thread's connection. May be closed when the database cannot be reached; the
    // first query on it then fails and failure() calls it "store.unavailable".
    QSqlDatabase connection();

    // The error a repository returns for a failed statement, classified so that callers can
    // answer correctly: "store.unavailable" (locked, busy, gone, full: try again later, never
    // "wrong password" or "revoked"), "store.conflict" (a unique key already taken), otherwise
    // "store.sql". A lost PostgreSQL connection is reopened on the next call to connection().
    Error failure(const QSqlError &error, const QString &what);

    Result<int> schemaVersion();

    // " FOR UPDATE" where the engine has row locks (PostgreSQL); SQLite locks the whole file.
    QString forUpdate() const;

    struct Registry; // the connections of one Database, shared with the threads that hold them

private:
    explicit Database(const DatabaseUrl &url);
    void newConnection(const QString &name);
    Status migrate();

    std::shared_ptr<Registry> m_registry;
};

namespace sql
{
// Prepares `statement`, binds `values` in order and runs it; false on failure, with the reason in
// query.lastError().
bool run(QSqlQuery &query, const QString &statement, const QVariantList &values = {});

// A token hash as stored: hex text, the same on both engines.
QString hashText(const QByteArray &hash);

// Times are stored as seconds since the epoch, UTC; NULL is an invalid QDateTime.
QVariant epoch(const QDateTime &time);
QDateTime fromEpoch(const QVariant &value);
}

} // namespace steward::server
