// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCommand.h"

#include "Clock.h"
#include "DataDirectory.h"
#include "Files.h"
#include "Pki.h"
#include "SignalWatcher.h"
#include "StewardServerLogging.h"
#include "api/AdminApi.h"
#include "gateway/AgentGateway.h"
#include "steward_version.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

#include <cstdio>

namespace steward::server
{

namespace
{
constexpr int kExitUsage = 2;

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "steward-server: %s\n", qPrintable(message));
    return code;
}

const char *kUsage =
    "Usage: steward-server init --data-dir DIR --admin-password-file FILE [--admin-user NAME] [--san NAME_OR_IP]...\n"
    "       steward-server run --data-dir DIR [--agent-listen HOST:PORT] [--api-listen HOST:PORT]\n";

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535) {
        return false;
    }
    if (host == QLatin1String("localhost")) {
        host = QStringLiteral("127.0.0.1");
    }
    if (!address->setAddress(host)) {
        return false;
    }
    *port = quint16(value);
    return true;
}

int runInit(QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("data-dir")) || !parser.isSet(QStringLiteral("admin-password-file"))) {
        return fail(QStringLiteral("init needs --data-dir and --admin-password-file (see --help)"), kExitUsage);
    }
    Result<QByteArray> password = files::read(parser.value(QStringLiteral("admin-password-file")), 4096);
    if (!password) {
        return fail(password.error().message);
    }
    DataDirectory::InitOptions options;
    options.adminPassword = QString::fromUtf8(password.value()).section(QLatin1Char('\n'), 0, 0);
    if (parser.isSet(QStringLiteral("admin-user"))) {
        options.adminUser = parser.value(QStringLiteral("admin-user"));
    }
    options.subjectAltNames = parser.values(QStringLiteral("san"));
    DataDirectory dir(parser.value(QStringLiteral("data-dir")));
    if (Status status = dir.initialise(options); !status) {
        return fail(status.error().message);
    }
    Result<QByteArray> ca = files::read(dir.caCertificate());
    const QString fingerprint = ca ? pki::fingerprint(ca.value()).value() : QString();
    std::printf("Initialised %s\nCA certificate: %s\nCA fingerprint (SHA-256): %s\n", qPrintable(dir.root()), qPrintable(dir.caCertificate()),
                qPrintable(fingerprint));
    return 0;
}

int runServer(QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("data-dir"))) {
        return fail(QStringLiteral("run needs --data-dir (see --help)"), kExitUsage);
    }
    QHostAddress agentAddress(QHostAddress::AnyIPv4);
    quint16 agentPort = 8730;
    QHostAddress apiAddress(QHostAddress::AnyIPv4);
    quint16 apiPort = 8731;
    if (parser.isSet(QStringLiteral("agent-listen")) && !parseListen(parser.value(QStringLiteral("agent-listen")), &agentAddress, &agentPort)) {
        return fail(QStringLiteral("--agent-listen wants HOST:PORT, got \"%1\"").arg(parser.value(QStringLiteral("agent-listen"))), kExitUsage);
    }
    if (parser.isSet(QStringLiteral("api-listen")) && !parseListen(parser.value(QStringLiteral("api-listen")), &apiAddress, &apiPort)) {
        return fail(QStringLiteral("--api-listen wants HOST:PORT, got \"%1\"").arg(parser.value(QStringLiteral("api-listen"))), kExitUsage);
    }
    DataDirectory dir(parser.value(QStringLiteral("data-dir")));
    if (!dir.isInitialised()) {
        return fail(QStringLiteral("%1 is not initialised; run `steward-server init` first").arg(dir.root()));
    }
    Result<QByteArray> caCertificate = files::read(dir.caCertificate());
    Result<QByteArray> caKey = files::read(dir.caKey());
    if (!caCertificate || !caKey) {
        return fail(caCertificate ? caKey.error().message : caCertificate.error().message);
    }
    Result<tls::Identity> identity = tls::loadIdentity(dir.serverCertificate(), dir.serverKey());
    if (!identity) {
        return fail(identity.error().message);
    }
    Store store;
    if (Status status = store.open(dir.database()); !status) {
        return fail(status.error().message);
    }
    Clock clock;
    const QString fingerprint = pki::fingerprint(caCertificate.value()).value();

    GatewayContext context;
    context.store = &store;
    context.clock = &clock;
    context.ca = pki::KeyAndCertificate{caKey.value(), caCertificate.value()};
    context.caFingerprint = fingerprint;
    AgentGateway gateway(context, identity.value());
    if (Status status = gateway.listen(agentAddress, agentPort); !status) {
        return fail(status.error().message);
    }
    AdminApi api(store, clock, CompliancePolicy{}, AdminApi::Options{fingerprint});
    if (Status status = api.listen(apiAddress, apiPort, identity.value(), QSslCertificate(caCertificate.value(), QSsl::Pem)); !status) {
        return fail(status.error().message);
    }
    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminationRequested, qApp, [](int signalNumber) {
        qCInfo(lcServer) << "signal" << signalNumber << "received, shutting down";
        QCoreApplication::quit();
    });
    qCInfo(lcServer).noquote() << "steward-server" << STEWARD_VERSION_STRING << "running; CA fingerprint" << fingerprint;
    return QCoreApplication::exec();
}
}

int runServerCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Steward site server: agent gateway, admin API and store.\n\n") + QLatin1String(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init or run"));
    parser.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("Server state directory."), QStringLiteral("DIR")},
        {QStringLiteral("admin-password-file"), QStringLiteral("init: file whose first line is the first admin's password."), QStringLiteral("FILE")},
        {QStringLiteral("admin-user"), QStringLiteral("init: name of the first admin (default admin)."), QStringLiteral("NAME")},
        {QStringLiteral("san"), QStringLiteral("init: extra DNS name or IP address for the server certificate (repeatable)."), QStringLiteral("NAME_OR_IP")},
        {QStringLiteral("agent-listen"), QStringLiteral("run: agent channel address (default 0.0.0.0:8730)."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("api-listen"), QStringLiteral("run: admin API address (default 0.0.0.0:8731)."), QStringLiteral("HOST:PORT")},
    });
    if (!parser.parse(arguments)) {
        return fail(parser.errorText(), kExitUsage);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("steward-server %s\n", STEWARD_VERSION_STRING);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return fail(QStringLiteral("expected one command, init or run (see --help)"), kExitUsage);
    }
    if (positional.first() == QLatin1String("init")) {
        return runInit(parser);
    }
    if (positional.first() == QLatin1String("run")) {
        return runServer(parser);
    }
    return fail(QStringLiteral("unknown command \"%1\" (expected init or run)").arg(positional.first()), kExitUsage);
}

} // namespace steward::server
