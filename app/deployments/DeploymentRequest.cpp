// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentRequest.h"

#include "jobs/Merkle.h"

#include <QCborArray>
#include <QCborMap>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace steward::app::deployment
{

namespace
{
QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}
} // namespace

QDateTime wholeSeconds(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

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
    static const QRegularExpression name(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9_+.:~^-]*\\z"));
    return text.size() <= kMaxPackageTextLength && name.match(text).hasMatch();
}

bool isPackageVersion(const QString &text)
{
    static const QRegularExpression version(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9_+.:~^-]*\\z"));
    return text.size() <= kMaxPackageTextLength && version.match(text).hasMatch();
}

Result<Package> package(const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    Package result{equals < 0 ? text : text.left(equals), equals < 0 ? QString() : text.mid(equals + 1)};
    if (!isPackageName(result.name)) {
        return makeError(QStringLiteral("package.name"),
                         QStringLiteral("'%1' is not a package name, advisory or update id (letters, digits and "
                                        "_ + . : ~ ^ -, starting with a letter or digit)")
                             .arg(result.name));
    }
    if (equals >= 0 && !isPackageVersion(result.version)) {
        return makeError(
            QStringLiteral("package.version"),
            QStringLiteral("'%1' is not a package version (letters, digits and _ + . : ~ ^ -, starting with a "
                           "letter or digit)")
                .arg(result.version));
    }
    return result;
}

Status checkTimes(const PatchJob &job, const QDateTime &now)
{
    if (job.expiresAt <= now) {
        return makeError(QStringLiteral("times.expires-past"),
                         QStringLiteral("the expiry %1 is already past").arg(iso(job.expiresAt)));
    }
    if (job.deadline.isValid() && job.deadline <= now) {
        return makeError(QStringLiteral("times.deadline-past"),
                         QStringLiteral("the deadline %1 is already past").arg(iso(job.deadline)));
    }
    if (job.deadline.isValid() && job.expiresAt < job.deadline) {
        return makeError(QStringLiteral("times.expires-before-deadline"),
                         QStringLiteral("the job would expire (%1) before its deadline (%2)")
                             .arg(iso(job.expiresAt), iso(job.deadline)));
    }
    if (job.notBefore >= job.expiresAt) {
        return makeError(QStringLiteral("times.expires-before-start"),
                         QStringLiteral("the job would expire (%1) before it may start (%2)")
                             .arg(iso(job.expiresAt), iso(job.notBefore)));
    }
    if (job.deadline.isValid() && job.deadline < job.notBefore) {
        return makeError(QStringLiteral("times.deadline-before-start"),
                         QStringLiteral("the deadline (%1) is before the job may start (%2)")
                             .arg(iso(job.deadline), iso(job.notBefore)));
    }
    return Ok{};
}

QJsonObject rolloutJson(const PatchJob &job)
{
    QJsonObject rollout;
    if (job.maxConcurrent) {
        rollout.insert(QStringLiteral("maxConcurrent"), *job.maxConcurrent);
    }
    if (job.perMinute) {
        rollout.insert(QStringLiteral("perMinute"), *job.perMinute);
    }
    if (!job.pilot.isEmpty()) {
        rollout.insert(QStringLiteral("pilot"), QJsonArray::fromStringList(job.pilot));
    }
    if (job.pilotSuccessRatio) {
        rollout.insert(QStringLiteral("pilotSuccessRatio"), *job.pilotSuccessRatio);
    }
    if (job.pauseFailureRatio) {
        rollout.insert(QStringLiteral("pauseFailureRatio"), *job.pauseFailureRatio);
    }
    return rollout;
}

Status checkRollout(const PatchJob &job)
{
    for (const QString &device : job.pilot) {
        if (!job.devices.contains(device)) {
            return makeError(QStringLiteral("rollout.pilot-not-target"),
                             QStringLiteral("pilot device %1 is not one of the job's devices").arg(device));
        }
    }
    for (const std::optional<double> &ratio : {job.pilotSuccessRatio, job.pauseFailureRatio}) {
        if (ratio && !(*ratio >= 0.0 && *ratio <= 1.0)) {
            return makeError(QStringLiteral("rollout.ratio"),
                             QStringLiteral("a ratio must be between 0 and 1, not %1").arg(*ratio));
        }
    }
    return Ok{};
}

jobs::JobEnvelope patchEnvelope(const PatchJob &job, const QString &id, const QString &signer, const QDateTime &now)
{
    QCborArray packages;
    for (const Package &package : job.packages) {
        packages.append(QCborMap{{QStringLiteral("name"), package.name}, {QStringLiteral("version"), package.version}});
    }
    QCborMap options{{QStringLiteral("reboot"), job.reboot},
                     {QStringLiteral("maxRuntimeSeconds"), job.maxRuntimeSeconds}};
    if (job.maxConcurrent) {
        options.insert(QStringLiteral("maxConcurrent"), *job.maxConcurrent);
    }
    if (job.rebootServers) {
        options.insert(QStringLiteral("allowServers"), true);
    }
    if (!job.windows.isEmpty()) {
        options.insert(QStringLiteral("windows"), jobs::windowsToCbor(job.windows));
    }

    jobs::JobEnvelope envelope;
    envelope.id = id;
    envelope.kind = QStringLiteral("patch");
    envelope.content = QCborMap{{QStringLiteral("select"), job.select}, {QStringLiteral("packages"), packages}};
    const jobs::merkle::Tree targets(job.devices);
    envelope.targetsRoot = targets.root();
    envelope.targetCount = int(targets.leafCount());
    envelope.notBefore = wholeSeconds(job.notBefore);
    envelope.deadline = job.deadline.isValid() ? wholeSeconds(job.deadline) : QDateTime();
    envelope.expiresAt = wholeSeconds(job.expiresAt);
    envelope.issuedAt = wholeSeconds(now);
    envelope.signer = signer;
    envelope.options = options;
    return envelope;
}

} // namespace steward::app::deployment
