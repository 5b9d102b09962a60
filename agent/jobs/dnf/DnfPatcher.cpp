// SPDX-License-Identifier: GPL-3.0-or-later
#include "DnfPatcher.h"

#include "CommandRunner.h"
#include "apt/PendingUpdate.h"
#include "dnf/DnfCollector.h"
#include "dnf/SecurityAdvisory.h"

#include <QRegularExpression>

#include <algorithm>

namespace steward::agent::jobs
{

namespace
{
const QString s_planned = QStringLiteral("planned");
const QString s_installed = QStringLiteral("installed");
const QString s_alreadyInstalled = QStringLiteral("already-installed");
const QString s_failed = QStringLiteral("failed");
const QString s_refused = QStringLiteral("refused");
const QString s_notApplicable = QStringLiteral("not-applicable");

const QRegularExpression &versionPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(?:\d+:)?[^\s:-]+-[^\s:-]+$)"));
    return pattern;
}

// "name.arch": arches never contain a dot, names may ("python3.11").
QString nameOf(const QString &nameArch)
{
    const qsizetype dot = nameArch.lastIndexOf(u'.');
    return dot > 0 ? nameArch.left(dot) : nameArch;
}

QString archOf(const QString &nameArch)
{
    const qsizetype dot = nameArch.lastIndexOf(u'.');
    return dot > 0 ? nameArch.mid(dot + 1) : QString();
}

// "kernel-core-5.14.0-362.18.1.el9_3.x86_64" -> name, [epoch:]version-release, arch.
bool splitNevra(QStringView nevra, QString &name, QString &version, QString &arch)
{
    const qsizetype archDot = nevra.lastIndexOf(u'.');
    if (archDot <= 0) {
        return false;
    }
    const QStringView nevr = nevra.left(archDot);
    const qsizetype releaseDash = nevr.lastIndexOf(u'-');
    const qsizetype versionDash = releaseDash > 0 ? nevr.left(releaseDash).lastIndexOf(u'-') : -1;
    if (versionDash <= 0) {
        return false;
    }
    name = nevr.left(versionDash).toString();
    version = nevr.mid(versionDash + 1).toString();
    arch = nevra.mid(archDot + 1).toString();
    return !arch.isEmpty() && versionPattern().match(version).hasMatch();
}

QString withoutEpoch(const QString &version)
{
    const qsizetype colon = version.indexOf(u':');
    return colon < 0 ? version : version.mid(colon + 1);
}

