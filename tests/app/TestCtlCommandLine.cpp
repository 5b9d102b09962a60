// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlCommandLine.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTest>

using steward::app::CtlCommandLine;
namespace jobargs = steward::app::jobargs;
namespace deployment = steward::app::deployment;
using Command = CtlCommandLine::Command;
using Action = CtlCommandLine::Action;

Q_DECLARE_METATYPE(CtlCommandLine::Command)
Q_DECLARE_METATYPE(CtlCommandLine::Action)

namespace
{
QStringList args(const char *line)
{
    QStringList list{QStringLiteral("stewardctl")};
    const QString text = QString::fromUtf8(line);
    if (!text.isEmpty()) {
        list += text.split(QLatin1Char(' '));
    }
    return list;
}

const char *const credentials = "--ca /etc/steward/ca.pem --user alice --password-file /run/pw";

// What the job commands' times count from.
const QDateTime jobNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

QStringList with(const char *command)
{
    return args(command) + args(credentials).mid(1);
}

// `command` whose last option takes `value`, a value with spaces or control characters in it.
QStringList withValue(const char *command, const QString &value)
{
    return (args(command) << value) + args(credentials).mid(1);
}
} // namespace

class TestCtlCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void good_data();
    void good();
    void bad_data();
    void bad();
    void accounts_data();
    void accounts();
    void auditFilters_data();
    void auditFilters();
    void passwordFilesByPosition_data();
    void passwordFilesByPosition();
    void tokenFile_data();
    void tokenFile();
    void wantsJson_data();
    void wantsJson();
    void environmentFallback();
    void flagsWinOverEnvironment();
    void helpAndVersion();

    // Signed jobs.
    void signing_data();
    void signing();
    void createRootNeedsNoServer();
    void jobCommands_data();
    void jobCommands();
    void patchJob_data();
    void patchJob();
    void rollout();
    void jobsBad_data();
    void jobsBad();
    void durations_data();
    void durations();
    void times_data();
    void times();
    void packages_data();
    void packages();
    void orgUnits_data();
    void orgUnits();
    void groups_data();
    void groups();
    void jobTargets();
    void policies_data();
    void policies();
    void sheet();
};

void TestCtlCommandLine::good_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<int>("uses");
    QTest::addColumn<qint64>("ttl");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("server");

    const QString defaultServer = QStringLiteral("https://localhost:8731");
    QTest::newRow("devices") << with("devices") << Command::Devices << QString() << 1 << qint64(86400) << 50 << false
                             << defaultServer;
    QTest::newRow("devices --json") << with("devices --json") << Command::Devices << QString() << 1 << qint64(86400)
                                    << 50 << true << defaultServer;
    QTest::newRow("device ID") << with("device d-42") << Command::Device << QStringLiteral("d-42") << 1 << qint64(86400)
                               << 50 << false << defaultServer;
    QTest::newRow("device revoke ID") << with("device revoke d-42") << Command::DeviceRevoke << QStringLiteral("d-42")
                                      << 1 << qint64(86400) << 50 << false << defaultServer;
    QTest::newRow("device delete ID") << with("device delete d-42") << Command::DeviceDelete << QStringLiteral("d-42")
                                      << 1 << qint64(86400) << 50 << false << defaultServer;
    QTest::newRow("token create defaults") << with("token create") << Command::TokenCreate << QString() << 1
                                           << qint64(86400) << 50 << false << defaultServer;
    QTest::newRow("token create --uses --ttl")
        << with("token create --uses 25 --ttl 3600 --json") << Command::TokenCreate << QString() << 25 << qint64(3600)
        << 50 << true << defaultServer;
    QTest::newRow("audit --limit") << with("audit --limit 10") << Command::Audit << QString() << 1 << qint64(86400)
                                   << 10 << false << defaultServer;
    QTest::newRow("options before command")
        << args("--server https://10.0.0.5:9000 --ca c.pem --user u --password-file p devices") << Command::Devices
        << QString() << 1 << qint64(86400) << 50 << false << QStringLiteral("https://10.0.0.5:9000");
    QTest::newRow("bare host gets https and 8731")
        << with("--server steward-srv devices") << Command::Devices << QString() << 1 << qint64(86400) << 50 << false
        << QStringLiteral("https://steward-srv:8731");
}

void TestCtlCommandLine::good()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, deviceId);
    QFETCH(int, uses);
    QFETCH(qint64, ttl);
    QFETCH(int, limit);
    QFETCH(bool, json);
    QFETCH(QString, server);

    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const CtlCommandLine::Invocation &invocation = result.value();
    QCOMPARE(invocation.action, Action::Run);
    QCOMPARE(invocation.command, command);
    QCOMPARE(invocation.deviceId, deviceId);
    QCOMPARE(invocation.uses, uses);
    QCOMPARE(invocation.ttlSeconds, ttl);
    QCOMPARE(invocation.limit, limit);
    QCOMPARE(invocation.json, json);
    QCOMPARE(invocation.server.toString(), server);
}

void TestCtlCommandLine::auditFilters_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("texts"); // actor, action, target, outcome
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<qint64>("before");

    QTest::newRow("none") << with("audit") << QStringList{QString(), QString(), QString(), QString()} << QDateTime()
                          << QDateTime() << qint64(0);
    QTest::newRow("all") << with(
        "audit --actor alice --action device.* --target d-42 --outcome denied --from 2024-05-01T00:00:00Z "
        "--to 2024-05-02T00:00:00+02:00 --before 1234 --limit 20")
                         << QStringList{QStringLiteral("alice"),
                                        QStringLiteral("device.*"),
                                        QStringLiteral("d-42"),
                                        QStringLiteral("denied")}
                         << QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC)
                         << QDateTime(QDate(2024, 5, 1), QTime(22, 0), Qt::UTC) << qint64(1234);
}

void TestCtlCommandLine::auditFilters()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, texts);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(qint64, before);

    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, Command::Audit);
    const steward::app::AuditQuery &query = result.value().auditQuery;
    QCOMPARE((QStringList{query.actor, query.action, query.target, query.outcome}), texts);
    QCOMPARE(query.from, from);
    QCOMPARE(query.to, to);
    QCOMPARE(query.before, before);
}

