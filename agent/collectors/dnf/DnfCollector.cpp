// SPDX-License-Identifier: GPL-3.0-or-later
#include "DnfCollector.h"

#include "CollectContext.h"
#include "CommandRunner.h"
#include "DnfCollectorLogging.h"
#include "SecurityAdvisory.h"
#include "apt/PatchStatus.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>
#include <tuple>

namespace steward::agent
{

namespace
{
// check-update prints "[EPOCH:]VERSION-RELEASE"; rpm versions contain no spaces.
const QRegularExpression &versionPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(?:\d+:)?[^\s:-]+-[^\s:-]+$)"));
    return pattern;
}

// "kernel-core-5.14.0-362.18.1.el9_3.x86_64", "openssl-1:3.0.7-25.el9_3.x86_64".
bool splitNevra(QStringView nevra, SecurityAdvisory &advisory)
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
    advisory.name = nevr.left(versionDash).toString();
    advisory.version = nevr.mid(versionDash + 1).toString();
    advisory.arch = nevra.mid(archDot + 1).toString();
    return !advisory.arch.isEmpty() && versionPattern().match(advisory.version).hasMatch();
}

bool splitNameArch(QStringView nameArch, PendingUpdate &update)
{
    const qsizetype dot = nameArch.lastIndexOf(u'.');
    if (dot <= 0 || dot == nameArch.size() - 1) {
        return false;
    }
    update.name = nameArch.left(dot).toString();
    update.arch = nameArch.mid(dot + 1).toString();
    return true;
}

// Lines dnf may print even with -q that carry no package.
bool isNoise(QStringView line)
{
    return line.trimmed().isEmpty() || line.startsWith(u"Last metadata expiration check")
        || line.startsWith(u"Security: ");
}

QString firstLine(const QByteArray &standardError)
{
    const QString text = QString::fromUtf8(standardError).trimmed();
    const qsizetype newline = text.indexOf(u'\n');
    return (newline < 0 ? text : text.left(newline)).left(300);
}

QString key(const QString &name, const QString &arch)
{
    return name + u'.' + arch;
}
} // namespace

DnfCollector::DnfCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString DnfCollector::name() const
{
    return QStringLiteral("patches");
}

QStringList DnfCollector::dnfArguments(const CollectContext &context, const QStringList &command)
{
    QStringList args{QStringLiteral("-q"), QStringLiteral("--cacheonly")};
    const QString root = QDir::cleanPath(context.root.isEmpty() ? QStringLiteral("/") : context.root);
    if (root != QStringLiteral("/")) {
        args << QStringLiteral("--installroot=") + root;
    }
    return args + command;
}

QStringList DnfCollector::rpmArguments(const CollectContext &context)
{
    QStringList args;
    const QString root = QDir::cleanPath(context.root.isEmpty() ? QStringLiteral("/") : context.root);
    if (root != QStringLiteral("/")) {
        args << QStringLiteral("--root") << root;
    }
    // The epoch only when set, as dnf prints versions.
    return args << QStringLiteral("-qa") << QStringLiteral("--qf")
                << QStringLiteral("%{NAME}.%{ARCH}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\n");
}