bool isAlnum(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

// rpmvercmp() from rpm's lib/rpmvercmp.c, on one version or release field.
int compareField(QStringView a, QStringView b)
{
    if (a == b) {
        return 0;
    }
    qsizetype i = 0;
    qsizetype j = 0;
    const auto at = [](QStringView s, qsizetype k) {
        return k < s.size() ? s.at(k) : QChar();
    };
    while (i < a.size() || j < b.size()) {
        while (i < a.size() && !isAlnum(a.at(i)) && a.at(i) != u'~' && a.at(i) != u'^') {
            ++i;
        }
        while (j < b.size() && !isAlnum(b.at(j)) && b.at(j) != u'~' && b.at(j) != u'^') {
            ++j;
        }
        // A tilde sorts before everything, even the end ("1.0~rc1" < "1.0").
        if (at(a, i) == u'~' || at(b, j) == u'~') {
            if (at(a, i) != u'~') {
                return 1;
            }
            if (at(b, j) != u'~') {
                return -1;
            }
            ++i;
            ++j;
            continue;
        }
        // A caret sorts after the end but before anything else ("1.0" < "1.0^git1" < "1.0.1").
        if (at(a, i) == u'^' || at(b, j) == u'^') {
            if (i == a.size()) {
                return -1;
            }
            if (j == b.size()) {
                return 1;
            }
            if (at(a, i) != u'^') {
                return 1;
            }
            if (at(b, j) != u'^') {
                return -1;
            }
            ++i;
            ++j;
            continue;
        }
        if (i == a.size() || j == b.size()) {
            break;
        }
        qsizetype endA = i;
        qsizetype endB = j;
        const bool numeric = isDigit(a.at(i));
        const auto inSegment = numeric ? isDigit : isAlpha;
        while (endA < a.size() && inSegment(a.at(endA))) {
            ++endA;
        }
        while (endB < b.size() && inSegment(b.at(endB))) {
            ++endB;
        }
        if (endB == j) {
            // Different kinds of segment: a number is newer than letters.
            return numeric ? 1 : -1;
        }
        QStringView segmentA = a.mid(i, endA - i);
        QStringView segmentB = b.mid(j, endB - j);
        if (numeric) {
            while (segmentA.startsWith(u'0')) {
                segmentA = segmentA.mid(1);
            }
            while (segmentB.startsWith(u'0')) {
                segmentB = segmentB.mid(1);
            }
            if (segmentA.size() != segmentB.size()) {
                return segmentA.size() > segmentB.size() ? 1 : -1;
            }
        }
        const int order = segmentA.compare(segmentB);
        if (order != 0) {
            return order < 0 ? -1 : 1;
        }
        i = endA;
        j = endB;
    }
    if (i == a.size() && j == b.size()) {
        return 0;
    }
    return i == a.size() ? -1 : 1;
}

QString firstLine(const QByteArray &text)
{
    const QString trimmed = QString::fromUtf8(text).trimmed();
    const qsizetype newline = trimmed.indexOf(u'\n');
    return (newline < 0 ? trimmed : trimmed.left(newline)).left(300);
}

void append(QByteArray &output, const QString &command, const CommandResult &result)
{
    output += "$ " + command.toUtf8() + '\n';
    output += result.standardOutput;
    if (!result.standardOutput.isEmpty() && !result.standardOutput.endsWith('\n')) {
        output += '\n';
    }
    output += result.standardError;
    if (!result.standardError.isEmpty() && !result.standardError.endsWith('\n')) {
        output += '\n';
    }
}

// The architecture most installed packages have: what dnf installs a new package in.
QString primaryArch(const QHash<QString, QString> &installed)
{
    QHash<QString, int> counts;
    for (auto it = installed.cbegin(); it != installed.cend(); ++it) {
        const QString arch = archOf(it.key());
        if (arch != QLatin1String("noarch") && arch != QLatin1String("(none)")) {
            ++counts[arch];
        }
    }
    QString best;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (best.isEmpty() || it.value() > counts.value(best)
            || (it.value() == counts.value(best) && it.key() < best)) {
            best = it.key();
        }
    }
    return best;
}

void sortItems(QList<PatchItem> &items)
{
    std::stable_sort(items.begin(), items.end(), [](const PatchItem &a, const PatchItem &b) {
        return a.name < b.name;
    });
}

void refuse(PatchPlan &plan, PatchItem item, const QString &reason, const QString &message)
{
    item.result = s_refused;
    item.message = message;
    plan.items.append(item);
    if (plan.refusal.isEmpty()) {
        plan.refusal = reason;
        plan.message = message;
    }
}

// rpm names and EVRs, and advisory ids (RHSA-2024:1234): never a leading '-' (dnf would read an
// option), no blank or shell character. Anything else is refused before dnf sees it.
bool isSafeArgument(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_+][A-Za-z0-9._+:~^-]{0,255}$"));
    return pattern.match(text).hasMatch();
}

QString describe(const Error &error)
{
    return error.code + QStringLiteral(": ") + error.message;
}
} // namespace

DnfPatcher::DnfPatcher(CommandRunner &runner)
    : DnfPatcher(runner, Timeouts())
{
}

DnfPatcher::DnfPatcher(CommandRunner &runner, Timeouts timeouts)
    : m_runner(runner)
    , m_timeouts(timeouts)
{
}

QString DnfPatcher::installedFormat()
{
    // As the dnf collector queries it: the epoch only when set, as dnf prints versions.
    return QStringLiteral("%{NAME}.%{ARCH}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\n");
}