void TestCtlCommandLine::bad_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");

    QTest::newRow("nothing") << args("") << QStringLiteral("no command given");
    QTest::newRow("unknown command") << with("reboot") << QStringLiteral("unknown command 'reboot'");
    QTest::newRow("unknown option") << with("devices --frobnicate") << QStringLiteral("frobnicate");
    QTest::newRow("token without create") << with("token") << QStringLiteral("token create");
    QTest::newRow("token delete") << with("token delete") << QStringLiteral("unknown subcommand 'token delete'");
    QTest::newRow("device without id") << with("device") << QStringLiteral("needs a device id");
    QTest::newRow("revoke without id") << with("device revoke") << QStringLiteral("needs a device id");
    QTest::newRow("delete without id") << with("device delete") << QStringLiteral("'device delete' needs a device id");
    QTest::newRow("delete two ids") << with("device delete d-1 d-2") << QStringLiteral("unexpected argument 'd-2'");
    QTest::newRow("extra argument") << with("devices now") << QStringLiteral("unexpected argument 'now'");
    QTest::newRow("uses not a number") << with("token create --uses many") << QStringLiteral("--uses");
    QTest::newRow("uses zero") << with("token create --uses 0") << QStringLiteral("--uses");
    QTest::newRow("ttl negative") << with("token create --ttl -5") << QStringLiteral("--ttl");
    QTest::newRow("limit on devices") << with("devices --limit 5") << QStringLiteral("--limit only applies");
    QTest::newRow("uses on audit") << with("audit --uses 5") << QStringLiteral("--uses only applies to 'token create'");
    QTest::newRow("ttl on devices") << with("devices --ttl 60") << QStringLiteral("--ttl only applies");
    QTest::newRow("audit what") << with("audit everything") << QStringLiteral("unknown subcommand 'audit everything'");
    QTest::newRow("audit verify extra") << with("audit verify now") << QStringLiteral("unexpected argument 'now'");
    QTest::newRow("limit on audit verify") << with("audit verify --limit 5") << QStringLiteral("--limit only applies");
    QTest::newRow("actor on devices") << with("devices --actor alice")
                                      << QStringLiteral("--actor only applies to 'audit'");
    QTest::newRow("before on audit verify")
        << with("audit verify --before 9") << QStringLiteral("--before only applies to 'audit'");
    QTest::newRow("from without a zone")
        << with("audit --from 2024-05-01T12:00:00")
        << QStringLiteral(
               "--from needs an ISO 8601 time with a zone, such as 2024-05-01T12:00:00Z, not "
               "'2024-05-01T12:00:00'");
    QTest::newRow("to not a time") << with("audit --to yesterday") << QStringLiteral("--to needs an ISO 8601 time");
    QTest::newRow("before zero") << with("audit --before 0") << QStringLiteral("--before needs an audit entry id");
    QTest::newRow("before not a number") << with("audit --before last")
                                         << QStringLiteral("--before needs an audit entry id");

    // user
    QTest::newRow("user alone") << with("user") << QStringLiteral("'user' needs a subcommand");
    QTest::newRow("user delete") << with("user delete bob") << QStringLiteral("unknown subcommand 'user delete'");
    QTest::newRow("user list extra") << with("user list all") << QStringLiteral("unexpected argument 'all'");
    QTest::newRow("user create without name")
        << with("user create") << QStringLiteral("'user create' needs a user name");
    QTest::newRow("user create without role")
        << args("--ca c --user u --password-file p user create bob --password-file n")
        << QStringLiteral("needs --role");
    QTest::newRow("user create bad role")
        << args("--ca c --user u --password-file p user create bob --role root --password-file n")
        << QStringLiteral("--role must be admin or helpdesk, not 'root'");
    QTest::newRow("user create without new password")
        << args("--ca c --user u --password-file p user create bob --role helpdesk")
        << QStringLiteral("'user create' needs --password-file FILE after the command");
    QTest::newRow("user create two new passwords")
        << args("user create bob --role helpdesk --password-file n --ca c --user u --password-file p")
        << QStringLiteral("--password-file is given twice after the command");
    QTest::newRow("user create no login password")
        << args("--ca c --user u user create bob --role helpdesk --password-file n")
        << QStringLiteral("no password file to log in with");
    QTest::newRow("user create two names")
        << with("user create bob alice --role helpdesk") << QStringLiteral("unexpected argument 'alice'");
    QTest::newRow("user disable without name")
        << with("user disable") << QStringLiteral("'user disable' needs a user name");
    QTest::newRow("user enable without name")
        << with("user enable") << QStringLiteral("'user enable' needs a user name");
    QTest::newRow("user password without name")
        << with("user password") << QStringLiteral("'user password' needs a user name");
    QTest::newRow("user password without new password")
        << args("--ca c --user u --password-file p user password bob")
        << QStringLiteral("'user password' needs --password-file FILE after the command");
    QTest::newRow("role on user list") << with("user list --role admin") << QStringLiteral("--role only applies");
    QTest::newRow("role on user disable")
        << with("user disable bob --role admin") << QStringLiteral("--role only applies");

    // password
    QTest::newRow("password without new password")
        << args("--ca c --user u --password-file p password")
        << QStringLiteral("'password' needs --password-file FILE after the command");
    QTest::newRow("password extra") << args("--ca c --user u --password-file p password now --password-file n")
                                    << QStringLiteral("unexpected argument 'now'");
    QTest::newRow("current password on devices")
        << with("devices --current-password-file f")
        << QStringLiteral("--current-password-file only applies to 'password'");
    QTest::newRow("password with a token")
        << args("--ca c --token-file t password --password-file n") << QStringLiteral("not an API token");

    // api-token
    QTest::newRow("api-token alone") << with("api-token") << QStringLiteral("'api-token' needs a subcommand");
    QTest::newRow("api-token delete") << with("api-token delete t-1")
                                      << QStringLiteral("unknown subcommand 'api-token delete'");
    QTest::newRow("api-token create without name") << with("api-token create") << QStringLiteral("needs --name NAME");
    QTest::newRow("api-token create blank name")
        << (args("--ca c --user u --password-file p api-token create --name") << QStringLiteral("  "))
        << QStringLiteral("needs --name NAME");
    QTest::newRow("api-token ttl too short")
        << with("api-token create --name ci --ttl 59") << QStringLiteral("--ttl needs a number of seconds from 60");
    QTest::newRow("api-token ttl too long") << with("api-token create --name ci --ttl 99999999")
                                            << QStringLiteral("--ttl needs a number of seconds from 60 to 31622400");
    QTest::newRow("api-token bad role") << with("api-token create --name ci --role superuser")
                                        << QStringLiteral("--role must be admin or helpdesk");
    QTest::newRow("api-token uses") << with("api-token create --name ci --uses 3")
                                    << QStringLiteral("--uses only applies");
    QTest::newRow("name on token create") << with("token create --name ci") << QStringLiteral("--name only applies");
    QTest::newRow("api-token revoke without id") << with("api-token revoke") << QStringLiteral("needs a token id");
    QTest::newRow("api-token list extra")
        << with("api-token list mine") << QStringLiteral("unexpected argument 'mine'");

    // token files
    QTest::newRow("token file and user") << args("--ca c --token-file t --user u devices")
                                         << QStringLiteral("--token-file replaces logging in");
    QTest::newRow("token file and password file") << args("--ca c --token-file t --password-file p devices")
                                                  << QStringLiteral("--token-file replaces logging in");
    QTest::newRow("token file without value") << args("--ca c devices --token-file") << QStringLiteral("token-file");
    QTest::newRow("limit too big") << with("audit --limit 99999999") << QStringLiteral("--limit");
    QTest::newRow("plain http") << with("--server http://10.0.0.5:8731 devices") << QStringLiteral("https://");
    QTest::newRow("no ca") << args("devices --user u --password-file p") << QStringLiteral("--ca");
    QTest::newRow("no user") << args("devices --ca c --password-file p") << QStringLiteral("--user");
    QTest::newRow("no password file") << args("devices --ca c --user u") << QStringLiteral("--password-file");
    QTest::newRow("option without value") << args("devices --ca") << QStringLiteral("ca");
}

void TestCtlCommandLine::bad()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("usage"));
    QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QLatin1String("--help")), "every usage error points at --help");
    QVERIFY(!result.error().message.contains(QLatin1Char('\n')));
}

void TestCtlCommandLine::accounts_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("newPasswordFile");
    QTest::addColumn<QString>("apiTokenName");
    QTest::addColumn<QString>("apiTokenId");
    QTest::addColumn<qint64>("apiTokenTtl");
    QTest::addColumn<bool>("json");

    const auto login = [](const char *command) {
        return args(credentials) + args(command).mid(1);
    };
    QTest::newRow("audit verify") << with("audit verify") << Command::AuditVerify << QString() << QString() << QString()
                                  << QString() << QString() << qint64(0) << false;
    QTest::newRow("user list --json") << with("user list --json") << Command::UserList << QString() << QString()
                                      << QString() << QString() << QString() << qint64(0) << true;
    QTest::newRow("user create") << login("user create bob --role helpdesk --password-file /run/bob")
                                 << Command::UserCreate << QStringLiteral("bob") << QStringLiteral("helpdesk")
                                 << QStringLiteral("/run/bob") << QString() << QString() << qint64(0) << false;
    QTest::newRow("user create, options first")
        << login("user create --password-file=/run/bob --role admin bob --json") << Command::UserCreate
        << QStringLiteral("bob") << QStringLiteral("admin") << QStringLiteral("/run/bob") << QString() << QString()
        << qint64(0) << true;
    QTest::newRow("user disable") << with("user disable bob") << Command::UserDisable << QStringLiteral("bob")
                                  << QString() << QString() << QString() << QString() << qint64(0) << false;
    QTest::newRow("user enable") << with("user enable bob") << Command::UserEnable << QStringLiteral("bob") << QString()
                                 << QString() << QString() << QString() << qint64(0) << false;
    QTest::newRow("user password") << login("user password bob --password-file /run/new") << Command::UserPassword
                                   << QStringLiteral("bob") << QString() << QStringLiteral("/run/new") << QString()
                                   << QString() << qint64(0) << false;
    QTest::newRow("password") << login("password --password-file /run/new") << Command::Password << QString()
                              << QString() << QStringLiteral("/run/new") << QString() << QString() << qint64(0)
                              << false;
    QTest::newRow("api-token create") << with("api-token create --name ci --json") << Command::ApiTokenCreate
                                      << QString() << QString() << QString() << QStringLiteral("ci") << QString()
                                      << qint64(0) << true;
    QTest::newRow("api-token create --ttl --role")
        << with("api-token create --name nightly --ttl 3600 --role helpdesk") << Command::ApiTokenCreate << QString()
        << QStringLiteral("helpdesk") << QString() << QStringLiteral("nightly") << QString() << qint64(3600) << false;
    QTest::newRow("api-token list") << with("api-token list") << Command::ApiTokenList << QString() << QString()
                                    << QString() << QString() << QString() << qint64(0) << false;
    QTest::newRow("api-token revoke") << with("api-token revoke t-0001") << Command::ApiTokenRevoke << QString()
                                      << QString() << QString() << QString() << QStringLiteral("t-0001") << qint64(0)
                                      << false;
}

void TestCtlCommandLine::accounts()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, userName);
    QFETCH(QString, role);
    QFETCH(QString, newPasswordFile);
    QFETCH(QString, apiTokenName);
    QFETCH(QString, apiTokenId);
    QFETCH(qint64, apiTokenTtl);
    QFETCH(bool, json);

    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const CtlCommandLine::Invocation &invocation = result.value();
    QCOMPARE(invocation.command, command);
    QCOMPARE(invocation.userName, userName);
    QCOMPARE(invocation.role, role);
    QCOMPARE(invocation.newPasswordFile, newPasswordFile);
    QCOMPARE(invocation.apiTokenName, apiTokenName);
    QCOMPARE(invocation.apiTokenId, apiTokenId);
    QCOMPARE(invocation.apiTokenTtlSeconds, apiTokenTtl);
    QCOMPARE(invocation.json, json);
    // The login is the one given before the command.
    QCOMPARE(invocation.user, QStringLiteral("alice"));
    QCOMPARE(invocation.passwordFile, QStringLiteral("/run/pw"));
    QVERIFY(!invocation.usesApiToken());
    QCOMPARE(invocation.ttlSeconds, qint64(86400)); // the enrollment token's default is untouched
}

