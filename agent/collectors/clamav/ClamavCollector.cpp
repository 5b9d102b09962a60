// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClamavCollector.h"

#include "AntivirusProduct.h"
#include "ClamavCollectorLogging.h"
#include "CollectContext.h"
#include "CommandRunner.h"
#include "Files.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace steward::agent
{

namespace
{
constexpr qint64 s_headerSize = 512;
// freshclam appends to its log for months when nobody rotates it; the last
// success is near the end.
constexpr qint64 s_logTailSize = 64 * 1024;
const QLatin1String s_headerMagic("ClamAV-VDB:");

// freshclam keeps one of .cvd (signed container) or .cld (locally patched
// copy) per database; both carry the same header.
const std::array<QLatin1String, 3> s_databaseNames{QLatin1String("main"),
                                                   QLatin1String("daily"),
                                                   QLatin1String("bytecode")};
const std::array<QLatin1String, 2> s_databaseSuffixes{QLatin1String(".cvd"), QLatin1String(".cld")};

// Debian/Ubuntu first, then Fedora/RHEL (clamd@scan) and source builds.
const std::array<QLatin1String, 3> s_clamdConfigs{QLatin1String("etc/clamav/clamd.conf"),
                                                  QLatin1String("etc/clamd.d/scan.conf"),
                                                  QLatin1String("etc/clamd.conf")};
const std::array<QLatin1String, 2> s_freshclamConfigs{QLatin1String("etc/clamav/freshclam.conf"),
                                                      QLatin1String("etc/freshclam.conf")};
// clamd first: it is the engine that scans; clamscan where only it is installed.
const std::array<QLatin1String, 3> s_versionPrograms{QLatin1String("usr/sbin/clamd"),
                                                     QLatin1String("usr/bin/clamd"),
                                                     QLatin1String("usr/bin/clamscan")};
const QLatin1String s_defaultDatabaseDirectory("var/lib/clamav");
const QLatin1String s_defaultFreshclamLog("var/log/clamav/freshclam.log");

Result<QByteArray> readHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("clamav.database-unreadable"),
                         path + QStringLiteral(": ") + file.errorString());
    }
    return file.read(s_headerSize);
}

std::optional<QByteArray> readTail(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const qint64 start = std::max<qint64>(0, file.size() - size);
    if (!file.seek(start)) {
        return std::nullopt;
    }
    QByteArray data = files::readUpTo(file, size);
    if (start > 0) {
        // The first line is cut; never parse half a line.
        const qsizetype newline = data.indexOf('\n');
        data = newline < 0 ? QByteArray() : data.mid(newline + 1);
    }
    return data;
}

std::optional<int> parseOffsetSeconds(QStringView zone)
{
    // "+hhmm" / "-hhmm"
    if (zone.size() != 5 || (zone[0] != u'+' && zone[0] != u'-')) {
        return std::nullopt;
    }
    bool okHours = false;
    bool okMinutes = false;
    const int hours = zone.mid(1, 2).toInt(&okHours);
    const int minutes = zone.mid(3, 2).toInt(&okMinutes);
    if (!okHours || !okMinutes || hours > 14 || minutes > 59) {
        return std::nullopt;
    }
    const int seconds = hours * 3600 + minutes * 60;
    return zone[0] == u'-' ? -seconds : seconds;
}

// The first config file that exists, parsed; empty when none does.
QHash<QString, QStringList> readFirstConfig(const CollectContext &context, const auto &candidates)
{
    for (const QLatin1String relative : candidates) {
        if (!context.isFile(relative)) {
            continue;
        }
        const Result<QByteArray> text = context.readFile(relative);
        if (!text) {
            qCWarning(lcCollectorClamav) << "cannot read" << relative << text.error().message;
            return {};
        }
        return ClamavCollector::parseConfig(text.value());
    }
    return {};
}

// An absolute path from a config file, relative to the collection root.
QString underRoot(const QString &absolute)
{
    QString relative = absolute;
    while (relative.startsWith(QLatin1Char('/'))) {
        relative.remove(0, 1);
    }
    while (relative.endsWith(QLatin1Char('/'))) {
        relative.chop(1);
    }
    return relative;
}

