// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CtlCommandLine.h"
#include "jobs/JobKeys.h"

#include <QDateTime>
#include <QJsonValue>

#include <chrono>
#include <optional>

class QProcessEnvironment;
class QTextStream;

namespace steward
{
class Clock;
}

namespace steward::app
{

class SyncApiClient;

// Runs one stewardctl invocation: log in (or use an API token), run the
// command, print, log out. Returns the process exit status; errors go to `err`
// as one line, `stewardctl: message`, or with --json as one line of JSON,
// {"error": {"code", "message"}}.
class CtlRunner
{
public:
    // Ages in the output ("3 h ago") are relative to `clock`'s now.
    CtlRunner(QTextStream &out, QTextStream &err, const Clock &clock);

    void setTimeout(std::chrono::milliseconds timeout);
    // How often `job wait` asks the server (default 2 s).
    void setPollInterval(std::chrono::milliseconds interval);

    // The whole program, for main(): parse, run, exit status.
    int main(const QStringList &arguments, const QProcessEnvironment &environment, const QString &version);
    int run(const CtlCommandLine::Invocation &invocation);

    // The first line of a password file; never empty.
    static Result<QString> readPassword(const QString &path);
    // The first line of an API token file. Refused when group or others may read or write the
    // file: the token is as good as a password and, unlike one, not typed in.
    static Result<QString> readToken(const QString &path);
    // The first line of a key's passphrase file, at most jobs::kMaxPassphraseBytes; empty (no
    // passphrase) for no file.
    static Result<QByteArray> readPassphrase(const QString &path);

private:
    // The keys a command signs with, read (and the key file to write checked) before the server
    // hears from us.
    struct Keys {
        std::optional<jobs::SigningKey> signing; // job create
        std::optional<jobs::SigningKey> root; // signing add-operator
        QByteArray newKeyPassphrase; // of the key file written
    };

    int createRoot(const CtlCommandLine::Invocation &invocation);
    Status readKeys(const CtlCommandLine::Invocation &invocation);
    Result<QJsonValue> operatorList(SyncApiClient &api);
    Result<QJsonValue> addOperator(SyncApiClient &api, const CtlCommandLine::Invocation &invocation);
    Result<QJsonValue> createJob(SyncApiClient &api, const CtlCommandLine::Invocation &invocation);
    // job create --group/--ou: the devices the job is for, resolved now, as
    // {source, name, query, resolvedAt, devices}; --devices gives them as listed.
    Result<QJsonObject> resolveTargets(SyncApiClient &api, const CtlCommandLine::Invocation &invocation);
    // device ID --sheet FILE: the device's compliance sheet, as the console prints it.
    Result<QJsonValue> writeSheet(SyncApiClient &api, const CtlCommandLine::Invocation &invocation);
    Result<QJsonValue> showJob(SyncApiClient &api, const CtlCommandLine::Invocation &invocation);
    Result<QJsonValue> waitForJob(SyncApiClient &api, const CtlCommandLine::Invocation &invocation);
    Result<QJsonValue> deleteOrgUnit(SyncApiClient &api, const QString &path);
    QJsonObject withReceiptChecks(QJsonObject job, const CtlCommandLine::Invocation &invocation) const;
    void warnUnencrypted(const QString &keyFile);

    Result<QJsonValue> execute(SyncApiClient &api,
                               const CtlCommandLine::Invocation &invocation,
                               const QString &newPassword,
                               const QString &currentPassword);
    QString describe(const Error &error, const CtlCommandLine::Invocation &invocation) const;
    void print(const CtlCommandLine::Invocation &invocation, const QJsonValue &value);
    int fail(int status, const Error &error);

    QTextStream &m_out;
    QTextStream &m_err;
    const Clock &m_clock;
    std::chrono::milliseconds m_timeout{30000};
    std::chrono::milliseconds m_pollInterval{2000};
    bool m_json = false; // errors as JSON
    Keys m_keys;
};

} // namespace steward::app