void TestCtlCommandLine::passwordFilesByPosition_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environmentPasswordFile");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("newPassword");
    QTest::addColumn<QString>("current");

    QTest::newRow("devices: after the command logs in")
        << args("devices --ca c --user u --password-file /login") << QString() << QStringLiteral("/login") << QString()
        << QString();
    QTest::newRow("user create: env logs in")
        << args("--ca c --user u user create bob --role helpdesk --password-file /new") << QStringLiteral("/env")
        << QStringLiteral("/env") << QStringLiteral("/new") << QString();
    QTest::newRow("user create: flag before wins over env")
        << args("--ca c --user u --password-file /login user create bob --role helpdesk --password-file /new")
        << QStringLiteral("/env") << QStringLiteral("/login") << QStringLiteral("/new") << QString();
    QTest::newRow("user password: --opt=value form")
        << args("--ca=c --user=u --password-file=/login user password bob --password-file=/new") << QString()
        << QStringLiteral("/login") << QStringLiteral("/new") << QString();
    QTest::newRow("password: the current password logs in")
        << args("--ca c --user u password --password-file /new --current-password-file /old") << QString()
        << QStringLiteral("/old") << QStringLiteral("/new") << QStringLiteral("/old");
    QTest::newRow("password: login and current apart")
        << args("--ca c --user u --password-file /login password --password-file /new --current-password-file /old")
        << QString() << QStringLiteral("/login") << QStringLiteral("/new") << QStringLiteral("/old");
    QTest::newRow("password: env logs in")
        << args("--ca c --user u password --password-file /new") << QStringLiteral("/env") << QStringLiteral("/env")
        << QStringLiteral("/new") << QString();
}

void TestCtlCommandLine::passwordFilesByPosition()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environmentPasswordFile);
    QFETCH(QString, login);
    QFETCH(QString, newPassword);
    QFETCH(QString, current);
    QProcessEnvironment environment;
    if (!environmentPasswordFile.isEmpty()) {
        environment.insert(QStringLiteral("STEWARD_PASSWORD_FILE"), environmentPasswordFile);
    }
    const auto result = CtlCommandLine::parse(arguments, environment, QStringLiteral("1.2.3"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().passwordFile, login);
    QCOMPARE(result.value().newPasswordFile, newPassword);
    QCOMPARE(result.value().currentPasswordFile, current);
}

void TestCtlCommandLine::tokenFile_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment"); // NAME=VALUE
    QTest::addColumn<QString>("tokenFile"); // empty: a login
    QTest::addColumn<QString>("user");

    QTest::newRow("flag") << args("--ca c --token-file /tok devices") << QStringList() << QStringLiteral("/tok")
                          << QString();
    QTest::newRow("flag after the command")
        << args("devices --json --ca c --token-file /tok") << QStringList() << QStringLiteral("/tok") << QString();
    QTest::newRow("flag beats a login in the environment")
        << args("--ca c --token-file /tok devices")
        << QStringList{QStringLiteral("STEWARD_USER=envuser"), QStringLiteral("STEWARD_PASSWORD_FILE=/env")}
        << QStringLiteral("/tok") << QString();
    QTest::newRow("environment") << args("--ca c user list")
                                 << QStringList{QStringLiteral("STEWARD_TOKEN_FILE=/envtok")}
                                 << QStringLiteral("/envtok") << QString();
    QTest::newRow("environment token beats environment login")
        << args("--ca c devices")
        << QStringList{QStringLiteral("STEWARD_TOKEN_FILE=/envtok"),
                       QStringLiteral("STEWARD_USER=envuser"),
                       QStringLiteral("STEWARD_PASSWORD_FILE=/env")}
        << QStringLiteral("/envtok") << QString();
    QTest::newRow("login flags beat an environment token")
        << args("--ca c --user flaguser --password-file /pw devices")
        << QStringList{QStringLiteral("STEWARD_TOKEN_FILE=/envtok")} << QString() << QStringLiteral("flaguser");
    QTest::newRow("password logs in despite an environment token")
        << args("--ca c password --password-file /new")
        << QStringList{QStringLiteral("STEWARD_TOKEN_FILE=/envtok"),
                       QStringLiteral("STEWARD_USER=envuser"),
                       QStringLiteral("STEWARD_PASSWORD_FILE=/env")}
        << QString() << QStringLiteral("envuser");
    QTest::newRow("user create with a token")
        << args("--ca c --token-file /tok user create bob --role helpdesk --password-file /new") << QStringList()
        << QStringLiteral("/tok") << QString();
}

void TestCtlCommandLine::tokenFile()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, tokenFile);
    QFETCH(QString, user);
    QProcessEnvironment variables;
    for (const QString &assignment : environment) {
        variables.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
    }
    const auto result = CtlCommandLine::parse(arguments, variables, QStringLiteral("1.2.3"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().tokenFile, tokenFile);
    QCOMPARE(result.value().usesApiToken(), !tokenFile.isEmpty());
    QCOMPARE(result.value().user, user);
    if (result.value().usesApiToken()) {
        QVERIFY(result.value().passwordFile.isEmpty()); // no login at all
    }
}

void TestCtlCommandLine::wantsJson_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("json");
    QTest::newRow("none") << args("devices") << false;
    QTest::newRow("after") << args("devicez --json") << true;
    QTest::newRow("before, with a bad option") << args("--json --frobnicate devices") << true;
    QTest::newRow("single dash") << args("-json user list") << true;
    QTest::newRow("after --") << args("devices -- --json") << false;
    QTest::newRow("a value, not the flag")
        << args("api-token create --name --json") << true; // unknowable; JSON is harmless
}

void TestCtlCommandLine::wantsJson()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, json);
    QCOMPARE(CtlCommandLine::wantsJson(arguments), json);
}

void TestCtlCommandLine::environmentFallback()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("STEWARD_SERVER"), QStringLiteral("https://192.0.2.10:8731"));
    environment.insert(QStringLiteral("STEWARD_CA"), QStringLiteral("/env/ca.pem"));
    environment.insert(QStringLiteral("STEWARD_USER"), QStringLiteral("envuser"));
    environment.insert(QStringLiteral("STEWARD_PASSWORD_FILE"), QStringLiteral("/env/pw"));
    const auto result = CtlCommandLine::parse(args("devices"), environment, QStringLiteral("1.2.3"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().server.toString(), QStringLiteral("https://192.0.2.10:8731"));
    QCOMPARE(result.value().caFile, QStringLiteral("/env/ca.pem"));
    QCOMPARE(result.value().user, QStringLiteral("envuser"));
    QCOMPARE(result.value().passwordFile, QStringLiteral("/env/pw"));
}

void TestCtlCommandLine::flagsWinOverEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("STEWARD_SERVER"), QStringLiteral("https://192.0.2.10:8731"));
    environment.insert(QStringLiteral("STEWARD_CA"), QStringLiteral("/env/ca.pem"));
    environment.insert(QStringLiteral("STEWARD_USER"), QStringLiteral("envuser"));
    environment.insert(QStringLiteral("STEWARD_PASSWORD_FILE"), QStringLiteral("/env/pw"));
    const auto result = CtlCommandLine::parse(args("--server 198.51.100.1 --user flaguser --ca /flag/ca.pem devices"),
                                              environment,
                                              QStringLiteral("1.2.3"));
    QVERIFY(result.ok());
    QCOMPARE(result.value().server.toString(), QStringLiteral("https://198.51.100.1:8731"));
    QCOMPARE(result.value().caFile, QStringLiteral("/flag/ca.pem"));
    QCOMPARE(result.value().user, QStringLiteral("flaguser"));
    QCOMPARE(result.value().passwordFile, QStringLiteral("/env/pw"));

    // A bad value in the environment is still a usage error.
    environment.insert(QStringLiteral("STEWARD_SERVER"), QStringLiteral("ftp://192.0.2.10"));
    QVERIFY(!CtlCommandLine::parse(args("devices"), environment, QStringLiteral("1.2.3")).ok());
}

