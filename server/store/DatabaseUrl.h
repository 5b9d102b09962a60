// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

namespace steward::server
{

enum class Dialect {
    Sqlite,
    Postgresql,
};

// Where the site database lives, as given to `steward-server init --database URL`:
//   sqlite                                        a file in the data directory (the default)
//   sqlite:///ABSOLUTE/PATH                       a SQLite file elsewhere
//   postgresql://USER@/DBNAME?host=SOCKET_DIR     PostgreSQL on a Unix socket
//   postgresql://USER:PASSWORD@HOST:PORT/DBNAME   PostgreSQL over TCP
struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    QString path; // SQLite: the database file
    QString host; // PostgreSQL: a host name, or the directory of a Unix socket
    int port = -1;
    QString user;
    QString password;
    QString name; // PostgreSQL: the database name

    static Result<DatabaseUrl> parse(const QString &text, const QString &defaultSqlitePath);
    static DatabaseUrl sqlite(const QString &path);

    // The URL again; the password is replaced by "***" unless asked for, so it can be logged.
    QString toString(bool withPassword = false) const;
};

} // namespace steward::server