QString lastValue(const QHash<QString, QStringList> &config, const QString &key)
{
    const QStringList values = config.value(key);
    return values.isEmpty() ? QString() : values.constLast();
}
} // namespace

ClamavCollector::ClamavCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString ClamavCollector::productKey() const
{
    return QStringLiteral("clamav");
}

std::optional<qint64> ClamavCollector::parseHeaderTime(QStringView text)
{
    const QList<QStringView> parts = text.trimmed().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 5) {
        return std::nullopt;
    }
    const QString dateText =
        parts[0].toString() + QLatin1Char(' ') + parts[1].toString() + QLatin1Char(' ') + parts[2].toString();
    const QDate date = QLocale::c().toDate(dateText, QStringLiteral("d MMM yyyy"));
    const QTime time = QLocale::c().toTime(parts[3].toString(), QStringLiteral("HH-mm"));
    const std::optional<int> offset = parseOffsetSeconds(parts[4]);
    if (!date.isValid() || !time.isValid() || !offset) {
        return std::nullopt;
    }
    return QDateTime(date, time, Qt::UTC).toSecsSinceEpoch() - *offset;
}

Result<AntivirusDatabase> ClamavCollector::parseDatabaseHeader(const QByteArray &header, const QString &databaseName)
{
    const auto invalid = [&databaseName](const QString &why) {
        return makeError(QStringLiteral("clamav.database-invalid"), databaseName + QStringLiteral(": ") + why);
    };
    if (!header.startsWith(QByteArrayView(s_headerMagic.data(), s_headerMagic.size()))) {
        return invalid(QStringLiteral("not a ClamAV database header"));
    }
    // The header is space-padded to 512 bytes; the body that follows is
    // binary and must not leak into the last field.
    const QString text = QString::fromLatin1(header.left(s_headerSize)).trimmed();
    const QList<QStringView> fields = QStringView(text).split(u':');
    if (fields.size() < 5) {
        return invalid(QStringLiteral("truncated header"));
    }

    AntivirusDatabase database;
    database.name = databaseName;
    bool ok = false;
    database.version = fields[2].trimmed().toLongLong(&ok);
    if (!ok || database.version <= 0) {
        return invalid(QStringLiteral("bad version field"));
    }

    // Newer sigtools append the build time as epoch seconds; it is exact,
    // whereas the human-readable field depends on sigtool's locale.
    std::optional<qint64> buildTime;
    if (fields.size() >= 9) {
        const qint64 epoch = fields[8].trimmed().toLongLong(&ok);
        if (ok && epoch > 0) {
            buildTime = epoch;
        }
    }
    if (!buildTime) {
        buildTime = parseHeaderTime(fields[1]);
    }
    if (!buildTime) {
        return invalid(QStringLiteral("bad build time"));
    }
    database.buildTime = *buildTime;
    return database;
}

QHash<QString, QStringList> ClamavCollector::parseConfig(const QByteArray &text)
{
    QHash<QString, QStringList> config;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &rawLine : lines) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const qsizetype space = line.indexOf(QRegularExpression(QStringLiteral("\\s")));
        const QString key = space < 0 ? line : line.left(space);
        QString value = space < 0 ? QString() : line.mid(space + 1).trimmed();
        // clamd accepts quoted values ("/srv/my share").
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))) {
            value = value.mid(1, value.size() - 2);
        }
        config[key].append(value);
    }
    return config;
}

std::optional<QString> ClamavCollector::parseVersionOutput(const QByteArray &output)
{
    static const QRegularExpression pattern(QStringLiteral("^ClamAV ([0-9][0-9A-Za-z.+~_-]*)(?:/|\\s*$)"));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(output).trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1);
}