void TestCtlCommandLine::helpAndVersion()
{
    const auto help = CtlCommandLine::parse(args("--help"), QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY(help.ok());
    QCOMPARE(help.value().action, Action::Help);
    QVERIFY(help.value().text.contains(QLatin1String("token create")));
    QVERIFY(help.value().text.contains(QLatin1String("--password-file")));
    for (const char *text : {"user create NAME --role ROLE --password-file FILE",
                             "user list",
                             "user disable NAME",
                             "user enable NAME",
                             "user password NAME",
                             "api-token create --name NAME",
                             "api-token list",
                             "api-token revoke ID",
                             "audit verify",
                             "--token-file",
                             "STEWARD_TOKEN_FILE",
                             "--current-password-file",
                             "signing create-root --out FILE",
                             "signing add-operator --root FILE --name NAME --out FILE",
                             "signing operators",
                             "job create patch (--devices ID[,ID...] | --group NAME | --ou PATH) (--security | --all",
                             "group create NAME [--query EXPR]",
                             "query EXPR",
                             "--signing-key FILE",
                             "job cancel ID",
                             "job wait ID [--timeout SECONDS]",
                             "Exit status"}) {
        QVERIFY2(help.value().text.contains(QLatin1String(text)), text);
    }

    const auto version = CtlCommandLine::parse(args("--version"), QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY(version.ok());
    QCOMPARE(version.value().action, Action::Version);
    QCOMPARE(version.value().text, QStringLiteral("stewardctl 1.2.3\n"));
}

void TestCtlCommandLine::signing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("passphraseFile");
    QTest::addColumn<QString>("rootKeyFile");
    QTest::addColumn<QString>("rootPassphraseFile");
    QTest::addColumn<QString>("operatorName");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<int>("validDays");

    const QStringList patch{QStringLiteral("patch")};
    QTest::newRow("create-root") << args("signing create-root --out /keys/root.key") << Command::SigningCreateRoot
                                 << QStringLiteral("/keys/root.key") << QString() << QString() << QString() << QString()
                                 << patch << 365;
    QTest::newRow("create-root with a passphrase")
        << args("signing create-root --out=root.key --passphrase-file /run/pp --json") << Command::SigningCreateRoot
        << QStringLiteral("root.key") << QStringLiteral("/run/pp") << QString() << QString() << QString() << patch
        << 365;
    QTest::newRow("add-operator defaults")
        << with("signing add-operator --root root.key --name Olga --out olga.key") << Command::SigningAddOperator
        << QStringLiteral("olga.key") << QString() << QStringLiteral("root.key") << QString() << QStringLiteral("Olga")
        << patch << 365;
    QTest::newRow("add-operator every option")
        << with(
               "signing add-operator --root root.key --name Olga --out olga.key --kinds patch,license,patch "
               "--valid-days 90 --passphrase-file /run/pp --root-passphrase-file /run/root-pp")
        << Command::SigningAddOperator << QStringLiteral("olga.key") << QStringLiteral("/run/pp")
        << QStringLiteral("root.key") << QStringLiteral("/run/root-pp") << QStringLiteral("Olga")
        << QStringList{QStringLiteral("patch"), QStringLiteral("license")} << 90;
    QTest::newRow("add-operator name with spaces")
        << withValue("signing add-operator --root r --out o --name", QStringLiteral("  Olga Operator  "))
        << Command::SigningAddOperator << QStringLiteral("o") << QString() << QStringLiteral("r") << QString()
        << QStringLiteral("Olga Operator") << patch << 365;
    QTest::newRow("operators") << with("signing operators --json") << Command::SigningOperators << QString()
                               << QString() << QString() << QString() << QString() << patch << 365;
}

void TestCtlCommandLine::signing()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, keyFile);
    QFETCH(QString, passphraseFile);
    QFETCH(QString, rootKeyFile);
    QFETCH(QString, rootPassphraseFile);
    QFETCH(QString, operatorName);
    QFETCH(QStringList, kinds);
    QFETCH(int, validDays);

    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"), jobNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const CtlCommandLine::Invocation &invocation = result.value();
    QCOMPARE(invocation.command, command);
    QCOMPARE(invocation.keyFile, keyFile);
    QCOMPARE(invocation.passphraseFile, passphraseFile);
    QCOMPARE(invocation.rootKeyFile, rootKeyFile);
    QCOMPARE(invocation.rootPassphraseFile, rootPassphraseFile);
    QCOMPARE(invocation.operatorName, operatorName);
    QCOMPARE(invocation.kinds, kinds);
    QCOMPARE(invocation.validDays, validDays);
    QCOMPARE(invocation.usesServer(), command != Command::SigningCreateRoot);
}

void TestCtlCommandLine::createRootNeedsNoServer()
{
    // No CA, no user, no password file: create-root makes a file and talks to nobody.
    const auto bare = CtlCommandLine::parse(args("signing create-root --out root.key"),
                                            QProcessEnvironment(),
                                            QStringLiteral("1.2.3"));
    QVERIFY2(bare.ok(), qPrintable(bare.ok() ? QString() : bare.error().message));
    QVERIFY(!bare.value().usesServer());
    QVERIFY(bare.value().caFile.isEmpty());

    // Every other signing or job command needs the server as usual.
    for (const char *command : {"signing operators", "jobs", "job 7d1c2b9e", "job wait 7d1c2b9e"}) {
        const auto result = CtlCommandLine::parse(args(command), QProcessEnvironment(), QStringLiteral("1.2.3"));
        QVERIFY2(!result.ok() && result.error().message.contains(QLatin1String("--ca")), command);
    }
}

void TestCtlCommandLine::jobCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<qint64>("timeout");
    QTest::addColumn<bool>("json");

    const QString id = QStringLiteral("7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e");
    QTest::newRow("jobs") << with("jobs") << Command::Jobs << QString() << qint64(0) << false;
    QTest::newRow("jobs --json") << with("jobs --json") << Command::Jobs << QString() << qint64(0) << true;
    QTest::newRow("job ID") << with("job 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e") << Command::Job << id << qint64(0)
                            << false;
    QTest::newRow("job ID --json") << with("job 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e --json") << Command::Job << id
                                   << qint64(0) << true;
    QTest::newRow("job cancel") << with("job cancel 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e") << Command::JobCancel << id
                                << qint64(0) << false;
    QTest::newRow("job wait") << with("job wait 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e") << Command::JobWait << id
                              << qint64(0) << false;
    QTest::newRow("job pause") << with("job pause 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e") << Command::JobPause << id
                               << qint64(0) << false;
    QTest::newRow("job resume --json") << with("job resume 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e --json")
                                       << Command::JobResume << id << qint64(0) << true;
    QTest::newRow("job wait --timeout") << with("job wait 7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e --timeout 600 --json")
                                        << Command::JobWait << id << qint64(600) << true;
}

void TestCtlCommandLine::jobCommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, jobId);
    QFETCH(qint64, timeout);
    QFETCH(bool, json);

    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"), jobNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, command);
    QCOMPARE(result.value().jobId, jobId);
    QCOMPARE(result.value().waitTimeoutSeconds, timeout);
    QCOMPARE(result.value().json, json);
    QCOMPARE(result.value().user, QStringLiteral("alice"));
}

void TestCtlCommandLine::patchJob_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("devices");
    QTest::addColumn<QString>("select");
    QTest::addColumn<QStringList>("packages"); // NAME=VERSION, NAME= for the newest
    QTest::addColumn<QDateTime>("notBefore");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<QDateTime>("expiresAt");
    QTest::addColumn<int>("maxConcurrent"); // 0: not given
    QTest::addColumn<QString>("reboot");
    QTest::addColumn<int>("maxRuntime");

    const QStringList one{QStringLiteral("d-1")};
    const QDateTime inAWeek = jobNow.addDays(7);
    QTest::newRow("defaults") << with("job create patch --devices d-1 --security --signing-key op.key") << one
                              << QStringLiteral("security") << QStringList() << jobNow << QDateTime() << inAWeek << 0
                              << QStringLiteral("never") << 3600;
    QTest::newRow("all") << with("job create patch --devices d-1 --all --signing-key op.key") << one
                         << QStringLiteral("all") << QStringList() << jobNow << QDateTime() << inAWeek << 0
                         << QStringLiteral("never") << 3600;
    QTest::newRow("packages") << with(
        "job create patch --devices d-1 --package openssl=3.0.13-1~deb12u1 --package libc6 --package "
        "g++-12=12.2.0-14+deb12u1 --package python3.11=1:3.11.2-6 --signing-key op.key")
                              << one << QStringLiteral("packages")
                              << QStringList{QStringLiteral("openssl=3.0.13-1~deb12u1"),
                                             QStringLiteral("libc6="),
                                             QStringLiteral("g++-12=12.2.0-14+deb12u1"),
                                             QStringLiteral("python3.11=1:3.11.2-6")}
                              << jobNow << QDateTime() << inAWeek << 0 << QStringLiteral("never") << 3600;
    QTest::newRow("devices listed and repeated, duplicates once")
        << with("job create patch --devices d-1,d-2 --devices d-3 --devices d-2, --security --signing-key k")
               .replaceInStrings(QStringLiteral("d-2,"), QStringLiteral("d-2"))
        << QStringList{QStringLiteral("d-1"), QStringLiteral("d-2"), QStringLiteral("d-3")}
        << QStringLiteral("security") << QStringList() << jobNow << QDateTime() << inAWeek << 0
        << QStringLiteral("never") << 3600;
    QTest::newRow("durations") << with(
        "job create patch --devices d-1 --security --not-before +30m --deadline +2h --expires +3d "
        "--signing-key k") << one
                               << QStringLiteral("security") << QStringList() << jobNow.addSecs(1800)
                               << jobNow.addSecs(7200) << jobNow.addDays(3) << 0 << QStringLiteral("never") << 3600;
    QTest::newRow("ISO 8601 times") << with(
        "job create patch --devices d-1 --security --not-before 2024-05-02T20:00:00+02:00 "
        "--deadline 2024-05-03T18:00:00Z --expires 2024-05-10T00:00:00.500Z --signing-key k")
                                    << one << QStringLiteral("security") << QStringList()
                                    << QDateTime(QDate(2024, 5, 2), QTime(18, 0), Qt::UTC)
                                    << QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC)
                                    << QDateTime(QDate(2024, 5, 10), QTime(0, 0), Qt::UTC) << 0
                                    << QStringLiteral("never") << 3600;
    QTest::newRow("a start in the past is now")
        << with("job create patch --devices d-1 --security --not-before 2024-04-01T00:00:00Z --signing-key k") << one
        << QStringLiteral("security") << QStringList() << QDateTime(QDate(2024, 4, 1), QTime(0, 0), Qt::UTC)
        << QDateTime() << inAWeek << 0 << QStringLiteral("never") << 3600;
    QTest::newRow("options") << with(
        "job create patch --devices d-1 --all --deadline +1d --max-concurrent 25 --reboot at-deadline "
        "--max-runtime 7200 --signing-key k --passphrase-file pp --json")
                             << one << QStringLiteral("all") << QStringList() << jobNow << jobNow.addDays(1) << inAWeek
                             << 25 << QStringLiteral("at-deadline") << 7200;
    QTest::newRow("reboot if-required") << with(
        "job create patch --devices d-1 --all --reboot if-required --signing-key k")
                                        << one << QStringLiteral("all") << QStringList() << jobNow << QDateTime()
                                        << inAWeek << 0 << QStringLiteral("if-required") << 3600;
    QTest::newRow("options before the command")
        << args("--ca c --user u --password-file p --devices d-1 --security --signing-key k job create patch") << one
        << QStringLiteral("security") << QStringList() << jobNow << QDateTime() << inAWeek << 0
        << QStringLiteral("never") << 3600;
}

