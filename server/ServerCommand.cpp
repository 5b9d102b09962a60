// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCommand.h"

#include "Clock.h"
#include "CommandLine.h"
#include "DataDirectory.h"
#include "Files.h"
#include "Pki.h"
#include "SignalWatcher.h"
#include "StewardServerLogging.h"
#include "api/AdminApi.h"
#include "gateway/AgentGateway.h"
#include "steward_version.h"
#include "store/Database.h"
#include "store/Repositories.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

#include <cstdio>

namespace steward::server
{

namespace
{
const char *kUsage =
    "Usage: steward-server init --data-dir DIR --admin-password-file FILE [--admin-user NAME] [--san NAME_OR_IP]... "
    "[--database URL]\n"
    "       steward-server run --data-dir DIR [--agent-listen HOST:PORT] [--api-listen HOST:PORT]\n"
    "                          [--stale-after-hours N]\n";

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    QString host;
    if (!cli::parseHostPort(text, &host, port)) {
        return false;
    }
    return address->setAddress(host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : host);
}

int runInit(QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("data-dir")) || !parser.isSet(QStringLiteral("admin-password-file"))) {
        return cli::fail(QStringLiteral("init needs --data-dir and --admin-password-file (see --help)"),
                         cli::kExitUsage);
    }
    Result<QByteArray> password = files::read(parser.value(QStringLiteral("admin-password-file")), 4096);
    if (!password) {
        return cli::fail(password.error().message);
    }
    DataDirectory::InitOptions options;
    options.adminPassword = QString::fromUtf8(password.value()).section(QLatin1Char('\n'), 0, 0);
    if (parser.isSet(QStringLiteral("admin-user"))) {
        options.adminUser = parser.value(QStringLiteral("admin-user"));
    }
    options.subjectAltNames = parser.values(QStringLiteral("san"));
    options.databaseUrl = parser.value(QStringLiteral("database"));
    DataDirectory dir(parser.value(QStringLiteral("data-dir")));
    if (Status status = dir.initialise(options); !status) {
        return cli::fail(status.error().message);
    }
    Result<QByteArray> ca = files::read(dir.caCertificate());
    const QString fingerprint = ca ? pki::fingerprint(ca.value()).value() : QString();
    std::printf("Initialised %s\nCA certificate: %s\nCA fingerprint (SHA-256): %s\n",
                qPrintable(dir.root()),
                qPrintable(dir.caCertificate()),
                qPrintable(fingerprint));
    return 0;
}

