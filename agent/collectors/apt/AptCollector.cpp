// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptCollector.h"

#include "AptCollectorLogging.h"
#include "CollectContext.h"
#include "CommandRunner.h"
#include "Files.h"
#include "PatchStatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace steward::agent
{

namespace
{
// LibAptScan::ExitCode: the helper's exit codes.
constexpr int ScanCacheUnreadable = 3;
constexpr int ScanUnresolvable = 4;
constexpr qint64 LogTailBytes = 1024 * 1024;
constexpr qint64 MaxLogBytes = 64 * 1024 * 1024;

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

std::optional<qint64> newer(std::optional<qint64> a, std::optional<qint64> b)
{
    if (!a) {
        return b;
    }
    if (!b) {
        return a;
    }
    return std::max(*a, *b);
}

// The end of a log: the newest entries are there, and a log that has grown
// for years must not be read whole. Falls back to the whole file (bounded)
// when the tail holds no complete entry.
template<typename Parse>
std::optional<qint64> newestInLog(const CollectContext &context, const QString &relative, Parse parse)
{
    QFile file(context.path(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const qint64 size = file.size();
    if (size > LogTailBytes && file.seek(size - LogTailBytes)) {
        if (const std::optional<qint64> found = parse(steward::files::readUpTo(file, LogTailBytes))) {
            return found;
        }
        file.seek(std::max<qint64>(0, size - MaxLogBytes));
    }
    return parse(steward::files::readUpTo(file, MaxLogBytes));
}

std::optional<qint64> localTime(QStringView date, QStringView time)
{
    const QDateTime when(QDate::fromString(date.toString(), Qt::ISODate),
                         QTime::fromString(time.toString(), Qt::ISODate),
                         Qt::LocalTime);
    if (!when.isValid()) {
        return std::nullopt;
    }
    return when.toSecsSinceEpoch();
}
} // namespace

AptCollector::AptCollector(std::chrono::milliseconds timeout, QString scanner)
    : m_timeout(timeout)
    , m_scanner(scanner.isEmpty() ? defaultScanner() : std::move(scanner))
{
}

AptCollector::~AptCollector() = default;

void AptCollector::setFallback(std::unique_ptr<Collector> fallback)
{
    m_fallback = std::move(fallback);
}

QString AptCollector::name() const
{
    return QStringLiteral("patches");
}

QString AptCollector::defaultScanner()
{
    if (QCoreApplication::instance()) {
        const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/steward-apt-scan");
        if (QFileInfo(beside).isExecutable()) {
            return beside;
        }
    }
    return QStringLiteral(STEWARD_APT_SCAN_INSTALLED);
}

QString AptCollector::reuseFile(const CollectContext &context)
{
    if (context.stateDirectory.isEmpty()) {
        return QString();
    }
    return QDir(context.stateDirectory).filePath(QStringLiteral("apt-scan.reuse"));
}

QStringList AptCollector::arguments(const CollectContext &context)
{
    QStringList args;
    const QString root = QDir::cleanPath(context.root.isEmpty() ? QStringLiteral("/") : context.root);
    if (root != QStringLiteral("/")) {
        args << QStringLiteral("--root") << root;
    }
    if (const QString reuse = reuseFile(context); !reuse.isEmpty()) {
        args << QStringLiteral("--reuse") << reuse;
    }
    return args;
}

Result<QList<PendingUpdate>> AptCollector::parseScan(const QByteArray &output)
{
    const QString text = QString::fromUtf8(output);
    QList<QStringView> lines = QStringView(text).split(u'\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty()) {
        lines.removeLast();
    }
    if (lines.isEmpty() || lines.constFirst() != u"steward-apt-scan 1") {
        return makeError(QStringLiteral("apt.unparseable"), QStringLiteral("steward-apt-scan: unknown output format"));
    }

    QList<PendingUpdate> pending;
    qint64 expected = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QStringView> fields = lines.at(i).split(u'\t');
        if (expected >= 0) {
            return makeError(QStringLiteral("apt.unparseable"), QStringLiteral("steward-apt-scan: data after the end"));
        }
        if (fields.size() == 8 && fields.at(0) == u"P" && !fields.at(1).isEmpty() && !fields.at(3).isEmpty()
            && (fields.at(7) == u"0" || fields.at(7) == u"1")) {
            PendingUpdate update;
            update.name = fields.at(1).toString();
            update.installedVersion = fields.at(2).toString();
            update.candidateVersion = fields.at(3).toString();
            update.origin = fields.at(4).toString();
            update.archive = fields.at(5).toString();
            update.codename = fields.at(6).toString();
            update.security = fields.at(7) == u"1";
            pending.append(update);
        } else if (fields.size() == 2 && fields.at(0) == u"E") {
            bool ok = false;
            expected = fields.at(1).toLongLong(&ok);
            if (!ok || expected < 0) {
                return makeError(QStringLiteral("apt.unparseable"), QStringLiteral("steward-apt-scan: bad end line"));
            }
        } else {
            return makeError(QStringLiteral("apt.unparseable"),
                             QStringLiteral("steward-apt-scan: unexpected line: ") + lines.at(i).left(300).toString());
        }
    }
    if (expected < 0) {
        return makeError(QStringLiteral("apt.unparseable"), QStringLiteral("steward-apt-scan: output is truncated"));
    }
    if (expected != pending.size()) {
        return makeError(
            QStringLiteral("apt.unparseable"),
            QStringLiteral("steward-apt-scan announced %1 packages but listed %2").arg(expected).arg(pending.size()));
    }
    std::sort(pending.begin(), pending.end(), [](const PendingUpdate &a, const PendingUpdate &b) {
        return a.name < b.name;
    });
    return pending;
}

namespace
{
// The newest local "date time" pair (captures 1 and 2 of `pattern`) in a log.
std::optional<qint64> newestLogTime(const QByteArray &log, const QRegularExpression &pattern)
{
    std::optional<qint64> newest;
    const QString text = QString::fromUtf8(log);
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        newest = newer(newest, localTime(match.capturedView(1), match.capturedView(2)));
    }
    return newest;
}
}

std::optional<qint64> AptCollector::parseHistoryLog(const QByteArray &log)
{
    // "Start-Date: 2024-11-23  05:04:12" (two spaces); End-Date alike.
    static const QRegularExpression date(
        QStringLiteral(R"(^(?:Start|End)-Date: (\d{4}-\d\d-\d\d) +(\d\d:\d\d:\d\d)\s*$)"),
        QRegularExpression::MultilineOption);
    return newestLogTime(log, date);
}

std::optional<qint64> AptCollector::parseDpkgLog(const QByteArray &log)
{
    // "2024-11-23 05:04:12 upgrade bash:amd64 5.2.15-2+b2 5.2.15-2+b7"
    static const QRegularExpression action(
        QStringLiteral(R"(^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (?:install|upgrade|remove|purge) )"),
        QRegularExpression::MultilineOption);
    return newestLogTime(log, action);
}

std::optional<qint64> AptCollector::lastRefresh(const CollectContext &context)
{
    std::optional<qint64> newest;
    const QFileInfo stamp(context.path(QStringLiteral("var/lib/apt/periodic/update-success-stamp")));
    if (stamp.isFile()) {
        newest = stamp.lastModified().toSecsSinceEpoch();
    }
    // Every index apt-get update fetched; "lock" and "partial/" are not data.
    const QDir lists(context.path(QStringLiteral("var/lib/apt/lists")));
    const QFileInfoList files = lists.entryInfoList(QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &file : files) {
        if (file.fileName() != QStringLiteral("lock")) {
            newest = newer(newest, file.lastModified().toSecsSinceEpoch());
        }
    }
    return newest;
}

std::optional<qint64> AptCollector::lastInstall(const CollectContext &context)
{
    std::optional<qint64> newest;
    for (const QString &log :
         {QStringLiteral("var/log/apt/history.log"), QStringLiteral("var/log/apt/history.log.1")}) {
        newest = newer(newest, newestInLog(context, log, &AptCollector::parseHistoryLog));
    }
    if (newest) {
        return newest;
    }
    // Systems that install with dpkg alone, or whose APT history was rotated away.
    for (const QString &log : {QStringLiteral("var/log/dpkg.log"), QStringLiteral("var/log/dpkg.log.1")}) {
        newest = newer(newest, newestInLog(context, log, &AptCollector::parseDpkgLog));
    }
    return newest;
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

    const CommandResult run = context.runner->run(m_scanner, arguments(context), m_timeout);
    if (run.timedOut) {
        return makeError(QStringLiteral("apt.timeout"),
                         QStringLiteral("steward-apt-scan did not finish within %1 ms").arg(m_timeout.count()));
    }
    if (run.failedToStart) {
        return makeError(QStringLiteral("apt.failed"), m_scanner + QStringLiteral(" could not be started"));
    }
    if (run.exitCode != 0) {
        const QString code = run.exitCode == ScanCacheUnreadable ? QStringLiteral("apt.cache-unreadable")
            : run.exitCode == ScanUnresolvable                   ? QStringLiteral("apt.unresolvable")
                                                                 : QStringLiteral("apt.failed");
        return makeError(code,
                         QStringLiteral("steward-apt-scan exited with %1: %2")
                             .arg(run.exitCode)
                             .arg(firstErrorLine(run.standardError)));
    }

    Result<QList<PendingUpdate>> pending = parseScan(run.standardOutput);
    if (!pending) {
        qCWarning(lcCollectorApt) << "could not parse steward-apt-scan output:" << pending.error().message;
        return pending.error();
    }
    status.manager = QStringLiteral("apt");
    status.pending = std::move(pending).value();
    status.lastRefresh = lastRefresh(context);
    status.lastInstall = lastInstall(context);
    status.rebootRequired = context.isFile(QStringLiteral("run/reboot-required"));
    if (*status.rebootRequired) {
        const Result<QByteArray> packages = context.readFile(QStringLiteral("run/reboot-required.pkgs"));
        if (packages) {
            for (const QByteArray &line : packages.value().split('\n')) {
                const QString package = QString::fromUtf8(line).trimmed();
                if (!package.isEmpty() && !status.rebootPackages.contains(package)) {
                    status.rebootPackages.append(package);
                }
            }
        }
    }
    qCDebug(lcCollectorApt) << status.pending.size() << "pending updates," << status.securityCount() << "security";
    return status;
}

Result<QCborValue> AptCollector::collect(const CollectContext &context)
{
    if (m_fallback && !context.isFile(QStringLiteral("usr/bin/apt-get"))) {
        return m_fallback->collect(context);
    }
    Result<PatchStatus> status = collectStatus(context);
    if (!status) {
        return status.error();
    }
    return QCborValue(status.value().toCbor());
}

} // namespace steward::agent