std::optional<qint64> ClamavCollector::parseFreshclamLog(const QByteArray &log)
{
    static const QLatin1String separator(" -> ");
    const QList<QByteArray> lines = log.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = QString::fromUtf8(*it).trimmed();
        const qsizetype arrow = line.indexOf(separator);
        if (arrow < 0) {
            continue;
        }
        const QStringView message = QStringView(line).mid(arrow + separator.size());
        // "daily.cld database is up-to-date (version: …)", "daily.cld updated
        // (version: …)", "Database updated (… signatures) from …". Warnings
        // and errors ("WARNING: … not updated", "ERROR: …") do not count.
        const bool success = !message.startsWith(QLatin1String("WARNING"))
            && !message.startsWith(QLatin1String("ERROR"))
            && (message.contains(QLatin1String("is up-to-date"))
                || message.contains(QLatin1String(" updated (version:"))
                || message.startsWith(QLatin1String("Database updated")));
        if (!success) {
            continue;
        }
        // ctime(3): "Fri Nov  7 08:32:04 2023"; simplified() folds the padding.
        const QString stamp = line.left(arrow).simplified();
        const QDateTime time = QLocale::c().toDateTime(stamp, QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
        if (time.isValid()) {
            return time.toSecsSinceEpoch();
        }
    }
    return std::nullopt;
}

