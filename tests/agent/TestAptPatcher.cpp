// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"
#include "ProcessCommandRunner.h"
#include "apt/AptCollector.h"
#include "apt/AptPatcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace steward;
using namespace steward::agent;
using namespace steward::agent::jobs;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(steward::agent::CommandResult)

namespace
{
// Replays recorded results and records every call. Results are queued per command: the
// program, after `env` and its assignments, and for dpkg its first argument ("dpkg --audit");
// the last result of a queue repeats. A command without results behaves as not installed.
class ScriptedRunner : public CommandRunner
{
public:
    struct Call {
        QString program;
        QStringList args;
        std::chrono::milliseconds timeout;
    };

    static QString commandOf(const QString &program, const QStringList &args)
    {
        QStringList words = QStringList{program} + args;
        if (program == QLatin1String("env")) {
            words.removeFirst();
            while (!words.isEmpty() && words.first().contains(u'=')) {
                words.removeFirst();
            }
        }
        if (words.isEmpty()) {
            return QString();
        }
        return words.first() == QLatin1String("dpkg") && words.size() > 1 ? words.mid(0, 2).join(u' ') : words.first();
    }

    void add(const QString &command, const CommandResult &result)
    {
        m_results[command].append(result);
    }

    CommandResult run(const QString &program, const QStringList &args, std::chrono::milliseconds timeout) override
    {
        m_calls.append(Call{program, args, timeout});
        QList<CommandResult> &queue = m_results[commandOf(program, args)];
        if (queue.isEmpty()) {
            CommandResult notFound;
            notFound.failedToStart = true;
            return notFound;
        }
        return queue.size() > 1 ? queue.takeFirst() : queue.first();
    }

    const QList<Call> &calls() const
    {
        return m_calls;
    }
    QStringList commands() const
    {
        QStringList result;
        for (const Call &call : m_calls) {
            result.append(commandOf(call.program, call.args));
        }
        return result;
    }
    const Call *find(const QString &command) const
    {
        for (const Call &call : m_calls) {
            if (commandOf(call.program, call.args) == command) {
                return &call;
            }
        }
        return nullptr;
    }

private:
    QHash<QString, QList<CommandResult>> m_results;
    QList<Call> m_calls;
};

CommandResult succeeding(const QByteArray &standardOutput = QByteArray())
{
    CommandResult result;
    result.exitCode = 0;
    result.standardOutput = standardOutput;
    return result;
}

CommandResult failing(int exitCode, const QByteArray &standardOutput, const QByteArray &standardError)
{
    CommandResult result;
    result.exitCode = exitCode;
    result.standardOutput = standardOutput;
    result.standardError = standardError;
    return result;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items) {
        result.append(QLatin1String(item));
    }
    return result;
}

template<typename T>
QByteArray describe(const Result<T> &result)
{
    return result.ok() ? QByteArrayLiteral("ok") : (result.error().code + u": " + result.error().message).toUtf8();
}

// Recorded from steward-apt-scan --root tests/collectors/fixtures/apt/debian --plan --security.
const QByteArray securityPlan =
    R"({"steward-apt-plan":1,"select":"security","architecture":"amd64","refusal":null,"items":[)"
    R"({"name":"libssl3","before":"3.0.11-1~deb12u2","target":"3.0.11-1~deb12u3","result":"planned","new":false,"requested":true,"security":true,"message":""},)"
    R"({"name":"linux-image-6.1.0-20-amd64","before":"","target":"6.1.85-1","result":"planned","new":true,"requested":false,"security":true,"message":""},)"
    R"({"name":"linux-image-amd64","before":"6.1.76-1","target":"6.1.85-1","result":"planned","new":false,"requested":true,"security":true,"message":""},)"
    R"({"name":"openssl","before":"3.0.11-1~deb12u2","target":"3.0.11-1~deb12u3","result":"planned","new":false,"requested":true,"security":true,"message":""}]})"
    "\n";

// dpkg-query before the job (the fixture's versions) and after a complete run.
const QByteArray queryBefore =
    "libssl3\t3.0.11-1~deb12u2\tii \tamd64\n"
    "linux-image-amd64\t6.1.76-1\tii \tamd64\n"
    "openssl\t3.0.11-1~deb12u2\tii \tamd64\n";
const QByteArray queryAfter =
    "libssl3\t3.0.11-1~deb12u3\tii \tamd64\n"
    "linux-image-6.1.0-20-amd64\t6.1.85-1\tii \tamd64\n"
    "linux-image-amd64\t6.1.85-1\tii \tamd64\n"
    "openssl\t3.0.11-1~deb12u3\tii \tamd64\n";

const QByteArray lockTimeoutError =
    "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 "
    "(apt-get)\n"
    "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is "
    "another process using it?\n";

const QByteArray dpkgLocked =
    "dpkg: error: dpkg frontend lock was locked by another process with pid 4242\n"
    "Note: removing the lock file is always wrong, can damage the locked area\n"
    "and the entire system. See <https://wiki.debian.org/Teams/Dpkg/FAQ#db-lock>.\n";

const QByteArray halfConfigured =
    "The following packages are only half configured, probably due to problems\n"
    "configuring them the first time.  The configuration should be retried using\n"
    "dpkg --configure <package> or the configure menu option in dselect:\n"
    " ca-certificates      Common CA certificates\n";

const QString queryFormat =
    QStringLiteral("--showformat=${Package}\\t${Version}\\t${db:Status-Abbrev}\\t${Architecture}\\n");

const PatchItem *itemNamed(const QList<PatchItem> &items, const QString &name)
{
    const auto it = std::find_if(items.cbegin(), items.cend(), [&name](const PatchItem &item) {
        return item.name == name;
    });
    return it == items.cend() ? nullptr : &*it;
}

bool isAptSystem()
{
    return QFileInfo(QStringLiteral("/usr/bin/apt-get")).isFile()
        && QFileInfo(QStringLiteral("/var/lib/dpkg/status")).isFile();
}
} // namespace

class TestAptPatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void planArguments_data();
    void planArguments();
    void invalidNamesAreRefusedWithoutRunningAnything();
    void parsePlan_data();
    void parsePlan();
    void planRunsTheHelper();
    void planErrors_data();
    void planErrors();

    void installArgvIsExact();
    void newDependenciesAreNamedWithoutAPlan();
    void rebootRequiredFile();
    void lockTimeout();
    void partialSuccess();
    void alreadyInstalledRunsNothing();
    void emptyPlanIsNotApplicable();
    void refusedPlanRunsNothing();
    void interruptedDpkgIsConfiguredFirst_data();
    void interruptedDpkgIsConfiguredFirst();
    void dpkgLockIsWaitedFor();
    void failedRepairStops();
    void foreignArchitectures();

    void verifyAllAtTarget();
    void verifyInterrupted();

    void helperOnFixtures_data();
    void helperOnFixtures();
    void helperOnThisMachine();

private:
    AptPatcherOptions options() const;
    PatchPlan securityPlanFrom(AptPatcher &patcher, ScriptedRunner &runner);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAptPatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("updates")));
}

AptPatcherOptions TestAptPatcher::options() const
{
    AptPatcherOptions options;
    options.scanner = QStringLiteral("/opt/steward/steward-apt-scan");
    options.rebootRequiredFile = m_dir->filePath(QStringLiteral("reboot-required"));
    options.dpkgUpdatesDirectory = m_dir->filePath(QStringLiteral("updates"));
    options.sleep = [](std::chrono::seconds) {};
    return options;
}

// The fixture's security plan, through plan() so that the patcher knows its new dependencies.
PatchPlan TestAptPatcher::securityPlanFrom(AptPatcher &patcher, ScriptedRunner &runner)
{
    runner.add(QStringLiteral("/opt/steward/steward-apt-scan"), succeeding(securityPlan));
    PatchRequest request;
    request.select = QStringLiteral("security");
    const Result<PatchPlan> plan = patcher.plan(request);
    return plan.ok() ? plan.value() : PatchPlan{{}, QStringLiteral("test.no-plan"), plan.error().message};
}

void TestAptPatcher::planArguments_data()
{
    QTest::addColumn<QString>("select");
    QTest::addColumn<QStringList>("packages"); // "name" or "name=version"
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("errorCode");

    QTest::newRow("security") << QStringLiteral("security") << QStringList() << list({"--plan", "--security"})
                              << QString();
    QTest::newRow("all") << QStringLiteral("all") << QStringList() << list({"--plan", "--all"}) << QString();
    QTest::newRow("packages, each its own argument")
        << QStringLiteral("packages") << list({"openssl=3.0.11-1~deb12u3", "libc6:i386", "zlib1g=1:1.2.13.dfsg-1"})
        << list({"--plan", "openssl=3.0.11-1~deb12u3", "libc6:i386", "zlib1g=1:1.2.13.dfsg-1"}) << QString();
    QTest::newRow("g++ is a name") << QStringLiteral("packages") << list({"g++"}) << list({"--plan", "g++"})
                                   << QString();
    QTest::newRow("an option is no name") << QStringLiteral("packages") << list({"-oAPT::Get::AllowUnauthenticated=1"})
                                          << QStringList() << QStringLiteral("apt.package-unknown");
    QTest::newRow("shell text is no name")
        << QStringLiteral("packages") << list({"vim;reboot"}) << QStringList() << QStringLiteral("apt.package-unknown");
    QTest::newRow("upper case is no name")
        << QStringLiteral("packages") << list({"Vim"}) << QStringList() << QStringLiteral("apt.package-unknown");
    QTest::newRow("a release is no version") << QStringLiteral("packages") << list({"vim=1.0/bookworm"})
                                             << QStringList() << QStringLiteral("apt.version-unavailable");
    QTest::newRow("a trailing dash would remove") << QStringLiteral("packages") << list({"vim=1.0-"}) << QStringList()
                                                  << QStringLiteral("apt.version-unavailable");
    QTest::newRow("nothing named") << QStringLiteral("packages") << QStringList() << QStringList()
                                   << QStringLiteral("job.content");
}

void TestAptPatcher::planArguments()
{
    QFETCH(QString, select);
    QFETCH(QStringList, packages);
    QFETCH(QStringList, arguments);
    QFETCH(QString, errorCode);

    PatchRequest request;
    request.select = select;
    for (const QString &package : std::as_const(packages)) {
        const qsizetype equals = package.indexOf(u'=');
        request.packages.append(equals < 0 ? PackageRequest{package, QString()}
                                           : PackageRequest{package.left(equals), package.mid(equals + 1)});
    }
    const Result<QStringList> result = AptPatcher::planArguments(request);
    if (errorCode.isEmpty()) {
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(result.value(), arguments);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, errorCode);
    }
}

void TestAptPatcher::invalidNamesAreRefusedWithoutRunningAnything()
{
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    PatchRequest request;
    request.select = QStringLiteral("packages");
    request.packages = {{QStringLiteral("openssl"), QString()}, {QStringLiteral("--purge"), QString()}};
    const Result<PatchPlan> plan = patcher.plan(request);
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(plan.value().refusal, QStringLiteral("apt.package-unknown"));
    QCOMPARE(plan.value().items.size(), 1);
    QCOMPARE(plan.value().items.first().name, QStringLiteral("--purge"));
    QCOMPARE(plan.value().items.first().result, QStringLiteral("refused"));
    QVERIFY(runner.calls().isEmpty());

    const PatchOutcome outcome = patcher.run(plan.value());
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("apt.package-unknown"));
    QVERIFY(runner.calls().isEmpty());
}

