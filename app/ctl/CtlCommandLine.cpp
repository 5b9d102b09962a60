// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlCommandLine.h"

#include "ApiClient.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHash>
#include <QProcessEnvironment>

#include <limits>
#include <tuple>

namespace steward::app
{

namespace
{
Error usage(const QString &message)
{
    return makeError(QStringLiteral("usage"), message + QStringLiteral(" (see stewardctl --help)"));
}

// Flag first, then environment, then the default.
QString pick(const QCommandLineParser &parser,
             const QCommandLineOption &option,
             const QProcessEnvironment &environment,
             const QString &variable,
             const QString &fallback = {})
{
    if (parser.isSet(option)) {
        return parser.value(option);
    }
    const QString fromEnvironment = environment.value(variable);
    return fromEnvironment.isEmpty() ? fallback : fromEnvironment;
}

std::optional<qint64> positiveNumber(const QString &text, qint64 maximum)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1 || value > maximum) {
        return std::nullopt;
    }
    return value;
}

// An ISO 8601 date-time that says its zone: one without would be read in this machine's zone,
// which the server cannot know.
QDateTime zonedTime(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() && time.timeSpec() != Qt::LocalTime ? time.toUTC() : QDateTime();
}

const QString commandsHelp = QStringLiteral(
    "Administer a Steward site server over its admin API.\n"
    "\n"
    "Commands:\n"
    "  devices                                  list enrolled devices and their compliance\n"
    "  search TEXT [--limit N]                  find devices by hostname, FQDN, serial number, IP or\n"
    "                                           MAC address (any spelling, or its start), user or id\n"
    "  device ID [--sheet FILE.pdf]             show one device and why it is (not) compliant; with\n"
    "                                           --sheet, write its printable one-page compliance\n"
    "                                           sheet (in the language of LANG) instead\n"
    "  device revoke ID                         revoke a device's certificate\n"
    "  device retire ID [--reason TEXT]         take a device out of service (sold, scrapped): revoked,\n"
    "                                           with everything stored about it kept\n"
    "  device delete ID                         delete a revoked device and all that is stored about it\n"
    "                                           (its audit log entries stay)\n"
    "  device move ID --ou PATH                 put a device in another org unit\n"
    "  token create [--uses N] [--ttl SECONDS] [--ou PATH]\n"
    "                                           create an enrollment token for new devices; they\n"
    "                                           land in org unit PATH (default: the root, /)\n"
    "  ou list                                  the org-unit tree: devices and compliant devices per\n"
    "                                           unit, counting the units below it\n"
    "  ou create PATH                           create an org unit inside an existing one\n"
    "                                           (\"Ministry of Health/Maseru District\")\n"
    "  ou delete PATH                           delete an org unit that holds nothing\n"
    "  group list                               list device groups and how many devices each holds\n"
    "  group create NAME [--query EXPR] [--description TEXT]\n"
    "                                           create a group: static, or selecting devices by a query\n"
    "                                           (\"os.version < 12 and ou = Health\"; docs/groups.md)\n"
    "  group add NAME ID[,ID...] | group remove NAME ID[,ID...]\n"
    "                                           add devices to a static group, or remove them\n"
    "  group NAME | group show NAME             a group and its devices now\n"
    "  group delete NAME                        delete a group (its devices stay)\n"
    "  query EXPR                               the devices a query selects now, without keeping it\n"
    "  policy PATH | policy show PATH           the compliance rules an org unit's devices are held\n"
    "                                           to, and the unit each value comes from\n"
    "  policy set PATH RULE=VALUE...            set rules for the unit and the units below it\n"
    "                                           (antivirus.definitions-max-age=7d; docs/policies.md)\n"
    "  policy unset PATH RULE...                follow the unit above again for these rules\n"
    "  audit [--limit N] [--before ID] [--actor NAME] [--action ACTION] [--target TARGET]\n"
    "        [--outcome ok|denied|broken] [--from TIME] [--to TIME]\n"
    "                                           show audit log entries, newest first; ACTION may end\n"
    "                                           in * (device.*); TIME is ISO 8601 with a zone\n"
    "                                           (2024-05-01T12:00:00Z); --before ID pages on\n"
    "  audit verify                             check the audit log's hash chain (exit 1 when broken)\n"
    "  user list                                list users, their roles and whether they are disabled\n"
    "  user create NAME --role ROLE --password-file FILE\n"
    "                                           create a user; ROLE is admin or helpdesk\n"
    "  user disable NAME | user enable NAME     refuse (ending their sessions) or allow a user again\n"
    "  user password NAME --password-file FILE  set another user's password (ends their sessions)\n"
    "  password --password-file FILE [--current-password-file FILE]\n"
    "                                           change your own password\n"
    "  api-token create --name NAME [--ttl SECONDS] [--role ROLE]\n"
    "                                           create an API token; the token is shown only here\n"
    "  api-token list                           list API tokens (admins see every user's)\n"
    "  api-token revoke ID                      revoke an API token\n"
    "\n"
    "Signed jobs (the keys stay on this machine; the server never sees them):\n"
    "  signing create-root --out FILE [--passphrase-file F]\n"
    "                                           create the site's operator root key and print its\n"
    "                                           fingerprint (no server involved)\n"
    "  signing add-operator --root FILE --name NAME --out FILE [--kinds patch,...] [--valid-days N]\n"
    "        [--passphrase-file F] [--root-passphrase-file F]\n"
    "                                           create an operator key, certify it with the root and\n"
    "                                           upload the new operator list (admin)\n"
    "  signing operators                        the operator list the server holds\n"
    "  job create patch (--devices ID[,ID...] | --group NAME | --ou PATH) (--security | --all | --package "
    "NAME[=VERSION]...)\n"
    "        [--not-before T] [--deadline T] [--expires T] [--max-concurrent N]\n"
    "        [--reboot never|if-required|at-deadline [--reboot-servers]] [--max-runtime SECONDS]\n"
    "        [--window \"Sat 22:00-04:00\"...] [--per-minute N]\n"
    "        [--pilot ID[,ID...] [--pilot-success RATIO]] [--pause-failure RATIO]\n"
    "        --signing-key FILE [--passphrase-file F] [--dry-run]\n"
    "                                           sign a patch job with an operator key and submit it;\n"
    "                                           T is ISO 8601 (2024-05-03T18:00:00Z) or +DURATION from\n"
    "                                           now (+30m, +2h, +3d, +1w); windows are in each device's\n"
    "                                           local time (\"Mon-Fri 20:00-06:00\", \"2nd Tue 22:00-02:00\");\n"
    "                                           the pilot devices go first and the rest once RATIO of\n"
    "                                           them succeeded (default 1); --pause-failure pauses the\n"
    "                                           job when more than RATIO of finished devices failed;\n"
    "                                           a group's or org unit's devices are resolved when the\n"
    "                                           job is signed, and listed before it is\n"
    "  jobs                                     list jobs and their devices' states\n"
    "  job ID                                   one job: each device's state, result and receipt\n"
    "  job cancel ID                            cancel a job on the devices that have not finished it\n"
    "  job pause ID | job resume ID             hold back or let go the rest of a job's rollout\n"
    "  job wait ID [--timeout SECONDS]          wait until every device has finished (exit 1 on timeout)\n"
    "Key files are encrypted with the first line of --passphrase-file; without one they are\n"
    "written readable by you only, unencrypted. An existing key file is never overwritten.\n"
    "\n"
    "Logging in: --user and --password-file (the file's first line is the password). For user\n"
    "create, user password and password, --password-file after the command is the new password;\n"
    "give the login's before the command or in STEWARD_PASSWORD_FILE. With --token-file (the\n"
    "file's first line is an API token; it must be readable by its owner only, chmod 600)\n"
    "stewardctl neither logs in nor out.\n"
    "\n"
    "Exit status: 0 done; 1 refused, failed or unreachable, the audit log is broken, or job wait\n"
    "timed out; 2 wrong arguments. With --json, errors are one line of JSON on stderr:\n"
    "{\"error\": {\"code\": ..., \"message\": ...}}.\n"
    "\n"
    "Environment: STEWARD_SERVER, STEWARD_CA, STEWARD_USER, STEWARD_PASSWORD_FILE,\n"
    "STEWARD_TOKEN_FILE (command-line options take precedence).");

