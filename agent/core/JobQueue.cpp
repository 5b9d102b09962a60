// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobQueue.h"

#include "Spool.h"
#include "jobs/JobStates.h"
#include "jobs/JobVerification.h"
#include "jobs/MaintenanceWindow.h"
#include "jobs/Merkle.h"
#include "jobs/SignedDocument.h"

#include <QCborValue>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace steward::agent
{

namespace
{
Error sqlError(const QSqlError &error, const QString &what)
{
    return makeError(QStringLiteral("spool.sql"), QStringLiteral("%1: %2").arg(what, error.text()));
}

const QString kJobColumns =
    QStringLiteral("id, document, signature, state, reason, received_at, started_at, plan, reboots, reboot_at");

std::optional<StoredJob> jobFrom(const QSqlQuery &query)
{
    Result<steward::jobs::JobEnvelope> envelope = steward::jobs::JobEnvelope::decode(query.value(1).toByteArray());
    if (!envelope) {
        return std::nullopt; // only accepted jobs are read back, and those decoded when stored
    }
    StoredJob job;
    job.id = query.value(0).toString();
    job.envelope = envelope.value();
    job.state = query.value(3).toString();
    job.reason = query.value(4).toString();
    job.receivedAt = QDateTime::fromSecsSinceEpoch(query.value(5).toLongLong(), Qt::UTC);
    if (!query.value(6).isNull()) {
        job.startedAt = QDateTime::fromSecsSinceEpoch(query.value(6).toLongLong(), Qt::UTC);
    }
    job.plan = QCborValue::fromCbor(query.value(7).toByteArray()).toArray();
    job.reboots = query.value(8).toInt();
    if (!query.value(9).isNull()) {
        job.rebootAt = QDateTime::fromSecsSinceEpoch(query.value(9).toLongLong(), Qt::UTC);
    }
    return job;
}

// The id a job document claims, even when it is refused: the server can then show why. Only
// a well-formed UUID is believed.
QString claimedId(const QByteArray &document)
{
    const QString id = QCborValue::fromCbor(document.left(64 * 1024)).toMap().value(QLatin1String("id")).toString();
    const QUuid uuid(id);
    return !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == id ? id : QString();
}
}

JobQueue::JobQueue(Spool &spool, QString deviceId, QString rootFingerprint, QStringList allowedKinds)
    : m_spool(spool)
    , m_deviceId(std::move(deviceId))
    , m_rootFingerprint(std::move(rootFingerprint))
    , m_allowedKinds(std::move(allowedKinds))
{
}

Status JobQueue::open()
{
    QSqlQuery query(m_spool.database());
    for (const char *sql : {"CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, document BLOB NOT NULL, signature "
                            "BLOB NOT NULL, state TEXT NOT NULL, reason TEXT, received_at INTEGER NOT NULL, "
                            "started_at INTEGER, expires_at INTEGER NOT NULL, plan BLOB, reboots INTEGER NOT NULL "
                            "DEFAULT 0, reboot_at INTEGER)",
                            "CREATE TABLE IF NOT EXISTS operator_list (id INTEGER PRIMARY KEY CHECK (id = 1), version "
                            "INTEGER NOT NULL, document BLOB NOT NULL, signature BLOB NOT NULL)"}) {
        if (!query.exec(QLatin1String(sql))) {
            return sqlError(query.lastError(), QStringLiteral("preparing the job queue"));
        }
    }
    // A spool made before restarts were recorded lacks the column.
    if (!query.exec(QStringLiteral("SELECT reboot_at FROM jobs LIMIT 0"))
        && !query.exec(QStringLiteral("ALTER TABLE jobs ADD COLUMN reboot_at INTEGER"))) {
        return sqlError(query.lastError(), QStringLiteral("preparing the job queue"));
    }
    return Ok{};
}

int JobQueue::operatorListVersion() const
{
    QSqlQuery query(m_spool.database());
    return query.exec(QStringLiteral("SELECT version FROM operator_list")) && query.next() ? query.value(0).toInt() : 0;
}

Status JobQueue::acceptOperators(const protocol::SignedBytes &list, const QDateTime &now)
{
    Result<steward::jobs::OperatorList> verified =
        steward::jobs::verifyOperatorList(steward::jobs::SignedDocument{list.document, list.signature},
                                          m_rootFingerprint,
                                          now);
    if (!verified) {
        return verified.error();
    }
    if (Status newer = steward::jobs::checkNotOlder(verified.value(), operatorListVersion()); !newer) {
        return newer;
    }
    QSqlQuery query(m_spool.database());
    query.prepare(
        QStringLiteral("INSERT INTO operator_list (id, version, document, signature) VALUES (1, ?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET version = excluded.version, document = "
                       "excluded.document, signature = excluded.signature"));
    query.addBindValue(verified.value().version);
    query.addBindValue(list.document);
    query.addBindValue(list.signature);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("storing the operator list"));
    }
    return Ok{};
}