int DnfPatcher::compareVersions(QStringView a, QStringView b)
{
    const auto split = [](QStringView evr, qint64 &epoch, QStringView &version, QStringView &release) {
        const qsizetype colon = evr.indexOf(u':');
        epoch = colon > 0 ? evr.left(colon).toLongLong() : 0;
        const QStringView rest = colon >= 0 ? evr.mid(colon + 1) : evr;
        const qsizetype dash = rest.lastIndexOf(u'-');
        version = dash >= 0 ? rest.left(dash) : rest;
        release = dash >= 0 ? rest.mid(dash + 1) : QStringView();
    };
    qint64 epochA = 0;
    qint64 epochB = 0;
    QStringView versionA;
    QStringView versionB;
    QStringView releaseA;
    QStringView releaseB;
    split(a, epochA, versionA, releaseA);
    split(b, epochB, versionB, releaseB);
    if (epochA != epochB) {
        return epochA < epochB ? -1 : 1;
    }
    if (const int order = compareField(versionA, versionB); order != 0) {
        return order;
    }
    // rpm ignores the release when either side has none ("3.0.7" matches any 3.0.7 build).
    if (releaseA.isEmpty() || releaseB.isEmpty()) {
        return 0;
    }
    return compareField(releaseA, releaseB);
}

bool DnfPatcher::looksLikeAdvisory(QStringView name)
{
    // Red Hat and its rebuilds: RHSA/RHBA/RHEA, ALSA, RLSA, ELSA (Oracle uses a dash); Fedora and EPEL.
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(?:[A-Z]{2,5}[SBE]A-\d{4}[:-]\d+|FEDORA(?:-[A-Z]+)?-\d{4}-[0-9a-f]+)$)"));
    return pattern.match(name.toString()).hasMatch();
}

QString DnfPatcher::spec(const PatchItem &item)
{
    const QString arch = archOf(item.name);
    return nameOf(item.name) + u'-' + item.target + (arch.isEmpty() ? QString() : u'.' + arch);
}

QStringList DnfPatcher::runArguments(const PatchPlan &plan)
{
    QStringList specs;
    bool newInstall = false;
    for (const PatchItem &item : plan.items) {
        if (item.result == s_planned) {
            specs.append(spec(item));
            newInstall = newInstall || item.before.isEmpty();
        }
    }
    return QStringList{QStringLiteral("-y"), newInstall ? QStringLiteral("install") : QStringLiteral("upgrade")}
    + specs;
}

bool DnfPatcher::needsRebootFor(const QString &packageName)
{
    // dnf-plugins-core's needs_restarting.py NEED_REBOOT, plus the kernel's subpackages.
    static const QStringList names{QStringLiteral("kernel"),
                                   QStringLiteral("kernel-core"),
                                   QStringLiteral("kernel-rt"),
                                   QStringLiteral("kernel-rt-core"),
                                   QStringLiteral("glibc"),
                                   QStringLiteral("linux-firmware"),
                                   QStringLiteral("systemd"),
                                   QStringLiteral("dbus"),
                                   QStringLiteral("dbus-broker"),
                                   QStringLiteral("dbus-daemon"),
                                   QStringLiteral("microcode_ctl"),
                                   QStringLiteral("zlib")};
    return names.contains(packageName);
}

Result<QList<DnfPatcher::Available>> DnfPatcher::parseRepoquery(const QByteArray &output)
{
    QList<Available> available;
    const QString text = QString::fromUtf8(output);
    for (const QStringView rawLine : QStringView(text).split(u'\n')) {
        const QStringView line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(u"Last metadata expiration check")) {
            continue;
        }
        const QList<QStringView> fields = line.split(u' ', Qt::SkipEmptyParts);
        if (fields.size() != 4 || !versionPattern().match(fields.at(2)).hasMatch()) {
            return makeError(QStringLiteral("dnf.unparseable"),
                             QStringLiteral("unexpected repoquery line: ") + line.left(300).toString());
        }
        available.append(
            {fields.at(0).toString(), fields.at(1).toString(), fields.at(2).toString(), fields.at(3).toString()});
    }
    return available;
}