void TestAptPatcher::parsePlan_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("refusal"); // empty: none
    QTest::addColumn<QStringList>("items"); // "name before target result"
    QTest::addColumn<QStringList>("automatic");
    QTest::addColumn<QString>("errorCode"); // empty: parses

    QTest::newRow("security, with a new dependency") << securityPlan << QString()
                                                     << list({"libssl3 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned",
                                                              "linux-image-6.1.0-20-amd64  6.1.85-1 planned",
                                                              "linux-image-amd64 6.1.76-1 6.1.85-1 planned",
                                                              "openssl 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned"})
                                                     << list({"linux-image-6.1.0-20-amd64"}) << QString();
    // The refusals, as the helper printed them for the fixture (and copies of it).
    QTest::newRow("package unknown") << QByteArray(
        R"({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":{"code":"apt.package-unknown","message":"no package nosuch is installed or in the configured sources"},"items":[{"name":"nosuch","before":"","target":"","result":"refused","new":false,"requested":true,"security":false,"message":"no package nosuch is installed or in the configured sources"}]})")
                                     << QStringLiteral("apt.package-unknown") << list({"nosuch   refused"})
                                     << QStringList() << QString();
    QTest::newRow("version unavailable") << QByteArray(
        R"({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":{"code":"apt.version-unavailable","message":"openssl 9.9 is not available from the configured sources"},"items":[{"name":"openssl","before":"3.0.11-1~deb12u2","target":"9.9","result":"refused","new":false,"requested":true,"security":false,"message":"openssl 9.9 is not available from the configured sources"}]})")
                                         << QStringLiteral("apt.version-unavailable")
                                         << list({"openssl 3.0.11-1~deb12u2 9.9 refused"}) << QStringList()
                                         << QString();
    QTest::newRow("would remove") << QByteArray(
        R"({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":{"code":"apt.would-remove","message":"the plan would remove tzdata"},"items":[{"name":"breaker","before":"","target":"1.0","result":"planned","new":true,"requested":true,"security":false,"message":""},{"name":"tzdata","before":"2024a-0+deb12u1","target":"","result":"refused","new":false,"requested":false,"security":false,"message":"would be removed"}]})")
                                  << QStringLiteral("apt.would-remove")
                                  << list({"breaker  1.0 planned", "tzdata 2024a-0+deb12u1  refused"}) << QStringList()
                                  << QString();
    QTest::newRow("downgrade") << QByteArray(
        R"({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":{"code":"apt.downgrade","message":"openssl 3.0.9-1 is older than the installed 3.0.11-1~deb12u2"},"items":[{"name":"openssl","before":"3.0.11-1~deb12u2","target":"3.0.9-1","result":"refused","new":false,"requested":true,"security":false,"message":"openssl 3.0.9-1 is older than the installed 3.0.11-1~deb12u2"}]})")
                               << QStringLiteral("apt.downgrade") << list({"openssl 3.0.11-1~deb12u2 3.0.9-1 refused"})
                               << QStringList() << QString();
    QTest::newRow("held") << QByteArray(
        R"json({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":{"code":"apt.held","message":"nginx is held (dpkg selection hold)"},"items":[{"name":"nginx","before":"1.22.1-9","target":"1.22.1-9+deb12u1","result":"refused","new":false,"requested":true,"security":false,"message":"nginx is held (dpkg selection hold)"}]})json")
                          << QStringLiteral("apt.held") << list({"nginx 1.22.1-9 1.22.1-9+deb12u1 refused"})
                          << QStringList() << QString();
    QTest::newRow("already installed") << QByteArray(
        R"({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":null,"items":[{"name":"zlib1g","before":"1:1.2.13.dfsg-1","target":"1:1.2.13.dfsg-1","result":"already-installed","new":false,"requested":true,"security":false,"message":""}]})")
                                       << QString()
                                       << list({"zlib1g 1:1.2.13.dfsg-1 1:1.2.13.dfsg-1 already-installed"})
                                       << QStringList() << QString();

    QTest::newRow("truncated") << securityPlan.left(securityPlan.size() / 2) << QString() << QStringList()
                               << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("another format") << QByteArray(R"({"steward-apt-plan":2,"refusal":null,"items":[]})") << QString()
                                    << QStringList() << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("scan output") << QByteArray("steward-apt-scan 1\nE\t0\n") << QString() << QStringList()
                                 << QStringList() << QStringLiteral("apt.unparseable");
    QTest::newRow("a planned option") << QByteArray(
        R"({"steward-apt-plan":1,"refusal":null,"items":[{"name":"-oDebug::pkgProblemResolver=1","before":"","target":"1","result":"planned"}]})")
                                      << QString() << QStringList() << QStringList()
                                      << QStringLiteral("apt.unparseable");
    QTest::newRow("an unknown result") << QByteArray(
        R"({"steward-apt-plan":1,"refusal":null,"items":[{"name":"vim","before":"","target":"1","result":"installed"}]})")
                                       << QString() << QStringList() << QStringList()
                                       << QStringLiteral("apt.unparseable");
}

void TestAptPatcher::parsePlan()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, refusal);
    QFETCH(QStringList, items);
    QFETCH(QStringList, automatic);
    QFETCH(QString, errorCode);

    QSet<QString> dependencies{QStringLiteral("stale")};
    const Result<PatchPlan> plan = AptPatcher::parsePlan(json, &dependencies);
    if (!errorCode.isEmpty()) {
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, errorCode);
        return;
    }
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(plan.value().refusal, refusal);
    QCOMPARE(plan.value().message.isEmpty(), refusal.isEmpty());
    QStringList got;
    for (const PatchItem &item : plan.value().items) {
        got.append(QStringList{item.name, item.before, item.target, item.result}.join(u' '));
        QCOMPARE(item.title, item.name);
        QCOMPARE(item.message.isEmpty(), item.result != QLatin1String("refused"));
    }
    QCOMPARE(got, items);
    QStringList gotAutomatic(dependencies.cbegin(), dependencies.cend());
    QCOMPARE(gotAutomatic, automatic);
}

void TestAptPatcher::planRunsTheHelper()
{
    ScriptedRunner runner;
    AptPatcherOptions settings = options();
    settings.planTimeout = 90s;
    AptPatcher patcher(runner, settings);
    runner.add(
        QStringLiteral("/opt/steward/steward-apt-scan"),
        succeeding(
            R"({"steward-apt-plan":1,"refusal":null,"items":[)"
            R"({"name":"openssl","before":"1","target":"2","result":"planned","new":false,"requested":true},)"
            R"({"name":"libssl3","before":"1","target":"2","result":"planned","new":false,"requested":false}]})"));
    PatchRequest request;
    request.select = QStringLiteral("packages");
    request.packages = {{QStringLiteral("openssl"), QStringLiteral("2")}};
    const Result<PatchPlan> plan = patcher.plan(request);
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(runner.calls().size(), 1);
    QCOMPARE(runner.calls().first().program, QStringLiteral("/opt/steward/steward-apt-scan"));
    QCOMPARE(runner.calls().first().args, list({"--plan", "openssl=2"}));
    QCOMPARE(runner.calls().first().timeout, 90000ms);
    QCOMPARE(plan.value().items.size(), 2);
    QCOMPARE(plan.value().items.at(1).name, QStringLiteral("libssl3"));
}

