// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlCommandLine.h"

#include <QProcessEnvironment>
#include <QTest>

using steward::app::CtlCommandLine;
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
    const auto with = [](const char *command) {
        return args(command) + args(credentials).mid(1);
    };
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

    const auto with = [](const char *command) {
        return args(command) + args(credentials).mid(1);
    };
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

    const auto with = [](const char *command) {
        return args(command) + args(credentials).mid(1);
    };
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

    const auto with = [](const char *command) {
        return args(command) + args(credentials).mid(1);
    };
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
                             "Exit status"}) {
        QVERIFY2(help.value().text.contains(QLatin1String(text)), text);
    }

    const auto version = CtlCommandLine::parse(args("--version"), QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY(version.ok());
    QCOMPARE(version.value().action, Action::Version);
    QCOMPARE(version.value().text, QStringLiteral("stewardctl 1.2.3\n"));
}

QTEST_GUILESS_MAIN(TestCtlCommandLine)
#include "TestCtlCommandLine.moc"