Result<QList<DnfPatcher::AdvisoryPackage>> DnfPatcher::parseAdvisoryList(const QByteArray &output)
{
    QList<AdvisoryPackage> packages;
    const QString text = QString::fromUtf8(output);
    for (const QStringView rawLine : QStringView(text).split(u'\n')) {
        const QStringView line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(u"Last metadata expiration check")) {
            continue;
        }
        const QList<QStringView> fields = line.split(u' ', Qt::SkipEmptyParts);
        AdvisoryPackage package;
        if (fields.size() != 3 || !splitNevra(fields.at(2), package.name, package.version, package.arch)) {
            return makeError(QStringLiteral("dnf.unparseable"),
                             QStringLiteral("unexpected advisory line: ") + line.left(300).toString());
        }
        package.id = fields.at(0).toString();
        package.type = fields.at(1).toString();
        packages.append(package);
    }
    return packages;
}

Result<QHash<QString, QStringList>> DnfPatcher::parseQueried(const QByteArray &output)
{
    struct Installed {
        QString version;
        qint64 time;
    };
    QHash<QString, QList<Installed>> found;
    const QString text = QString::fromUtf8(output);
    for (const QStringView rawLine : QStringView(text).split(u'\n', Qt::SkipEmptyParts)) {
        const QStringView line = rawLine.trimmed();
        if (line.startsWith(u"package ") && line.endsWith(u" is not installed")) {
            continue;
        }
        const QList<QStringView> fields = line.split(u'\t');
        bool timeOk = false;
        const qint64 time = fields.size() == 3 ? fields.at(2).toLongLong(&timeOk) : 0;
        if (!timeOk || !fields.at(0).contains(u'.') || !versionPattern().match(fields.at(1)).hasMatch()) {
            return makeError(QStringLiteral("rpm.unparseable"),
                             QStringLiteral("unexpected line: ") + line.left(300).toString());
        }
        found[fields.at(0).toString()].append({fields.at(1).toString(), time});
    }
    QHash<QString, QStringList> installed;
    for (auto it = found.begin(); it != found.end(); ++it) {
        std::stable_sort(it->begin(), it->end(), [](const Installed &a, const Installed &b) {
            return a.time > b.time;
        });
        QStringList versions;
        for (const Installed &entry : *it) {
            versions.append(entry.version);
        }
        installed.insert(it.key(), versions);
    }
    return installed;
}

Result<QByteArray> DnfPatcher::query(const QString &program,
                                     const QStringList &args,
                                     std::initializer_list<int> okCodes)
{
    const CommandResult result = m_runner.run(program, args, m_timeouts.query);
    const QString command = program + u' ' + args.join(u' ');
    if (result.timedOut) {
        return makeError(program + QStringLiteral(".timeout"),
                         command + QStringLiteral(" did not finish within %1 ms").arg(m_timeouts.query.count()));
    }
    if (result.failedToStart) {
        return makeError(program + QStringLiteral(".failed"), program + QStringLiteral(" could not be started"));
    }
    if (std::find(okCodes.begin(), okCodes.end(), result.exitCode) == okCodes.end()) {
        return makeError(
            program + QStringLiteral(".failed"),
            command + QStringLiteral(" exited with %1: %2").arg(result.exitCode).arg(firstLine(result.standardError)));
    }
    return result.standardOutput;
}