void TestAptPatcher::planErrors_data()
{
    QTest::addColumn<CommandResult>("result");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message"); // part of it

    CommandResult timedOut;
    timedOut.timedOut = true;
    CommandResult notStarted;
    notStarted.failedToStart = true;
    QTest::newRow("cache unreadable") << failing(3, QByteArray(), "W: something\nE: Problem parsing dependency 21\n")
                                      << QStringLiteral("apt.cache-unreadable")
                                      << QStringLiteral("E: Problem parsing dependency 21");
    QTest::newRow("broken system") << failing(
        4,
        QByteArray(),
        "E: Unmet dependencies. Try 'apt --fix-broken install' with no packages (or specify a solution).\n")
                                   << QStringLiteral("apt.unresolvable") << QStringLiteral("Unmet dependencies");
    QTest::newRow("crash") << failing(-1, QByteArray(), QByteArray()) << QStringLiteral("apt.failed") << QString();
    QTest::newRow("hang") << timedOut << QStringLiteral("apt.timeout") << QString();
    QTest::newRow("not built") << notStarted << QStringLiteral("apt.failed")
                               << QStringLiteral("/opt/steward/steward-apt-scan");
    QTest::newRow("garbage") << succeeding("Segmentation fault") << QStringLiteral("apt.unparseable") << QString();
}

void TestAptPatcher::planErrors()
{
    QFETCH(CommandResult, result);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);

    ScriptedRunner runner;
    runner.add(QStringLiteral("/opt/steward/steward-apt-scan"), result);
    AptPatcher patcher(runner, options());
    PatchRequest request;
    request.select = QStringLiteral("all");
    const Result<PatchPlan> plan = patcher.plan(request);
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, errorCode);
    QVERIFY2(plan.error().message.contains(message), qPrintable(plan.error().message));
}

void TestAptPatcher::installArgvIsExact()
{
    ScriptedRunner runner;
    AptPatcherOptions settings = options();
    settings.lockTimeout = 120s;
    settings.installTimeout = 45min;
    AptPatcher patcher(runner, settings);
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    QCOMPARE(plan.refusal, QString());

    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("apt-get"), succeeding("Setting up openssl (3.0.11-1~deb12u3) ...\n"));
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryAfter));
    const PatchOutcome outcome = patcher.run(plan);

    QCOMPARE(runner.commands(), list({"/opt/steward/steward-apt-scan", "dpkg --audit", "apt-get", "dpkg-query"}));
    const ScriptedRunner::Call *install = runner.find(QStringLiteral("apt-get"));
    QVERIFY(install);
    // No shell anywhere: env sets the environment and starts apt-get, each word its own entry.
    QCOMPARE(install->program, QStringLiteral("env"));
    QCOMPARE(install->args,
             list({"DEBIAN_FRONTEND=noninteractive",
                   "APT_LISTCHANGES_FRONTEND=none",
                   "NEEDRESTART_MODE=l",
                   "apt-get",
                   "install",
                   "-y",
                   "--no-remove",
                   "-o",
                   "DPkg::Lock::Timeout=120",
                   "-o",
                   "Dpkg::Options::=--force-confold",
                   "-o",
                   "Dpkg::Options::=--force-confdef",
                   // The new kernel package is apt-get's to install as a dependency (automatic).
                   "libssl3=3.0.11-1~deb12u3",
                   "linux-image-amd64=6.1.85-1",
                   "openssl=3.0.11-1~deb12u3"}));
    QCOMPARE(install->timeout, std::chrono::milliseconds(45min));
    const ScriptedRunner::Call *query = runner.find(QStringLiteral("dpkg-query"));
    QVERIFY(query);
    QCOMPARE(query->program, QStringLiteral("dpkg-query"));
    QCOMPARE(query->args,
             QStringList({QStringLiteral("-W"), queryFormat})
                 + list({"libssl3", "linux-image-6.1.0-20-amd64", "linux-image-amd64", "openssl"}));
    for (const ScriptedRunner::Call &call : runner.calls()) {
        QVERIFY2(!call.program.endsWith(QLatin1String("sh")), qPrintable(call.program));
    }

    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
    QCOMPARE(outcome.reason, QString());
    QCOMPARE(outcome.exitCode, std::optional<qint64>(0));
    QCOMPARE(outcome.items.size(), 4);
    for (const PatchItem &item : outcome.items) {
        QCOMPARE(item.result, QStringLiteral("installed"));
        QCOMPARE(item.after, item.target);
        QCOMPARE(item.message, QString());
    }
    QVERIFY(outcome.output.contains("Setting up openssl (3.0.11-1~deb12u3) ..."));
    QVERIFY(outcome.output.contains("$ env DEBIAN_FRONTEND=noninteractive"));
    QVERIFY(!outcome.rebootRequired);
}

// run() of a plan this patcher did not make (restored from storage): nothing says which new
// packages are dependencies, so every planned item is named; installing works the same.
void TestAptPatcher::newDependenciesAreNamedWithoutAPlan()
{
    const Result<PatchPlan> plan = AptPatcher::parsePlan(securityPlan);
    QVERIFY2(plan.ok(), describe(plan).constData());
    ScriptedRunner runner;
    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("apt-get"), succeeding());
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryAfter));
    AptPatcher patcher(runner, options());
    QCOMPARE(patcher.run(plan.value()).state, QStringLiteral("succeeded"));
    const ScriptedRunner::Call *install = runner.find(QStringLiteral("apt-get"));
    QVERIFY(install);
    QVERIFY(install->args.contains(QStringLiteral("linux-image-6.1.0-20-amd64=6.1.85-1")));
    QCOMPARE(install->args.size(), 13 + 4);
}

void TestAptPatcher::rebootRequiredFile()
{
    QFile marker(m_dir->filePath(QStringLiteral("reboot-required")));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.write("*** System restart required ***\n");
    marker.close();

    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("apt-get"), succeeding());
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryAfter));
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
    QVERIFY(outcome.rebootRequired);
}

void TestAptPatcher::lockTimeout()
{
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("apt-get"), failing(100, QByteArray(), lockTimeoutError));
    runner.add(QStringLiteral("dpkg-query"),
               failing(1, queryBefore, "dpkg-query: no packages found matching linux-image-6.1.0-20-amd64\n"));
    const PatchOutcome outcome = patcher.run(plan);

    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("apt.lock-timeout"));
    QCOMPARE(outcome.exitCode, std::optional<qint64>(100));
    QVERIFY(outcome.output.contains("Could not get lock /var/lib/dpkg/lock-frontend"));
    QVERIFY(outcome.output.contains("for longer than 300 s"));
    for (const PatchItem &item : outcome.items) {
        QCOMPARE(item.result, QStringLiteral("failed"));
        QCOMPARE(item.after, item.before);
    }
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("openssl"))->message,
             QStringLiteral("3.0.11-1~deb12u2 is installed, not 3.0.11-1~deb12u3"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("linux-image-6.1.0-20-amd64"))->message,
             QStringLiteral("not installed"));
}