void TestCtlCommandLine::patchJob()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, devices);
    QFETCH(QString, select);
    QFETCH(QStringList, packages);
    QFETCH(QDateTime, notBefore);
    QFETCH(QDateTime, deadline);
    QFETCH(QDateTime, expiresAt);
    QFETCH(int, maxConcurrent);
    QFETCH(QString, reboot);
    QFETCH(int, maxRuntime);

    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"), jobNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const CtlCommandLine::Invocation &invocation = result.value();
    QCOMPARE(invocation.command, Command::JobCreate);
    const deployment::PatchJob &job = invocation.patchJob;
    QCOMPARE(job.devices, devices);
    QCOMPARE(job.select, select);
    QStringList given;
    for (const deployment::Package &package : job.packages) {
        given.append(package.name + QLatin1Char('=') + package.version);
    }
    QCOMPARE(given, packages);
    QCOMPARE(job.notBefore, notBefore);
    QCOMPARE(job.deadline, deadline);
    QCOMPARE(job.expiresAt, expiresAt);
    QCOMPARE(job.maxConcurrent.value_or(0), maxConcurrent);
    QCOMPARE(job.reboot, reboot);
    QCOMPARE(job.maxRuntimeSeconds, maxRuntime);
    QVERIFY(!invocation.signingKeyFile.isEmpty());
}

// Windows (with spaces in their values) and the rollout: windows are signed into the envelope,
// the rollout goes to the server.
void TestCtlCommandLine::rollout()
{
    QStringList arguments = args(
        "job create patch --devices d-1,d-2,d-3,d-4 --security --signing-key k --max-concurrent 2 "
        "--per-minute 10 --pilot d-2,d-3 --pilot-success 0.5 --pause-failure 0.2 --window");
    arguments << QStringLiteral("Sat 22:00-04:00") << QStringLiteral("--window")
              << QStringLiteral("2nd Tue 01:00-03:00");
    arguments += args(credentials).mid(1);
    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"), jobNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const deployment::PatchJob &job = result.value().patchJob;
    QCOMPARE(job.windows.size(), 2);
    QCOMPARE(job.windows.at(0), steward::jobs::MaintenanceWindow::parse(QStringLiteral("Sat 22:00-04:00")).value());
    QCOMPARE(job.pilot, (QStringList{QStringLiteral("d-2"), QStringLiteral("d-3")}));

    const QJsonObject rollout = deployment::rolloutJson(job);
    QCOMPARE(rollout.value(QStringLiteral("maxConcurrent")).toInt(), 2);
    QCOMPARE(rollout.value(QStringLiteral("perMinute")).toInt(), 10);
    QCOMPARE(rollout.value(QStringLiteral("pilot")).toArray().size(), 2);
    QCOMPARE(rollout.value(QStringLiteral("pilotSuccessRatio")).toDouble(), 0.5);
    QCOMPARE(rollout.value(QStringLiteral("pauseFailureRatio")).toDouble(), 0.2);

    const steward::jobs::JobEnvelope envelope =
        deployment::patchEnvelope(job, QStringLiteral("j"), QStringLiteral("s"), jobNow);
    const auto windows = steward::jobs::windowsFromCbor(envelope.options.value(QLatin1String("windows")));
    QVERIFY(windows.ok());
    QCOMPARE(windows.value(), job.windows);
    QVERIFY(!envelope.options.contains(QLatin1String("allowServers")));

    const auto servers =
        CtlCommandLine::parse(with("job create patch --devices d-1 --security --signing-key k --reboot if-required "
                                   "--reboot-servers"),
                              QProcessEnvironment(),
                              QStringLiteral("1.2.3"),
                              jobNow);
    QVERIFY2(servers.ok(), qPrintable(servers.ok() ? QString() : servers.error().message));
    QVERIFY(deployment::patchEnvelope(servers.value().patchJob, QStringLiteral("j"), QStringLiteral("s"), jobNow)
                .options.value(QLatin1String("allowServers"))
                .toBool());

    // Without rollout options there is no rollout: every device at once.
    const auto plain = CtlCommandLine::parse(with("job create patch --devices d-1 --security --signing-key k"),
                                             QProcessEnvironment(),
                                             QStringLiteral("1.2.3"),
                                             jobNow);
    QVERIFY(plain.ok());
    QVERIFY(deployment::rolloutJson(plain.value().patchJob).isEmpty());
    QVERIFY(!deployment::patchEnvelope(plain.value().patchJob, QStringLiteral("j"), QStringLiteral("s"), jobNow)
                 .options.contains(QLatin1String("windows")));
}

