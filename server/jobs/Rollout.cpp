// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/Rollout.h"

#include "jobs/JobStates.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace steward::server
{

namespace
{
const QString kMaxConcurrent = QStringLiteral("maxConcurrent");
const QString kPerMinute = QStringLiteral("perMinute");
const QString kPilot = QStringLiteral("pilot");
const QString kPilotSuccessRatio = QStringLiteral("pilotSuccessRatio");
const QString kPauseFailureRatio = QStringLiteral("pauseFailureRatio");
const QString kPauseMinimumFinal = QStringLiteral("pauseMinimumFinal");
const QString kFailuresAccepted = QStringLiteral("failuresAccepted");

constexpr int kMaxCount = 1000000;
constexpr qint64 kRateWindowMs = 60 * 1000;
// Ratios are compared with this much slack, so 4 of 5 meets 0.8 whatever the rounding.
constexpr double kSlack = 1e-9;

Error invalid(const QString &field, const QString &problem)
{
    return makeError(QStringLiteral("request.invalid"), QStringLiteral("\"rollout.%1\" %2").arg(field, problem));
}

// Reads one optional field of `object` into `target`; null leaves it as it is.
std::optional<Error> readCount(const QJsonObject &object, const QString &field, std::optional<int> &target)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || number != std::floor(number) || number < 1 || number > kMaxCount) {
        return invalid(field, QStringLiteral("must be an integer from 1 to %1").arg(kMaxCount));
    }
    target = int(number);
    return std::nullopt;
}

std::optional<Error> readRatio(const QJsonObject &object, const QString &field, std::optional<double> &target)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull()) {
        return std::nullopt;
    }
    if (!value.isDouble() || !(value.toDouble() >= 0.0 && value.toDouble() <= 1.0)) {
        return invalid(field, QStringLiteral("must be a number from 0 to 1"));
    }
    target = value.toDouble();
    return std::nullopt;
}

QString percent(double ratio)
{
    return QString::number(ratio * 100, 'g', 3) + QLatin1Char('%');
}

bool isInFlight(const RolloutJob &job)
{
    if (jobs::isFinalDeviceJobState(job.state) || job.state == QLatin1String("unknown")) {
        return false;
    }
    // A job past "queued" is on its device even if it was never marked released.
    return job.releasedAt.isValid() || job.state != QLatin1String("queued");
}
}

bool isFailedLike(const QString &state)
{
    return state == QLatin1String("failed") || state == QLatin1String("timed-out")
        || state == QLatin1String("rejected");
}

int Rollout::minimumFinalForPause() const
{
    return pilot.isEmpty() ? pauseMinimumFinal : std::min(pauseMinimumFinal, int(pilot.size()));
}

QJsonObject Rollout::toJson() const
{
    QJsonObject object;
    if (maxConcurrent) {
        object.insert(kMaxConcurrent, *maxConcurrent);
    }
    if (perMinute) {
        object.insert(kPerMinute, *perMinute);
    }
    object.insert(kPilot, QJsonArray::fromStringList(pilot));
    object.insert(kPilotSuccessRatio, pilotSuccessRatio);
    if (pauseFailureRatio) {
        object.insert(kPauseFailureRatio, *pauseFailureRatio);
    }
    object.insert(kPauseMinimumFinal, pauseMinimumFinal);
    if (failuresAccepted > 0) {
        object.insert(kFailuresAccepted, failuresAccepted);
    }
    return object;
}

Result<Rollout> Rollout::fromJson(const QJsonValue &value, const QStringList &targets)
{
    Rollout rollout;
    if (value.isUndefined() || value.isNull()) {
        return rollout;
    }
    if (!value.isObject()) {
        return makeError(QStringLiteral("request.invalid"), QStringLiteral("\"rollout\" must be an object"));
    }
    const QJsonObject object = value.toObject();
    const QStringList fields{kMaxConcurrent,
                             kPerMinute,
                             kPilot,
                             kPilotSuccessRatio,
                             kPauseFailureRatio,
                             kPauseMinimumFinal,
                             kFailuresAccepted};
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!fields.contains(it.key())) {
            return makeError(QStringLiteral("request.invalid"),
                             QStringLiteral("unknown field \"rollout.%1\" (expected: %2)")
                                 .arg(it.key().left(64), fields.join(QStringLiteral(", "))));
        }
    }

    std::optional<int> minimumFinal;
    std::optional<int> accepted;
    std::optional<double> successRatio;
    for (const std::optional<Error> &problem : {readCount(object, kMaxConcurrent, rollout.maxConcurrent),
                                                readCount(object, kPerMinute, rollout.perMinute),
                                                readCount(object, kPauseMinimumFinal, minimumFinal),
                                                readCount(object, kFailuresAccepted, accepted),
                                                readRatio(object, kPilotSuccessRatio, successRatio),
                                                readRatio(object, kPauseFailureRatio, rollout.pauseFailureRatio)}) {
        if (problem) {
            return *problem;
        }
    }
    rollout.pauseMinimumFinal = minimumFinal.value_or(rollout.pauseMinimumFinal);
    rollout.failuresAccepted = accepted.value_or(0);
    rollout.pilotSuccessRatio = successRatio.value_or(rollout.pilotSuccessRatio);

    const QJsonValue pilot = object.value(kPilot);
    if (!pilot.isUndefined() && !pilot.isNull()) {
        if (!pilot.isArray()) {
            return invalid(kPilot, QStringLiteral("must be an array of device ids"));
        }
        const QSet<QString> targetSet(targets.cbegin(), targets.cend());
        QSet<QString> seen;
        for (const QJsonValue &item : pilot.toArray()) {
            if (!item.isString()) {
                return invalid(kPilot, QStringLiteral("must be an array of device ids"));
            }
            const QString id = item.toString();
            if (!targetSet.contains(id)) {
                return invalid(kPilot, QStringLiteral("names \"%1\", which is not a target").arg(id.left(64)));
            }
            if (seen.contains(id)) {
                return invalid(kPilot, QStringLiteral("names \"%1\" twice").arg(id.left(64)));
            }
            seen.insert(id);
            rollout.pilot.append(id);
        }
    }
    return rollout;
}

