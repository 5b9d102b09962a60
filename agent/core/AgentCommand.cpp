// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentCommand.h"

#include "AgentConfig.h"
#include "AgentRunner.h"
#include "AgentState.h"
#include "ChildCollection.h"
#include "Clock.h"
#include "CollectContext.h"
#include "CommandLine.h"
#include "Enrollment.h"
#include "Files.h"
#include "JobExecution.h"
#include "JobQueue.h"
#include "JobRunner.h"
#include "MachineRole.h"
#include "PlatformPatcher.h"
#include "ProcessCommandRunner.h"
#include "ReportCollector.h"
#include "SignalWatcher.h"
#include "Spool.h"
#include "StewardAgentLogging.h"
#include "SystemRebooter.h"
#include "steward_version.h"

#include <QCborArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <cstdio>

namespace steward::agent
{

namespace
{
const char *kUsage =
    "Usage: steward-agent enroll --data-dir DIR --server HOST:PORT (--token-file FILE | --token TOKEN) "
    "--ca-fingerprint FP [--job-root-fingerprint FP]\n"
    "       steward-agent run --data-dir DIR [--once] [--config FILE]\n"
    "       steward-agent collect [--json] [--root DIR] [--data-dir DIR] [--sections LIST]\n"
    "       steward-agent collect --spool [--sections LIST] [--full] [--data-dir DIR] [--config FILE]\n"
    "       steward-agent job-exec --id ID [--verify] [--data-dir DIR] [--config FILE]\n";

// What `collect --sections` may name and the schedules divide among themselves: the sections the
// collectors fill (some of protocol::reportSectionNames(), checked by TestReportCollector).
QStringList collectableSections()
{
    return ReportCollector(Clock::system()).sectionNames();
}

// The token's first line. A token given with --token shows in `ps` to every local user for as long
// as enrolment runs; a file readable by root only does not.
Result<QString> readTokenFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("enroll.token-file"),
                         QStringLiteral("cannot read the token file %1: %2").arg(path, file.errorString()));
    }
    return QString::fromUtf8(file.readLine()).trimmed();
}

int runEnroll(const QCommandLineParser &parser)
{
    for (const char *option : {"data-dir", "server", "ca-fingerprint"}) {
        if (!parser.isSet(QLatin1String(option))) {
            return cli::fail(QStringLiteral("enroll needs --%1 (see --help)").arg(QLatin1String(option)),
                             cli::kExitUsage);
        }
    }
    const bool hasToken = parser.isSet(QStringLiteral("token"));
    const bool hasTokenFile = parser.isSet(QStringLiteral("token-file"));
    if (hasToken == hasTokenFile) {
        return cli::fail(QStringLiteral("enroll needs exactly one of --token-file and --token (see --help)"),
                         cli::kExitUsage);
    }
    EnrollmentRequest request;
    request.dataDir = parser.value(QStringLiteral("data-dir"));
    if (!cli::parseHostPort(parser.value(QStringLiteral("server")), &request.serverHost, &request.serverPort)) {
        return cli::fail(
            QStringLiteral("--server wants HOST:PORT, got \"%1\"").arg(parser.value(QStringLiteral("server"))),
            cli::kExitUsage);
    }
    if (hasTokenFile) {
        Result<QString> token = readTokenFile(parser.value(QStringLiteral("token-file")));
        if (!token) {
            return cli::fail(token.error().message);
        }
        request.token = token.value();
    } else {
        request.token = parser.value(QStringLiteral("token"));
    }
    request.caFingerprint = parser.value(QStringLiteral("ca-fingerprint"));
    request.jobRootFingerprint = parser.value(QStringLiteral("job-root-fingerprint"));
    request.hostname = QSysInfo::machineHostName();
    Result<AgentState> state = enroll(request, Clock::system());
    if (!state) {
        return cli::fail(QStringLiteral("enrolment failed: %1").arg(state.error().message));
    }
    std::printf("Enrolled as device %s with %s:%u\n",
                qPrintable(state.value().deviceId),
                qPrintable(request.serverHost),
                request.serverPort);
    return 0;
}

CollectContext liveContext(const QString &root, ProcessCommandRunner *runner, const QString &stateDirectory)
{
    CollectContext context;
    context.root = root;
    context.runner = runner;
    context.stateDirectory = stateDirectory;
    return context;
}

// The configuration `run` and `collect --spool` read: the file named with --config (which must
// exist) or the default one (optional).
Result<AgentConfig> loadConfig(const QCommandLineParser &parser)
{
    const bool namedConfig = parser.isSet(QStringLiteral("config"));
    const QString configPath =
        namedConfig ? parser.value(QStringLiteral("config")) : QLatin1String(AgentConfig::kDefaultPath);
    return AgentConfig::load(configPath, namedConfig);
}

