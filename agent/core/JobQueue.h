// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Messages.h"
#include "Result.h"
#include "jobs/JobEnvelope.h"
#include "jobs/OperatorList.h"

#include <QCborArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace steward::agent
{
class Spool;

// One job the agent accepted, as its spool keeps it.
struct StoredJob {
    QString id;
    steward::jobs::JobEnvelope envelope;
    QString state; // delivered, waiting, running, or a final state (docs/jobs.md, "States")
    QString reason;
    QDateTime receivedAt;
    QDateTime startedAt;
    QCborArray plan; // the items planned when it started: what verification after a crash checks
    int reboots = 0; // automatic reboots made for this job (at most one)
    QDateTime rebootAt; // when the last restart this job scheduled was due; invalid: none
};

// The agent's jobs (docs/jobs.md, "Delivery"), kept in the spool's SQLite file next to the
// reports: a job is verified and stored before it is acknowledged, and every state change is
// committed together with the job event that tells the server, so neither is ever lost without
// the other. Both the daemon and the `job-exec` child use it; every write is one immediate
// transaction (Spool::enqueueEvent).
class JobQueue
{
public:
    // `rootFingerprint`: the pinned job root (empty: every job is refused); `allowedKinds`: what
    // agent.conf lets run here.
    JobQueue(Spool &spool, QString deviceId, QString rootFingerprint, QStringList allowedKinds);

    // Creates the tables; the spool must be open.
    Status open();

    // The held operator list's version, 0 when none.
    int operatorListVersion() const;
    // A list from the server: kept when the pinned root signed it and it is not older than the
    // one held (docs/jobs.md). Errors from verifyOperatorList / checkNotOlder.
    Status acceptOperators(const protocol::SignedBytes &list, const QDateTime &now);

    struct Received {
        QString id; // empty when the document is too broken to name a job: not acknowledged
        bool accepted = false; // stored to run; otherwise refused (state `rejected`) or known
        bool known = false; // received before: nothing changed, and it never runs twice
        QString reason; // why it was refused
    };
    // Checks an offered job (jobs/JobVerification.h, plus replay: an id seen before) and stores it
    // as `delivered`, or as `rejected` with a job event saying why. Either way it is acknowledged.
    Result<Received> receive(const protocol::JobOffer &offer, const QDateTime &now);

    std::optional<StoredJob> find(const QString &id) const;
    // Jobs not in a final state, oldest first.
    QList<StoredJob> unfinished() const;

    // Moves a job to `event.state` (with its reason, message, items, exit code, output and
    // receipt) and spools the event, in one transaction; `plan` (when given) is kept for
    // verification after a crash.
    Status transition(const QString &id,
                      protocol::JobEvent event,
                      const QDateTime &now,
                      const std::optional<QCborArray> &plan = std::nullopt);
    // Counts an automatic restart this job schedules for `at` (before it is scheduled: a job whose
    // restart was counted never causes another).
    Status countReboot(const QString &id, const QDateTime &at);

    // Forgets jobs that ended and expired more than a day ago: an expired job is refused by its
    // expiry anyway, so its id is no longer needed against replay.
    Status prune(const QDateTime &now);

private:
    std::optional<steward::jobs::OperatorList> operators(const QDateTime &now, QString *reason) const;
    Status refuse(const QString &id, const QByteArray &document, const Error &why, const QDateTime &now);

    Spool &m_spool;
    QString m_deviceId;
    QString m_rootFingerprint;
    QStringList m_allowedKinds;
};

} // namespace steward::agent
