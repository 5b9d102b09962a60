// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// A deployment's rollout (docs/jobs.md, "Rollout"): when the server releases each device job to
// its device. Scheduling only, so it is not signed: it can hold jobs back, never widen a job.
namespace steward::server
{

struct Rollout {
    std::optional<int> maxConcurrent; // device jobs released but not final, at most this many at once
    std::optional<int> perMinute; // at most this many released in any 60 s
    QStringList pilot; // device ids of the pilot phase (subset of targets); empty: no phases
    // The rest is released once succeeded / pilot >= this. A final non-success counts against,
    // except not-applicable, which proves nothing either way and leaves the pilot count.
    double pilotSuccessRatio = 1.0;
    // Pause when failed-like / final > this, checked once at least minimumFinalForPause() are final.
    std::optional<double> pauseFailureRatio;
    int pauseMinimumFinal = 5;
    // Failed-like jobs an operator saw when resuming a paused rollout: only more failures than
    // these pause it again, or a resume after an automatic pause would last one release pass.
    int failuresAccepted = 0;

    // pauseMinimumFinal, or the pilot's size if that is smaller (a pilot of 3 can pause on its own).
    int minimumFinalForPause() const;

    // {maxConcurrent, perMinute, pilot, pilotSuccessRatio, pauseFailureRatio, pauseMinimumFinal,
    // failuresAccepted};
    // the optional ones only when set.
    QJsonObject toJson() const;
    // Absent (undefined) or null → the default (everything at once). Otherwise an object of the
    // fields above, each optional (null: unset); errors "request.invalid" naming the field as
    // "rollout.<field>": ratios in [0, 1], counts integers >= 1, pilot ids must be targets and
    // distinct, no unknown field.
    static Result<Rollout> fromJson(const QJsonValue &value, const QStringList &targets);

    friend bool operator==(const Rollout &, const Rollout &) = default;
};

struct RolloutJob {
    QString deviceId;
    QString state; // docs/jobs.md, "States"
    QDateTime releasedAt; // invalid: not yet released
};

struct RolloutDecision {
    QStringList release; // device ids to release now, pilot first, each group in the order given
    bool pause = false;
    QString pauseReason; // e.g. "3 of 10 finished device jobs failed (30% > 20%)"
    bool pilotGateOpen = true; // false while the rest waits for the pilot
    // The pilot can no longer reach its ratio (too many of it ended otherwise): the rest will
    // wait until someone decides.
    bool pilotGateUnreachable = false;
    // Why queued jobs are still held after this decision, for the console; empty when none are:
    // "rollout.paused", "rollout.pilot", "rollout.concurrency" or "rollout.rate".
    QString waitingReason;
};

// Failed-like device job states: failed, timed-out, rejected.
bool isFailedLike(const QString &state);

// Which queued, unreleased device jobs (state "queued", releasedAt invalid) may be released at
// `now`. A released job counts toward maxConcurrent until it is final; `unknown` does not count,
// so silent devices cannot block a deployment (a late result replaces it anyway). perMinute counts
// the jobs released in (now - 60 s, now]. When the failure ratio is exceeded the decision is to
// pause and nothing is released. Pure: the caller stores releasedAt and pauses the deployment.
RolloutDecision planRelease(const Rollout &rollout, const QList<RolloutJob> &jobs, const QDateTime &now);

} // namespace steward::server