void TestAptPatcher::partialSuccess()
{
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("apt-get"),
               failing(100,
                       "Setting up libssl3:amd64 (3.0.11-1~deb12u3) ...\n"
                       "Setting up linux-image-amd64 (6.1.85-1) ...\n",
                       "dpkg: error processing package linux-image-amd64 (--configure):\n"
                       " installed linux-image-amd64 package post-installation script subprocess returned error "
                       "exit status 1\n"
                       "E: Sub-process /usr/bin/dpkg returned an error code (1)\n"));
    runner.add(QStringLiteral("dpkg-query"),
               failing(1,
                       "libssl3\t3.0.11-1~deb12u3\tii \tamd64\n"
                       "linux-image-6.1.0-20-amd64\t\tun \t\n"
                       "linux-image-amd64\t6.1.85-1\tiF \tamd64\n"
                       "openssl\t3.0.11-1~deb12u2\tii \tamd64\n",
                       QByteArray()));
    const PatchOutcome outcome = patcher.run(plan);

    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("apt.failed"));
    QCOMPARE(outcome.exitCode, std::optional<qint64>(100));
    QVERIFY(outcome.output.contains("returned an error code (1)"));
    QVERIFY(outcome.output.contains("Setting up libssl3:amd64"));

    const auto installed = std::count_if(outcome.items.cbegin(), outcome.items.cend(), [](const PatchItem &item) {
        return item.result == QLatin1String("installed");
    });
    QCOMPARE(installed, 1); // "1 of 4 installed"
    const PatchItem *libssl = itemNamed(outcome.items, QStringLiteral("libssl3"));
    QCOMPARE(libssl->result, QStringLiteral("installed"));
    QCOMPARE(libssl->after, QStringLiteral("3.0.11-1~deb12u3"));
    const PatchItem *kernel = itemNamed(outcome.items, QStringLiteral("linux-image-amd64"));
    QCOMPARE(kernel->result, QStringLiteral("failed"));
    QCOMPARE(kernel->after, QStringLiteral("6.1.85-1"));
    QCOMPARE(kernel->message, QStringLiteral("6.1.85-1 is half-configured"));
    const PatchItem *newKernel = itemNamed(outcome.items, QStringLiteral("linux-image-6.1.0-20-amd64"));
    QCOMPARE(newKernel->result, QStringLiteral("failed"));
    QCOMPARE(newKernel->after, QString());
    QCOMPARE(newKernel->message, QStringLiteral("not installed"));
    const PatchItem *openssl = itemNamed(outcome.items, QStringLiteral("openssl"));
    QCOMPARE(openssl->result, QStringLiteral("failed"));
    QCOMPARE(openssl->after, QStringLiteral("3.0.11-1~deb12u2"));
}

void TestAptPatcher::alreadyInstalledRunsNothing()
{
    const Result<PatchPlan> plan = AptPatcher::parsePlan(
        R"({"steward-apt-plan":1,"refusal":null,"items":[{"name":"zlib1g","before":"1:1.2.13.dfsg-1","target":"1:1.2.13.dfsg-1","result":"already-installed"}]})");
    QVERIFY2(plan.ok(), describe(plan).constData());
    ScriptedRunner runner;
    runner.add(QStringLiteral("dpkg-query"), succeeding("zlib1g\t1:1.2.13.dfsg-1\tii \tamd64\n"));
    AptPatcher patcher(runner, options());
    const PatchOutcome outcome = patcher.run(plan.value());
    QCOMPARE(runner.commands(), list({"dpkg-query"}));
    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
    QVERIFY(!outcome.exitCode);
    QCOMPARE(outcome.items.size(), 1);
    QCOMPARE(outcome.items.first().result, QStringLiteral("already-installed"));
    QCOMPARE(outcome.items.first().after, QStringLiteral("1:1.2.13.dfsg-1"));
}

void TestAptPatcher::emptyPlanIsNotApplicable()
{
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    // Only a held package: nothing this job may install here.
    const Result<PatchPlan> plan = AptPatcher::parsePlan(
        R"json({"steward-apt-plan":1,"refusal":null,"items":[{"name":"nginx","before":"1.22.1-9","target":"1.22.1-9+deb12u1","result":"refused","message":"held (dpkg selection hold)"}]})json");
    QVERIFY2(plan.ok(), describe(plan).constData());
    for (const PatchPlan &candidate : {PatchPlan(), plan.value()}) {
        const PatchOutcome outcome = patcher.run(candidate);
        QCOMPARE(outcome.state, QStringLiteral("not-applicable"));
        QVERIFY(!outcome.exitCode);
        QCOMPARE(outcome.items.size(), candidate.items.size());
    }
    QVERIFY(runner.calls().isEmpty());
}

void TestAptPatcher::refusedPlanRunsNothing()
{
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    runner.add(
        QStringLiteral("/opt/steward/steward-apt-scan"),
        succeeding(
            R"({"steward-apt-plan":1,"select":"packages","architecture":"amd64","refusal":{"code":"apt.would-remove","message":"the plan would remove tzdata"},"items":[{"name":"breaker","before":"","target":"1.0","result":"planned","new":true,"requested":true,"security":false,"message":""},{"name":"tzdata","before":"2024a-0+deb12u1","target":"","result":"refused","new":false,"requested":false,"security":false,"message":"would be removed"}]})"));
    PatchRequest request;
    request.select = QStringLiteral("packages");
    request.packages = {{QStringLiteral("breaker"), QString()}};
    const Result<PatchPlan> plan = patcher.plan(request);
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(plan.value().refusal, QStringLiteral("apt.would-remove"));

    const PatchOutcome outcome = patcher.run(plan.value());
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("apt.would-remove"));
    QVERIFY(!outcome.exitCode);
    QCOMPARE(runner.calls().size(), 1); // the plan only
    const PatchOutcome verified = patcher.verify(plan.value());
    QCOMPARE(verified.state, QStringLiteral("failed"));
    QCOMPARE(runner.calls().size(), 1);
}

