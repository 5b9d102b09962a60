// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DatabaseUrl.h"
#include "Result.h"

#include <QSqlDatabase>

namespace steward::server
{

// Brings a database's schema up to date from the numbered scripts of its dialect,
// :/steward/migrations/<sqlite|postgresql>/NNN_name.sql. Each script runs whole through the
// engine's own script runner (sqlite3_exec, PQexec), so statements with semicolons inside
// (triggers, functions) need no splitting, and each is applied in one transaction together with
// its schema_migrations row. On PostgreSQL an advisory lock keeps two servers starting at once
// from migrating the same database twice.
class MigrationRunner
{
public:
    MigrationRunner(QSqlDatabase db, Dialect dialect);

    Status run();

    // The script versions available for `dialect`, ascending.
    static QList<int> availableVersions(Dialect dialect);

private:
    Status executeScript(const QByteArray &script);

    QSqlDatabase m_db;
    Dialect m_dialect;
};

} // namespace steward::server
