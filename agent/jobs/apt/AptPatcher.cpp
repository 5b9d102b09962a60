// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptPatcher.h"

#include "CommandRunner.h"
#include "apt/AptCollector.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

namespace steward::agent::jobs
{

namespace
{
// LibAptScan::ExitCode: the helper's exit codes.
constexpr int ScanCacheUnreadable = 3;
constexpr int ScanUnresolvable = 4;
// Between attempts of `dpkg --configure -a` while another process holds dpkg's lock.
constexpr std::chrono::seconds LockRetryPause{5};

const QString Planned = QStringLiteral("planned");
const QString AlreadyInstalled = QStringLiteral("already-installed");
const QString Refused = QStringLiteral("refused");
const QString Installed = QStringLiteral("installed");
const QString Failed = QStringLiteral("failed");

// apt-get and dpkg never ask: no debconf questions, no changelog pager, needrestart only lists.
// Given through `env`, because the CommandRunner takes no environment and there is no shell.
const QStringList &environment()
{
    static const QStringList values{QStringLiteral("DEBIAN_FRONTEND=noninteractive"),
                                    QStringLiteral("APT_LISTCHANGES_FRONTEND=none"),
                                    QStringLiteral("NEEDRESTART_MODE=l")};
    return values;
}

QString firstErrorLine(const QByteArray &standardError)
{
    const QString text = QString::fromUtf8(standardError);
    for (const QStringView line : QStringView(text).split(u'\n')) {
        if (line.startsWith(u"E: ")) {
            return line.left(300).toString();
        }
    }
    return text.trimmed().left(300);
}

bool isLockTimeout(const CommandResult &result)
{
    const QByteArray text = QByteArray(result.standardOutput + result.standardError);
    return text.contains("Could not get lock") || text.contains("Unable to acquire the dpkg frontend lock");
}

// dpkg does not wait for its lock: it fails at once with this.
bool isDpkgLocked(const CommandResult &result)
{
    return QByteArray(result.standardOutput + result.standardError).contains("locked by another process");
}

QString stateName(QChar status)
{
    switch (status.unicode()) {
    case 'n':
        return QStringLiteral("not installed");
    case 'c':
        return QStringLiteral("removed, configuration files kept");
    case 'H':
        return QStringLiteral("half-installed");
    case 'U':
        return QStringLiteral("unpacked, not configured");
    case 'F':
        return QStringLiteral("half-configured");
    case 'W':
        return QStringLiteral("awaiting triggers");
    case 't':
        return QStringLiteral("triggers pending");
    case 'i':
        return QStringLiteral("installed");
    }
    return QStringLiteral("in dpkg state \"%1\"").arg(status);
}
} // namespace

AptPatcher::AptPatcher(CommandRunner &runner, AptPatcherOptions options)
    : m_runner(runner)
    , m_options(std::move(options))
{
    if (m_options.scanner.isEmpty()) {
        m_options.scanner = AptCollector::defaultScanner();
    }
}

bool AptPatcher::isPackageName(const QString &name)
{
    // Debian policy 5.6.1, with an optional architecture; never starts with '-'.
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9+.-]+(:[a-z0-9][a-z0-9-]*)?$"));
    return pattern.match(name).hasMatch();
}

bool AptPatcher::isVersion(const QString &version)
{
    // Policy 5.6.12. A trailing '-' would make apt-get read "name=version-" as a removal.
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.+~:-]*[A-Za-z0-9.+~])?$"));
    return pattern.match(version).hasMatch();
}

Result<QStringList> AptPatcher::planArguments(const PatchRequest &request)
{
    QStringList args{QStringLiteral("--plan")};
    if (request.select == QLatin1String("security")) {
        return args << QStringLiteral("--security");
    }
    if (request.select == QLatin1String("all")) {
        return args << QStringLiteral("--all");
    }
    if (request.select != QLatin1String("packages") || request.packages.isEmpty()) {
        return makeError(QStringLiteral("job.content"), QStringLiteral("nothing selected"));
    }
    for (const PackageRequest &package : request.packages) {
        if (!isPackageName(package.name)) {
            return makeError(QStringLiteral("apt.package-unknown"),
                             QStringLiteral("\"%1\" is not a package name").arg(package.name.left(64)));
        }
        if (!package.version.isEmpty() && !isVersion(package.version)) {
            return makeError(
                QStringLiteral("apt.version-unavailable"),
                QStringLiteral("\"%1\" is not a version of %2").arg(package.version.left(64), package.name));
        }
        args << (package.version.isEmpty() ? package.name : package.name + u'=' + package.version);
    }
    return args;
}