void TestAptPatcher::interruptedDpkgIsConfiguredFirst_data()
{
    QTest::addColumn<bool>("journal"); // a file in dpkg's updates directory
    QTest::addColumn<QByteArray>("audit");
    QTest::addColumn<QStringList>("commands");

    const QStringList repaired = list({"dpkg --configure", "apt-get", "dpkg-query"});
    QTest::newRow("journal") << true << QByteArray() << repaired;
    QTest::newRow("audit") << false << halfConfigured
                           << list({"dpkg --audit", "dpkg --configure", "apt-get", "dpkg-query"});
    QTest::newRow("audit while another dpkg runs")
        << false
        << QByteArray(
               "Another process has locked the database for writing, and might currently be\n"
               "modifying it, some of the following problems might just be due to that.\n\n")
            + halfConfigured
        << list({"dpkg --audit", "dpkg --configure", "apt-get", "dpkg-query"});
    QTest::newRow("only another dpkg running")
        << false
        << QByteArray(
               "Another process has locked the database for writing, and might currently be\n"
               "modifying it, some of the following problems might just be due to that.\n\n")
        << list({"dpkg --audit", "apt-get", "dpkg-query"});
    QTest::newRow("not interrupted") << false << QByteArray() << list({"dpkg --audit", "apt-get", "dpkg-query"});
}

void TestAptPatcher::interruptedDpkgIsConfiguredFirst()
{
    QFETCH(bool, journal);
    QFETCH(QByteArray, audit);
    QFETCH(QStringList, commands);

    if (journal) {
        QFile entry(m_dir->filePath(QStringLiteral("updates/0001")));
        QVERIFY(entry.open(QIODevice::WriteOnly));
    }
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    runner.add(QStringLiteral("dpkg --audit"), succeeding(audit));
    runner.add(QStringLiteral("dpkg --configure"), succeeding("Setting up ca-certificates (20230311) ...\n"));
    runner.add(QStringLiteral("apt-get"), succeeding());
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryAfter));
    const PatchOutcome outcome = patcher.run(plan);

    QCOMPARE(runner.commands().mid(1), commands);
    if (const ScriptedRunner::Call *configure = runner.find(QStringLiteral("dpkg --configure"))) {
        QCOMPARE(configure->program, QStringLiteral("env"));
        QCOMPARE(configure->args,
                 list({"DEBIAN_FRONTEND=noninteractive",
                       "APT_LISTCHANGES_FRONTEND=none",
                       "NEEDRESTART_MODE=l",
                       "dpkg",
                       "--configure",
                       "-a",
                       "--force-confdef",
                       "--force-confold"}));
        QVERIFY(outcome.output.contains("Setting up ca-certificates"));
    }
    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
}

void TestAptPatcher::dpkgLockIsWaitedFor()
{
    QFile entry(m_dir->filePath(QStringLiteral("updates/0001")));
    QVERIFY(entry.open(QIODevice::WriteOnly));
    ScriptedRunner runner;
    AptPatcherOptions settings = options();
    settings.lockTimeout = 12s;
    std::chrono::seconds slept{0};
    settings.sleep = [&slept](std::chrono::seconds pause) {
        slept += pause;
    };
    AptPatcher patcher(runner, settings);
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    runner.add(QStringLiteral("dpkg --configure"), failing(2, QByteArray(), dpkgLocked));
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryBefore));
    const PatchOutcome outcome = patcher.run(plan);

    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("apt.lock-timeout"));
    QCOMPARE(slept, 15s); // every 5 s until the 12 s are over
    QCOMPARE(runner.commands().count(QStringLiteral("dpkg --configure")), 4);
    QVERIFY(!runner.commands().contains(QStringLiteral("apt-get")));
    QCOMPARE(outcome.output.count("dpkg frontend lock was locked"), 1);

    // Once the other process is done, the repair and the job go on.
    ScriptedRunner later;
    AptPatcher again(later, settings);
    const PatchPlan planAgain = securityPlanFrom(again, later);
    later.add(QStringLiteral("dpkg --configure"), failing(2, QByteArray(), dpkgLocked));
    later.add(QStringLiteral("dpkg --configure"), succeeding());
    later.add(QStringLiteral("apt-get"), succeeding());
    later.add(QStringLiteral("dpkg-query"), succeeding(queryAfter));
    QCOMPARE(again.run(planAgain).state, QStringLiteral("succeeded"));
    QCOMPARE(later.commands().mid(1), list({"dpkg --configure", "dpkg --configure", "apt-get", "dpkg-query"}));
}

void TestAptPatcher::failedRepairStops()
{
    QFile entry(m_dir->filePath(QStringLiteral("updates/0001")));
    QVERIFY(entry.open(QIODevice::WriteOnly));
    ScriptedRunner runner;
    AptPatcher patcher(runner, options());
    const PatchPlan plan = securityPlanFrom(patcher, runner);
    runner.add(QStringLiteral("dpkg --configure"),
               failing(1, QByteArray(), "dpkg: error processing package ca-certificates (--configure):\n"));
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryBefore));
    const PatchOutcome outcome = patcher.run(plan);
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("apt.configure-failed"));
    QCOMPARE(outcome.exitCode, std::optional<qint64>(1));
    QCOMPARE(runner.commands().mid(1), list({"dpkg --configure", "dpkg-query"}));
    QVERIFY(outcome.output.contains("error processing package ca-certificates"));
}

void TestAptPatcher::foreignArchitectures()
{
    const Result<PatchPlan> plan = AptPatcher::parsePlan(
        R"({"steward-apt-plan":1,"refusal":null,"items":[)"
        R"({"name":"libc6","before":"2.36-9","target":"2.36-9+deb12u4","result":"planned","new":false,"requested":true},)"
        R"({"name":"libc6:i386","before":"2.36-9","target":"2.36-9+deb12u4","result":"planned","new":false,"requested":true},)"
        R"({"name":"tzdata","before":"2024a-0+deb12u1","target":"2025b-0+deb12u1","result":"planned","new":false,"requested":true}]})");
    QVERIFY2(plan.ok(), describe(plan).constData());
    ScriptedRunner runner;
    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("apt-get"), succeeding());
    runner.add(QStringLiteral("dpkg --print-architecture"), succeeding("amd64\n"));
    // The native libc6 was upgraded, the i386 one not.
    runner.add(QStringLiteral("dpkg-query"),
               succeeding("libc6\t2.36-9\tii \ti386\n"
                          "libc6\t2.36-9+deb12u4\tii \tamd64\n"
                          "tzdata\t2025b-0+deb12u1\tii \tall\n"));
    AptPatcher patcher(runner, options());
    const PatchOutcome outcome = patcher.run(plan.value());
    QCOMPARE(runner.find(QStringLiteral("dpkg-query"))->args.mid(2), list({"libc6", "libc6:i386", "tzdata"}));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("libc6"))->result, QStringLiteral("installed"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("libc6:i386"))->result, QStringLiteral("failed"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("libc6:i386"))->after, QStringLiteral("2.36-9"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("tzdata"))->result, QStringLiteral("installed"));
    QCOMPARE(outcome.state, QStringLiteral("failed"));
}