void TestCtlCommandLine::jobsBad_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");

    // signing
    QTest::newRow("signing alone") << with("signing") << QStringLiteral("'signing' needs a subcommand");
    QTest::newRow("signing what") << with("signing rotate") << QStringLiteral("unknown subcommand 'signing rotate'");
    QTest::newRow("create-root without --out")
        << args("signing create-root") << QStringLiteral("'signing create-root' needs --out FILE");
    QTest::newRow("create-root extra") << args("signing create-root now --out r")
                                       << QStringLiteral("unexpected argument 'now'");
    QTest::newRow("create-root --root") << args("signing create-root --out r --root x")
                                        << QStringLiteral("--root only applies to 'signing add-operator'");
    QTest::newRow("create-root --kinds") << args("signing create-root --out r --kinds patch")
                                         << QStringLiteral("--kinds only applies");
    QTest::newRow("add-operator without --root")
        << with("signing add-operator --name o --out o.key") << QStringLiteral("needs --root FILE");
    QTest::newRow("add-operator without --name")
        << with("signing add-operator --root r.key --out o.key") << QStringLiteral("needs --name NAME");
    QTest::newRow("add-operator blank name")
        << withValue("signing add-operator --root r.key --out o.key --name", QStringLiteral("   "))
        << QStringLiteral("--name needs the operator's name");
    QTest::newRow("add-operator name with a newline")
        << withValue("signing add-operator --root r.key --out o.key --name", QStringLiteral("Olga\nEvil"))
        << QStringLiteral("--name needs the operator's name");
    QTest::newRow("add-operator without --out")
        << with("signing add-operator --root r.key --name o") << QStringLiteral("needs --out FILE");
    QTest::newRow("add-operator out is the root") << with("signing add-operator --root r.key --name o --out r.key")
                                                  << QStringLiteral("--out names the root key file");
    QTest::newRow("add-operator bad kinds") << with("signing add-operator --root r --name o --out k --kinds Patch")
                                            << QStringLiteral("--kinds needs job kinds");
    QTest::newRow("add-operator empty kind") << with("signing add-operator --root r --name o --out k --kinds patch,")
                                             << QStringLiteral("--kinds needs job kinds");
    QTest::newRow("add-operator kind with ;")
        << with("signing add-operator --root r --name o --out k --kinds patch;ls") << QStringLiteral("--kinds");
    QTest::newRow("add-operator valid-days 0") << with("signing add-operator --root r --name o --out k --valid-days 0")
                                               << QStringLiteral("--valid-days needs a number of days from 1 to 3650");
    QTest::newRow("add-operator valid-days huge")
        << with("signing add-operator --root r --name o --out k --valid-days 99999") << QStringLiteral("--valid-days");
    QTest::newRow("operators extra") << with("signing operators all") << QStringLiteral("unexpected argument 'all'");
    QTest::newRow("operators --out") << with("signing operators --out x") << QStringLiteral("--out only applies");
    QTest::newRow("passphrase on devices")
        << with("devices --passphrase-file p") << QStringLiteral("--passphrase-file only applies");

    // jobs
    QTest::newRow("jobs extra") << with("jobs all") << QStringLiteral("unexpected argument 'all'");
    QTest::newRow("job alone") << with("job") << QStringLiteral("'job' needs a job id");
    QTest::newRow("job cancel without id") << with("job cancel") << QStringLiteral("'job cancel' needs a job id");
    QTest::newRow("job wait without id") << with("job wait") << QStringLiteral("'job wait' needs a job id");
    QTest::newRow("job two ids") << with("job a b") << QStringLiteral("unexpected argument 'b'");
    QTest::newRow("job wait timeout 0") << with("job wait j --timeout 0") << QStringLiteral("--timeout needs a number");
    QTest::newRow("job wait timeout text") << with("job wait j --timeout soon") << QStringLiteral("--timeout");
    QTest::newRow("timeout on job") << with("job j --timeout 5")
                                    << QStringLiteral("--timeout only applies to 'job wait'");
    QTest::newRow("devices on jobs") << with("jobs --devices d-1") << QStringLiteral("--devices only applies");
    QTest::newRow("signing key on cancel")
        << with("job cancel j --signing-key k") << QStringLiteral("--signing-key only applies to 'job create'");

    // job create
    const auto create = [](const char *options) {
        return with("job create patch --signing-key op.key") + QString::fromUtf8(options).split(QLatin1Char(' '));
    };
    QTest::newRow("create without kind") << with("job create") << QStringLiteral("'job create' needs a job kind");
    QTest::newRow("create unknown kind") << with("job create reboot --devices d-1")
                                         << QStringLiteral("unknown job kind 'reboot'");
    QTest::newRow("create extra") << create("--devices d-1 --security now") << QStringLiteral("unexpected argument");
    QTest::newRow("no devices") << create("--security")
                                << QStringLiteral("needs its targets: --devices ID[,ID...], --group NAME or --ou PATH");
    QTest::newRow("devices and group") << create("--devices d-1 --group pilot --security")
                                       << QStringLiteral("choose one of --devices, --group or --ou");
    QTest::newRow("group and ou") << create("--group pilot --ou Health --security")
                                  << QStringLiteral("choose one of --devices, --group or --ou");
    QTest::newRow("blank group") << (create("--security --group") << QStringLiteral(" "))
                                 << QStringLiteral("--group needs a group name");
    QTest::newRow("--group elsewhere") << with("devices --group pilot")
                                       << QStringLiteral("--group only applies to 'job create'");
    QTest::newRow("--dry-run elsewhere") << with("devices --dry-run")
                                         << QStringLiteral("--dry-run only applies to 'job create'");
    QTest::newRow("empty device") << create("--devices d-1,,d-2 --security") << QStringLiteral("--devices needs");
    QTest::newRow("device with a control character")
        << (create("--security --devices") << QStringLiteral("d-1\x1b[2J")) << QStringLiteral("is not a device id");
    QTest::newRow("no selection") << create("--devices d-1") << QStringLiteral("needs --security, --all or --package");
    QTest::newRow("two selections") << create("--devices d-1 --security --all")
                                    << QStringLiteral("choose one of --security, --all or --package");
    QTest::newRow("security and package")
        << create("--devices d-1 --security --package vim") << QStringLiteral("choose one of");
    QTest::newRow("no signing key") << with("job create patch --devices d-1 --security")
                                    << QStringLiteral("needs --signing-key FILE");
    QTest::newRow("package twice") << create("--devices d-1 --package vim --package vim=2:9.0")
                                   << QStringLiteral("--package vim is given twice");
    QTest::newRow("package starting with -")
        << create("--devices d-1 --package -vim") << QStringLiteral("'-vim' is not a package name");
    QTest::newRow("package starting with +")
        << create("--devices d-1 --package +vim") << QStringLiteral("'+vim' is not a package name");
    QTest::newRow("package empty version")
        << create("--devices d-1 --package vim=") << QStringLiteral("'' is not a package version");
    // Shell metacharacters never reach a device's apt command line.
    for (const char *evil : {"vim;reboot",
                             "vim&&reboot",
                             "vim|sh",
                             "$(reboot)",
                             "`reboot`",
                             "vim>/etc/passwd",
                             "vim\nreboot",
                             "vim reboot",
                             "-oAPT::x=1",
                             "../../etc",
                             "vim*",
                             "vim'"}) {
        QTest::newRow(qPrintable(
            QStringLiteral("package %1").arg(QString::fromUtf8(evil).replace(QLatin1Char('\n'), QLatin1String("\\n")))))
            << (create("--devices d-1 --package") << QString::fromUtf8(evil))
            << QStringLiteral("is not a package name");
    }
    for (const char *evil : {"1.0;reboot", "$(id)", "1.0 2", "1.0|sh", "`id`", "1.0&", "-1", "1.0\n"}) {
        QTest::newRow(qPrintable(
            QStringLiteral("version %1").arg(QString::fromUtf8(evil).replace(QLatin1Char('\n'), QLatin1String("\\n")))))
            << (create("--devices d-1 --package") << QStringLiteral("vim=") + QString::fromUtf8(evil))
            << QStringLiteral("is not a package version");
    }
    QTest::newRow("deadline past") << create("--devices d-1 --security --deadline 2024-05-01T11:59:59Z")
                                   << QStringLiteral("--deadline 2024-05-01T11:59:59Z is already past");
    QTest::newRow("deadline now") << create("--devices d-1 --security --deadline 2024-05-01T12:00:00Z")
                                  << QStringLiteral("--deadline 2024-05-01T12:00:00Z is already past");
    QTest::newRow("expires past") << create("--devices d-1 --security --expires 2024-04-30T00:00:00Z")
                                  << QStringLiteral("--expires 2024-04-30T00:00:00Z is already past");
    QTest::newRow("expires before deadline") << create("--devices d-1 --security --deadline +3d --expires +2d")
                                             << QStringLiteral("expire (2024-05-03T12:00:00Z) before its deadline");
    QTest::newRow("deadline after the default expiry")
        << create("--devices d-1 --security --deadline +8d") << QStringLiteral("before its deadline");
    QTest::newRow("start after expiry") << create("--devices d-1 --security --not-before +8d")
                                        << QStringLiteral("before it may start");
    QTest::newRow("deadline before start") << create("--devices d-1 --security --not-before +2d --deadline +1d")
                                           << QStringLiteral("is before the job may start");
    QTest::newRow("time without zone, date only") << create("--devices d-1 --security --deadline 2024-05-03")
                                                  << QStringLiteral("--deadline needs an ISO 8601 time");
    QTest::newRow("negative duration") << create("--devices d-1 --security --expires -2h")
                                       << QStringLiteral("--expires needs an ISO 8601 time");
    QTest::newRow("duration without unit")
        << create("--devices d-1 --security --deadline +30") << QStringLiteral("--deadline needs");
    QTest::newRow("time not a time") << create("--devices d-1 --security --not-before tomorrow")
                                     << QStringLiteral("--not-before needs an ISO 8601 time");
    QTest::newRow("max-concurrent 0") << create("--devices d-1 --security --max-concurrent 0")
                                      << QStringLiteral("--max-concurrent needs a number from 1");
    QTest::newRow("max-concurrent text") << create("--devices d-1 --security --max-concurrent all")
                                         << QStringLiteral("--max-concurrent");
    QTest::newRow("reboot now") << create("--devices d-1 --security --reboot now")
                                << QStringLiteral("--reboot must be never, if-required or at-deadline, not 'now'");
    QTest::newRow("reboot at-deadline without one") << create("--devices d-1 --security --reboot at-deadline")
                                                    << QStringLiteral("--reboot at-deadline needs a --deadline");
    QTest::newRow("max-runtime too short") << create("--devices d-1 --security --max-runtime 10")
                                           << QStringLiteral("--max-runtime needs a number of seconds from 60");
    QTest::newRow("window not a window") << create("--devices d-1 --security --window Caturday")
                                         << QStringLiteral("--window 'Caturday'");
    QTest::newRow("pilot not a target") << create("--devices d-1 --security --pilot d-9")
                                        << QStringLiteral("pilot device d-9 is not one of the job's devices");
    QTest::newRow("pilot-success without pilot") << create("--devices d-1 --security --pilot-success 0.5")
                                                 << QStringLiteral("--pilot-success only applies with --pilot");
    QTest::newRow("ratio above 1") << create("--devices d-1 --security --pause-failure 20")
                                   << QStringLiteral("--pause-failure needs a ratio from 0 to 1");
    QTest::newRow("reboot-servers without reboot")
        << create("--devices d-1 --security --reboot-servers") << QStringLiteral("--reboot-servers needs --reboot");
    QTest::newRow("per-minute 0") << create("--devices d-1 --security --per-minute 0")
                                  << QStringLiteral("--per-minute needs a number from 1");
    QTest::newRow("window on job cancel")
        << with("job cancel j-1 --window Sat") << QStringLiteral("--window only applies to 'job create'");
    QTest::newRow("kinds on job create") << create("--devices d-1 --security --kinds patch")
                                         << QStringLiteral("--kinds only applies");
}

void TestCtlCommandLine::jobsBad()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.2.3"), jobNow);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("usage"));
    QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QLatin1String("--help")), "every usage error points at --help");
}

void TestCtlCommandLine::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds"); // 0: refused

    QTest::newRow("seconds") << QStringLiteral("+90s") << qint64(90);
    QTest::newRow("minutes") << QStringLiteral("+30m") << qint64(1800);
    QTest::newRow("hours") << QStringLiteral("+2h") << qint64(7200);
    QTest::newRow("days") << QStringLiteral("+3d") << qint64(3 * 86400);
    QTest::newRow("weeks") << QStringLiteral("+1w") << qint64(7 * 86400);
    QTest::newRow("combined") << QStringLiteral("+1d12h30m") << qint64(86400 + 12 * 3600 + 1800);
    QTest::newRow("zero") << QStringLiteral("+0m") << qint64(0);
    QTest::newRow("no plus") << QStringLiteral("30m") << qint64(0);
    QTest::newRow("minus") << QStringLiteral("-30m") << qint64(0);
    QTest::newRow("no unit") << QStringLiteral("+30") << qint64(0);
    QTest::newRow("unknown unit") << QStringLiteral("+3y") << qint64(0);
    QTest::newRow("uppercase unit") << QStringLiteral("+3D") << qint64(0);
    QTest::newRow("space") << QStringLiteral("+3 d") << qint64(0);
    QTest::newRow("trailing text") << QStringLiteral("+3dx") << qint64(0);
    QTest::newRow("plus alone") << QStringLiteral("+") << qint64(0);
    QTest::newRow("fraction") << QStringLiteral("+1.5h") << qint64(0);
    QTest::newRow("too long") << QStringLiteral("+999999999w") << qint64(0);
}