Status DnfPatcher::planAll(const PatchRequest &request, const QHash<QString, QString> &installed, PatchPlan &plan)
{
    const Result<QByteArray> checkOutput =
        query(QStringLiteral("dnf"), {QStringLiteral("-q"), QStringLiteral("check-update")}, {0, 100});
    if (!checkOutput) {
        return checkOutput.error();
    }
    Result<QList<PendingUpdate>> pending = DnfCollector::parseCheckUpdate(checkOutput.value());
    if (!pending) {
        return pending.error();
    }
    QList<SecurityAdvisory> advisories;
    const bool securityOnly = request.select == QLatin1String("security");
    if (securityOnly && !pending.value().isEmpty()) {
        const Result<QByteArray> advisoryOutput = query(QStringLiteral("dnf"),
                                                        {QStringLiteral("-q"),
                                                         QStringLiteral("updateinfo"),
                                                         QStringLiteral("list"),
                                                         QStringLiteral("--security"),
                                                         QStringLiteral("--available")},
                                                        {0});
        if (!advisoryOutput) {
            return advisoryOutput.error();
        }
        Result<QList<SecurityAdvisory>> parsed = DnfCollector::parseSecurityAdvisories(advisoryOutput.value());
        if (!parsed) {
            return parsed.error();
        }
        advisories = std::move(parsed).value();
    }
    // Like `dnf upgrade --security`: the newest candidate of every package an advisory names.
    DnfCollector::merge(pending.value(), installed, advisories);
    for (const PendingUpdate &update : std::as_const(pending.value())) {
        if (securityOnly && !update.security) {
            continue;
        }
        PatchItem item;
        item.name = update.name + u'.' + update.arch;
        item.title = update.name;
        item.before = update.installedVersion;
        item.target = update.candidateVersion;
        plan.items.append(item);
    }
    return Ok{};
}

Status DnfPatcher::planAdvisories(const QStringList &ids, const QHash<QString, QString> &installed, PatchPlan &plan)
{
    const Result<QByteArray> output = query(QStringLiteral("dnf"),
                                            QStringList{QStringLiteral("-q"),
                                                        QStringLiteral("updateinfo"),
                                                        QStringLiteral("list"),
                                                        QStringLiteral("--available")}
                                                + ids,
                                            {0});
    if (!output) {
        return output.error();
    }
    const Result<QList<AdvisoryPackage>> packages = parseAdvisoryList(output.value());
    if (!packages) {
        return packages.error();
    }
    for (const QString &id : ids) {
        bool any = false;
        for (const AdvisoryPackage &package : packages.value()) {
            // The positional argument also matches package names: keep the advisory's lines only.
            if (package.id.compare(id, Qt::CaseInsensitive) != 0) {
                continue;
            }
            const QString name = package.name + u'.' + package.arch;
            if (!installed.contains(name)) {
                continue;
            }
            any = true;
            // Several advisories may name one package: the highest fix covers them all.
            const auto existing = std::find_if(plan.items.begin(), plan.items.end(), [&](const PatchItem &item) {
                return item.name == name;
            });
            if (existing != plan.items.end()) {
                if (existing->result == s_planned && compareVersions(package.version, existing->target) > 0) {
                    existing->target = package.version;
                }
                continue;
            }
            PatchItem item;
            item.name = name;
            item.title = package.name;
            item.before = installed.value(name);
            item.target = package.version;
            if (compareVersions(item.target, item.before) <= 0) {
                item.result = s_alreadyInstalled;
            }
            plan.items.append(item);
        }
        if (!any) {
            PatchItem item;
            item.name = id;
            item.title = id;
            item.result = s_notApplicable;
            item.message = QStringLiteral("no installed package is older than the fix of %1").arg(id);
            plan.items.append(item);
        }
    }
    return Ok{};
}