std::optional<steward::jobs::OperatorList> JobQueue::operators(const QDateTime &now, QString *reason) const
{
    if (m_rootFingerprint.isEmpty()) {
        *reason = QStringLiteral("job.no-root");
        return std::nullopt;
    }
    QSqlQuery query(m_spool.database());
    if (!query.exec(QStringLiteral("SELECT document, signature FROM operator_list")) || !query.next()) {
        *reason = QStringLiteral("operators.missing");
        return std::nullopt;
    }
    // Checked again on every use: the file is only as trustworthy as the root's signature.
    Result<steward::jobs::OperatorList> verified = steward::jobs::verifyOperatorList(
        steward::jobs::SignedDocument{query.value(0).toByteArray(), query.value(1).toByteArray()},
        m_rootFingerprint,
        now);
    if (!verified) {
        *reason = verified.error().code;
        return std::nullopt;
    }
    return verified.value();
}

Result<JobQueue::Received> JobQueue::receive(const protocol::JobOffer &offer, const QDateTime &now)
{
    Received received;
    received.id = claimedId(offer.job.document);
    if (received.id.isEmpty()) {
        return received;
    }
    {
        QSqlQuery query(m_spool.database());
        query.prepare(QStringLiteral("SELECT document, state FROM jobs WHERE id = ?"));
        query.addBindValue(received.id);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("looking up job %1").arg(received.id));
        }
        if (query.next()) {
            received.known = true;
            const bool sameJob = query.value(0).toByteArray() == offer.job.document;
            const bool ended = steward::jobs::isFinalDeviceJobState(query.value(1).toString());
            query.finish();
            if (sameJob && !ended) {
                return received; // offered again before our acknowledgement reached the server
            }
            // Run once, never twice: the server is told so, and nothing else happens.
            received.reason = QStringLiteral("job.replayed");
            protocol::JobEvent event;
            event.id = received.id;
            event.state = QStringLiteral("rejected");
            event.reason = received.reason;
            event.message = sameJob ? QStringLiteral("this job already ran on this device; it never runs twice")
                                    : QStringLiteral("another job with this id was received before");
            event.at = now.toSecsSinceEpoch();
            Result<qint64> spooled = m_spool.enqueueEvent(event.toCbor(), now.toSecsSinceEpoch());
            if (!spooled) {
                return spooled.error();
            }
            return received;
        }
    }

    QString reason;
    const std::optional<steward::jobs::OperatorList> list = operators(now, &reason);
    Result<steward::jobs::JobEnvelope> verified = makeError(reason, QStringLiteral("no trusted operator list"));
    if (list) {
        Result<steward::jobs::merkle::Proof> proof = steward::jobs::merkle::fromCbor(QCborValue::fromCbor(offer.proof));
        verified = steward::jobs::verifyJob(steward::jobs::SignedDocument{offer.job.document, offer.job.signature},
                                            proof ? proof.value() : steward::jobs::merkle::Proof(),
                                            m_deviceId,
                                            *list,
                                            now,
                                            m_allowedKinds);
        if (!proof && verified) {
            verified =
                makeError(QStringLiteral("job.not-targeted"), QStringLiteral("the inclusion proof is malformed"));
        }
        // A window this agent cannot read is refused, never ignored (docs/jobs.md, "Maintenance
        // windows"): ignoring it would run the job when its operator said not to.
        if (verified) {
            if (Result<QList<steward::jobs::MaintenanceWindow>> windows =
                    steward::jobs::windowsFromCbor(verified.value().options.value(QLatin1String("windows")));
                !windows) {
                verified = windows.error();
            }
        }
    }
    if (!verified) {
        received.reason = verified.error().code;
        if (Status refused = refuse(received.id, offer.job.document, verified.error(), now); !refused) {
            return refused.error();
        }
        return received;
    }

    QSqlQuery query(m_spool.database());
    query.prepare(
        QStringLiteral("INSERT INTO jobs (id, document, signature, state, received_at, expires_at) "
                       "VALUES (?, ?, ?, 'delivered', ?, ?)"));
    query.addBindValue(received.id);
    query.addBindValue(offer.job.document);
    query.addBindValue(offer.job.signature);
    query.addBindValue(now.toSecsSinceEpoch());
    query.addBindValue(verified.value().expiresAt.toSecsSinceEpoch());
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("storing job %1").arg(received.id));
    }
    received.accepted = true;
    return received;
}