QString dataDirectory(const QCommandLineParser &parser, const AgentConfig &config)
{
    return parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir")) : config.dataDir;
}

// What `run` and `collect --spool` start from: the settings, the enrolled device and its spool,
// opened into `spool`.
struct EnrolledDevice {
    AgentConfig config;
    QString dataDir;
    AgentState state;
};

Result<EnrolledDevice> openEnrolledDevice(const QCommandLineParser &parser, Spool &spool)
{
    Result<AgentConfig> config = loadConfig(parser);
    if (!config) {
        return config.error();
    }
    const QString dataDir = dataDirectory(parser, config.value());
    Result<AgentState> state = AgentState::load(dataDir);
    if (!state) {
        return state.error();
    }
    if (Status opened = spool.open(state.value().spoolPath()); !opened) {
        return opened.error();
    }
    spool.setMaxBytes(config.value().spoolMaxBytes);
    return EnrolledDevice{std::move(config).value(), dataDir, std::move(state).value()};
}

// About the agent itself: what runs, and whether reports were lost to a full spool.
QCborMap agentSection(const Spool &spool)
{
    QCborMap section;
    section.insert(QLatin1String("version"), QStringLiteral(STEWARD_VERSION_STRING));
    section.insert(QLatin1String("droppedReports"), spool.droppedCount());
    return section;
}

int runAgent(const QCommandLineParser &parser)
{
    Spool spool;
    Result<EnrolledDevice> device = openEnrolledDevice(parser, spool);
    if (!device) {
        return cli::fail(device.error().message);
    }
    const AgentConfig &config = device.value().config;
    const QString &dataDir = device.value().dataDir;
    AgentRunner::Options options;
    options.once = parser.isSet(QStringLiteral("once"));
    options.heartbeatInterval = config.heartbeatInterval;
    using Ms = std::chrono::milliseconds;
    // Patch and antivirus state goes stale within hours, inventory within days. Every other
    // section counts as inventory, so a new collector is scheduled without an edit here.
    QStringList inventory = collectableSections();
    inventory.removeAll(QStringLiteral("patches"));
    inventory.removeAll(QStringLiteral("antivirus"));
    options.schedules = {
        {inventory, Ms(config.inventoryInterval), Ms(config.inventoryJitter)},
        {{QStringLiteral("patches")}, Ms(config.patchesInterval), Ms(config.patchesInterval / 10)},
        {{QStringLiteral("antivirus")}, Ms(config.antivirusInterval), Ms(config.antivirusInterval / 10)},
    };
    ChildCollection::Options collectionOptions;
    collectionOptions.program = QCoreApplication::applicationFilePath();
    collectionOptions.arguments = {QStringLiteral("--data-dir"), dataDir};
    if (parser.isSet(QStringLiteral("config"))) {
        collectionOptions.arguments << QStringLiteral("--config") << parser.value(QStringLiteral("config"));
    }
    // Every command of a collection is bounded by collector-timeout; a full collection runs a
    // handful of them, so ten times that bounds a collection whose every command hangs.
    collectionOptions.timeout = Ms(config.collectorTimeout) * 10;
    ChildCollection collection(spool, Clock::system(), collectionOptions);
    AgentRunner agent(device.value().state, spool, collection, Clock::system(), options);
    const AgentState &state = device.value().state;
    JobQueue jobQueue(spool, state.deviceId, state.jobRootFingerprint, config.allowedJobKinds);
    if (Status opened = jobQueue.open(); !opened) {
        return cli::fail(opened.error().message);
    }
    JobRunner::Options jobOptions;
    jobOptions.program = collectionOptions.program;
    jobOptions.arguments = collectionOptions.arguments;
    jobOptions.maximumRuntime = config.jobMaxRuntime;
    jobOptions.defaultRuntime = std::min(jobOptions.defaultRuntime, config.jobMaxRuntime);
    JobRunner jobRunner(jobQueue, Clock::system(), jobOptions);
    agent.setJobs(&jobQueue, &jobRunner);
    int exitCode = 0;
    QObject::connect(&agent, &AgentRunner::finished, qApp, [&exitCode](int code, const QString &message) {
        exitCode = code;
        if (!message.isEmpty()) {
            cli::fail(message, code);
        }
        QCoreApplication::exit(code);
    });
    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminationRequested, qApp, [](int signalNumber) {
        qCInfo(lcAgent) << "signal" << signalNumber << "received, stopping";
        QCoreApplication::quit();
    });
    agent.start();
    QCoreApplication::exec();
    return exitCode;
}