Result<PatchPlan> AptPatcher::parsePlan(const QByteArray &json, QSet<QString> *automatic)
{
    const auto unparseable = [](const QString &why) {
        return makeError(QStringLiteral("apt.unparseable"), QStringLiteral("steward-apt-scan --plan: ") + why);
    };
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return unparseable(QStringLiteral("not a JSON object (%1)").arg(error.errorString()));
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("steward-apt-plan")).toInt() != 1) {
        return unparseable(QStringLiteral("unknown format"));
    }

    PatchPlan plan;
    const QJsonValue refusal = root.value(QLatin1String("refusal"));
    if (refusal.isObject()) {
        plan.refusal = refusal.toObject().value(QLatin1String("code")).toString();
        plan.message = refusal.toObject().value(QLatin1String("message")).toString();
        if (!plan.refusal.startsWith(QLatin1String("apt."))) {
            return unparseable(QStringLiteral("a refusal without a code"));
        }
    } else if (!refusal.isNull()) {
        return unparseable(QStringLiteral("no refusal field"));
    }

    const QJsonValue items = root.value(QLatin1String("items"));
    if (!items.isArray()) {
        return unparseable(QStringLiteral("no items"));
    }
    QSet<QString> dependencies;
    for (const QJsonValue &value : items.toArray()) {
        const QJsonObject object = value.toObject();
        PatchItem item;
        item.name = object.value(QLatin1String("name")).toString();
        item.title = item.name;
        item.before = object.value(QLatin1String("before")).toString();
        item.target = object.value(QLatin1String("target")).toString();
        item.result = object.value(QLatin1String("result")).toString();
        item.message = object.value(QLatin1String("message")).toString();
        if (item.result != Planned && item.result != AlreadyInstalled && item.result != Refused) {
            return unparseable(QStringLiteral("unknown result \"%1\"").arg(item.result.left(32)));
        }
        // What run() passes to apt-get must be a name and a version, whatever the helper said.
        if (item.result != Refused && (!isPackageName(item.name) || !isVersion(item.target))) {
            return unparseable(QStringLiteral("an item without a valid name and version"));
        }
        if (item.result == Planned && object.value(QLatin1String("new")).toBool()
            && !object.value(QLatin1String("requested")).toBool()) {
            dependencies.insert(item.name);
        }
        plan.items.append(item);
    }
    if (automatic) {
        *automatic = dependencies;
    }
    return plan;
}

Result<PatchPlan> AptPatcher::plan(const PatchRequest &request)
{
    m_automatic.clear();
    const Result<QStringList> args = planArguments(request);
    if (!args) {
        if (!args.error().code.startsWith(QLatin1String("apt."))) {
            return args.error();
        }
        // A name or version APT cannot have is refused like an unknown one, without asking.
        PatchPlan refused{{}, args.error().code, args.error().message};
        for (const PackageRequest &package : request.packages) {
            if (!isPackageName(package.name) || (!package.version.isEmpty() && !isVersion(package.version))) {
                PatchItem item;
                item.name = package.name;
                item.title = package.name;
                item.target = package.version;
                item.result = Refused;
                item.message = args.error().message;
                refused.items.append(item);
            }
        }
        return refused;
    }

    const CommandResult result = m_runner.run(m_options.scanner, args.value(), m_options.planTimeout);
    if (result.timedOut) {
        return makeError(QStringLiteral("apt.timeout"), QStringLiteral("steward-apt-scan --plan did not finish"));
    }
    if (result.failedToStart) {
        return makeError(QStringLiteral("apt.failed"),
                         QStringLiteral("steward-apt-scan could not be started (%1)").arg(m_options.scanner));
    }
    if (result.exitCode != 0) {
        const QString code = result.exitCode == ScanCacheUnreadable ? QStringLiteral("apt.cache-unreadable")
            : result.exitCode == ScanUnresolvable                   ? QStringLiteral("apt.unresolvable")
                                                                    : QStringLiteral("apt.failed");
        return makeError(code, firstErrorLine(result.standardError));
    }
    Result<PatchPlan> parsed = parsePlan(result.standardOutput, &m_automatic);
    if (!parsed) {
        m_automatic.clear();
    }
    return parsed;
}

