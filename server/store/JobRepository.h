// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Deployment.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

class QSqlQuery;

namespace steward::server
{
class Database;

// What cancel() did.
enum class JobCancellation {
    Cancelled,
    Final, // already completed, cancelled or expired: nothing was changed
    Unknown, // no such deployment
};

// What applyEvent() did with a device's job event.
enum class JobEventOutcome {
    Applied, // stored, and the device job took its state
    Duplicate, // this device's event of that sequence was stored before: nothing changed
    Ignored, // stored, but the device job keeps its state (already final, or no such job)
};

// Deployments, their device jobs and the devices' job events (docs/jobs.md). The server stores
// what operators signed as exact bytes and never changes it; it only keeps states.
class JobRepository
{
public:
    explicit JobRepository(Database &database);

    // Stores a deployment and one queued device job per target, in one transaction. Errors:
    // "job.exists" (the id is taken), "job.target-unknown" and "job.target-revoked" (the
    // message names the device), "store.*".
    Status create(const Deployment &deployment, const QList<JobTarget> &targets);

    // Every deployment, newest first, with its device jobs counted per state (not the jobs).
    Result<QList<Deployment>> list();
    // One deployment with its counts and its device jobs (ordered by hostname, then id).
    Result<std::optional<Deployment>> find(const QString &id);
    // The device's jobs, newest deployment first, each with its deployment's kind and summary;
    // empty when no such device.
    Result<std::optional<QList<DeviceJob>>> forDevice(const QString &deviceId);

    // Cancels an active or paused deployment: every device job not yet final becomes
    // `cancelled`; final ones keep their state.
    Result<JobCancellation> cancel(const QString &id, const QString &by, const QDateTime &at);
    // Active and paused deployments whose expiry has come become `expired`, and so do their
    // device jobs never delivered; those their devices hold (delivered, waiting, running) become
    // `unknown`, which a late result replaces. Returns how many deployments expired.
    Result<int> expire(const QDateTime &now);

    // Stores a device's job event, once: idempotent by (device, sequence). A final state never
    // changes, except `unknown`, which a late result replaces. A deployment whose device jobs are
    // all final becomes `completed`. Errors: "device.unknown", "job.state-invalid",
    // "job.sequence-jump" (more than protocol::kMaxSequenceStep above the device's newest report or
    // event sequence), "store.*".
    Result<JobEventOutcome> applyEvent(const QString &deviceId,
                                       qint64 sequence,
                                       const QString &deploymentId,
                                       const JobEvent &event);
    // The device's released jobs still `queued` (not acknowledged by its agent) of active
    // deployments not expired at `now`, oldest first, at most `limit`; none for a revoked device.
    static constexpr int kOfferLimit = 64; // jobs in one offer; the rest follow its acknowledgement
    Result<QList<PendingJob>> undelivered(const QString &deviceId, const QDateTime &now, int limit = kOfferLimit);
    // Jobs an operator cancelled after this device had stored them, not yet expired: the device
    // is told again at each connection until it reports what it did (a cancel may not have
    // reached it). At most kOfferLimit.
    Result<QStringList> cancelledOnDevice(const QString &deviceId, const QDateTime &now);
    // The agent stored these jobs: released `queued` ones become `delivered` (one a rollout still
    // holds back was never offered). Returns how many changed.
    Result<int> markDelivered(const QString &deviceId, const QStringList &deploymentIds, const QDateTime &at);

    // Active deployments with rollout options (only those hold jobs back), with their device jobs'
    // states and release times, for the dispatcher (jobs/Rollout.h).
    struct RolloutState {
        QString deploymentId;
        QJsonObject rollout;
        QList<DeviceJob> jobs; // deviceId, state, releasedAt only
    };
    Result<QList<RolloutState>> activeRollouts();
    // Releases these device jobs of the deployment to their devices (those not released yet).
    Result<int> release(const QString &deploymentId, const QStringList &deviceIds, const QDateTime &at);
    // Pauses an active deployment (no more releases) or resumes a paused one. Returns false when
    // it was not in the state to change from; errors "store.*".
    // With `rollout`, the deployment's rollout options are replaced in the same statement.
    Result<bool> setPaused(const QString &id, bool paused, const std::optional<QJsonObject> &rollout = std::nullopt);

    // The newest job event sequence stored for the device; 0 when none, or no such device.
    Result<qint64> lastEventSequence(const QString &deviceId);

private:
    Result<QMap<QString, QMap<QString, qint64>>> counts(QSqlQuery &query, const QString &deploymentId = {});

    Database &m_db;
};

} // namespace steward::server