void TestCtlCommandLine::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QCOMPARE(deployment::duration(text).value_or(0), seconds);
}

void TestCtlCommandLine::times_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("time"); // invalid: refused

    QTest::newRow("duration") << QStringLiteral("+2h") << jobNow.addSecs(7200);
    QTest::newRow("UTC") << QStringLiteral("2024-05-03T18:00:00Z")
                         << QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC);
    QTest::newRow("offset") << QStringLiteral("2024-05-03T20:00:00+02:00")
                            << QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC);
    QTest::newRow("milliseconds dropped")
        << QStringLiteral("2024-05-03T18:00:00.999Z") << QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC);
    QTest::newRow("no zone: this machine's")
        << QStringLiteral("2024-05-03T18:00:00") << QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::LocalTime).toUTC();
    QTest::newRow("date only") << QStringLiteral("2024-05-03") << QDateTime();
    QTest::newRow("garbage") << QStringLiteral("next friday") << QDateTime();
    QTest::newRow("bad duration") << QStringLiteral("+soon") << QDateTime();
}

void TestCtlCommandLine::times()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, time);
    const std::optional<QDateTime> parsed = deployment::time(text, jobNow);
    QCOMPARE(parsed.has_value(), time.isValid());
    if (parsed) {
        QCOMPARE(*parsed, time);
        QCOMPARE(parsed->timeSpec(), Qt::UTC);
    }
}

void TestCtlCommandLine::packages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name"); // empty: refused
    QTest::addColumn<QString>("version");

    QTest::newRow("name") << QStringLiteral("openssl") << QStringLiteral("openssl") << QString();
    QTest::newRow("name with + . -") << QStringLiteral("libstdc++6.x-dev") << QStringLiteral("libstdc++6.x-dev")
                                     << QString();
    QTest::newRow("starts with a digit") << QStringLiteral("0ad") << QStringLiteral("0ad") << QString();
    QTest::newRow("epoch and revision") << QStringLiteral("vim=2:9.0.1378-2+deb12u1~bpo") << QStringLiteral("vim")
                                        << QStringLiteral("2:9.0.1378-2+deb12u1~bpo");
    QTest::newRow("letters in version") << QStringLiteral("tzdata=2024a-0+deb12u1") << QStringLiteral("tzdata")
                                        << QStringLiteral("2024a-0+deb12u1");
    // Each platform's names: the agent checks them again by its own rules.
    QTest::newRow("architecture qualifier") << QStringLiteral("vim:amd64") << QStringLiteral("vim:amd64") << QString();
    QTest::newRow("rpm name") << QStringLiteral("NetworkManager") << QStringLiteral("NetworkManager") << QString();
    QTest::newRow("rpm NEVRA") << QStringLiteral("openssl-1:3.0.7-27.el9.x86_64")
                               << QStringLiteral("openssl-1:3.0.7-27.el9.x86_64") << QString();
    QTest::newRow("rpm version with ^ and _") << QStringLiteral("python3_pkg=1.0^20240101git_abc")
                                              << QStringLiteral("python3_pkg") << QStringLiteral("1.0^20240101git_abc");
    QTest::newRow("dnf advisory") << QStringLiteral("RHSA-2024:1234") << QStringLiteral("RHSA-2024:1234") << QString();
    QTest::newRow("Windows UpdateID") << QStringLiteral("5c1a7b6e-0d2f-4c3b-9a8e-1f2d3c4b5a69")
                                      << QStringLiteral("5c1a7b6e-0d2f-4c3b-9a8e-1f2d3c4b5a69") << QString();
    QTest::newRow("Windows KB") << QStringLiteral("KB5034441") << QStringLiteral("KB5034441") << QString();
    QTest::newRow("one character") << QStringLiteral("x") << QStringLiteral("x") << QString();
    QTest::newRow("starts with +") << QStringLiteral("+vim") << QString() << QString();
    QTest::newRow("starts with _") << QStringLiteral("_vim") << QString() << QString();
    QTest::newRow("starts with -") << QStringLiteral("-oAPT::Get=1") << QString() << QString();
    QTest::newRow("starts with :") << QStringLiteral(":vim") << QString() << QString();
    QTest::newRow("semicolon") << QStringLiteral("vim;id") << QString() << QString();
    QTest::newRow("command substitution") << QStringLiteral("$(id)") << QString() << QString();
    QTest::newRow("backquote") << QStringLiteral("vim`id`") << QString() << QString();
    QTest::newRow("glob") << QStringLiteral("lib*") << QString() << QString();
    QTest::newRow("non-ASCII") << QStringLiteral("vïm") << QString() << QString();
    QTest::newRow("version with space") << QStringLiteral("vim=1 2") << QString() << QString();
    QTest::newRow("version with semicolon") << QStringLiteral("vim=1;id") << QString() << QString();
    QTest::newRow("version with equals") << QStringLiteral("vim=1=2") << QString() << QString();
    QTest::newRow("version starting with -") << QStringLiteral("vim=-1") << QString() << QString();
    QTest::newRow("version with slash") << QStringLiteral("vim=1/2") << QString() << QString();
}

void TestCtlCommandLine::packages()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, version);
    const auto parsed = jobargs::package(text);
    QCOMPARE(parsed.ok(), !name.isEmpty());
    if (parsed) {
        QCOMPARE(parsed.value(), (deployment::Package{name, version}));
        QVERIFY(deployment::isPackageName(name));
        QVERIFY(version.isEmpty() || deployment::isPackageVersion(version));
    } else {
        QCOMPARE(parsed.error().code, QStringLiteral("usage"));
    }
}

void TestCtlCommandLine::orgUnits_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("orgUnit"); // as given: the server reads it
    QTest::addColumn<QString>("error"); // empty: accepted

    const QString health = QStringLiteral("Ministry of Health/Maseru District");
    QTest::newRow("ou list") << with("ou list --json") << Command::OrgUnitList << QString() << QString();
    QTest::newRow("ou create") << withValue("ou create", health) << Command::OrgUnitCreate << health << QString();
    QTest::newRow("ou delete") << withValue("ou delete", health) << Command::OrgUnitDelete << health << QString();
    QTest::newRow("device move") << withValue("device move d-42 --ou", health) << Command::DeviceMove << health
                                 << QString();
    QTest::newRow("device move to the root")
        << with("device move d-42 --ou /") << Command::DeviceMove << QStringLiteral("/") << QString();
    QTest::newRow("token create --ou") << withValue("token create --uses 5 --ou", health) << Command::TokenCreate
                                       << health << QString();
    QTest::newRow("token create without --ou")
        << with("token create") << Command::TokenCreate << QString() << QString();

    QTest::newRow("search") << withValue("search --limit 5", QStringLiteral("MOF\\mpho")) << Command::Search
                            << QString() << QString();
    QTest::newRow("search without text") << with("search") << Command::None << QString()
                                         << QStringLiteral("'search' needs something to look for");
    QTest::newRow("search, two words") << with("search pc 01") << Command::None << QString()
                                       << QStringLiteral("unexpected argument '01'");
    QTest::newRow("search --limit too high") << with("search pc --limit 501") << Command::None << QString()
                                             << QStringLiteral("--limit needs a number from 1 to 500");
    QTest::newRow("ou alone") << with("ou") << Command::None << QString() << QStringLiteral("'ou' needs a subcommand");
    QTest::newRow("ou rename") << with("ou rename A B") << Command::None << QString()
                               << QStringLiteral("unknown subcommand 'ou rename'");
    QTest::newRow("ou create without a path")
        << with("ou create") << Command::None << QString() << QStringLiteral("'ou create' needs an org unit path");
    QTest::newRow("ou create, a blank path") << withValue("ou create", QStringLiteral("  ")) << Command::None
                                             << QString() << QStringLiteral("'ou create' needs an org unit path");
    QTest::newRow("ou create, two paths")
        << with("ou create A B") << Command::None << QString() << QStringLiteral("unexpected argument 'B'");
    QTest::newRow("ou list extra") << with("ou list A") << Command::None << QString()
                                   << QStringLiteral("unexpected argument 'A'");
    QTest::newRow("device move without --ou")
        << with("device move d-42") << Command::None << QString() << QStringLiteral("'device move' needs --ou PATH");
    QTest::newRow("device move without id") << with("device move --ou A") << Command::None << QString()
                                            << QStringLiteral("'device move' needs a device id");
    QTest::newRow("device move, empty --ou") << withValue("device move d-42 --ou", QString()) << Command::None
                                             << QString() << QStringLiteral("--ou needs an org unit path");
    QTest::newRow("--ou on devices") << with("devices --ou A") << Command::None << QString()
                                     << QStringLiteral(
                                            "--ou only applies to 'token create', 'device move' and 'job create'");
}

void TestCtlCommandLine::orgUnits()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, orgUnit);
    QFETCH(QString, error);
    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.0"), jobNow);
    if (!error.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("usage"));
        QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, command);
    QCOMPARE(result.value().orgUnit, orgUnit);
    if (command == Command::DeviceMove) {
        QCOMPARE(result.value().deviceId, QStringLiteral("d-42"));
    }
    if (command == Command::Search) {
        QCOMPARE(result.value().searchText, QStringLiteral("MOF\\mpho"));
        QCOMPARE(result.value().limit, 5);
    }
}