Result<QList<PendingUpdate>> DnfCollector::parseCheckUpdate(const QByteArray &output)
{
    QList<PendingUpdate> pending;
    QStringList seen;
    bool obsoleting = false;
    QString carried; // a name too long for its column: dnf wraps the rest onto the next line
    bool carriedIndented = false;

    const QString text = QString::fromUtf8(output);
    for (const QStringView rawLine : QStringView(text).split(u'\n')) {
        const QStringView line = rawLine.endsWith(u'\r') ? rawLine.chopped(1) : rawLine;
        if (isNoise(line)) {
            continue;
        }
        if (line == u"Obsoleting Packages") {
            obsoleting = true;
            continue;
        }
        bool indented = line.startsWith(u' ');
        QList<QStringView> fields = line.split(u' ', Qt::SkipEmptyParts);
        if (!carried.isEmpty()) {
            if (fields.size() != 2) {
                return makeError(QStringLiteral("dnf.unparseable"),
                                 QStringLiteral("wrapped line without version: ") + carried);
            }
            fields.prepend(QStringView(carried));
            indented = carriedIndented;
        } else if (fields.size() == 1) {
            carried = fields.at(0).toString();
            carriedIndented = indented;
            continue;
        }
        PendingUpdate update;
        if (fields.size() != 3 || !splitNameArch(fields.at(0), update)
            || !versionPattern().match(fields.at(1)).hasMatch()) {
            return makeError(QStringLiteral("dnf.unparseable"),
                             QStringLiteral("unexpected line: ") + line.left(300).toString());
        }
        carried.clear();
        if (obsoleting && indented) {
            // The installed package the line above replaces ("@repo").
            continue;
        }
        update.candidateVersion = fields.at(1).toString();
        update.origin = fields.at(2).toString();
        const QString id = key(update.name, update.arch);
        if (seen.contains(id)) {
            continue; // an obsoleting package that is also a plain upgrade
        }
        seen.append(id);
        pending.append(update);
    }
    if (!carried.isEmpty()) {
        return makeError(QStringLiteral("dnf.unparseable"), QStringLiteral("output ends inside a wrapped line"));
    }
    std::sort(pending.begin(), pending.end(), [](const PendingUpdate &a, const PendingUpdate &b) {
        return std::tie(a.name, a.arch) < std::tie(b.name, b.arch);
    });
    return pending;
}

Result<QList<SecurityAdvisory>> DnfCollector::parseSecurityAdvisories(const QByteArray &output)
{
    QList<SecurityAdvisory> advisories;
    const QString text = QString::fromUtf8(output);
    for (const QStringView rawLine : QStringView(text).split(u'\n')) {
        const QStringView line = rawLine.endsWith(u'\r') ? rawLine.chopped(1) : rawLine;
        if (isNoise(line)) {
            continue;
        }
        const QList<QStringView> fields = line.split(u' ', Qt::SkipEmptyParts);
        SecurityAdvisory advisory;
        if (fields.size() != 3 || !fields.at(1).endsWith(u"/Sec.") || !splitNevra(fields.at(2), advisory)) {
            return makeError(QStringLiteral("dnf.unparseable"),
                             QStringLiteral("unexpected advisory line: ") + line.left(300).toString());
        }
        advisory.id = fields.at(0).toString();
        const QStringView severity = fields.at(1).chopped(5);
        if (severity != u"None" && severity != u"Unknown") {
            advisory.severity = severity.toString();
        }
        advisories.append(advisory);
    }
    return advisories;
}

Result<QHash<QString, QString>> DnfCollector::parseInstalled(const QByteArray &output)
{
    QHash<QString, QString> installed;
    QHash<QString, qint64> installTimes;
    const QString text = QString::fromUtf8(output);
    for (const QStringView line : QStringView(text).split(u'\n', Qt::SkipEmptyParts)) {
        const QList<QStringView> fields = line.split(u'\t');
        bool timeOk = false;
        const qint64 installTime = fields.size() == 3 ? fields.at(2).toLongLong(&timeOk) : 0;
        if (!timeOk || !fields.at(0).contains(u'.') || !versionPattern().match(fields.at(1)).hasMatch()) {
            return makeError(QStringLiteral("rpm.unparseable"),
                             QStringLiteral("unexpected line: ") + line.left(300).toString());
        }
        // Install-only packages (kernel) are installed in several versions at
        // once: report the one installed last, which is the one running after
        // the next boot.
        const QString id = fields.at(0).toString();
        if (!installed.contains(id) || installTime >= installTimes.value(id)) {
            installed.insert(id, fields.at(1).toString());
            installTimes.insert(id, installTime);
        }
    }
    return installed;
}