QStringList AptPatcher::installArguments(const PatchPlan &plan, const QSet<QString> &automatic) const
{
    QStringList packages;
    QStringList dependencies;
    for (const PatchItem &item : plan.items) {
        if (item.result != Planned || !isPackageName(item.name) || !isVersion(item.target)) {
            continue;
        }
        // A new dependency named here would be marked as installed by hand; left to apt-get it
        // stays automatic (and autoremovable), as after `apt upgrade`.
        (automatic.contains(item.name) && item.before.isEmpty() ? dependencies : packages)
            .append(item.name + u'=' + item.target);
    }
    if (packages.isEmpty()) {
        packages = dependencies;
    }
    return environment()
        + QStringList{QStringLiteral("apt-get"),
                      QStringLiteral("install"),
                      QStringLiteral("-y"),
                      QStringLiteral("--no-remove"),
                      QStringLiteral("-o"),
                      QStringLiteral("DPkg::Lock::Timeout=%1").arg(m_options.lockTimeout.count()),
                      QStringLiteral("-o"),
                      QStringLiteral("Dpkg::Options::=--force-confold"),
                      QStringLiteral("-o"),
                      QStringLiteral("Dpkg::Options::=--force-confdef")}
    + packages;
}

CommandResult AptPatcher::runLogged(const QString &program,
                                    const QStringList &args,
                                    std::chrono::milliseconds timeout,
                                    QByteArray &output)
{
    const CommandResult result = m_runner.run(program, args, timeout);
    output += "$ " + (QStringList{program} + args).join(u' ').toUtf8() + '\n';
    output += result.standardOutput;
    output += result.standardError;
    if (result.timedOut) {
        output += "(stopped after " + QByteArray::number(qint64(timeout.count() / 1000)) + " s)\n";
    } else if (result.failedToStart) {
        output += "(could not be started)\n";
    }
    return result;
}

bool AptPatcher::dpkgInterrupted()
{
    // dpkg's journal of an unfinished run; apt-get refuses to start while it holds anything.
    if (!QDir(m_options.dpkgUpdatesDirectory)
             .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System)
             .isEmpty()) {
        return true;
    }
    const CommandResult audit =
        m_runner.run(QStringLiteral("dpkg"), {QStringLiteral("--audit")}, m_options.planTimeout);
    QString text = QString::fromUtf8(audit.standardOutput);
    // Printed while another dpkg runs: not a problem of its own, and apt-get waits for that.
    text.remove(
        QRegularExpression(QStringLiteral("Another process has locked the database[^\n]*\n[^\n]*due to that\\.\n?")));
    return !text.trimmed().isEmpty();
}

bool AptPatcher::repair(PatchOutcome &outcome, QString &reason)
{
    if (!dpkgInterrupted()) {
        return true;
    }
    const QStringList args = environment()
        + QStringList{QStringLiteral("dpkg"),
                      QStringLiteral("--configure"),
                      QStringLiteral("-a"),
                      QStringLiteral("--force-confdef"),
                      QStringLiteral("--force-confold")};
    std::chrono::seconds waited{0};
    for (int attempt = 0;; ++attempt) {
        // While dpkg's lock is held, only the first refusal goes into the output.
        QByteArray attemptOutput;
        const CommandResult result = runLogged(QStringLiteral("env"), args, m_options.installTimeout, attemptOutput);
        const bool locked = !result.succeeded() && !result.timedOut && isDpkgLocked(result);
        if (attempt == 0 || !locked) {
            outcome.output += attemptOutput;
        }
        outcome.exitCode =
            result.timedOut || result.failedToStart ? std::nullopt : std::optional<qint64>(result.exitCode);
        if (result.succeeded()) {
            return true;
        }
        if (locked && waited < m_options.lockTimeout) {
            if (m_options.sleep) {
                m_options.sleep(LockRetryPause);
            } else {
                QThread::sleep(static_cast<unsigned long>(LockRetryPause.count()));
            }
            waited += LockRetryPause;
            continue;
        }
        if (locked) {
            outcome.output += "dpkg's lock was held by another process for "
                + QByteArray::number(qint64(waited.count())) + " s; gave up\n";
            reason = QStringLiteral("apt.lock-timeout");
        } else {
            reason = result.timedOut ? QStringLiteral("apt.timeout") : QStringLiteral("apt.configure-failed");
        }
        return false;
    }
}