const QStringList roles{QStringLiteral("admin"), QStringLiteral("helpdesk")};

// Where each --password-file was given: before the command word or after it. QCommandLineParser
// has already checked the arguments; this only has to follow the same grammar.
struct PasswordFiles {
    QStringList beforeCommand;
    QStringList afterCommand;
};

PasswordFiles passwordFilesByPosition(const QStringList &arguments, const QList<QCommandLineOption> &options)
{
    QStringList valued;
    for (const QCommandLineOption &option : options) {
        if (!option.valueName().isEmpty()) {
            valued += option.names();
        }
    }
    PasswordFiles files;
    bool seenCommand = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            break;
        }
        if (argument.size() < 2 || !argument.startsWith(QLatin1Char('-'))) {
            seenCommand = true;
            continue;
        }
        QString name = argument.mid(argument.startsWith(QLatin1String("--")) ? 2 : 1);
        QString value;
        const qsizetype equals = name.indexOf(QLatin1Char('='));
        if (equals >= 0) {
            value = name.mid(equals + 1);
            name = name.left(equals);
        } else if (valued.contains(name) && i + 1 < arguments.size()) {
            value = arguments.at(++i);
        }
        if (name == QLatin1String("password-file")) {
            (seenCommand ? files.afterCommand : files.beforeCommand).append(value);
        }
    }
    return files;
}

// The options of the signing and job commands, and which command each belongs to.
struct JobOptions {
    using Command = CtlCommandLine::Command;

    QCommandLineOption out{QStringLiteral("out"),
                           QStringLiteral("signing create-root, add-operator: the key file to create (never "
                                          "overwritten)."),
                           QStringLiteral("FILE")};
    QCommandLineOption passphraseFile{
        QStringLiteral("passphrase-file"),
        QStringLiteral("signing, job create: file whose first line is the passphrase of the key file written "
                       "or read."),
        QStringLiteral("FILE")};
    QCommandLineOption root{QStringLiteral("root"),
                            QStringLiteral("signing add-operator: the root key file."),
                            QStringLiteral("FILE")};
    QCommandLineOption rootPassphraseFile{
        QStringLiteral("root-passphrase-file"),
        QStringLiteral("signing add-operator: the root key's passphrase file (default: --passphrase-file)."),
        QStringLiteral("FILE")};
    QCommandLineOption kinds{QStringLiteral("kinds"),
                             QStringLiteral("signing add-operator: the job kinds the operator may sign (default "
                                            "patch)."),
                             QStringLiteral("KIND,...")};
    QCommandLineOption validDays{QStringLiteral("valid-days"),
                                 QStringLiteral("signing add-operator: how long the operator's key is certified "
                                                "(default 365 days)."),
                                 QStringLiteral("N")};
    QCommandLineOption devices{QStringLiteral("devices"),
                               QStringLiteral("job create: the target devices' ids (may be repeated)."),
                               QStringLiteral("ID,...")};
    QCommandLineOption group{QStringLiteral("group"),
                             QStringLiteral("job create: target the members of this group, resolved now and shown "
                                            "before signing."),
                             QStringLiteral("NAME")};
    QCommandLineOption dryRun{QStringLiteral("dry-run"),
                              QStringLiteral("job create: show the devices the job would target, sign and send "
                                             "nothing.")};
    QCommandLineOption security{QStringLiteral("security"),
                                QStringLiteral("job create patch: install the pending security updates.")};
    QCommandLineOption all{QStringLiteral("all"), QStringLiteral("job create patch: install every pending update.")};
    QCommandLineOption package{QStringLiteral("package"),
                               QStringLiteral("job create patch: install or update this package (may be repeated)."),
                               QStringLiteral("NAME[=VERSION]")};
    QCommandLineOption notBefore{QStringLiteral("not-before"),
                                 QStringLiteral("job create: do not start before T (default now)."),
                                 QStringLiteral("T")};
    QCommandLineOption deadline{QStringLiteral("deadline"),
                                QStringLiteral("job create: be done by T (default none)."),
                                QStringLiteral("T")};
    QCommandLineOption expires{QStringLiteral("expires"),
                               QStringLiteral("job create: never run after T (default in 7 days)."),
                               QStringLiteral("T")};
    QCommandLineOption maxConcurrent{QStringLiteral("max-concurrent"),
                                     QStringLiteral("job create: at most N devices at a time."),
                                     QStringLiteral("N")};
    QCommandLineOption reboot{QStringLiteral("reboot"),
                              QStringLiteral("job create patch: never (default), if-required or at-deadline."),
                              QStringLiteral("WHEN")};
    QCommandLineOption rebootServers{QStringLiteral("reboot-servers"),
                                     QStringLiteral("job create patch: restart servers too (by default only "
                                                    "workstations are restarted).")};
    QCommandLineOption maxRuntime{QStringLiteral("max-runtime"),
                                  QStringLiteral("job create: a device stops the job after this long (default "
                                                 "3600)."),
                                  QStringLiteral("SECONDS")};
    QCommandLineOption window{QStringLiteral("window"),
                              QStringLiteral("job create: run only inside this maintenance window, in the device's "
                                             "local time (may be repeated)."),
                              QStringLiteral("WINDOW")};
    QCommandLineOption perMinute{QStringLiteral("per-minute"),
                                 QStringLiteral("job create: release the job to at most N devices a minute."),
                                 QStringLiteral("N")};
    QCommandLineOption pilot{QStringLiteral("pilot"),
                             QStringLiteral("job create: these devices first, the rest when they succeeded."),
                             QStringLiteral("IDS")};
    QCommandLineOption pilotSuccess{QStringLiteral("pilot-success"),
                                    QStringLiteral("job create: the share of the pilot that must succeed (default 1)."),
                                    QStringLiteral("RATIO")};
    QCommandLineOption pauseFailure{QStringLiteral("pause-failure"),
                                    QStringLiteral("job create: pause when more than this share of finished devices "
                                                   "failed."),
                                    QStringLiteral("RATIO")};
    QCommandLineOption signingKey{QStringLiteral("signing-key"),
                                  QStringLiteral("job create: the operator key file to sign the job with."),
                                  QStringLiteral("FILE")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("job wait: give up after this many seconds (exit 1)."),
                               QStringLiteral("SECONDS")};