Status DnfPatcher::planPackages(const QList<PackageRequest> &requests,
                                const QHash<QString, QString> &installed,
                                PatchPlan &plan)
{
    QStringList names;
    for (const PackageRequest &request : requests) {
        names.append(request.name);
    }
    const Result<QByteArray> output = query(QStringLiteral("dnf"),
                                            QStringList{QStringLiteral("-q"),
                                                        QStringLiteral("repoquery"),
                                                        QStringLiteral("--available"),
                                                        QStringLiteral("--qf"),
                                                        QStringLiteral("%{name} %{arch} %{evr} %{reponame}")}
                                                + names,
                                            {0});
    if (!output) {
        return output.error();
    }
    const Result<QList<Available>> available = parseRepoquery(output.value());
    if (!available) {
        return available.error();
    }
    const QString machineArch = primaryArch(installed);

    for (const PackageRequest &request : requests) {
        // dnf matches names case-insensitively; the item carries the package's own spelling.
        QList<Available> candidates;
        for (const Available &package : available.value()) {
            if (package.name.compare(request.name, Qt::CaseInsensitive) == 0
                && (request.version.isEmpty() || package.version == request.version
                    || withoutEpoch(package.version) == request.version)) {
                candidates.append(package);
            }
        }
        QStringList installedArches;
        QString packageName = candidates.isEmpty() ? request.name : candidates.constFirst().name;
        for (auto it = installed.cbegin(); it != installed.cend(); ++it) {
            if (nameOf(it.key()).compare(request.name, Qt::CaseInsensitive) == 0) {
                installedArches.append(archOf(it.key()));
                packageName = nameOf(it.key());
            }
        }
        std::sort(installedArches.begin(), installedArches.end());
        const QString wanted = request.version.isEmpty() ? request.name : request.name + u'-' + request.version;

        // The newest candidate in one architecture (a noarch build serves any).
        const auto newest = [&candidates](const QString &arch) -> const Available * {
            const Available *best = nullptr;
            for (const Available &package : candidates) {
                if ((package.arch == arch || package.arch == QLatin1String("noarch") || arch == QLatin1String("noarch"))
                    && (!best || compareVersions(package.version, best->version) > 0)) {
                    best = &package;
                }
            }
            return best;
        };

        if (installedArches.isEmpty()) {
            PatchItem item;
            item.title = packageName;
            const Available *target = newest(machineArch);
            if (!target && !candidates.isEmpty()) {
                target = &candidates.constFirst();
            }
            if (!target) {
                item.name = request.name;
                refuse(plan,
                       item,
                       QStringLiteral("dnf.not-available"),
                       QStringLiteral("%1 is not in the configured repositories").arg(wanted));
                continue;
            }
            item.name = target->name + u'.' + target->arch;
            item.title = target->name;
            item.target = target->version;
            plan.items.append(item);
            continue;
        }

        for (const QString &arch : std::as_const(installedArches)) {
            PatchItem item;
            item.name = packageName + u'.' + arch;
            item.title = packageName;
            item.before = installed.value(item.name);
            const Available *target = newest(arch);
            if (!target) {
                if (request.version.isEmpty()) {
                    // Nothing newer anywhere (or excluded): what is installed is what there is.
                    item.target = item.before;
                    item.result = s_alreadyInstalled;
                    plan.items.append(item);
                } else if (compareVersions(request.version, item.before) == 0) {
                    item.target = item.before;
                    item.result = s_alreadyInstalled;
                    plan.items.append(item);
                } else {
                    refuse(plan,
                           item,
                           QStringLiteral("dnf.not-available"),
                           QStringLiteral("%1 (%2) is not in the configured repositories").arg(wanted, arch));
                }
                continue;
            }
            item.target = target->version;
            const int order = compareVersions(item.target, item.before);
            if (order < 0) {
                if (request.version.isEmpty()) {
                    // The repositories only have older builds: keep what is installed.
                    item.target = item.before;
                    item.result = s_alreadyInstalled;
                    plan.items.append(item);
                } else {
                    refuse(plan,
                           item,
                           QStringLiteral("dnf.downgrade"),
                           QStringLiteral("%1 would downgrade %2 from %3").arg(wanted, item.name, item.before));
                }
                continue;
            }
            if (order == 0) {
                item.result = s_alreadyInstalled;
            }
            plan.items.append(item);
        }
    }
    return Ok{};
}