QHash<QString, AptPatcher::InstalledVersion> AptPatcher::installedVersions(const QList<PatchItem> &items,
                                                                           QByteArray &output)
{
    QStringList names;
    for (const PatchItem &item : items) {
        if (item.result != Refused && isPackageName(item.name) && !names.contains(item.name)) {
            names.append(item.name);
        }
    }
    QHash<QString, InstalledVersion> installed;
    if (names.isEmpty()) {
        return installed;
    }
    // ${Architecture} as well: with a foreign architecture installed, "libc6" matches two lines.
    const CommandResult result = m_runner.run(
        QStringLiteral("dpkg-query"),
        QStringList{QStringLiteral("-W"),
                    QStringLiteral("--showformat=${Package}\\t${Version}\\t${db:Status-Abbrev}\\t${Architecture}\\n")}
            + names,
        m_options.planTimeout);
    if (result.timedOut || result.failedToStart) {
        output += "dpkg-query could not be run: installed versions are unknown\n";
        return installed;
    }

    struct Line {
        QString architecture;
        InstalledVersion installed;
    };
    QMultiHash<QString, Line> lines;
    for (const QByteArray &raw : result.standardOutput.split('\n')) {
        const QList<QByteArray> fields = raw.split('\t');
        if (fields.size() == 4) {
            lines.insert(
                QString::fromUtf8(fields[0]),
                Line{QString::fromUtf8(fields[3]), {QString::fromUtf8(fields[1]), QString::fromUtf8(fields[2])}});
        }
    }
    for (const QString &name : std::as_const(names)) {
        const qsizetype colon = name.indexOf(u':');
        const QString base = colon < 0 ? name : name.left(colon);
        const QList<Line> candidates = lines.values(base);
        const Line *chosen = nullptr;
        if (colon >= 0) {
            const QString architecture = name.mid(colon + 1);
            for (const Line &line : candidates) {
                if (line.architecture == architecture) {
                    chosen = &line;
                }
            }
        } else if (candidates.size() == 1) {
            chosen = &candidates.first();
        } else if (!candidates.isEmpty()) {
            // Several architectures of it: APT's unqualified name is the native one.
            if (m_nativeArchitecture.isEmpty()) {
                m_nativeArchitecture = QString::fromUtf8(
                    m_runner
                        .run(QStringLiteral("dpkg"), {QStringLiteral("--print-architecture")}, m_options.planTimeout)
                        .standardOutput.trimmed());
            }
            for (const Line &line : candidates) {
                if (line.architecture == m_nativeArchitecture || line.architecture == QLatin1String("all")) {
                    chosen = &line;
                }
            }
        }
        if (chosen) {
            installed.insert(name, chosen->installed);
        }
    }
    return installed;
}

