// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlCommandLine.h"

#include "ApiClient.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace steward::app
{

namespace
{
Error usage(const QString &message)
{
    return makeError(QStringLiteral("usage"), message + QStringLiteral(" (see stewardctl --help)"));
}

// Flag first, then environment, then the default.
QString pick(const QCommandLineParser &parser, const QCommandLineOption &option, const QProcessEnvironment &environment,
             const QString &variable, const QString &fallback = {})
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

const QString commandsHelp = QStringLiteral(
    "Administer a Steward site server over its admin API.\n"
    "\n"
    "Commands:\n"
    "  token create [--uses N] [--ttl SECONDS]  create an enrollment token for new devices\n"
    "  devices                                  list enrolled devices and their compliance\n"
    "  device ID                                show one device and why it is (not) compliant\n"
    "  device revoke ID                         revoke a device's certificate\n"
    "  audit [--limit N]                        show the most recent audit log entries\n"
    "\n"
    "Environment: STEWARD_SERVER, STEWARD_CA, STEWARD_USER, STEWARD_PASSWORD_FILE\n"
    "(command-line options take precedence).");
} // namespace

Result<CtlCommandLine::Invocation> CtlCommandLine::parse(const QStringList &arguments,
                                                         const QProcessEnvironment &environment,
                                                         const QString &version)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(commandsHelp);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QStringLiteral("Admin API URL (default %1).")
                                              .arg(QLatin1String(defaultServer)),
                                          QStringLiteral("URL"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
                                      QStringLiteral("The site CA certificate (ca.pem), the only CA trusted."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("User name to log in as."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption passwordFileOption(QStringLiteral("password-file"),
                                                QStringLiteral("File whose first line is the password."),
                                                QStringLiteral("FILE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print the API's JSON answer instead of text."));
    const QCommandLineOption usesOption(QStringLiteral("uses"),
                                        QStringLiteral("token create: how many devices may enroll (default 1)."),
                                        QStringLiteral("N"));
    const QCommandLineOption ttlOption(QStringLiteral("ttl"),
                                       QStringLiteral("token create: validity in seconds (default 86400)."),
                                       QStringLiteral("SECONDS"));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
                                         QStringLiteral("audit: how many entries (default 50)."),
                                         QStringLiteral("N"));
    parser.addOptions({helpOption, versionOption, serverOption, caOption, userOption, passwordFileOption, jsonOption,
                       usesOption, ttlOption, limitOption});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do (see Commands)."),
                                 QStringLiteral("COMMAND [ARGS...]"));

    if (!parser.parse(arguments.isEmpty() ? QStringList{QStringLiteral("stewardctl")} : arguments)) {
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
    const QString first = words.value(0);
    const QString second = words.value(1);
    std::optional<Error> extra;
    if (words.isEmpty()) {
        return usage(QStringLiteral("no command given"));
    } else if (first == QLatin1String("token")) {
        if (second != QLatin1String("create")) {
            return usage(second.isEmpty() ? QStringLiteral("'token' needs a subcommand: token create")
                                          : QStringLiteral("unknown subcommand 'token %1'").arg(second));
        }
        invocation.command = Command::TokenCreate;
        extra = expectWords(2);
    } else if (first == QLatin1String("devices")) {
        invocation.command = Command::Devices;
        extra = expectWords(1);
    } else if (first == QLatin1String("device")) {
        if (second == QLatin1String("revoke")) {
            invocation.command = Command::DeviceRevoke;
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
    } else if (first == QLatin1String("audit")) {
        invocation.command = Command::Audit;
        extra = expectWords(1);
    } else {
        return usage(QStringLiteral("unknown command '%1'").arg(first));
    }
    if (extra) {
        return *extra;
    }

    if (parser.isSet(usesOption) || parser.isSet(ttlOption)) {
        if (invocation.command != Command::TokenCreate) {
            return usage(QStringLiteral("--uses and --ttl only apply to 'token create'"));
        }
    }
    if (parser.isSet(limitOption) && invocation.command != Command::Audit) {
        return usage(QStringLiteral("--limit only applies to 'audit'"));
    }
    if (parser.isSet(usesOption)) {
        const auto uses = positiveNumber(parser.value(usesOption), 100000);
        if (!uses) {
            return usage(QStringLiteral("--uses needs a number from 1 to 100000, not '%1'").arg(parser.value(usesOption)));
        }
        invocation.uses = int(*uses);
    }
    if (parser.isSet(ttlOption)) {
        const auto ttl = positiveNumber(parser.value(ttlOption), qint64(366) * 24 * 3600);
        if (!ttl) {
            return usage(QStringLiteral("--ttl needs a number of seconds from 1 to 31622400, not '%1'")
                             .arg(parser.value(ttlOption)));
        }
        invocation.ttlSeconds = *ttl;
    }
    if (parser.isSet(limitOption)) {
        const auto limit = positiveNumber(parser.value(limitOption), 10000);
        if (!limit) {
            return usage(QStringLiteral("--limit needs a number from 1 to 10000, not '%1'").arg(parser.value(limitOption)));
        }
        invocation.limit = int(*limit);
    }
    invocation.json = parser.isSet(jsonOption);

    const Result<QUrl> server = ApiClient::parseServerUrl(
        pick(parser, serverOption, environment, QStringLiteral("STEWARD_SERVER"), QLatin1String(defaultServer)));
    if (!server) {
        return usage(server.error().message);
    }
    invocation.server = server.value();
    invocation.caFile = pick(parser, caOption, environment, QStringLiteral("STEWARD_CA"));
    invocation.user = pick(parser, userOption, environment, QStringLiteral("STEWARD_USER"));
    invocation.passwordFile = pick(parser, passwordFileOption, environment, QStringLiteral("STEWARD_PASSWORD_FILE"));
    if (invocation.caFile.isEmpty()) {
        return usage(QStringLiteral("no CA certificate: use --ca FILE or STEWARD_CA"));
    }
    if (invocation.user.isEmpty()) {
        return usage(QStringLiteral("no user: use --user NAME or STEWARD_USER"));
    }
    if (invocation.passwordFile.isEmpty()) {
        return usage(QStringLiteral("no password file: use --password-file FILE or STEWARD_PASSWORD_FILE"));
    }
    return invocation;
}

} // namespace steward::app