Status JobQueue::refuse(const QString &id, const QByteArray &document, const Error &why, const QDateTime &now)
{
    protocol::JobEvent event;
    event.id = id;
    event.state = QStringLiteral("rejected");
    event.reason = why.code;
    event.message = why.message;
    event.at = now.toSecsSinceEpoch();
    QSqlDatabase db = m_spool.database();
    // Remembered (until a month from now) so that the same id is never run later either.
    Result<qint64> spooled = m_spool.enqueueEvent(event.toCbor(), now.toSecsSinceEpoch(), [&]() -> Status {
        QSqlQuery query(db);
        query.prepare(
            QStringLiteral("INSERT INTO jobs (id, document, signature, state, reason, received_at, "
                           "expires_at) VALUES (?, ?, x'', 'rejected', ?, ?, ?)"));
        query.addBindValue(id);
        query.addBindValue(document.left(64 * 1024));
        query.addBindValue(why.code);
        query.addBindValue(now.toSecsSinceEpoch());
        query.addBindValue(now.addDays(30).toSecsSinceEpoch());
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("recording refused job %1").arg(id));
        }
        return Ok{};
    });
    if (!spooled) {
        return spooled.error();
    }
    return Ok{};
}

std::optional<StoredJob> JobQueue::find(const QString &id) const
{
    QSqlQuery query(m_spool.database());
    query.prepare(QStringLiteral("SELECT ") + kJobColumns + QStringLiteral(" FROM jobs WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return jobFrom(query);
}

QList<StoredJob> JobQueue::unfinished() const
{
    QList<StoredJob> jobs;
    QSqlQuery query(m_spool.database());
    if (!query.exec(QStringLiteral("SELECT ") + kJobColumns
                    + QStringLiteral(" FROM jobs WHERE state IN ('delivered', 'waiting', 'running') ORDER BY "
                                     "received_at, rowid"))) {
        return jobs;
    }
    while (query.next()) {
        if (std::optional<StoredJob> job = jobFrom(query)) {
            jobs.append(*job);
        }
    }
    return jobs;
}

Status JobQueue::transition(const QString &id,
                            protocol::JobEvent event,
                            const QDateTime &now,
                            const std::optional<QCborArray> &plan)
{
    event.id = id;
    if (event.at == 0) {
        event.at = now.toSecsSinceEpoch();
    }
    QSqlDatabase db = m_spool.database();
    const bool starts = event.state == QLatin1String("running");
    Result<qint64> spooled = m_spool.enqueueEvent(event.toCbor(), now.toSecsSinceEpoch(), [&]() -> Status {
        QSqlQuery query(db);
        query.prepare(
            QStringLiteral("UPDATE jobs SET state = ?, reason = ?, started_at = CASE WHEN ? THEN ? ELSE "
                           "started_at END, plan = COALESCE(?, plan) WHERE id = ?"));
        query.addBindValue(event.state);
        query.addBindValue(event.reason);
        query.addBindValue(starts);
        query.addBindValue(now.toSecsSinceEpoch());
        query.addBindValue(plan ? QVariant(QCborValue(*plan).toCbor()) : QVariant(QMetaType::fromType<QByteArray>()));
        query.addBindValue(id);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("updating job %1").arg(id));
        }
        if (query.numRowsAffected() != 1) {
            return makeError(QStringLiteral("job.unknown"), QStringLiteral("no job %1 in the spool").arg(id));
        }
        return Ok{};
    });
    if (!spooled) {
        return spooled.error();
    }
    return Ok{};
}

Status JobQueue::countReboot(const QString &id, const QDateTime &at)
{
    QSqlQuery query(m_spool.database());
    query.prepare(QStringLiteral("UPDATE jobs SET reboots = reboots + 1, reboot_at = ? WHERE id = ?"));
    query.addBindValue(at.toSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("counting a reboot of job %1").arg(id));
    }
    if (query.numRowsAffected() != 1) {
        return makeError(QStringLiteral("job.unknown"), QStringLiteral("no job %1 in the spool").arg(id));
    }
    return Ok{};
}

Status JobQueue::prune(const QDateTime &now)
{
    QSqlQuery query(m_spool.database());
    query.prepare(
        QStringLiteral("DELETE FROM jobs WHERE state NOT IN ('delivered', 'waiting', 'running') AND "
                       "expires_at < ?"));
    query.addBindValue(now.addDays(-1).toSecsSinceEpoch());
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("forgetting old jobs"));
    }
    return Ok{};
}

} // namespace steward::agent
