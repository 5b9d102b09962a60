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
    QTest::newRow("devices --json") << with("devices --json") << Command::Devices << QString() << 1 << qint64(86400) << 50
                                    << true << defaultServer;
    QTest::newRow("device ID") << with("device d-42") << Command::Device << QStringLiteral("d-42") << 1 << qint64(86400)
                               << 50 << false << defaultServer;
    QTest::newRow("device revoke ID") << with("device revoke d-42") << Command::DeviceRevoke << QStringLiteral("d-42") << 1
                                      << qint64(86400) << 50 << false << defaultServer;
    QTest::newRow("token create defaults") << with("token create") << Command::TokenCreate << QString() << 1
                                           << qint64(86400) << 50 << false << defaultServer;
    QTest::newRow("token create --uses --ttl") << with("token create --uses 25 --ttl 3600 --json") << Command::TokenCreate
                                               << QString() << 25 << qint64(3600) << 50 << true << defaultServer;
    QTest::newRow("audit --limit") << with("audit --limit 10") << Command::Audit << QString() << 1 << qint64(86400) << 10
                                   << false << defaultServer;
    QTest::newRow("options before command") << args("--server https://10.0.0.5:9000 --ca c.pem --user u --password-file p devices")
                                            << Command::Devices << QString() << 1 << qint64(86400) << 50 << false
                                            << QStringLiteral("https://10.0.0.5:9000");
    QTest::newRow("bare host gets https and 8731") << with("--server steward-srv devices") << Command::Devices << QString()
                                                   << 1 << qint64(86400) << 50 << false
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
    QTest::newRow("extra argument") << with("devices now") << QStringLiteral("unexpected argument 'now'");
    QTest::newRow("uses not a number") << with("token create --uses many") << QStringLiteral("--uses");
    QTest::newRow("uses zero") << with("token create --uses 0") << QStringLiteral("--uses");
    QTest::newRow("ttl negative") << with("token create --ttl -5") << QStringLiteral("--ttl");
    QTest::newRow("limit on devices") << with("devices --limit 5") << QStringLiteral("--limit only applies");
    QTest::newRow("uses on audit") << with("audit --uses 5") << QStringLiteral("--uses and --ttl only apply");
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
                                              environment, QStringLiteral("1.2.3"));
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

    const auto version = CtlCommandLine::parse(args("--version"), QProcessEnvironment(), QStringLiteral("1.2.3"));
    QVERIFY(version.ok());
    QCOMPARE(version.value().action, Action::Version);
    QCOMPARE(version.value().text, QStringLiteral("stewardctl 1.2.3\n"));
}

QTEST_GUILESS_MAIN(TestCtlCommandLine)
#include "TestCtlCommandLine.moc"
