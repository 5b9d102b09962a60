// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace steward::server
{

// The engine's own connection handle behind a Qt SQL connection, for what Qt SQL does not offer
// (running a whole script, noticing a dead PostgreSQL connection); null when the connection is
// not of that engine or not open. Qt's drivers register the handle under these type names.
inline sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    return handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
        ? *static_cast<sqlite3 *const *>(handle.constData())
        : nullptr;
}

inline PGconn *postgresHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    const bool pg =
        handle.isValid() && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0);
    return pg ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
}

} // namespace steward::server