    QList<QCommandLineOption> list() const
    {
        return {out,          passphraseFile, root,       rootPassphraseFile,
                kinds,        validDays,      devices,    security,
                all,          package,        notBefore,  deadline,
                expires,      maxConcurrent,  reboot,     rebootServers,
                maxRuntime,   window,         perMinute,  pilot,
                pilotSuccess, pauseFailure,   signingKey, timeout,
                group,        dryRun};
    }

    // An option given to a command it does not belong to.
    std::optional<Error> misplaced(const QCommandLineParser &parser, Command command) const
    {
        const bool keyWriter = command == Command::SigningCreateRoot || command == Command::SigningAddOperator;
        const QList<std::tuple<const QCommandLineOption *, bool, const char *>> owners{
            {&out, keyWriter, "'signing create-root' and 'signing add-operator'"},
            {&passphraseFile,
             keyWriter || command == Command::JobCreate,
             "'signing create-root', 'signing add-operator' and 'job create'"},
            {&root, command == Command::SigningAddOperator, "'signing add-operator'"},
            {&rootPassphraseFile, command == Command::SigningAddOperator, "'signing add-operator'"},
            {&kinds, command == Command::SigningAddOperator, "'signing add-operator'"},
            {&validDays, command == Command::SigningAddOperator, "'signing add-operator'"},
            {&timeout, command == Command::JobWait, "'job wait'"},
        };
        for (const auto &[option, allowed, where] : owners) {
            if (parser.isSet(*option) && !allowed) {
                return usage(
                    QStringLiteral("--%1 only applies to %2").arg(option->names().constFirst(), QLatin1String(where)));
            }
        }
        if (command != Command::JobCreate) {
            for (const QCommandLineOption *option : {&devices,
                                                     &group,
                                                     &dryRun,
                                                     &security,
                                                     &all,
                                                     &package,
                                                     &notBefore,
                                                     &deadline,
                                                     &expires,
                                                     &maxConcurrent,
                                                     &reboot,
                                                     &rebootServers,
                                                     &maxRuntime,
                                                     &window,
                                                     &perMinute,
                                                     &pilot,
                                                     &pilotSuccess,
                                                     &pauseFailure,
                                                     &signingKey}) {
                if (parser.isSet(*option)) {
                    return usage(QStringLiteral("--%1 only applies to 'job create'").arg(option->names().constFirst()));
                }
            }
        }
        return std::nullopt;
    }

    // The signing commands' values; their required options.
    std::optional<Error> readSigning(const QCommandLineParser &parser, CtlCommandLine::Invocation &invocation) const
    {
        const Command command = invocation.command;
        invocation.passphraseFile = parser.value(passphraseFile);
        if (command == Command::SigningCreateRoot || command == Command::SigningAddOperator) {
            invocation.keyFile = parser.value(out);
            if (invocation.keyFile.isEmpty()) {
                return usage(QStringLiteral("'%1' needs --out FILE: the key file to create")
                                 .arg(command == Command::SigningCreateRoot ? QStringLiteral("signing create-root")
                                                                            : QStringLiteral("signing add-operator")));
            }
        }
        if (command != Command::SigningAddOperator) {
            return std::nullopt;
        }
        invocation.rootKeyFile = parser.value(root);
        if (invocation.rootKeyFile.isEmpty()) {
            return usage(
                QStringLiteral("'signing add-operator' needs --root FILE: the root key that certifies the "
                               "operator"));
        }
        if (invocation.rootKeyFile == invocation.keyFile) {
            return usage(QStringLiteral("--out names the root key file: the operator needs a key file of its own"));
        }
        invocation.rootPassphraseFile = parser.value(rootPassphraseFile);
        if (parser.isSet(kinds)) {
            const Result<QStringList> list = jobargs::kinds(parser.value(kinds));
            if (!list) {
                return usage(list.error().message);
            }
            invocation.kinds = list.value();
        }
        if (parser.isSet(validDays)) {
            const auto days = positiveNumber(parser.value(validDays), CtlCommandLine::maxValidDays);
            if (!days) {
                return usage(QStringLiteral("--valid-days needs a number of days from 1 to %1, not '%2'")
                                 .arg(CtlCommandLine::maxValidDays)
                                 .arg(parser.value(validDays)));
            }
            invocation.validDays = int(*days);
        }
        return std::nullopt;
    }

    std::optional<Error> readWait(const QCommandLineParser &parser, CtlCommandLine::Invocation &invocation) const
    {
        if (parser.isSet(timeout)) {
            const auto seconds = positiveNumber(parser.value(timeout), CtlCommandLine::maxWaitSeconds);
            if (!seconds) {
                return usage(QStringLiteral("--timeout needs a number of seconds from 1 to %1, not '%2'")
                                 .arg(CtlCommandLine::maxWaitSeconds)
                                 .arg(parser.value(timeout)));
            }
            invocation.waitTimeoutSeconds = *seconds;
        }
        return std::nullopt;
    }