void TestCtlCommandLine::groups_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("devices");
    QTest::addColumn<QString>("error"); // empty: accepted

    const QString expr = QStringLiteral("os.version < 12 and ou = \"Ministry of Health\"");
    QTest::newRow("group list") << with("group list") << Command::GroupList << QString() << QString() << QStringList()
                                << QString();
    QTest::newRow("group NAME") << with("group pilot --json") << Command::Group << QStringLiteral("pilot") << QString()
                                << QStringList() << QString();
    QTest::newRow("group show NAME, named like a subcommand")
        << with("group show list") << Command::Group << QStringLiteral("list") << QString() << QStringList()
        << QString();
    QTest::newRow("group create static") << (with("group create") << QStringLiteral("Pilot ring"))
                                         << Command::GroupCreate << QStringLiteral("Pilot ring") << QString()
                                         << QStringList() << QString();
    QTest::newRow("group create --query") << withValue("group create old --query", expr) << Command::GroupCreate
                                          << QStringLiteral("old") << expr << QStringList() << QString();
    QTest::newRow("group add") << with("group add pilot d-1,d-2") << Command::GroupAdd << QStringLiteral("pilot")
                               << QString() << QStringList{QStringLiteral("d-1"), QStringLiteral("d-2")} << QString();
    QTest::newRow("group remove") << with("group remove pilot d-2") << Command::GroupRemove << QStringLiteral("pilot")
                                  << QString() << QStringList{QStringLiteral("d-2")} << QString();
    QTest::newRow("group delete") << with("group delete pilot") << Command::GroupDelete << QStringLiteral("pilot")
                                  << QString() << QStringList() << QString();
    QTest::newRow("query") << withValue("query", expr) << Command::Query << QString() << expr << QStringList()
                           << QString();

    QTest::newRow("group alone") << with("group") << Command::None << QString() << QString() << QStringList()
                                 << QStringLiteral("'group' needs a subcommand");
    QTest::newRow("group create without a name")
        << with("group create") << Command::None << QString() << QString() << QStringList()
        << QStringLiteral("'group create' needs a group name");
    QTest::newRow("group add without devices") << with("group add pilot") << Command::None << QString() << QString()
                                               << QStringList() << QStringLiteral("needs device ids");
    QTest::newRow("group add, an empty id") << with("group add pilot d-1,,d-2") << Command::None << QString()
                                            << QString() << QStringList() << QStringLiteral("needs device ids");
    QTest::newRow("group NAME extra") << with("group pilot more") << Command::None << QString() << QString()
                                      << QStringList() << QStringLiteral("unexpected argument 'more'");
    QTest::newRow("empty --query") << withValue("group create x --query", QString()) << Command::None << QString()
                                   << QString() << QStringList() << QStringLiteral("--query needs a query");
    QTest::newRow("--query elsewhere") << withValue("group pilot --query", expr) << Command::None << QString()
                                       << QString() << QStringList()
                                       << QStringLiteral("--query only applies to 'group create'");
    QTest::newRow("query without text") << with("query") << Command::None << QString() << QString() << QStringList()
                                        << QStringLiteral("'query' needs a query");
}

void TestCtlCommandLine::groups()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, group);
    QFETCH(QString, query);
    QFETCH(QStringList, devices);
    QFETCH(QString, error);
    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.0"), jobNow);
    if (!error.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("usage"));
        QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, command);
    QCOMPARE(result.value().groupName, group);
    QCOMPARE(result.value().groupQuery, query);
    QCOMPARE(result.value().deviceIds, devices);
}

void TestCtlCommandLine::jobTargets()
{
    const auto parse = [](const QStringList &arguments) {
        return CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.0"), jobNow);
    };
    // A group's devices are resolved when the job is signed; a pilot is checked then too.
    auto parsed = parse(with("job create patch --group pilot --security --pilot d-9 --signing-key op.key"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().targetGroup, QStringLiteral("pilot"));
    QVERIFY(parsed.value().patchJob.devices.isEmpty());
    QVERIFY(!parsed.value().dryRun);

    parsed = parse(withValue("job create patch --security --ou", QStringLiteral("Ministry of Health")));
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(QLatin1String("needs --signing-key")), qPrintable(parsed.error().message));

    // --dry-run signs nothing, so it needs no key.
    parsed = parse(withValue("job create patch --security --dry-run --ou", QStringLiteral("Ministry of Health")));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().orgUnit, QStringLiteral("Ministry of Health"));
    QVERIFY(parsed.value().dryRun);
    QVERIFY(parsed.value().targetGroup.isEmpty());

    // Listed devices are checked against the pilot at once, as before.
    parsed = parse(with("job create patch --devices d-1 --security --pilot d-9 --signing-key op.key"));
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(QLatin1String("d-9")), qPrintable(parsed.error().message));
}

void TestCtlCommandLine::policies_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Command>("command");
    QTest::addColumn<QString>("orgUnit");
    QTest::addColumn<QStringList>("rules");
    QTest::addColumn<QString>("error"); // empty: accepted

    const QString unit = QStringLiteral("Ministry of Health/Mokhotlong");
    QTest::newRow("policy PATH") << withValue("policy", unit) << Command::Policy << unit << QStringList() << QString();
    QTest::newRow("policy show set") << with("policy show set") << Command::Policy << QStringLiteral("set")
                                     << QStringList() << QString();
    QTest::newRow("policy set") << (with("policy set") << unit << QStringLiteral("antivirus.definitions-max-age=7d")
                                                       << QStringLiteral("software.required=clamav,openssh-server"))
                                << Command::PolicySet << unit
                                << QStringList{QStringLiteral("antivirus.definitions-max-age=7d"),
                                               QStringLiteral("software.required=clamav,openssh-server")}
                                << QString();
    QTest::newRow("policy set, an empty value")
        << with("policy set / software.forbidden=") << Command::PolicySet << QStringLiteral("/")
        << QStringList{QStringLiteral("software.forbidden=")} << QString();
    QTest::newRow("policy unset") << with("policy unset / contact.max-age") << Command::PolicyUnset
                                  << QStringLiteral("/") << QStringList{QStringLiteral("contact.max-age")} << QString();

    QTest::newRow("--sheet elsewhere") << with("devices --sheet s.pdf") << Command::None << QString() << QStringList()
                                       << QStringLiteral("--sheet only applies to 'device ID'");
    QTest::newRow("--sheet without a name")
        << withValue("device d-1 --sheet", QStringLiteral(" ")) << Command::None << QString() << QStringList()
        << QStringLiteral("--sheet needs a file name");
    QTest::newRow("--reason elsewhere") << with("device revoke d-1 --reason x") << Command::None << QString()
                                        << QStringList() << QStringLiteral("--reason only applies to 'device retire'");
    QTest::newRow("policy alone") << with("policy") << Command::None << QString() << QStringList()
                                  << QStringLiteral("'policy' needs an org unit path");
    QTest::newRow("policy set without rules")
        << with("policy set /") << Command::None << QString() << QStringList() << QStringLiteral("needs RULE=VALUE");
    QTest::newRow("policy set without a value")
        << with("policy set / contact.max-age") << Command::None << QString() << QStringList()
        << QStringLiteral("'contact.max-age' is not RULE=VALUE");
    QTest::newRow("policy set without a rule") << with("policy set / =7d") << Command::None << QString()
                                               << QStringList() << QStringLiteral("'=7d' is not RULE=VALUE");
    QTest::newRow("policy unset without rules") << with("policy unset /") << Command::None << QString() << QStringList()
                                                << QStringLiteral("needs the rules to unset");
    QTest::newRow("policy PATH extra") << with("policy / more") << Command::None << QString() << QStringList()
                                       << QStringLiteral("unexpected argument 'more'");
}

void TestCtlCommandLine::policies()
{
    QFETCH(QStringList, arguments);
    QFETCH(Command, command);
    QFETCH(QString, orgUnit);
    QFETCH(QStringList, rules);
    QFETCH(QString, error);
    const auto result = CtlCommandLine::parse(arguments, QProcessEnvironment(), QStringLiteral("1.0"), jobNow);
    if (!error.isEmpty()) {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, command);
    QCOMPARE(result.value().orgUnit, orgUnit);
    QCOMPARE(result.value().policyRules, rules);
}

void TestCtlCommandLine::sheet()
{
    const auto result = CtlCommandLine::parse(with("device d-1 --sheet out/sheet.pdf"),
                                              QProcessEnvironment(),
                                              QStringLiteral("1.0"),
                                              jobNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, Command::Device);
    QCOMPARE(result.value().deviceId, QStringLiteral("d-1"));
    QCOMPARE(result.value().sheetFile, QStringLiteral("out/sheet.pdf"));

    const auto retire =
        CtlCommandLine::parse(withValue("device retire d-1 --reason", QStringLiteral("sold at auction")),
                              QProcessEnvironment(),
                              QStringLiteral("1.0"),
                              jobNow);
    QVERIFY2(retire.ok(), qPrintable(retire.ok() ? QString() : retire.error().message));
    QCOMPARE(retire.value().command, Command::DeviceRetire);
    QCOMPARE(retire.value().deviceId, QStringLiteral("d-1"));
    QCOMPARE(retire.value().reason, QStringLiteral("sold at auction"));
}

QTEST_GUILESS_MAIN(TestCtlCommandLine)
#include "TestCtlCommandLine.moc"