bool AptPatcher::settle(QList<PatchItem> &items, const QHash<QString, InstalledVersion> &installed)
{
    bool allAtTarget = true;
    for (PatchItem &item : items) {
        if (item.result == Refused) {
            continue;
        }
        const auto found = installed.constFind(item.name);
        const QString status = found == installed.cend() ? QString() : found->status;
        const QChar state = status.size() >= 2 ? status.at(1) : QChar(u'n');
        const bool reinstallRequired = status.size() >= 3 && status.at(2) == u'R';
        item.after = state == u'n' || state == u'c' ? QString() : found->version;
        const bool atTarget = state == u'i' && !reinstallRequired && item.after == item.target;
        if (atTarget) {
            item.message.clear();
            if (item.result != AlreadyInstalled) {
                item.result = Installed;
            }
            continue;
        }
        allAtTarget = false;
        item.result = Failed;
        if (!isPackageName(item.name) || !isVersion(item.target)) {
            item.message = QStringLiteral("not a valid package name and version");
        } else if (item.after.isEmpty()) {
            item.message = QStringLiteral("not installed");
        } else if (item.after != item.target) {
            item.message = QStringLiteral("%1 is installed, not %2").arg(item.after, item.target);
        } else {
            item.message =
                QStringLiteral("%1 is %2")
                    .arg(item.after,
                         reinstallRequired ? QStringLiteral("broken (reinstall required)") : stateName(state));
        }
    }
    return allAtTarget;
}

bool AptPatcher::rebootRequired() const
{
    return QFileInfo::exists(m_options.rebootRequiredFile);
}

PatchOutcome AptPatcher::run(const PatchPlan &plan)
{
    PatchOutcome outcome;
    outcome.items = plan.items;
    if (!plan.refusal.isEmpty()) {
        outcome.state = Failed;
        outcome.reason = plan.refusal;
        outcome.rebootRequired = rebootRequired();
        return outcome;
    }
    const auto isPlanned = [](const PatchItem &item) {
        return item.result == Planned;
    };
    const bool anyPlanned = std::any_of(plan.items.cbegin(), plan.items.cend(), isPlanned);
    const bool anyApplicable =
        anyPlanned || std::any_of(plan.items.cbegin(), plan.items.cend(), [](const PatchItem &item) {
            return item.result == AlreadyInstalled;
        });
    if (!anyApplicable) {
        outcome.state = QStringLiteral("not-applicable");
        outcome.rebootRequired = rebootRequired();
        return outcome;
    }

    QString reason;
    if (anyPlanned && repair(outcome, reason)) {
        const CommandResult result = runLogged(QStringLiteral("env"),
                                               installArguments(plan, m_automatic),
                                               m_options.installTimeout,
                                               outcome.output);
        outcome.exitCode =
            result.timedOut || result.failedToStart ? std::nullopt : std::optional<qint64>(result.exitCode);
        if (!result.succeeded()) {
            reason = result.timedOut    ? QStringLiteral("apt.timeout")
                : isLockTimeout(result) ? QStringLiteral("apt.lock-timeout")
                                        : QStringLiteral("apt.failed");
        }
    }
    const bool allAtTarget = settle(outcome.items, installedVersions(outcome.items, outcome.output));
    if (allAtTarget) {
        outcome.state = QStringLiteral("succeeded");
        outcome.reason.clear();
    } else {
        outcome.state = Failed;
        outcome.reason = reason.isEmpty() ? QStringLiteral("apt.failed") : reason;
    }
    if (reason == QLatin1String("apt.lock-timeout")) {
        outcome.output += "another package manager held dpkg's lock for longer than "
            + QByteArray::number(qint64(m_options.lockTimeout.count())) + " s\n";
    }
    outcome.rebootRequired = rebootRequired();
    return outcome;
}

PatchOutcome AptPatcher::verify(const PatchPlan &plan)
{
    PatchOutcome outcome;
    outcome.items = plan.items;
    outcome.rebootRequired = rebootRequired();
    if (!plan.refusal.isEmpty()) {
        outcome.state = Failed;
        outcome.reason = plan.refusal;
        return outcome;
    }
    if (std::all_of(plan.items.cbegin(), plan.items.cend(), [](const PatchItem &item) {
            return item.result == Refused;
        })) {
        outcome.state = QStringLiteral("not-applicable");
        return outcome;
    }
    // A repair that fails leaves its packages short of "installed": the versions decide.
    QString reason;
    repair(outcome, reason);
    const bool allAtTarget = settle(outcome.items, installedVersions(outcome.items, outcome.output));
    outcome.state = allAtTarget ? QStringLiteral("succeeded") : Failed;
    outcome.reason = allAtTarget ? QString() : QStringLiteral("interrupted");
    outcome.rebootRequired = rebootRequired();
    return outcome;
}

} // namespace steward::agent::jobs