int runServer(QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("data-dir"))) {
        return cli::fail(QStringLiteral("run needs --data-dir (see --help)"), cli::kExitUsage);
    }
    QHostAddress agentAddress(QHostAddress::AnyIPv4);
    quint16 agentPort = 8730;
    QHostAddress apiAddress(QHostAddress::AnyIPv4);
    quint16 apiPort = 8731;
    if (parser.isSet(QStringLiteral("agent-listen"))
        && !parseListen(parser.value(QStringLiteral("agent-listen")), &agentAddress, &agentPort)) {
        return cli::fail(QStringLiteral("--agent-listen wants HOST:PORT, got \"%1\"")
                             .arg(parser.value(QStringLiteral("agent-listen"))),
                         cli::kExitUsage);
    }
    if (parser.isSet(QStringLiteral("api-listen"))
        && !parseListen(parser.value(QStringLiteral("api-listen")), &apiAddress, &apiPort)) {
        return cli::fail(
            QStringLiteral("--api-listen wants HOST:PORT, got \"%1\"").arg(parser.value(QStringLiteral("api-listen"))),
            cli::kExitUsage);
    }
    CompliancePolicy policy;
    if (parser.isSet(QStringLiteral("stale-after-hours"))) {
        bool ok = false;
        const int hours = parser.value(QStringLiteral("stale-after-hours")).toInt(&ok);
        if (!ok || hours < 1 || hours > 24 * 365) {
            return cli::fail(
                QStringLiteral("--stale-after-hours wants a whole number of hours from 1 to 8760, got \"%1\"")
                    .arg(parser.value(QStringLiteral("stale-after-hours"))),
                cli::kExitUsage);
        }
        // The site's own built-in value; org units may still set their own.
        const Status set = policy.set(QStringLiteral("contact.max-age"), QStringLiteral("%1h").arg(hours), QString());
        Q_ASSERT(set.ok());
    }
    DataDirectory dir(parser.value(QStringLiteral("data-dir")));
    if (!dir.isInitialised()) {
        return cli::fail(QStringLiteral("%1 is not initialised; run `steward-server init` first").arg(dir.root()));
    }
    Result<QByteArray> caCertificate = files::read(dir.caCertificate());
    Result<QByteArray> caKey = files::read(dir.caKey());
    if (!caCertificate || !caKey) {
        return cli::fail(caCertificate ? caKey.error().message : caCertificate.error().message);
    }
    Result<tls::Identity> identity = tls::loadIdentity(dir.serverCertificate(), dir.serverKey());
    if (!identity) {
        return cli::fail(identity.error().message);
    }
    Result<DatabaseUrl> url = dir.databaseUrl();
    if (!url) {
        return cli::fail(url.error().message);
    }
    Result<std::unique_ptr<Database>> database = Database::open(url.value());
    if (!database) {
        return cli::fail(database.error().message);
    }
    qCInfo(lcServer).noquote() << "site database" << url.value().toString();
    Repositories store(*database.value());
    Clock clock;
    // Devices stored before the help-desk search existed become findable before anyone searches.
    if (const Result<int> indexed = store.devices.indexUnsearched(clock.now()); !indexed) {
        return cli::fail(indexed.error().message);
    } else if (indexed.value() > 0) {
        qCInfo(lcServer) << "indexed" << indexed.value() << "devices for search";
    }
    const QString fingerprint = pki::fingerprint(caCertificate.value()).value();

    GatewayContext context;
    context.store = &store;
    context.clock = &clock;
    context.ca = pki::KeyAndCertificate{caKey.value(), caCertificate.value()};
    AgentGateway gateway(context, identity.value());
    if (Status status = gateway.listen(agentAddress, agentPort); !status) {
        return cli::fail(status.error().message);
    }
    AdminApi::Options apiOptions;
    apiOptions.caFingerprint = fingerprint;
    AdminApi api(store, clock, policy, apiOptions);
    if (Status status =
            api.listen(apiAddress, apiPort, identity.value(), QSslCertificate(caCertificate.value(), QSsl::Pem));
        !status) {
        return cli::fail(status.error().message);
    }
    QObject::connect(&api, &AdminApi::deviceRevoked, &gateway, &AgentGateway::disconnectDevice);
    QObject::connect(&api, &AdminApi::jobsReleased, &gateway, &AgentGateway::offerJobs);
    QObject::connect(&api, &AdminApi::jobCancelled, &gateway, &AgentGateway::cancelJob);
    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminationRequested, qApp, [](int signalNumber) {
        qCInfo(lcServer) << "signal" << signalNumber << "received, shutting down";
        QCoreApplication::quit();
    });
    qCInfo(lcServer).noquote() << "steward-server" << STEWARD_VERSION_STRING << "running; CA fingerprint"
                               << fingerprint;
    return QCoreApplication::exec();
}
}

int runServerCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Steward site server: agent gateway, admin API and store.\n\n")
                                     + QLatin1String(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init or run"));
    parser.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("Server state directory."), QStringLiteral("DIR")},
        {QStringLiteral("admin-password-file"),
         QStringLiteral("init: file whose first line is the first admin's password."),
         QStringLiteral("FILE")},
        {QStringLiteral("admin-user"),
         QStringLiteral("init: name of the first admin (default admin)."),
         QStringLiteral("NAME")},
        {QStringLiteral("san"),
         QStringLiteral("init: extra DNS name or IP address for the server certificate (repeatable)."),
         QStringLiteral("NAME_OR_IP")},
        {QStringLiteral("database"),
         QStringLiteral("init: the site database, sqlite (default: a file in DIR), sqlite:///PATH, "
                        "postgresql://USER@/DBNAME?host=SOCKET_DIR or "
                        "postgresql://USER:PASSWORD@HOST:PORT/DBNAME; run reads it from DIR."),
         QStringLiteral("URL")},
        {QStringLiteral("agent-listen"),
         QStringLiteral("run: agent channel address (default 0.0.0.0:8730)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("api-listen"),
         QStringLiteral("run: admin API address (default 0.0.0.0:8731)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("stale-after-hours"),
         QStringLiteral("run: a device not heard from for longer is \"stale\" and not compliant (default 24). "
                        "Sites on weekly links want more."),
         QStringLiteral("N")},
    });
    if (const std::optional<int> answered = cli::parseOrAnswer(parser, arguments)) {
        return *answered;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return cli::fail(QStringLiteral("expected one command, init or run (see --help)"), cli::kExitUsage);
    }
    if (positional.first() == QLatin1String("init")) {
        return runInit(parser);
    }
    if (positional.first() == QLatin1String("run")) {
        return runServer(parser);
    }
    return cli::fail(QStringLiteral("unknown command \"%1\" (expected init or run)").arg(positional.first()),
                     cli::kExitUsage);
}

} // namespace steward::server