Result<PatchPlan> DnfPatcher::plan(const PatchRequest &request)
{
    PatchPlan plan;
    for (const PackageRequest &package : request.packages) {
        if (!isSafeArgument(package.name) || (!package.version.isEmpty() && !isSafeArgument(package.version))) {
            PatchItem item;
            item.name = package.name.left(256);
            item.target = package.version.left(256);
            refuse(plan,
                   item,
                   QStringLiteral("dnf.invalid-name"),
                   QStringLiteral("\"%1\" is not a package name, version or advisory dnf can be given")
                       .arg(item.name + (item.target.isEmpty() ? QString() : QLatin1Char('=') + item.target)));
        }
    }
    if (!plan.refusal.isEmpty()) {
        return plan;
    }
    const Result<QByteArray> rpmOutput =
        query(QStringLiteral("rpm"), {QStringLiteral("-qa"), QStringLiteral("--qf"), installedFormat()}, {0});
    if (!rpmOutput) {
        return rpmOutput.error();
    }
    const Result<QHash<QString, QString>> installed = DnfCollector::parseInstalled(rpmOutput.value());
    if (!installed) {
        return installed.error();
    }

    Status status = Ok{};
    if (request.select == QLatin1String("packages")) {
        QStringList advisories;
        QList<PackageRequest> packages;
        for (const PackageRequest &package : request.packages) {
            if (looksLikeAdvisory(package.name)) {
                advisories.append(package.name);
            } else {
                packages.append(package);
            }
        }
        if (!advisories.isEmpty()) {
            status = planAdvisories(advisories, installed.value(), plan);
        }
        if (status && !packages.isEmpty()) {
            status = planPackages(packages, installed.value(), plan);
        }
    } else {
        status = planAll(request, installed.value(), plan);
    }
    if (!status) {
        return status.error();
    }
    sortItems(plan.items);
    return plan;
}

Result<QHash<QString, QStringList>> DnfPatcher::queryItems(const QList<PatchItem> &items, QByteArray &output)
{
    QStringList args{QStringLiteral("-q"), QStringLiteral("--qf"), installedFormat()};
    for (const PatchItem &item : items) {
        if (item.result == s_planned || item.result == s_installed || item.result == s_failed) {
            args.append(item.name);
        }
    }
    const CommandResult result = m_runner.run(QStringLiteral("rpm"), args, m_timeouts.query);
    // rpm exits with the number of names that are not installed: not an error here.
    if (result.timedOut || result.failedToStart) {
        append(output, QStringLiteral("rpm -q"), result);
        return makeError(QStringLiteral("rpm.failed"),
                         result.timedOut ? QStringLiteral("rpm -q did not finish")
                                         : QStringLiteral("rpm could not be started"));
    }
    if (result.exitCode != 0 && !result.standardError.isEmpty()) {
        append(output, QStringLiteral("rpm -q"), result);
    }
    return parseQueried(result.standardOutput);
}

bool DnfPatcher::rebootRequired(const QList<PatchItem> &items, QByteArray &output)
{
    CommandResult result = m_runner.run(QStringLiteral("needs-restarting"), {QStringLiteral("-r")}, m_timeouts.query);
    QString command = QStringLiteral("needs-restarting -r");
    if (result.failedToStart) {
        // dnf-utils provides the command; dnf-plugins-core alone only `dnf needs-restarting`.
        result = m_runner.run(QStringLiteral("dnf"),
                              {QStringLiteral("needs-restarting"), QStringLiteral("-r")},
                              m_timeouts.query);
        command = QStringLiteral("dnf needs-restarting -r");
    }
    if (!result.failedToStart) {
        append(output, command, result);
    }
    if (!result.timedOut && !result.failedToStart) {
        if (result.exitCode == 0) {
            return false;
        }
        // Exit 1 is also dnf's "No such command": only the tool's own verdict counts.
        if (result.exitCode == 1 && result.standardOutput.contains("Reboot is required")) {
            return true;
        }
    }
    // No verdict: what needs-restarting would have looked at.
    return std::any_of(items.cbegin(), items.cend(), [](const PatchItem &item) {
        return item.result == s_installed && needsRebootFor(item.title);
    });
}