// `job-exec`: what the agent runs in a child process for each job (JobRunner).
int runJobExecution(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("id"))) {
        return cli::fail(QStringLiteral("job-exec needs --id (see --help)"), cli::kExitUsage);
    }
    Spool spool;
    Result<EnrolledDevice> device = openEnrolledDevice(parser, spool);
    if (!device) {
        return cli::fail(device.error().message);
    }
    const AgentState &state = device.value().state;
    JobQueue queue(spool, state.deviceId, state.jobRootFingerprint, device.value().config.allowedJobKinds);
    if (Status opened = queue.open(); !opened) {
        return cli::fail(opened.error().message);
    }
    const QString id = parser.value(QStringLiteral("id"));
    const std::optional<StoredJob> job = queue.find(id);
    if (!job) {
        return cli::fail(QStringLiteral("no job %1 in the spool").arg(id));
    }
    Result<QByteArray> key = files::read(state.keyPath());
    if (!key) {
        return cli::fail(key.error().message);
    }
    // Package managers get their own, longer limit: the job's runtime cap is the real bound.
    ProcessCommandRunner runner(std::chrono::hours(24));
    std::unique_ptr<jobs::Patcher> patcher = platformPatcher(runner);
    if (!patcher) {
        protocol::JobEvent end;
        end.state = QStringLiteral("failed");
        end.reason = QStringLiteral("job.platform-unsupported");
        end.message = QStringLiteral("this machine has no package manager Steward can drive");
        if (Status recorded = queue.transition(id, end, Clock::system().now()); !recorded) {
            return cli::fail(recorded.error().message);
        }
        return 0;
    }
    jobs::SystemRebooter rebooter(runner);
    const JobExecution execution{queue,
                                 *patcher,
                                 Clock::system(),
                                 state.deviceId,
                                 key.value(),
                                 &rebooter,
                                 isServer(device.value().config.machineRole),
                                 [] {
                                     // JobRunner reads this line and sends the spooled event at once.
                                     std::fputs(JobRunner::kEventSpooledLine, stdout);
                                     std::fflush(stdout);
                                 }};
    return execution.run(*job, parser.isSet(QStringLiteral("verify")));
}

void printSummary(const QCborMap &report)
{
    const QCborMap os = report.value(QLatin1String("os")).toMap();
    const QCborMap patches = report.value(QLatin1String("patches")).toMap();
    const QCborArray products =
        report.value(QLatin1String("antivirus")).toMap().value(QLatin1String("products")).toArray();
    std::printf("Host:       %s\n", qPrintable(os.value(QLatin1String("hostname")).toString()));
    std::printf("OS:         %s\n", qPrintable(os.value(QLatin1String("prettyName")).toString()));
    std::printf("Software:   %lld packages\n",
                static_cast<long long>(report.value(QLatin1String("software")).toArray().size()));
    std::printf("Updates:    %lld pending, %lld security\n",
                static_cast<long long>(patches.value(QLatin1String("pending")).toArray().size()),
                static_cast<long long>(patches.value(QLatin1String("securityCount")).toInteger()));
    std::printf("Antivirus:  %s\n",
                products.isEmpty() ? "none found"
                                   : qPrintable(products.first().toMap().value(QLatin1String("name")).toString()));
    const QCborMap errors = report.value(QLatin1String("errors")).toMap();
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it) {
        std::printf("Error:      %s: %s\n",
                    qPrintable(it.key().toString()),
                    qPrintable(it.value().toMap().value(QLatin1String("message")).toString()));
    }
}

// `collect --spool`: what the agent runs in a child process for each collection.
int spoolCollection(const QCommandLineParser &parser, const QStringList &sections)
{
    if (parser.isSet(QStringLiteral("root")) || parser.isSet(QStringLiteral("json"))) {
        return cli::fail(
            QStringLiteral("collect --spool reads this machine and writes the spool; --root and --json do not apply"),
            cli::kExitUsage);
    }
    Spool spool;
    Result<EnrolledDevice> device = openEnrolledDevice(parser, spool);
    if (!device) {
        return cli::fail(device.error().message);
    }
    const AgentConfig &config = device.value().config;
    const QString &dataDir = device.value().dataDir;
    ProcessCommandRunner runner(config.collectorTimeout);
    const CollectContext context = liveContext(QStringLiteral("/"), &runner, dataDir);
    const Result<qint64> sequence = collectIntoSpool(
        spool,
        Clock::system(),
        [&context, &spool](const QStringList &requested) {
            QCborMap report = collectReport(context, Clock::system(), requested);
            report.insert(QLatin1String("agent"), agentSection(spool));
            return report;
        },
        sections,
        parser.isSet(QStringLiteral("full")));
    if (!sequence) {
        return cli::fail(QStringLiteral("could not spool report: %1").arg(sequence.error().message));
    }
    qCInfo(lcAgent) << "spooled report" << sequence.value();
    return 0;
}

