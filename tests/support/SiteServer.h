// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProcessRun.h"
#include "Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

namespace steward::test
{

// Where the programs under test are; end-to-end tests get the paths as compile definitions.
struct StewardPrograms {
    QString server;
    QString agent;
    QString ctl;
};

// A real steward-server on loopback, as an admin sets one up: `init` into a directory of its
// own with an admin password file, then `run` on two free loopback ports (agents, admin API).
// stewardctl and steward-agent are run against it the way an admin runs them.
class SiteServer
{
public:
    // What the admin password file says (without its newline).
    static constexpr const char *adminPassword = "e2e-site-password-17";

    explicit SiteServer(const StewardPrograms &programs);
    ~SiteServer(); // stops a server still running, without checking how it ends

    SiteServer(const SiteServer &) = delete;
    SiteServer &operator=(const SiteServer &) = delete;

    // Creates `root`, writes the admin password file there, runs `steward-server init` into
    // root/server (on SQLite there, or on `databaseUrl`), then `steward-server run`, and returns
    // once both ports accept connections. The error says which step failed; the server's own
    // messages go to this process's stderr.
    Status start(const QString &root, const QString &databaseUrl = {});
    // SIGTERM, then waits: fails unless the server exits by itself with code 0.
    Status stop();
    bool isRunning() const;

    const StewardPrograms &programs() const;
    QString root() const;
    // A file in root(), for whatever a test writes beside the server.
    QString path(const QString &name) const;
    QString serverData() const;
    QString passwordFile() const;
    QString caFile() const;
    QString databaseUrl() const;
    quint16 agentPort() const;
    quint16 apiPort() const;
    // `steward-server init`'s arguments, as start() ran it.
    QStringList initArguments() const;

    // stewardctl with only --server and --ca: the rest comes from `arguments` and `environment`.
    Run ctlBare(const QStringList &arguments, const QProcessEnvironment &environment = cleanEnvironment()) const;
    // stewardctl as `user`; the login options come before `arguments`.
    Run ctlAs(const QString &user, const QString &passwordFile, const QStringList &arguments) const;
    // stewardctl as the site's admin.
    Run ctl(const QStringList &arguments) const;

    // `stewardctl token create --uses N --json`: {token, caFingerprint, …}; empty when it failed.
    QJsonObject createToken(int uses) const;
    // `steward-agent enroll --data-dir DIR --server (this site)` followed by `credentials`
    // (--token or --token-file, --ca-fingerprint).
    Run enrolAgent(const QString &dataDir, const QStringList &credentials) const;
    // Enrols an agent into `dataDir` with a new one-use token: its device id, or why not.
    Result<QString> enrolNewAgent(const QString &dataDir) const;
    // `steward-agent run --once`: one report, acknowledged.
    Run runAgentOnce(const QString &dataDir) const;

private:
    StewardPrograms m_programs;
    QString m_root;
    QString m_databaseUrl;
    quint16 m_agentPort = 0;
    quint16 m_apiPort = 0;
    std::unique_ptr<QProcess> m_process;
};

} // namespace steward::test
