// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptCollector.h"

#include "AptCollectorLogging.h"
#include "CollectContext.h"
#include "CommandRunner.h"
#include "PatchStatus.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>

namespace steward::agent
{

namespace
{
// apt-pkg's pkgSimulate prints "Inst NAME [CURRENT] (CANDIDATE RELEASES [ARCH])",
// where [CURRENT] is absent for new installs, RELEASES is a ", "-separated
// list (empty for a version known only from the status file) and a broken-
// dependency note in brackets may follow the closing parenthesis.
const QRegularExpression &instPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^Inst (\S+)(?: \[([^\]]*)\])? \((\S+) (.*?) \[([^\]\s]+)\]\))"));
    return pattern;
}

const QRegularExpression &summaryPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\d+ upgraded, \d+ newly installed, .*\d+ to remove and \d+ not upgraded\.$)"));
    return pattern;
}

// Every count in the summary that produces an "Inst" line.
const QRegularExpression &installCountPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"((\d+) (upgraded|newly installed|reinstalled|downgraded),)"));
    return pattern;
}

QString firstErrorLine(const QByteArray &standardError)
{
    const QString text = QString::fromUtf8(standardError);
    for (const QStringView line : QStringView(text).split(u'\n')) {
        if (line.startsWith(u"E: ")) {
            return line.toString();
        }
    }
    return text.trimmed().left(300);
}
} // namespace

AptCollector::AptCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString AptCollector::name() const
{
    return QStringLiteral("patches");
}

bool AptCollector::isSecurityOrigin(QStringView origins)
{
    const QList<QStringView> parts = origins.split(u',');
    return std::any_of(parts.cbegin(), parts.cend(), [](QStringView origin) {
        return origin.contains(u"-security", Qt::CaseInsensitive);
    });
}

QStringList AptCollector::arguments(const CollectContext &context)
{
    QStringList args{QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("Debug::NoLocking=1")};
    const QString root = QDir::cleanPath(context.root);
    if (!root.isEmpty() && root != QStringLiteral("/")) {
        // Dir relocates configuration, lists, cache and the dpkg status file.
        args << QStringLiteral("-o") << QStringLiteral("Dir=") + root;
    }
    args << QStringLiteral("dist-upgrade");
    return args;
}

Result<QList<PendingUpdate>> AptCollector::parseSimulation(const QByteArray &output)
{
    QList<PendingUpdate> pending;
    qint64 expected = -1;
    const QString text = QString::fromUtf8(output);
    for (const QStringView rawLine : QStringView(text).split(u'\n')) {
        const QStringView line = rawLine.endsWith(u'\r') ? rawLine.chopped(1) : rawLine;
        if (line.startsWith(u"Inst ")) {
            const QRegularExpressionMatch match = instPattern().match(line);
            if (!match.hasMatch()) {
                return makeError(QStringLiteral("apt.unparseable"),
                                 QStringLiteral("unexpected line: ") + line.left(300).toString());
            }
            PendingUpdate update;
            update.name = match.captured(1);
            update.installedVersion = match.captured(2);
            update.candidateVersion = match.captured(3);
            update.origin = match.captured(4).trimmed();
            update.security = isSecurityOrigin(update.origin);
            pending.append(update);
        } else if (summaryPattern().match(line).hasMatch()) {
            expected = 0;
            QRegularExpressionMatchIterator it = installCountPattern().globalMatch(line);
            while (it.hasNext()) {
                expected += it.next().captured(1).toLongLong();
            }
        }
    }

    if (expected < 0) {
        return makeError(QStringLiteral("apt.unparseable"), QStringLiteral("no summary line in apt-get output"));
    }
    if (expected != pending.size()) {
        return makeError(
            QStringLiteral("apt.unparseable"),
            QStringLiteral("apt-get announced %1 installs but listed %2").arg(expected).arg(pending.size()));
    }
    std::sort(pending.begin(), pending.end(), [](const PendingUpdate &a, const PendingUpdate &b) {
        return a.name < b.name;
    });
    return pending;
}

Result<PatchStatus> AptCollector::collectStatus(const CollectContext &context) const
{
    PatchStatus status;
    if (!context.isFile(QStringLiteral("usr/bin/apt-get"))) {
        status.manager = QStringLiteral("none");
        return status;
    }
    if (!context.runner) {
        return makeError(QStringLiteral("apt.failed"), QStringLiteral("no command runner"));
    }

    const CommandResult run = context.runner->run(QStringLiteral("apt-get"), arguments(context), m_timeout);
    if (run.timedOut) {
        return makeError(QStringLiteral("apt.timeout"),
                         QStringLiteral("apt-get -s dist-upgrade did not finish within %1 ms").arg(m_timeout.count()));
    }
    if (run.failedToStart) {
        return makeError(QStringLiteral("apt.failed"), QStringLiteral("apt-get could not be started"));
    }
    if (run.exitCode != 0) {
        return makeError(QStringLiteral("apt.failed"),
                         QStringLiteral("apt-get -s dist-upgrade exited with %1: %2")
                             .arg(run.exitCode)
                             .arg(firstErrorLine(run.standardError)));
    }

    Result<QList<PendingUpdate>> pending = parseSimulation(run.standardOutput);
    if (!pending) {
        qCWarning(lcCollectorApt) << "could not parse apt-get output:" << pending.error().message;
        return pending.error();
    }
    status.manager = QStringLiteral("apt");
    status.pending = std::move(pending).value();
    qCDebug(lcCollectorApt) << status.pending.size() << "pending updates," << status.securityCount() << "security";
    return status;
}

Result<QCborValue> AptCollector::collect(const CollectContext &context)
{
    Result<PatchStatus> status = collectStatus(context);
    if (!status) {
        return status.error();
    }
    return QCborValue(status.value().toCbor());
}

} // namespace steward::agent
