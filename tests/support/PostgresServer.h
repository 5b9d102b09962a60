// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace steward::test
{

// A throwaway PostgreSQL server for tests: initdb + pg_ctl into a temporary directory,
// listening only on a Unix socket in that directory (no TCP). PostgreSQL refuses to run as
// root, so when the tests run as root the server runs as an unprivileged user (nobody).
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer(); // stops the server (immediate) and removes the directory

    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // initdb on the first call, then pg_ctl start -w. The error names the step that failed and
    // carries the tail of PostgreSQL's own output.
    Status start();
    // pg_ctl stop -m fast. The data stays; start() brings it back (for "the database went away").
    Status stop();
    bool isRunning() const;

    QString socketDirectory() const;
    QString superuser() const; // the role initdb created: "steward"

    // Creates a new empty database owned by superuser() and returns its URL in Steward's form:
    // postgresql://USER@/DBNAME?host=SOCKET_DIR. Names are [a-z0-9_]+.
    Result<QString> createDatabase(const QString &name);

    // Every test that needs PostgreSQL calls this: the one shared server of this test process,
    // started on first use and restarted if a test left it stopped. nullptr when PostgreSQL
    // cannot start; then `error` says why, ready for QFAIL/QSKIP.
    static PostgresServer *shared(QString *error = nullptr);

private:
    Status prepare();
    Result<QByteArray> run(const QString &step,
                           const QString &program,
                           const QStringList &arguments,
                           int timeoutMs) const;
    QString dataDirectory() const;
    QString logFile() const;
    QString logTail() const;
    void stopImmediately();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDirectory;
    // When the tests run as root: the command prefix (setpriv or runuser) that runs initdb and
    // pg_ctl as nobody. Empty otherwise.
    QStringList m_runAs;
    int m_port = 5432;
    bool m_prepared = false;
    bool m_running = false;
};

} // namespace steward::test