Result<QList<AntivirusProduct>> ClamavCollector::collectProducts(const CollectContext &context) const
{
    const QHash<QString, QStringList> clamdConfig = readFirstConfig(context, s_clamdConfigs);
    const QHash<QString, QStringList> freshclamConfig = readFirstConfig(context, s_freshclamConfigs);

    // clamd's directory is the one that is scanned with; freshclam's is where
    // updates land. They are the same unless misconfigured.
    QString databaseDirectory = underRoot(lastValue(clamdConfig, QStringLiteral("DatabaseDirectory")));
    if (databaseDirectory.isEmpty()) {
        databaseDirectory = underRoot(lastValue(freshclamConfig, QStringLiteral("DatabaseDirectory")));
    }
    if (databaseDirectory.isEmpty()) {
        databaseDirectory = s_defaultDatabaseDirectory;
    }

    QList<AntivirusDatabase> databases;
    std::optional<Error> lastError;
    std::optional<qint64> newestFileTime;
    for (const QLatin1String databaseName : s_databaseNames) {
        std::optional<AntivirusDatabase> best;
        for (const QLatin1String suffix : s_databaseSuffixes) {
            const QString relative = databaseDirectory + QLatin1Char('/') + databaseName + suffix;
            if (!context.isFile(relative)) {
                continue;
            }
            const Result<QByteArray> header = readHeader(context.path(relative));
            Result<AntivirusDatabase> database = header ? parseDatabaseHeader(header.value(), QString(databaseName))
                                                        : Result<AntivirusDatabase>(header.error());
            if (!database) {
                qCWarning(lcCollectorClamav) << "skipping" << relative << database.error().message;
                lastError = database.error();
                continue;
            }
            const qint64 modified = QFileInfo(context.path(relative)).lastModified().toSecsSinceEpoch();
            newestFileTime = std::max(newestFileTime.value_or(modified), modified);
            if (!best || database.value().version > best->version) {
                best = std::move(database).value();
            }
        }
        if (best) {
            databases.append(*best);
        }
    }

    const QStringList processes = processNames(context);
    const bool clamdRunning = processes.contains(QStringLiteral("clamd"));
    const bool freshclamRunning = processes.contains(QStringLiteral("freshclam"));
    const bool onAccessRunning = processes.contains(QStringLiteral("clamonacc"));
    const bool onAccessConfigured = !clamdConfig.value(QStringLiteral("OnAccessIncludePath")).isEmpty()
        || !clamdConfig.value(QStringLiteral("OnAccessMountPath")).isEmpty();

    std::optional<QString> versionProgram;
    for (const QLatin1String relative : s_versionPrograms) {
        if (context.isFile(relative)) {
            versionProgram = context.path(relative);
            break;
        }
    }

    if (databases.isEmpty() && lastError) {
        // Files exist but none is usable: reporting "no antivirus" would hide it.
        return *lastError;
    }
    if (databases.isEmpty() && !clamdRunning && !versionProgram) {
        return QList<AntivirusProduct>{};
    }

    AntivirusProduct product;
    product.name = QStringLiteral("ClamAV");
    product.serviceRunning = clamdRunning;
    // clamonacc only watches; clamd does the scanning, and without an
    // include or mount path clamonacc has nothing to watch.
    product.realTimeProtection = onAccessConfigured && onAccessRunning && clamdRunning;
    product.databases = databases;

    if (versionProgram) {
        if (!context.runner) {
            return makeError(QStringLiteral("clamav.failed"), QStringLiteral("no command runner"));
        }
        const QString program = QFileInfo(*versionProgram).fileName();
        const CommandResult run = context.runner->run(*versionProgram, {QStringLiteral("--version")}, m_timeout);
        if (run.timedOut) {
            return makeError(
                QStringLiteral("clamav.timeout"),
                QStringLiteral("%1 --version did not finish within %2 ms").arg(program).arg(m_timeout.count()));
        }
        if (!run.succeeded()) {
            return makeError(QStringLiteral("clamav.failed"),
                             run.failedToStart ? QStringLiteral("%1 could not be started").arg(program)
                                               : QStringLiteral("%1 --version exited with %2: %3")
                                                     .arg(program)
                                                     .arg(run.exitCode)
                                                     .arg(QString::fromUtf8(run.standardError).trimmed().left(200)));
        }
        product.engineVersion = parseVersionOutput(run.standardOutput);
        if (!product.engineVersion) {
            return makeError(QStringLiteral("clamav.unparseable"),
                             program + QStringLiteral(" --version: ")
                                 + QString::fromUtf8(run.standardOutput).trimmed().left(200));
        }
    }

    if (!databases.isEmpty()) {
        // "daily" is what freshclam updates several times a day, so its
        // version is the one people quote; main and bytecode change rarely.
        const auto daily = std::find_if(databases.cbegin(), databases.cend(), [](const AntivirusDatabase &database) {
            return database.name == QLatin1String("daily");
        });
        const auto byVersion = [](const AntivirusDatabase &a, const AntivirusDatabase &b) {
            return a.version < b.version;
        };
        const auto byTime = [](const AntivirusDatabase &a, const AntivirusDatabase &b) {
            return a.buildTime < b.buildTime;
        };
        const AntivirusDatabase &versionSource =
            daily != databases.cend() ? *daily : *std::max_element(databases.cbegin(), databases.cend(), byVersion);
        product.definitionsVersion = QString::number(versionSource.version);
        product.definitionsTime = std::max_element(databases.cbegin(), databases.cend(), byTime)->buildTime;
    }

    // The log says when freshclam last succeeded, including "already up to
    // date"; without it (no LogTime, unreadable, rotated away) the newest
    // database file is when it last changed something, which is never later.
    QString logFile = underRoot(lastValue(freshclamConfig, QStringLiteral("UpdateLogFile")));
    if (logFile.isEmpty()) {
        logFile = s_defaultFreshclamLog;
    }
    std::optional<qint64> lastSuccess;
    if (context.isFile(logFile)) {
        const std::optional<QByteArray> tail = readTail(context.path(logFile), s_logTailSize);
        if (tail) {
            lastSuccess = parseFreshclamLog(*tail);
        } else {
            qCDebug(lcCollectorClamav) << "cannot read" << logFile;
        }
    }
    if (!lastSuccess) {
        lastSuccess = newestFileTime;
    }

    product.extras = QCborMap{
        {QStringLiteral("freshclamRunning"), freshclamRunning},
        {QStringLiteral("freshclamLastSuccess"), lastSuccess ? QCborValue(*lastSuccess) : QCborValue(nullptr)},
        {QStringLiteral("onAccessConfigured"), onAccessConfigured},
        {QStringLiteral("onAccessRunning"), onAccessRunning},
    };
    return QList<AntivirusProduct>{product};
}

} // namespace steward::agent