PatchOutcome DnfPatcher::run(const PatchPlan &plan)
{
    PatchOutcome outcome;
    outcome.items = plan.items;
    if (!plan.refusal.isEmpty()) {
        outcome.state = s_failed;
        outcome.reason = plan.refusal;
        return outcome;
    }
    const QStringList args = runArguments(plan);
    if (args.size() == 2) {
        outcome.state = s_notApplicable;
        return outcome;
    }

    const CommandResult result = m_runner.run(QStringLiteral("dnf"), args, m_timeouts.run);
    append(outcome.output, QStringLiteral("dnf ") + args.join(u' '), result);
    if (!result.timedOut && !result.failedToStart) {
        outcome.exitCode = result.exitCode;
    }

    const Result<QHash<QString, QStringList>> after = queryItems(outcome.items, outcome.output);
    for (PatchItem &item : outcome.items) {
        if (item.result != s_planned) {
            continue;
        }
        const QStringList versions = after ? after.value().value(item.name) : QStringList();
        item.after = versions.contains(item.target) ? item.target : versions.value(0);
        if (versions.contains(item.target)) {
            item.result = s_installed;
            continue;
        }
        item.result = s_failed;
        if (!after) {
            item.message = QStringLiteral("could not query rpm: ") + after.error().message;
        } else if (result.timedOut) {
            item.message = QStringLiteral("dnf did not finish");
        } else if (result.failedToStart) {
            item.message = QStringLiteral("dnf could not be started");
        } else if (result.exitCode != 0) {
            item.message =
                QStringLiteral("dnf exited with %1: %2").arg(result.exitCode).arg(firstLine(result.standardError));
        } else {
            item.message = QStringLiteral("still at %1 after dnf succeeded")
                               .arg(item.after.isEmpty() ? QStringLiteral("(not installed)") : item.after);
        }
    }

    if (result.timedOut) {
        outcome.reason = QStringLiteral("dnf.timeout");
    } else if (result.failedToStart) {
        outcome.reason = QStringLiteral("dnf.failed");
    } else if (result.exitCode == 200) {
        // Only with exit_on_lock=True; dnf otherwise waits for the rpm lock until our timeout.
        outcome.reason = QStringLiteral("dnf.lock");
    } else if (result.exitCode != 0) {
        outcome.reason = QStringLiteral("dnf.failed");
    } else if (std::any_of(outcome.items.cbegin(), outcome.items.cend(), [](const PatchItem &item) {
                   return item.result == s_failed;
               })) {
        outcome.reason = QStringLiteral("dnf.incomplete");
    }
    outcome.state = outcome.reason.isEmpty() ? QStringLiteral("succeeded") : s_failed;
    outcome.rebootRequired = rebootRequired(outcome.items, outcome.output);
    return outcome;
}

PatchOutcome DnfPatcher::verify(const PatchPlan &plan)
{
    // rpm transactions need no repair step like `dpkg --configure -a`: an interrupted one leaves
    // each package either old or new, and rpm -q says which.
    PatchOutcome outcome;
    outcome.items = plan.items;
    if (!plan.refusal.isEmpty()) {
        outcome.state = s_failed;
        outcome.reason = plan.refusal;
        return outcome;
    }
    const auto checked = [](const PatchItem &item) {
        return item.result == s_planned || item.result == s_installed || item.result == s_failed;
    };
    if (std::none_of(outcome.items.cbegin(), outcome.items.cend(), checked)) {
        outcome.state = s_notApplicable;
        return outcome;
    }
    const Result<QHash<QString, QStringList>> now = queryItems(outcome.items, outcome.output);
    bool complete = true;
    for (PatchItem &item : outcome.items) {
        if (!checked(item)) {
            continue;
        }
        if (!now) {
            item.result = s_failed;
            item.message = describe(now.error());
            complete = false;
            continue;
        }
        const QStringList versions = now.value().value(item.name);
        item.after = versions.contains(item.target) ? item.target : versions.value(0);
        if (versions.contains(item.target)) {
            item.result = s_installed;
            item.message.clear();
        } else {
            item.result = s_failed;
            item.message = QStringLiteral("not at %1 after the interruption").arg(item.target);
            complete = false;
        }
    }
    outcome.state = complete ? QStringLiteral("succeeded") : s_failed;
    outcome.reason = complete ? QString() : QStringLiteral("interrupted");
    outcome.rebootRequired = rebootRequired(outcome.items, outcome.output);
    return outcome;
}

} // namespace steward::agent::jobs