void TestAptPatcher::verifyAllAtTarget()
{
    const Result<PatchPlan> plan = AptPatcher::parsePlan(securityPlan);
    QVERIFY2(plan.ok(), describe(plan).constData());
    ScriptedRunner runner;
    runner.add(QStringLiteral("dpkg --audit"), succeeding());
    runner.add(QStringLiteral("dpkg-query"), succeeding(queryAfter));
    AptPatcher patcher(runner, options());
    const PatchOutcome outcome = patcher.verify(plan.value());
    QCOMPARE(runner.commands(), list({"dpkg --audit", "dpkg-query"}));
    QCOMPARE(outcome.state, QStringLiteral("succeeded"));
    QCOMPARE(outcome.reason, QString());
    for (const PatchItem &item : outcome.items) {
        QCOMPARE(item.result, QStringLiteral("installed"));
        QCOMPARE(item.after, item.target);
    }
}

void TestAptPatcher::verifyInterrupted()
{
    // Killed while dpkg unpacked: the journal holds entries, one package is only unpacked.
    QFile entry(m_dir->filePath(QStringLiteral("updates/0003")));
    QVERIFY(entry.open(QIODevice::WriteOnly));
    const Result<PatchPlan> plan = AptPatcher::parsePlan(securityPlan);
    QVERIFY2(plan.ok(), describe(plan).constData());
    ScriptedRunner runner;
    runner.add(QStringLiteral("dpkg --configure"), succeeding("Setting up libssl3:amd64 (3.0.11-1~deb12u3) ...\n"));
    runner.add(QStringLiteral("dpkg-query"),
               succeeding("libssl3\t3.0.11-1~deb12u3\tii \tamd64\n"
                          "linux-image-6.1.0-20-amd64\t6.1.85-1\tiU \tamd64\n"
                          "linux-image-amd64\t6.1.76-1\tii \tamd64\n"
                          "openssl\t3.0.11-1~deb12u2\tii \tamd64\n"));
    AptPatcher patcher(runner, options());
    const PatchOutcome outcome = patcher.verify(plan.value());
    QCOMPARE(runner.commands(), list({"dpkg --configure", "dpkg-query"}));
    QCOMPARE(outcome.state, QStringLiteral("failed"));
    QCOMPARE(outcome.reason, QStringLiteral("interrupted"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("libssl3"))->result, QStringLiteral("installed"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("linux-image-6.1.0-20-amd64"))->message,
             QStringLiteral("6.1.85-1 is unpacked, not configured"));
    QCOMPARE(itemNamed(outcome.items, QStringLiteral("openssl"))->result, QStringLiteral("failed"));
    QVERIFY(outcome.output.contains("Setting up libssl3"));
}

// The real helper on the fixture trees of the apt collector (and a copy with more packages).
void TestAptPatcher::helperOnFixtures_data()
{
    QTest::addColumn<bool>("extended"); // the copy with an older openssl, a conflict, a held need
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QStringList>("items"); // "name before target result"
    QTest::addColumn<QStringList>("automatic");

    QTest::newRow("security") << false << list({"--security"}) << QString()
                              << list({"libssl3 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned",
                                       "linux-image-6.1.0-20-amd64  6.1.85-1 planned",
                                       "linux-image-amd64 6.1.76-1 6.1.85-1 planned",
                                       "openssl 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned"})
                              << list({"linux-image-6.1.0-20-amd64"});
    QTest::newRow("all: the held package is refused, the plan not")
        << false << list({"--all"}) << QString()
        << list({"base-files 12.4+deb12u4 12.4+deb12u5 planned",
                 "libssl3 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned",
                 "linux-image-6.1.0-20-amd64  6.1.85-1 planned",
                 "linux-image-amd64 6.1.76-1 6.1.85-1 planned",
                 "nginx 1.22.1-9 1.22.1-9+deb12u1 refused",
                 "openssl 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned",
                 "tzdata 2024a-0+deb12u1 2025b-0+deb12u1 planned"})
        << list({"linux-image-6.1.0-20-amd64"});
    QTest::newRow("a package and its dependency") << false << list({"openssl"}) << QString()
                                                  << list({"openssl 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned",
                                                           "libssl3 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned"})
                                                  << QStringList();
    QTest::newRow("an exact version") << false << list({"openssl=3.0.11-1~deb12u3"}) << QString()
                                      << list({"openssl 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned",
                                               "libssl3 3.0.11-1~deb12u2 3.0.11-1~deb12u3 planned"})
                                      << QStringList();
    QTest::newRow("already installed") << false << list({"zlib1g", "openssl=3.0.11-1~deb12u2"}) << QString()
                                       << list({"zlib1g 1:1.2.13.dfsg-1 1:1.2.13.dfsg-1 already-installed",
                                                "openssl 3.0.11-1~deb12u2 3.0.11-1~deb12u2 already-installed"})
                                       << QStringList();
    QTest::newRow("unknown") << false << list({"steward-no-such-package"}) << QStringLiteral("apt.package-unknown")
                             << list({"steward-no-such-package   refused"}) << QStringList();
    QTest::newRow("version unavailable") << false << list({"openssl=9.9"}) << QStringLiteral("apt.version-unavailable")
                                         << list({"openssl 3.0.11-1~deb12u2 9.9 refused"}) << QStringList();
    QTest::newRow("held") << false << list({"nginx"}) << QStringLiteral("apt.held")
                          << list({"nginx 1.22.1-9 1.22.1-9+deb12u1 refused"}) << QStringList();
    QTest::newRow("downgrade") << true << list({"openssl=3.0.9-1"}) << QStringLiteral("apt.downgrade")
                               << list({"openssl 3.0.11-1~deb12u2 3.0.9-1 refused"}) << QStringList();
    QTest::newRow("would remove") << true << list({"breaker"}) << QStringLiteral("apt.would-remove")
                                  << list({"breaker  1.0 planned", "tzdata 2024a-0+deb12u1  refused"}) << QStringList();
    QTest::newRow("needs a held package") << true << list({"needs-new-nginx"}) << QStringLiteral("apt.held")
                                          << list({"needs-new-nginx  1.0 planned"}) << QStringList();
}