void DnfCollector::merge(QList<PendingUpdate> &pending,
                         const QHash<QString, QString> &installed,
                         const QList<SecurityAdvisory> &advisories)
{
    QHash<QString, const SecurityAdvisory *> worst;
    for (const SecurityAdvisory &advisory : advisories) {
        const QString id = key(advisory.name, advisory.arch);
        const auto it = worst.constFind(id);
        if (it == worst.cend() || advisory.severityRank() > (*it)->severityRank()) {
            worst.insert(id, &advisory);
        }
    }
    for (PendingUpdate &update : pending) {
        const QString id = key(update.name, update.arch);
        update.installedVersion = installed.value(id);
        if (const SecurityAdvisory *advisory = worst.value(id)) {
            update.security = true;
            update.advisory = advisory->id;
            update.severity = advisory->severity;
        }
    }
}

Result<PatchStatus> DnfCollector::collectStatus(const CollectContext &context) const
{
    PatchStatus status;
    if (!context.isFile(QStringLiteral("usr/bin/dnf"))) {
        status.manager = QStringLiteral("none");
        return status;
    }
    if (!context.runner) {
        return makeError(QStringLiteral("dnf.failed"), QStringLiteral("no command runner"));
    }

    const auto run = [&](const QString &program,
                         const QStringList &args,
                         std::initializer_list<int> okCodes,
                         const QString &tool) -> Result<QByteArray> {
        const CommandResult result = context.runner->run(program, args, m_timeout);
        const QString command = program + u' ' + args.join(u' ');
        if (result.timedOut) {
            return makeError(tool + QStringLiteral(".timeout"),
                             command + QStringLiteral(" did not finish within %1 ms").arg(m_timeout.count()));
        }
        if (result.failedToStart) {
            return makeError(tool + QStringLiteral(".failed"), program + QStringLiteral(" could not be started"));
        }
        if (std::find(okCodes.begin(), okCodes.end(), result.exitCode) == okCodes.end()) {
            return makeError(
                tool + QStringLiteral(".failed"),
                command
                    + QStringLiteral(" exited with %1: %2").arg(result.exitCode).arg(firstLine(result.standardError)));
        }
        return result.standardOutput;
    };

    const Result<QByteArray> checkOutput = run(QStringLiteral("dnf"),
                                               dnfArguments(context, {QStringLiteral("check-update")}),
                                               {0, 100},
                                               QStringLiteral("dnf"));
    if (!checkOutput) {
        return checkOutput.error();
    }
    Result<QList<PendingUpdate>> pending = parseCheckUpdate(checkOutput.value());
    if (!pending) {
        qCWarning(lcCollectorDnf) << "could not parse dnf check-update:" << pending.error().message;
        return pending.error();
    }

    QList<SecurityAdvisory> advisories;
    QHash<QString, QString> installed;
    if (!pending.value().isEmpty()) {
        const Result<QByteArray> advisoryOutput = run(
            QStringLiteral("dnf"),
            dnfArguments(context, {QStringLiteral("updateinfo"), QStringLiteral("list"), QStringLiteral("--security")}),
            {0},
            QStringLiteral("dnf"));
        if (!advisoryOutput) {
            return advisoryOutput.error();
        }
        Result<QList<SecurityAdvisory>> parsedAdvisories = parseSecurityAdvisories(advisoryOutput.value());
        if (!parsedAdvisories) {
            return parsedAdvisories.error();
        }
        advisories = std::move(parsedAdvisories).value();

        const Result<QByteArray> rpmOutput =
            run(QStringLiteral("rpm"), rpmArguments(context), {0}, QStringLiteral("rpm"));
        if (!rpmOutput) {
            return rpmOutput.error();
        }
        Result<QHash<QString, QString>> parsedInstalled = parseInstalled(rpmOutput.value());
        if (!parsedInstalled) {
            return parsedInstalled.error();
        }
        installed = std::move(parsedInstalled).value();
    }

    status.manager = QStringLiteral("dnf");
    status.pending = std::move(pending).value();
    merge(status.pending, installed, advisories);
    qCDebug(lcCollectorDnf) << status.pending.size() << "pending updates," << status.securityCount() << "security";
    return status;
}

Result<QCborValue> DnfCollector::collect(const CollectContext &context)
{
    Result<PatchStatus> status = collectStatus(context);
    if (!status) {
        return status.error();
    }
    return QCborValue(status.value().toCbor());
}

} // namespace steward::agent