    // job create patch: every value checked, the times resolved against `now`.
    std::optional<Error> readPatchJob(const QCommandLineParser &parser,
                                      CtlCommandLine::Invocation &invocation,
                                      const QDateTime &now) const
    {
        deployment::PatchJob &job = invocation.patchJob;
        // The targets: listed, or a group's or an org unit's devices, resolved when the job is signed.
        const int targetings =
            int(parser.isSet(devices)) + int(parser.isSet(group)) + int(!invocation.orgUnit.isEmpty());
        if (targetings != 1) {
            return usage(targetings == 0 ? QStringLiteral("'job create patch' needs its targets: --devices ID[,ID...], "
                                                          "--group NAME or --ou PATH")
                                         : QStringLiteral("choose one of --devices, --group or --ou"));
        }
        if (parser.isSet(devices)) {
            const Result<QStringList> ids = jobargs::deviceIds(parser.values(devices));
            if (!ids) {
                return usage(ids.error().message);
            }
            job.devices = ids.value();
        }
        invocation.targetGroup = parser.value(group).trimmed();
        if (parser.isSet(group) && invocation.targetGroup.isEmpty()) {
            return usage(QStringLiteral("--group needs a group name"));
        }
        invocation.dryRun = parser.isSet(dryRun);

        const int selections = int(parser.isSet(security)) + int(parser.isSet(all)) + int(parser.isSet(package));
        if (selections != 1) {
            return usage(selections == 0
                             ? QStringLiteral("'job create patch' needs --security, --all or --package NAME[=VERSION]")
                             : QStringLiteral("choose one of --security, --all or --package"));
        }
        job.select = parser.isSet(security) ? QStringLiteral("security")
            : parser.isSet(all)             ? QStringLiteral("all")
                                            : QStringLiteral("packages");
        for (const QString &text : parser.values(package)) {
            const Result<deployment::Package> parsed = jobargs::package(text);
            if (!parsed) {
                return usage(parsed.error().message);
            }
            for (const deployment::Package &earlier : std::as_const(job.packages)) {
                if (earlier.name == parsed.value().name) {
                    return usage(QStringLiteral("--package %1 is given twice").arg(earlier.name));
                }
            }
            job.packages.append(parsed.value());
        }

        const QDateTime start = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
        job.notBefore = start;
        job.expiresAt = start.addSecs(CtlCommandLine::defaultJobLifetimeSeconds);
        for (const auto &[option, time] : {std::pair{&notBefore, &job.notBefore},
                                           std::pair{&deadline, &job.deadline},
                                           std::pair{&expires, &job.expiresAt}}) {
            if (parser.isSet(*option)) {
                const std::optional<QDateTime> parsed = deployment::time(parser.value(*option), start);
                if (!parsed) {
                    return usage(QStringLiteral("--%1 needs an ISO 8601 time (2024-05-03T18:00:00Z) or +DURATION "
                                                "from now (+30m, +2h, +3d), not '%2'")
                                     .arg(option->names().constFirst(), parser.value(*option)));
                }
                *time = *parsed;
            }
        }
        if (const Status times = jobargs::checkTimes(job, start); !times) {
            return usage(times.error().message);
        }

        if (parser.isSet(maxConcurrent)) {
            const auto count = positiveNumber(parser.value(maxConcurrent), CtlCommandLine::maxConcurrent);
            if (!count) {
                return usage(QStringLiteral("--max-concurrent needs a number from 1 to %1, not '%2'")
                                 .arg(CtlCommandLine::maxConcurrent)
                                 .arg(parser.value(maxConcurrent)));
            }
            job.maxConcurrent = int(*count);
        }
        if (parser.isSet(reboot)) {
            job.reboot = parser.value(reboot);
            if (!rebootChoices.contains(job.reboot)) {
                return usage(
                    QStringLiteral("--reboot must be never, if-required or at-deadline, not '%1'").arg(job.reboot));
            }
            if (job.reboot == QLatin1String("at-deadline") && !job.deadline.isValid()) {
                return usage(QStringLiteral("--reboot at-deadline needs a --deadline"));
            }
        }
        if (parser.isSet(rebootServers)) {
            if (job.reboot == QLatin1String("never")) {
                return usage(QStringLiteral("--reboot-servers needs --reboot if-required or at-deadline"));
            }
            job.rebootServers = true;
        }
        if (parser.isSet(maxRuntime)) {
            const auto seconds = positiveNumber(parser.value(maxRuntime), CtlCommandLine::maxMaxRuntimeSeconds);
            if (!seconds || *seconds < 60) {
                return usage(QStringLiteral("--max-runtime needs a number of seconds from 60 to %1, not '%2'")
                                 .arg(CtlCommandLine::maxMaxRuntimeSeconds)
                                 .arg(parser.value(maxRuntime)));
            }
            job.maxRuntimeSeconds = int(*seconds);
        }
        for (const QString &text : parser.values(window)) {
            const Result<jobs::MaintenanceWindow> parsed = jobs::MaintenanceWindow::parse(text);
            if (!parsed) {
                return usage(QStringLiteral("--window '%1': %2").arg(text, parsed.error().message));
            }
            job.windows.append(parsed.value());
        }
        if (parser.isSet(perMinute)) {
            const auto count = positiveNumber(parser.value(perMinute), CtlCommandLine::maxConcurrent);
            if (!count) {
                return usage(QStringLiteral("--per-minute needs a number from 1 to %1, not '%2'")
                                 .arg(CtlCommandLine::maxConcurrent)
                                 .arg(parser.value(perMinute)));
            }
            job.perMinute = int(*count);
        }
        if (parser.isSet(pilot)) {
            const Result<QStringList> ids = jobargs::deviceIds({parser.value(pilot)});
            if (!ids) {
                return usage(QStringLiteral("--pilot: %1").arg(ids.error().message));
            }
            job.pilot = ids.value();
        } else if (parser.isSet(pilotSuccess)) {
            return usage(QStringLiteral("--pilot-success only applies with --pilot"));
        }
        for (const auto &[option, ratio] :
             {std::pair{&pilotSuccess, &job.pilotSuccessRatio}, std::pair{&pauseFailure, &job.pauseFailureRatio}}) {
            if (parser.isSet(*option)) {
                bool ok = false;
                const double value = parser.value(*option).toDouble(&ok);
                if (!ok || !(value >= 0.0 && value <= 1.0)) {
                    return usage(QStringLiteral("--%1 needs a ratio from 0 to 1 (0.9 is 90%), not '%2'")
                                     .arg(option->names().constFirst(), parser.value(*option)));
                }
                *ratio = value;
            }
        }
        // A group's or unit's devices are known only once resolved; CtlRunner checks the pilot then.
        if (const Status rollout = deployment::checkRollout(job); !rollout && !job.devices.isEmpty()) {
            return usage(rollout.error().message);
        }
        invocation.signingKeyFile = parser.value(signingKey);
        if (invocation.signingKeyFile.isEmpty() && !invocation.dryRun) {
            return usage(QStringLiteral("'job create' needs --signing-key FILE: the operator key that signs the job"));
        }
        return std::nullopt;
    }

    const QStringList rebootChoices{QStringLiteral("never"),
                                    QStringLiteral("if-required"),
                                    QStringLiteral("at-deadline")};
};
} // namespace

bool CtlCommandLine::wantsJson(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            return false;
        }
        if (argument == QLatin1String("--json") || argument == QLatin1String("-json")) {
            return true;
        }
    }
    return false;
}

