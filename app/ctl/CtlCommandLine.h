// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiClient.h"
#include "CtlJobArguments.h"
#include "Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

class QProcessEnvironment;

namespace steward::app
{

// Turns stewardctl's arguments and environment into one validated
// invocation. Flags win over STEWARD_* variables. Every Error returned here
// is a usage error (exit status 2); nothing is read from disk or network.
//
// `signing create-root` works on local files only: it needs no server, CA or login.
//
// Options may come before or after the command, with one exception: for the
// commands that set a password (user create, user password, password),
// --password-file after the command names the new password, and the login's
// own password file comes before the command or from STEWARD_PASSWORD_FILE.
class CtlCommandLine
{
public:
    enum class Action { Run, Help, Version };
    enum class Command {
        None,
        TokenCreate,
        Devices,
        Device,
        DeviceRevoke,
        DeviceRetire,
        DeviceDelete,
        DeviceMove,
        OrgUnitList,
        OrgUnitCreate,
        OrgUnitDelete,
        GroupList,
        Group,
        GroupCreate,
        GroupDelete,
        GroupAdd,
        GroupRemove,
        Query,
        Policy,
        PolicySet,
        PolicyUnset,
        Search,
        Audit,
        AuditVerify,
        UserList,
        UserCreate,
        UserDisable,
        UserEnable,
        UserPassword,
        Password,
        ApiTokenCreate,
        ApiTokenList,
        ApiTokenRevoke,
        SigningCreateRoot,
        SigningAddOperator,
        SigningOperators,
        Jobs,
        Job,
        JobCreate,
        JobCancel,
        JobPause,
        JobResume,
        JobWait,
    };

    struct Invocation {
        Action action = Action::Run;
        QString text; // help or version text to print
        Command command = Command::None;
        QUrl server;
        QString caFile;
        // How to authenticate: an API token file, or else a login with user and password file.
        QString tokenFile;
        QString user;
        QString passwordFile;
        QString deviceId;
        QString orgUnit; // ou create/delete PATH, device move --ou, token create --ou, job create --ou
        QString searchText; // search TEXT
        QString groupName; // group NAME, group create/add/remove/delete NAME
        QString groupQuery; // group create --query, query EXPR
        QString groupDescription; // group create --description
        QStringList deviceIds; // group add/remove NAME ID,...
        QString targetGroup; // job create --group (--ou is orgUnit)
        bool dryRun = false; // job create --dry-run
        QStringList policyRules; // policy set PATH RULE=VALUE..., policy unset PATH RULE...
        QString sheetFile; // device ID --sheet FILE.pdf: the compliance sheet to write
        QString reason; // device retire ID --reason TEXT
        QString userName; // the user a `user` command acts on
        QString apiTokenId; // api-token revoke
        QString apiTokenName; // api-token create --name
        QString role; // user create --role, api-token create --role (empty: the caller's)
        QString newPasswordFile; // user create, user password, password: the password to set
        QString currentPasswordFile; // password: the password to replace (default: passwordFile)
        int uses = 1;
        qint64 ttlSeconds = 24 * 3600; // token create
        qint64 apiTokenTtlSeconds = 0; // api-token create; 0: the server's default
        int limit = 50; // audit, search
        AuditQuery auditQuery; // audit's filters; its limit is `limit`
        bool json = false;

        // Signed jobs (docs/jobs.md).
        QString keyFile; // signing create-root, add-operator: --out, the key file to create
        QString rootKeyFile; // signing add-operator --root
        QString passphraseFile; // --passphrase-file: of the key written or read (empty: none)
        QString rootPassphraseFile; // add-operator --root-passphrase-file (empty: passphraseFile)
        QString operatorName; // add-operator --name
        QStringList kinds{QStringLiteral("patch")}; // add-operator --kinds
        int validDays = defaultValidDays; // add-operator --valid-days
        QString jobId; // job ID, job cancel ID, job wait ID
        deployment::PatchJob patchJob; // job create patch
        QString signingKeyFile; // job create --signing-key
        qint64 waitTimeoutSeconds = 0; // job wait --timeout; 0: until every device is done

        // Whether the command talks to the server (signing create-root does not).
        bool usesServer() const
        {
            return command != Command::SigningCreateRoot;
        }

        bool usesApiToken() const
        {
            return !tokenFile.isEmpty();
        }
    };

    static constexpr int exitOk = 0;
    static constexpr int exitFailure = 1;
    static constexpr int exitUsage = 2;
    static constexpr auto defaultServer = "https://localhost:8731";
    static constexpr qint64 minApiTokenTtlSeconds = 60;
    static constexpr qint64 maxTtlSeconds = qint64(366) * 24 * 3600;
    static constexpr int defaultValidDays = 365; // an operator's certification
    static constexpr int maxValidDays = 3650;
    static constexpr qint64 defaultJobLifetimeSeconds = qint64(7) * 24 * 3600;
    static constexpr int defaultMaxRuntimeSeconds = 3600;
    static constexpr int maxMaxRuntimeSeconds = 7 * 24 * 3600;
    static constexpr int maxConcurrent = 100000;
    static constexpr qint64 maxWaitSeconds = qint64(366) * 24 * 3600;

    // arguments[0] is the program name, as in QCoreApplication::arguments(). Job times given
    // as +DURATION count from `now`, and a deadline or expiry before it is a usage error.
    static Result<Invocation> parse(const QStringList &arguments,
                                    const QProcessEnvironment &environment,
                                    const QString &version,
                                    const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Whether --json was asked for, even when the arguments are otherwise unusable: errors
    // are then reported as JSON too.
    static bool wantsJson(const QStringList &arguments);
};

} // namespace steward::app