int runCollect(const QCommandLineParser &parser)
{
    QStringList sections;
    if (parser.isSet(QStringLiteral("sections"))) {
        sections = parser.value(QStringLiteral("sections")).split(u',', Qt::SkipEmptyParts);
        const QStringList collectable = collectableSections();
        for (const QString &section : std::as_const(sections)) {
            if (!collectable.contains(section)) {
                return cli::fail(
                    QStringLiteral("unknown section \"%1\" (expected some of %2)").arg(section, collectable.join(u',')),
                    cli::kExitUsage);
            }
        }
    }
    if (parser.isSet(QStringLiteral("spool"))) {
        return spoolCollection(parser, sections);
    }
    if (parser.isSet(QStringLiteral("full"))) {
        return cli::fail(QStringLiteral("--full applies to collect --spool only"), cli::kExitUsage);
    }
    ProcessCommandRunner runner;
    const QString root =
        parser.isSet(QStringLiteral("root")) ? parser.value(QStringLiteral("root")) : QStringLiteral("/");
    const QCborMap report =
        collectReport(liveContext(root, &runner, parser.value(QStringLiteral("data-dir"))), Clock::system(), sections);
    if (parser.isSet(QStringLiteral("json"))) {
        std::fputs(QJsonDocument(report.toJsonObject()).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        printSummary(report);
    }
    return 0;
}
}

int runAgentCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Steward agent: reports inventory, patch and antivirus status.\n\n")
                                     + QLatin1String(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("enroll, run or collect"));
    parser.addOptions({
        {QStringLiteral("data-dir"),
         QStringLiteral("Agent state directory (key, certificate, spool). collect: also where a scan keeps what lets "
                        "the next one skip "
                        "unchanged work."),
         QStringLiteral("DIR")},
        {QStringLiteral("server"), QStringLiteral("enroll: site server agent address."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("token-file"),
         QStringLiteral("enroll: file whose first line is the enrolment token from `stewardctl token create`."),
         QStringLiteral("FILE")},
        {QStringLiteral("token"),
         QStringLiteral(
             "enroll: the enrolment token itself (visible to local users in the process list; prefer --token-file)."),
         QStringLiteral("TOKEN")},
        {QStringLiteral("ca-fingerprint"),
         QStringLiteral("enroll: SHA-256 fingerprint of the site CA to pin."),
         QStringLiteral("FP")},
        {QStringLiteral("job-root-fingerprint"),
         QStringLiteral("enroll: fingerprint of the operator root key whose operators may sign jobs for this device "
                        "(`stewardctl token create` prints it); without one, every job is refused."),
         QStringLiteral("FP")},
        {QStringLiteral("once"), QStringLiteral("run: send one full report, wait for its acknowledgement, exit.")},
        {QStringLiteral("config"),
         QStringLiteral("run, collect --spool: settings file (default /etc/steward/agent.conf, optional)."),
         QStringLiteral("FILE")},
        {QStringLiteral("json"), QStringLiteral("collect: print the whole report as JSON.")},
        {QStringLiteral("root"),
         QStringLiteral("collect: read the machine's files below DIR instead of /."),
         QStringLiteral("DIR")},
        {QStringLiteral("sections"),
         QStringLiteral("collect: only these sections (%1).").arg(collectableSections().join(u',')),
         QStringLiteral("LIST")},
        {QStringLiteral("spool"),
         QStringLiteral(
             "collect: add the report to the agent's spool for `run` to send (what `run` does on its schedules).")},
        {QStringLiteral("full"), QStringLiteral("collect --spool: send every section, not only the changed ones.")},
        {QStringLiteral("id"), QStringLiteral("job-exec: the spooled job to run."), QStringLiteral("ID")},
        {QStringLiteral("verify"),
         QStringLiteral("job-exec: only check what an interrupted job left installed; install nothing.")},
    });
    if (const std::optional<int> answered = cli::parseOrAnswer(parser, arguments)) {
        return *answered;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return cli::fail(QStringLiteral("expected one command: enroll, run, collect or job-exec (see --help)"),
                         cli::kExitUsage);
    }
    const QString command = positional.first();
    if (command == QLatin1String("enroll")) {
        return runEnroll(parser);
    }
    if (command == QLatin1String("run")) {
        return runAgent(parser);
    }
    if (command == QLatin1String("collect")) {
        return runCollect(parser);
    }
    if (command == QLatin1String("job-exec")) {
        return runJobExecution(parser);
    }
    return cli::fail(QStringLiteral("unknown command \"%1\" (expected enroll, run, collect or job-exec)").arg(command),
                     cli::kExitUsage);
}

} // namespace steward::agent