Result<CtlCommandLine::Invocation> CtlCommandLine::parse(const QStringList &arguments,
                                                         const QProcessEnvironment &environment,
                                                         const QString &version,
                                                         const QDateTime &now)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(commandsHelp);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QStringLiteral("Admin API URL (default %1).").arg(QLatin1String(defaultServer)),
        QStringLiteral("URL"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
                                      QStringLiteral("The site CA certificate (ca.pem), the only CA trusted."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption userOption(QStringLiteral("user"),
                                        QStringLiteral("User name to log in as."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption passwordFileOption(
        QStringLiteral("password-file"),
        QStringLiteral("File whose first line is the password to log in with; after user create, user password "
                       "or password: the new password."),
        QStringLiteral("FILE"));
    const QCommandLineOption tokenFileOption(
        QStringLiteral("token-file"),
        QStringLiteral("File (mode 600) whose first line is an API token, used instead of logging in."),
        QStringLiteral("FILE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print the API's JSON answer instead of text, and errors "
                                                       "as JSON on stderr."));
    const QCommandLineOption usesOption(QStringLiteral("uses"),
                                        QStringLiteral("token create: how many devices may enroll (default 1)."),
                                        QStringLiteral("N"));
    const QCommandLineOption ttlOption(
        QStringLiteral("ttl"),
        QStringLiteral("token create: validity in seconds (default 86400); api-token create: at least 60 "
                       "(default: the server's, 90 days)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
                                         QStringLiteral("audit: how many entries; search: how many devices "
                                                        "(default 50)."),
                                         QStringLiteral("N"));
    const QCommandLineOption roleOption(QStringLiteral("role"),
                                        QStringLiteral("user create, api-token create: admin or helpdesk."),
                                        QStringLiteral("ROLE"));
    const QCommandLineOption nameOption(
        QStringLiteral("name"),
        QStringLiteral("api-token create: what the token is for; signing add-operator: who holds the key."),
        QStringLiteral("NAME"));
    const QCommandLineOption currentPasswordFileOption(
        QStringLiteral("current-password-file"),
        QStringLiteral("password: file whose first line is your current password (default: the login's)."),
        QStringLiteral("FILE"));
    const QCommandLineOption actorOption(QStringLiteral("actor"),
                                         QStringLiteral("audit: only entries by this user."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption actionOption(QStringLiteral("action"),
                                          QStringLiteral("audit: only this action, or a prefix ending in * "
                                                         "(device.*)."),
                                          QStringLiteral("ACTION"));
    const QCommandLineOption targetOption(QStringLiteral("target"),
                                          QStringLiteral("audit: only entries about this device, user or token."),
                                          QStringLiteral("TARGET"));
    const QCommandLineOption outcomeOption(QStringLiteral("outcome"),
                                           QStringLiteral("audit: only ok, denied or broken entries."),
                                           QStringLiteral("OUTCOME"));
    const QCommandLineOption fromOption(QStringLiteral("from"),
                                        QStringLiteral("audit: only entries at or after this time (ISO 8601 with "
                                                       "a zone, 2024-05-01T00:00:00Z)."),
                                        QStringLiteral("TIME"));
    const QCommandLineOption toOption(QStringLiteral("to"),
                                      QStringLiteral("audit: only entries at or before this time."),
                                      QStringLiteral("TIME"));
    const QCommandLineOption beforeOption(QStringLiteral("before"),
                                          QStringLiteral("audit: only entries older than the one with this id "
                                                         "(the next page)."),
                                          QStringLiteral("ID"));
    const QCommandLineOption ouOption(
        QStringLiteral("ou"),
        QStringLiteral("token create: the org unit its devices land in; device move: the org unit to move to."),
        QStringLiteral("PATH"));
    const QCommandLineOption queryOption(
        QStringLiteral("query"),
        QStringLiteral("group create: the query that selects the group's devices (docs/groups.md); without it the "
                       "group is static."),
        QStringLiteral("EXPR"));
    const QCommandLineOption sheetOption(QStringLiteral("sheet"),
                                         QStringLiteral("device ID: write the device's printable compliance sheet "
                                                        "(PDF, in the language of LANG) to FILE."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption reasonOption(
        QStringLiteral("reason"),
        QStringLiteral("device retire: why the device leaves service (kept with it)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption descriptionOption(QStringLiteral("description"),
                                               QStringLiteral("group create: what the group is for."),
                                               QStringLiteral("TEXT"));
    const QList<QCommandLineOption>
        auditOptions{actorOption, actionOption, targetOption, outcomeOption, fromOption, toOption, beforeOption};
    QList<QCommandLineOption> options{helpOption,
                                      versionOption,
                                      serverOption,
                                      caOption,
                                      userOption,
                                      passwordFileOption,
                                      tokenFileOption,
                                      jsonOption,
                                      usesOption,
                                      ttlOption,
                                      limitOption,
                                      roleOption,
                                      nameOption,
                                      currentPasswordFileOption,
                                      ouOption,
                                      queryOption,
                                      descriptionOption,
                                      sheetOption,
                                      reasonOption};
    options += auditOptions;
    const JobOptions jobOptions;
    options += jobOptions.list();
    parser.addOptions(options);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("What to do (see Commands)."),
                                 QStringLiteral("COMMAND [ARGS...]"));

    const QStringList all = arguments.isEmpty() ? QStringList{QStringLiteral("stewardctl")} : arguments;
    if (!parser.parse(all)) {
        return usage(parser.errorText());
    }

    Invocation invocation;
    if (parser.isSet(helpOption)) {
        invocation.action = Action::Help;
        invocation.text = parser.helpText();
        return invocation;
    }
    if (parser.isSet(versionOption)) {
        invocation.action = Action::Version;
        invocation.text = QStringLiteral("stewardctl %1\n").arg(version);
        return invocation;
    }

    const QStringList words = parser.positionalArguments();
    const auto expectWords = [&words](qsizetype count) -> std::optional<Error> {
        if (words.size() > count) {
            return usage(QStringLiteral("unexpected argument '%1'").arg(words.at(count)));
        }
        return std::nullopt;
    };
    const auto subcommand = [&words](const QString &expected) {
        const QString second = words.value(1);
        return second.isEmpty() ? usage(QStringLiteral("'%1' needs a subcommand: %2").arg(words.value(0), expected))
                                : usage(QStringLiteral("unknown subcommand '%1 %2'").arg(words.value(0), second));
    };
    const QString first = words.value(0);
    const QString second = words.value(1);
    std::optional<Error> extra;
    if (words.isEmpty()) {
        return usage(QStringLiteral("no command given"));
    } else if (first == QLatin1String("token")) {
        if (second != QLatin1String("create")) {
            return subcommand(QStringLiteral("token create"));
        }
        invocation.command = Command::TokenCreate;
        extra = expectWords(2);
    } else if (first == QLatin1String("devices")) {
        invocation.command = Command::Devices;
        extra = expectWords(1);
    } else if (first == QLatin1String("device")) {
        if (second == QLatin1String("revoke") || second == QLatin1String("delete") || second == QLatin1String("move")
            || second == QLatin1String("retire")) {
            invocation.command = second == QLatin1String("revoke") ? Command::DeviceRevoke
                : second == QLatin1String("retire")                ? Command::DeviceRetire
                : second == QLatin1String("delete")                ? Command::DeviceDelete
                                                                   : Command::DeviceMove;
            invocation.deviceId = words.value(2);
            extra = expectWords(3);
        } else {
            invocation.command = Command::Device;
            invocation.deviceId = second;
            extra = expectWords(2);
        }
        if (invocation.deviceId.isEmpty()) {
            return usage(QStringLiteral("'%1' needs a device id").arg(words.join(QLatin1Char(' '))));
        }
    } else if (first == QLatin1String("search")) {
        invocation.command = Command::Search;
        invocation.searchText = second;
        if (invocation.searchText.trimmed().isEmpty()) {
            return usage(
                QStringLiteral("'search' needs something to look for: a name, IP or MAC address, serial "
                               "number or user"));
        }
        extra = expectWords(2);
    } else if (first == QLatin1String("group")) {
        const QHash<QString, Command> actions{{QStringLiteral("create"), Command::GroupCreate},
                                              {QStringLiteral("delete"), Command::GroupDelete},
                                              {QStringLiteral("add"), Command::GroupAdd},
                                              {QStringLiteral("remove"), Command::GroupRemove},
                                              {QStringLiteral("show"), Command::Group}};
        if (second == QLatin1String("list")) {
            invocation.command = Command::GroupList;
            extra = expectWords(2);
        } else if (second.isEmpty()) {
            return subcommand(QStringLiteral("group list|create|add|remove|delete|NAME"));
        } else {
            // "group NAME" shows a group; a group named like a subcommand is "group show NAME".
            const bool named = actions.contains(second);
            invocation.command = named ? actions.value(second) : Command::Group;
            invocation.groupName = named ? words.value(2) : second;
            if (invocation.groupName.trimmed().isEmpty()) {
                return usage(QStringLiteral("'group %1' needs a group name").arg(second));
            }
            const bool withDevices =
                invocation.command == Command::GroupAdd || invocation.command == Command::GroupRemove;
            if (withDevices) {
                const Result<QStringList> ids = jobargs::deviceIds({words.value(3)});
                if (words.value(3).isEmpty() || !ids) {
                    return usage(QStringLiteral("'group %1 NAME' needs device ids: ID[,ID...]").arg(second));
                }
                invocation.deviceIds = ids.value();
            }
            extra = expectWords(named ? (withDevices ? 4 : 3) : 2);
        }
    } else if (first == QLatin1String("policy")) {
        // "policy PATH" shows a unit's policy; a unit named like a subcommand is "policy show PATH".
        const bool changes = second == QLatin1String("set") || second == QLatin1String("unset");
        const bool named = changes || second == QLatin1String("show");
        invocation.command = second == QLatin1String("set") ? Command::PolicySet
            : second == QLatin1String("unset")              ? Command::PolicyUnset
                                                            : Command::Policy;
        invocation.orgUnit = named ? words.value(2) : second;
        if (invocation.orgUnit.trimmed().isEmpty()) {
            return usage(QStringLiteral("'policy%1' needs an org unit path (/ for the whole site)")
                             .arg(named ? QString(QLatin1Char(' ') + second) : QString()));
        }
        if (changes) {
            invocation.policyRules = words.mid(3);
            if (invocation.policyRules.isEmpty()) {
                return usage(
                    second == QLatin1String("set")
                        ? QStringLiteral("'policy set PATH' needs RULE=VALUE, such as antivirus.definitions-max-age=7d")
                        : QStringLiteral("'policy unset PATH' needs the rules to unset"));
            }
            for (const QString &rule : std::as_const(invocation.policyRules)) {
                if (second == QLatin1String("set")
                    && (!rule.contains(QLatin1Char('=')) || rule.startsWith(QLatin1Char('=')))) {
                    return usage(QStringLiteral("'%1' is not RULE=VALUE").arg(rule));
                }
            }
        } else {
            extra = expectWords(named ? 3 : 2);
        }
    } else if (first == QLatin1String("query")) {
        invocation.command = Command::Query;
        invocation.groupQuery = second;
        if (invocation.groupQuery.trimmed().isEmpty()) {
            return usage(QStringLiteral("'query' needs a query, such as \"os.version < 12\" (docs/groups.md)"));
        }
        extra = expectWords(2);
    } else if (first == QLatin1String("ou")) {
        if (second == QLatin1String("list")) {
            invocation.command = Command::OrgUnitList;
            extra = expectWords(2);
        } else if (second == QLatin1String("create") || second == QLatin1String("delete")) {
            invocation.command = second == QLatin1String("create") ? Command::OrgUnitCreate : Command::OrgUnitDelete;
            invocation.orgUnit = words.value(2);
            if (invocation.orgUnit.trimmed().isEmpty()) {
                return usage(QStringLiteral("'ou %1' needs an org unit path, such as \"Ministry of Health/Maseru "
                                            "District\"")
                                 .arg(second));
            }
            extra = expectWords(3);
        } else {
            return subcommand(QStringLiteral("ou list|create|delete"));
        }
    } else if (first == QLatin1String("audit")) {
        if (second.isEmpty()) {
            invocation.command = Command::Audit;
        } else if (second == QLatin1String("verify")) {
            invocation.command = Command::AuditVerify;
        } else {
            return usage(
                QStringLiteral("unknown subcommand 'audit %1' (audit [--limit N] or audit verify)").arg(second));
        }
        extra = expectWords(2);
    } else if (first == QLatin1String("user")) {
        if (second == QLatin1String("list")) {
            invocation.command = Command::UserList;
            extra = expectWords(2);
        } else if (second == QLatin1String("create") || second == QLatin1String("disable")
                   || second == QLatin1String("enable") || second == QLatin1String("password")) {
            invocation.command = second == QLatin1String("create") ? Command::UserCreate
                : second == QLatin1String("disable")               ? Command::UserDisable
                : second == QLatin1String("enable")                ? Command::UserEnable
                                                                   : Command::UserPassword;
            invocation.userName = words.value(2);
            if (invocation.userName.isEmpty()) {
                return usage(QStringLiteral("'user %1' needs a user name").arg(second));
            }
            extra = expectWords(3);
        } else {
            return subcommand(QStringLiteral("user list|create|disable|enable|password"));
        }
    } else if (first == QLatin1String("password")) {
        invocation.command = Command::Password;
        extra = expectWords(1);
    } else if (first == QLatin1String("api-token")) {
        if (second == QLatin1String("create")) {
            invocation.command = Command::ApiTokenCreate;
            extra = expectWords(2);
        } else if (second == QLatin1String("list")) {
            invocation.command = Command::ApiTokenList;
            extra = expectWords(2);
        } else if (second == QLatin1String("revoke")) {
            invocation.command = Command::ApiTokenRevoke;
            invocation.apiTokenId = words.value(2);
            if (invocation.apiTokenId.isEmpty()) {
                return usage(QStringLiteral("'api-token revoke' needs a token id (see api-token list)"));
            }
            extra = expectWords(3);
        } else {
            return subcommand(QStringLiteral("api-token create|list|revoke"));
        }
    } else if (first == QLatin1String("signing")) {
        if (second == QLatin1String("create-root")) {
            invocation.command = Command::SigningCreateRoot;
        } else if (second == QLatin1String("add-operator")) {
            invocation.command = Command::SigningAddOperator;
        } else if (second == QLatin1String("operators")) {
            invocation.command = Command::SigningOperators;
        } else {
            return subcommand(QStringLiteral("signing create-root|add-operator|operators"));
        }
        extra = expectWords(2);
    } else if (first == QLatin1String("jobs")) {
        invocation.command = Command::Jobs;
        extra = expectWords(1);
    } else if (first == QLatin1String("job")) {
        if (second == QLatin1String("create")) {
            const QString kind = words.value(2);
            if (kind != QLatin1String("patch")) {
                return usage(kind.isEmpty() ? QStringLiteral("'job create' needs a job kind: patch")
                                            : QStringLiteral("unknown job kind '%1' (known: patch)").arg(kind));
            }
            invocation.command = Command::JobCreate;
            extra = expectWords(3);
        } else if (const QHash<QString, Command> actions{{QStringLiteral("cancel"), Command::JobCancel},
                                                         {QStringLiteral("wait"), Command::JobWait},
                                                         {QStringLiteral("pause"), Command::JobPause},
                                                         {QStringLiteral("resume"), Command::JobResume}};
                   actions.contains(second)) {
            invocation.command = actions.value(second);
            invocation.jobId = words.value(2);
            extra = expectWords(3);
        } else {
            invocation.command = Command::Job;
            invocation.jobId = second;
            extra = expectWords(2);
        }
        if (invocation.command != Command::JobCreate && invocation.jobId.isEmpty()) {
            return usage(QStringLiteral("'%1' needs a job id (see stewardctl jobs)").arg(words.join(QLatin1Char(' '))));
        }
    } else {
        return usage(QStringLiteral("unknown command '%1'").arg(first));
    }
    if (extra) {
        return *extra;
    }

    const Command command = invocation.command;
    const bool setsPassword =
        command == Command::UserCreate || command == Command::UserPassword || command == Command::Password;
    const auto onlyFor =
        [&parser](const QCommandLineOption &option, bool allowed, const QString &where) -> std::optional<Error> {
        if (parser.isSet(option) && !allowed) {
            return usage(QStringLiteral("--%1 only applies to %2").arg(option.names().constLast(), where));
        }
        return std::nullopt;
    };
    for (const std::optional<Error> &misplaced :
         {onlyFor(usesOption, command == Command::TokenCreate, QStringLiteral("'token create'")),
          onlyFor(ttlOption,
                  command == Command::TokenCreate || command == Command::ApiTokenCreate,
                  QStringLiteral("'token create' and 'api-token create'")),
          onlyFor(limitOption,
                  command == Command::Audit || command == Command::Search,
                  QStringLiteral("'audit' and 'search'")),
          onlyFor(roleOption,
                  command == Command::UserCreate || command == Command::ApiTokenCreate,
                  QStringLiteral("'user create' and 'api-token create'")),
          onlyFor(nameOption,
                  command == Command::ApiTokenCreate || command == Command::SigningAddOperator,
                  QStringLiteral("'api-token create' and 'signing add-operator'")),
          onlyFor(currentPasswordFileOption, command == Command::Password, QStringLiteral("'password'")),
          onlyFor(ouOption,
                  command == Command::TokenCreate || command == Command::DeviceMove || command == Command::JobCreate,
                  QStringLiteral("'token create', 'device move' and 'job create'")),
          onlyFor(queryOption, command == Command::GroupCreate, QStringLiteral("'group create'")),
          onlyFor(sheetOption, command == Command::Device, QStringLiteral("'device ID'")),
          onlyFor(reasonOption, command == Command::DeviceRetire, QStringLiteral("'device retire'")),
          onlyFor(descriptionOption, command == Command::GroupCreate, QStringLiteral("'group create'"))}) {
        if (misplaced) {
            return *misplaced;
        }
    }
    for (const QCommandLineOption &option : auditOptions) {
        if (const std::optional<Error> misplaced =
                onlyFor(option, command == Command::Audit, QStringLiteral("'audit'"))) {
            return *misplaced;
        }
    }
    if (const std::optional<Error> misplaced = jobOptions.misplaced(parser, command)) {
        return *misplaced;
    }
    if (const std::optional<Error> wrong = jobOptions.readSigning(parser, invocation)) {
        return *wrong;
    }
    if (const std::optional<Error> wrong = jobOptions.readWait(parser, invocation)) {
        return *wrong;
    }
    if (parser.isSet(ouOption)) {
        invocation.orgUnit = parser.value(ouOption);
        if (invocation.orgUnit.trimmed().isEmpty()) {
            return usage(QStringLiteral("--ou needs an org unit path (/ for the root)"));
        }
    } else if (command == Command::DeviceMove) {
        return usage(QStringLiteral("'device move' needs --ou PATH: the org unit to put the device in"));
    }
    if (command == Command::JobCreate) {
        if (const std::optional<Error> wrong = jobOptions.readPatchJob(parser, invocation, now)) {
            return *wrong;
        }
    }
    if (parser.isSet(queryOption)) {
        invocation.groupQuery = parser.value(queryOption);
        if (invocation.groupQuery.trimmed().isEmpty()) {
            return usage(QStringLiteral("--query needs a query, such as \"os.version < 12\" (docs/groups.md)"));
        }
    }
    invocation.groupDescription = parser.value(descriptionOption);
    invocation.reason = parser.value(reasonOption).trimmed();
    if (parser.isSet(sheetOption)) {
        invocation.sheetFile = parser.value(sheetOption);
        if (invocation.sheetFile.trimmed().isEmpty()) {
            return usage(QStringLiteral("--sheet needs a file name, such as sheet.pdf"));
        }
    }
    if (parser.isSet(usesOption)) {
        const auto uses = positiveNumber(parser.value(usesOption), 100000);
        if (!uses) {
            return usage(
                QStringLiteral("--uses needs a number from 1 to 100000, not '%1'").arg(parser.value(usesOption)));
        }
        invocation.uses = int(*uses);
    }
    if (parser.isSet(ttlOption)) {
        const qint64 minimum = command == Command::ApiTokenCreate ? minApiTokenTtlSeconds : 1;
        const auto ttl = positiveNumber(parser.value(ttlOption), maxTtlSeconds);
        if (!ttl || *ttl < minimum) {
            return usage(QStringLiteral("--ttl needs a number of seconds from %1 to %2, not '%3'")
                             .arg(minimum)
                             .arg(maxTtlSeconds)
                             .arg(parser.value(ttlOption)));
        }
        (command == Command::ApiTokenCreate ? invocation.apiTokenTtlSeconds : invocation.ttlSeconds) = *ttl;
    }
    if (parser.isSet(limitOption)) {
        const qint64 maxLimit = command == Command::Search ? 500 : 10000; // the server's bounds
        const auto limit = positiveNumber(parser.value(limitOption), maxLimit);
        if (!limit) {
            return usage(QStringLiteral("--limit needs a number from 1 to %1, not '%2'")
                             .arg(maxLimit)
                             .arg(parser.value(limitOption)));
        }
        invocation.limit = int(*limit);
    }
    AuditQuery &audit = invocation.auditQuery;
    audit.actor = parser.value(actorOption);
    audit.action = parser.value(actionOption);
    audit.target = parser.value(targetOption);
    audit.outcome = parser.value(outcomeOption);
    for (const auto &[option, time] : {std::pair{&fromOption, &audit.from}, std::pair{&toOption, &audit.to}}) {
        if (parser.isSet(*option)) {
            *time = zonedTime(parser.value(*option));
            if (!time->isValid()) {
                return usage(QStringLiteral("--%1 needs an ISO 8601 time with a zone, such as "
                                            "2024-05-01T12:00:00Z, not '%2'")
                                 .arg(option->names().constFirst(), parser.value(*option)));
            }
        }
    }
    if (parser.isSet(beforeOption)) {
        const auto before = positiveNumber(parser.value(beforeOption), std::numeric_limits<qint64>::max());
        if (!before) {
            return usage(QStringLiteral("--before needs an audit entry id (a whole number from 1), not '%1'")
                             .arg(parser.value(beforeOption)));
        }
        audit.before = *before;
    }
    if (parser.isSet(roleOption)) {
        invocation.role = parser.value(roleOption);
        if (!roles.contains(invocation.role)) {
            return usage(QStringLiteral("--role must be admin or helpdesk, not '%1'").arg(invocation.role));
        }
    } else if (command == Command::UserCreate) {
        return usage(QStringLiteral("'user create' needs --role admin or --role helpdesk"));
    }
    if (command == Command::ApiTokenCreate) {
        invocation.apiTokenName = parser.value(nameOption);
        if (invocation.apiTokenName.trimmed().isEmpty()) {
            return usage(QStringLiteral("'api-token create' needs --name NAME (what the token is for)"));
        }
    }
    if (command == Command::SigningAddOperator) {
        if (!parser.isSet(nameOption)) {
            return usage(QStringLiteral("'signing add-operator' needs --name NAME: who holds the operator key"));
        }
        const Result<QString> name = jobargs::operatorName(parser.value(nameOption));
        if (!name) {
            return usage(name.error().message);
        }
        invocation.operatorName = name.value();
    }
    invocation.json = parser.isSet(jsonOption);
    if (!invocation.usesServer()) {
        // Local files only: no server, CA or login, whatever the environment says.
        return invocation;
    }

    // The password files: which is the login's, which the new password.
    const PasswordFiles passwordFiles = passwordFilesByPosition(all, options);
    QString loginPasswordFile;
    if (setsPassword) {
        if (passwordFiles.afterCommand.isEmpty()) {
            return usage(QStringLiteral("'%1' needs --password-file FILE after the command: the new password")
                             .arg(words.mid(0, command == Command::Password ? 1 : 2).join(QLatin1Char(' '))));
        }
        if (passwordFiles.afterCommand.size() > 1) {
            return usage(
                QStringLiteral("--password-file is given twice after the command: there it names the new "
                               "password; give the login's before the command or in STEWARD_PASSWORD_FILE"));
        }
        invocation.newPasswordFile = passwordFiles.afterCommand.constFirst();
        loginPasswordFile = passwordFiles.beforeCommand.value(passwordFiles.beforeCommand.size() - 1);
    } else if (parser.isSet(passwordFileOption)) {
        loginPasswordFile = parser.value(passwordFileOption);
    }
    if (setsPassword && invocation.newPasswordFile.isEmpty()) {
        return usage(QStringLiteral("--password-file needs a file name"));
    }
    invocation.currentPasswordFile = parser.value(currentPasswordFileOption);

    const Result<QUrl> server = ApiClient::parseServerUrl(
        pick(parser, serverOption, environment, QStringLiteral("STEWARD_SERVER"), QLatin1String(defaultServer)));
    if (!server) {
        return usage(server.error().message);
    }
    invocation.server = server.value();
    invocation.caFile = pick(parser, caOption, environment, QStringLiteral("STEWARD_CA"));
    if (invocation.caFile.isEmpty()) {
        return usage(QStringLiteral("no CA certificate: use --ca FILE or STEWARD_CA"));
    }

    // A token file or a login. Flags win over the environment; a token and a login on the
    // command line together are a mistake, not a preference.
    const bool loginFlags =
        parser.isSet(userOption) || !loginPasswordFile.isEmpty() || parser.isSet(currentPasswordFileOption);
    if (parser.isSet(tokenFileOption)) {
        if (loginFlags) {
            return usage(
                QStringLiteral("--token-file replaces logging in: do not combine it with --user, a login "
                               "--password-file or --current-password-file"));
        }
        invocation.tokenFile = parser.value(tokenFileOption);
    } else if (!loginFlags && command != Command::Password) {
        // An API token may not change a password, so `password` logs in even when one is set.
        invocation.tokenFile = environment.value(QStringLiteral("STEWARD_TOKEN_FILE"));
    }
    if (invocation.usesApiToken()) {
        if (command == Command::Password) {
            return usage(
                QStringLiteral("'password' needs a login with --user and your current password, not an "
                               "API token"));
        }
        return invocation;
    }

    invocation.user = pick(parser, userOption, environment, QStringLiteral("STEWARD_USER"));
    invocation.passwordFile =
        loginPasswordFile.isEmpty() ? environment.value(QStringLiteral("STEWARD_PASSWORD_FILE")) : loginPasswordFile;
    if (invocation.passwordFile.isEmpty() && command == Command::Password) {
        // Changing one's own password: the current one logs in too.
        invocation.passwordFile = invocation.currentPasswordFile;
    }
    if (invocation.user.isEmpty()) {
        return usage(QStringLiteral("no user: use --user NAME or STEWARD_USER (or an API token with --token-file)"));
    }
    if (invocation.passwordFile.isEmpty() && setsPassword) {
        return usage(
            QStringLiteral("no password file to log in with: give --password-file FILE before the command, "
                           "or STEWARD_PASSWORD_FILE"));
    }
    if (invocation.passwordFile.isEmpty()) {
        return usage(QStringLiteral("no password file: use --password-file FILE or STEWARD_PASSWORD_FILE"));
    }
    return invocation;
}

} // namespace steward::app
