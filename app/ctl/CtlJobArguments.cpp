// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlJobArguments.h"

#include <QRegularExpression>
#include <QSet>

namespace steward::app::jobargs
{

namespace
{
Error usage(const QString &message)
{
    return makeError(QStringLiteral("usage"), message);
}

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0)) {
            return true;
        }
    }
    return false;
}
} // namespace

std::optional<qint64> duration(const QString &text)
{
    static const QRegularExpression part(QStringLiteral("(\\d{1,9})([smhdw])"));
    if (!text.startsWith(QLatin1Char('+')) || text.size() < 3) {
        return std::nullopt;
    }
    qint64 seconds = 0;
    qsizetype next = 1;
    for (QRegularExpressionMatchIterator it = part.globalMatch(text, 1); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedStart() != next) {
            return std::nullopt;
        }
        next = match.capturedEnd();
        static const QHash<QChar, qint64> units{{QLatin1Char('s'), 1},
                                                {QLatin1Char('m'), 60},
                                                {QLatin1Char('h'), 3600},
                                                {QLatin1Char('d'), 86400},
                                                {QLatin1Char('w'), 7 * 86400}};
        seconds += match.captured(1).toLongLong() * units.value(match.captured(2).at(0));
        if (seconds > kMaxDurationSeconds) {
            return std::nullopt;
        }
    }
    if (next != text.size() || seconds < 1) {
        return std::nullopt;
    }
    return seconds;
}

std::optional<QDateTime> time(const QString &text, const QDateTime &now)
{
    if (text.startsWith(QLatin1Char('+'))) {
        const std::optional<qint64> seconds = duration(text);
        if (!seconds) {
            return std::nullopt;
        }
        return QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + *seconds, Qt::UTC);
    }
    // A date alone is refused: is "by 2024-05-03" its first second or its last?
    if (!text.contains(QLatin1Char('T'))) {
        return std::nullopt;
    }
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        return std::nullopt;
    }
    return QDateTime::fromSecsSinceEpoch(parsed.toSecsSinceEpoch(), Qt::UTC);
}

bool isPackageName(const QString &text)
{
    static const QRegularExpression name(QStringLiteral("\\A[a-z0-9][a-z0-9+.-]+\\z"));
    return text.size() <= 256 && name.match(text).hasMatch();
}

bool isPackageVersion(const QString &text)
{
    static const QRegularExpression version(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9.+~:-]*\\z"));
    return text.size() <= 256 && version.match(text).hasMatch();
}

Result<Package> package(const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    Package result{equals < 0 ? text : text.left(equals), equals < 0 ? QString() : text.mid(equals + 1)};
    if (!isPackageName(result.name)) {
        return usage(QStringLiteral("--package: '%1' is not a Debian package name (lowercase letters, digits and "
                                    "+ . -, starting with a letter or digit)")
                         .arg(result.name));
    }
    if (equals >= 0 && !isPackageVersion(result.version)) {
        return usage(QStringLiteral("--package %1: '%2' is not a package version (letters, digits and . + ~ : -)")
                         .arg(result.name, result.version));
    }
    return result;
}

Result<QStringList> deviceIds(const QStringList &values)
{
    QStringList ids;
    QSet<QString> seen;
    for (const QString &value : values) {
        for (const QString &part : value.split(QLatin1Char(','))) {
            const QString id = part.trimmed();
            if (id.isEmpty()) {
                return usage(QStringLiteral("--devices needs device ids separated by commas, not '%1'").arg(value));
            }
            if (id.size() > kMaxDeviceIdLength || hasControlCharacter(id) || id.contains(QLatin1Char(' '))) {
                return usage(QStringLiteral("--devices: '%1' is not a device id").arg(id));
            }
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
    }
    if (ids.size() > kMaxDevices) {
        return usage(
            QStringLiteral("--devices names %1 devices; one job takes at most %2").arg(ids.size()).arg(kMaxDevices));
    }
    return ids;
}

Result<QStringList> kinds(const QString &text)
{
    static const QRegularExpression kind(QStringLiteral("\\A[a-z0-9][a-z0-9.-]*\\z"));
    QStringList result;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (name.size() > kMaxKindLength || !kind.match(name).hasMatch()) {
            return usage(
                QStringLiteral("--kinds needs job kinds separated by commas (such as patch), not '%1'").arg(text));
        }
        if (!result.contains(name)) {
            result.append(name);
        }
    }
    return result;
}

Result<QString> operatorName(const QString &text)
{
    const QString name = text.trimmed();
    if (name.isEmpty() || name.size() > kMaxOperatorNameLength || hasControlCharacter(name)) {
        return usage(QStringLiteral("--name needs the operator's name (at most %1 characters, no control "
                                    "characters)")
                         .arg(kMaxOperatorNameLength));
    }
    return name;
}

Status checkTimes(const PatchJob &job, const QDateTime &now)
{
    if (job.expiresAt <= now) {
        return usage(QStringLiteral("--expires %1 is already past").arg(iso(job.expiresAt)));
    }
    if (job.deadline.isValid() && job.deadline <= now) {
        return usage(QStringLiteral("--deadline %1 is already past").arg(iso(job.deadline)));
    }
    if (job.deadline.isValid() && job.expiresAt < job.deadline) {
        return usage(QStringLiteral("the job would expire (%1) before its deadline (%2): give a later --expires")
                         .arg(iso(job.expiresAt), iso(job.deadline)));
    }
    if (job.notBefore >= job.expiresAt) {
        return usage(QStringLiteral("the job would expire (%1) before it may start (--not-before %2)")
                         .arg(iso(job.expiresAt), iso(job.notBefore)));
    }
    if (job.deadline.isValid() && job.deadline < job.notBefore) {
        return usage(QStringLiteral("the deadline (%1) is before the job may start (--not-before %2)")
                         .arg(iso(job.deadline), iso(job.notBefore)));
    }
    return Ok{};
}

} // namespace steward::app::jobargs