RolloutDecision planRelease(const Rollout &rollout, const QList<RolloutJob> &deviceJobs, const QDateTime &now)
{
    RolloutDecision decision;
    const QSet<QString> pilot(rollout.pilot.cbegin(), rollout.pilot.cend());

    int finished = 0;
    int failed = 0;
    int inFlight = 0;
    int releasedLastMinute = 0;
    int pilotJudged = 0; // pilot jobs that count for the gate: all but not-applicable ones
    int pilotSucceeded = 0;
    int pilotEndedOtherwise = 0;
    QStringList pilotQueued;
    QStringList restQueued;
    const qint64 rateWindowStart = now.toMSecsSinceEpoch() - kRateWindowMs;
    for (const RolloutJob &job : deviceJobs) {
        if (jobs::isFinalDeviceJobState(job.state)) {
            ++finished;
            failed += isFailedLike(job.state) ? 1 : 0;
        }
        inFlight += isInFlight(job) ? 1 : 0;
        if (job.releasedAt.isValid() && job.releasedAt.toMSecsSinceEpoch() > rateWindowStart) {
            ++releasedLastMinute;
        }
        const bool inPilot = pilot.contains(job.deviceId);
        if (inPilot && job.state != QLatin1String("not-applicable")) {
            ++pilotJudged;
            if (job.state == QLatin1String("succeeded")) {
                ++pilotSucceeded;
            } else if (jobs::isFinalDeviceJobState(job.state)) {
                ++pilotEndedOtherwise;
            }
        }
        if (job.state == QLatin1String("queued") && !job.releasedAt.isValid()) {
            (inPilot ? pilotQueued : restQueued).append(job.deviceId);
        }
    }

    // With no pilot job to judge (none given, or all not-applicable) the gate is open.
    if (pilotJudged > 0) {
        decision.pilotGateOpen = double(pilotSucceeded) / pilotJudged + kSlack >= rollout.pilotSuccessRatio;
        decision.pilotGateUnreachable = !decision.pilotGateOpen
            && double(pilotJudged - pilotEndedOtherwise) / pilotJudged + kSlack < rollout.pilotSuccessRatio;
    }
    const bool anyQueued = !pilotQueued.isEmpty() || !restQueued.isEmpty();

    if (rollout.pauseFailureRatio && finished > 0 && finished >= rollout.minimumFinalForPause()) {
        const double ratio = double(failed) / finished;
        if (ratio > *rollout.pauseFailureRatio + kSlack && failed > rollout.failuresAccepted) {
            decision.pause = true;
            decision.pauseReason = QStringLiteral("%1 of %2 finished device jobs failed (%3 > %4)")
                                       .arg(failed)
                                       .arg(finished)
                                       .arg(percent(ratio), percent(*rollout.pauseFailureRatio));
            decision.waitingReason = anyQueued ? QStringLiteral("rollout.paused") : QString();
            return decision;
        }
    }

    QStringList eligible = pilotQueued;
    if (decision.pilotGateOpen) {
        eligible += restQueued;
    }
    constexpr int kUnlimited = std::numeric_limits<int>::max();
    const int byConcurrency = rollout.maxConcurrent ? std::max(0, *rollout.maxConcurrent - inFlight) : kUnlimited;
    const int byRate = rollout.perMinute ? std::max(0, *rollout.perMinute - releasedLastMinute) : kUnlimited;
    const int budget = std::min(byConcurrency, byRate);
    decision.release = eligible.mid(0, std::min(qsizetype(budget), eligible.size()));

    if (!decision.pilotGateOpen && !restQueued.isEmpty()) {
        decision.waitingReason = QStringLiteral("rollout.pilot");
    } else if (decision.release.size() < eligible.size()) {
        decision.waitingReason =
            byConcurrency <= byRate ? QStringLiteral("rollout.concurrency") : QStringLiteral("rollout.rate");
    }
    return decision;
}

} // namespace steward::server