void TestAptPatcher::helperOnFixtures()
{
    QFETCH(bool, extended);
    QFETCH(QStringList, arguments);
    QFETCH(QString, refusal);
    QFETCH(QStringList, items);
    QFETCH(QStringList, automatic);

    const QString scanner = AptCollector::defaultScanner();
    if (!QFileInfo(scanner).isExecutable()) {
        QSKIP("steward-apt-scan is not built here (no libapt-pkg)");
    }
    QString root = QStringLiteral(COLLECTORS_FIXTURES_DIR "/apt/debian");
    if (extended) {
        // A copy of the tree whose main archive also has an older openssl, a package that
        // conflicts with an installed one and one that needs the held nginx upgraded.
        root = m_dir->filePath(QStringLiteral("debian"));
        QProcess copy;
        copy.start(QStringLiteral("cp"),
                   {QStringLiteral("-a"), QStringLiteral(COLLECTORS_FIXTURES_DIR "/apt/debian"), root});
        QVERIFY(copy.waitForFinished());
        QCOMPARE(copy.exitCode(), 0);
        QFile packages(
            root + QStringLiteral("/var/lib/apt/lists/_srv_mirror_debian_dists_bookworm_main_binary-amd64_Packages"));
        QVERIFY(packages.open(QIODevice::Append));
        packages.write(
            "\nPackage: openssl\nArchitecture: amd64\nVersion: 3.0.9-1\nDepends: libssl3 (>= 3.0.9-1)\n"
            "Filename: pool/main/o/openssl/openssl_3.0.9-1_amd64.deb\nSize: 1000\nDescription: old\n"
            "\nPackage: breaker\nArchitecture: amd64\nVersion: 1.0\nConflicts: tzdata\n"
            "Filename: pool/main/b/breaker/breaker_1.0_amd64.deb\nSize: 1000\nDescription: conflict\n"
            "\nPackage: needs-new-nginx\nArchitecture: amd64\nVersion: 1.0\n"
            "Depends: nginx (>= 1.22.1-9+deb12u1)\n"
            "Filename: pool/main/n/needs/needs_1.0_amd64.deb\nSize: 1000\nDescription: held need\n");
    }

    QProcess helper;
    helper.start(scanner, QStringList{QStringLiteral("--root"), root, QStringLiteral("--plan")} + arguments);
    QVERIFY(helper.waitForFinished(120000));
    QVERIFY2(helper.exitCode() == 0, helper.readAllStandardError().constData());
    QSet<QString> dependencies;
    const Result<PatchPlan> plan = AptPatcher::parsePlan(helper.readAllStandardOutput(), &dependencies);
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(plan.value().refusal, refusal);
    QStringList got;
    for (const PatchItem &item : plan.value().items) {
        got.append(QStringList{item.name, item.before, item.target, item.result}.join(u' '));
    }
    QCOMPARE(got, items);
    QStringList gotAutomatic(dependencies.cbegin(), dependencies.cend());
    QCOMPARE(gotAutomatic, automatic);
}

// On the machine running the tests, through the patcher and the real runner.
void TestAptPatcher::helperOnThisMachine()
{
    if (!isAptSystem()) {
        QSKIP("not an APT system");
    }
    ProcessCommandRunner runner;
    AptPatcherOptions settings;
    settings.scanner = AptCollector::defaultScanner();
    QVERIFY2(QFileInfo(settings.scanner).isExecutable(),
             qPrintable(settings.scanner + QStringLiteral(" is not built")));
    AptPatcher patcher(runner, settings);

    QProcess query;
    query.start(QStringLiteral("dpkg-query"),
                {QStringLiteral("-W"), QStringLiteral("--showformat=${Version}"), QStringLiteral("dpkg")});
    QVERIFY(query.waitForFinished(30000));
    const QString installed = QString::fromUtf8(query.readAllStandardOutput());
    QVERIFY(!installed.isEmpty());

    PatchRequest request;
    request.select = QStringLiteral("packages");
    request.packages = {{QStringLiteral("dpkg"), QString()}};
    const Result<PatchPlan> plan = patcher.plan(request);
    QVERIFY2(plan.ok(), describe(plan).constData());
    QCOMPARE(plan.value().refusal, QString());
    const PatchItem *dpkg = itemNamed(plan.value().items, QStringLiteral("dpkg"));
    QVERIFY(dpkg);
    QCOMPARE(dpkg->before, installed);
    if (dpkg->target == installed) {
        QCOMPARE(dpkg->result, QStringLiteral("already-installed"));
    } else {
        QCOMPARE(dpkg->result, QStringLiteral("planned"));
        QProcess compare;
        compare.start(QStringLiteral("dpkg"),
                      {QStringLiteral("--compare-versions"), dpkg->target, QStringLiteral("gt"), installed});
        QVERIFY(compare.waitForFinished(30000));
        QCOMPARE(compare.exitCode(), 0);
    }

    request.packages = {{QStringLiteral("steward-no-such-package"), QString()}};
    const Result<PatchPlan> unknown = patcher.plan(request);
    QVERIFY2(unknown.ok(), describe(unknown).constData());
    QCOMPARE(unknown.value().refusal, QStringLiteral("apt.package-unknown"));

    request.packages = {{QStringLiteral("dpkg"), QStringLiteral("0.0.1~steward")}};
    const Result<PatchPlan> unavailable = patcher.plan(request);
    QVERIFY2(unavailable.ok(), describe(unavailable).constData());
    QCOMPARE(unavailable.value().refusal, QStringLiteral("apt.version-unavailable"));
    QCOMPARE(unavailable.value().items.size(), 1);
    QCOMPARE(unavailable.value().items.first().result, QStringLiteral("refused"));
}

QTEST_GUILESS_MAIN(TestAptPatcher)
#include "TestAptPatcher.moc"
