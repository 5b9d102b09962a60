// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRepository.h"

#include "Database.h"
#include "Messages.h"
#include "SqlTransaction.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace steward::server
{

namespace
{

// The reason of device jobs the server cancelled for an operator (not the device itself).
const QString kCancelledByOperator = QStringLiteral("job.cancelled-by-operator");
// Every statement below that changes states locks in one order, devices → deployments →
// device_jobs, so that two servers sharing PostgreSQL never deadlock on a deployment.

// The final device job states, for SQL: `state NOT IN kFinal` is "still under way".
const QString kFinal =
    QStringLiteral("('succeeded', 'failed', 'not-applicable', 'rejected', 'timed-out', 'cancelled', 'expired')");
// Deployments that may still change.
const QString kOpenDeployment = QStringLiteral("('active', 'paused')");

// A deployment's columns, as deploymentFromRow() reads them.
const QString kDeploymentColumns = QStringLiteral(
    "id, kind, signer, created_by, created_at, not_before, deadline, expires_at, state, cancelled_by, "
    "cancelled_at, summary, rollout");
constexpr int kDeploymentColumnCount = 13;
// A device job's own columns, as deviceJobFromRow() reads them from `first` on.
const QString kDeviceJobColumns = QStringLiteral(
    "dj.deployment_id, dj.device_id, dj.state, dj.reason, dj.exit_code, dj.agent_outcome, dj.items, "
    "dj.output, dj.receipt, dj.receipt_signature, dj.delivered_at, dj.started_at, dj.finished_at, "
    "dj.updated_at, dj.message, dj.released_at, dj.items_cbor");
constexpr int kDeviceJobColumnCount = 17;
// The device certificate in force when the device job last changed: its receipt's signature is
// checked against it (and it against the site CA) by whoever reads the job.
const QString kCertificateColumn = QStringLiteral(
    "(SELECT c.pem FROM certificates c WHERE c.device_id = dj.device_id AND c.pem IS NOT NULL "
    "AND c.issued_at <= dj.updated_at ORDER BY c.issued_at DESC LIMIT 1)");

QVariant text(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant bytes(const QByteArray &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(value);
}

QVariant jsonText(const QJsonValue &value)
{
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return QVariant(QMetaType::fromType<QString>());
}

QJsonValue fromJsonText(const QVariant &value)
{
    if (value.isNull()) {
        return QJsonValue(QJsonValue::Null);
    }
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
    if (document.isObject()) {
        return document.object();
    }
    if (document.isArray()) {
        return document.array();
    }
    return QJsonValue(QJsonValue::Null);
}

Deployment deploymentFromRow(const QSqlQuery &query)
{
    Deployment deployment;
    deployment.id = query.value(0).toString();
    deployment.kind = query.value(1).toString();
    deployment.signer = query.value(2).toString();
    deployment.createdBy = query.value(3).toString();
    deployment.createdAt = sql::fromEpoch(query.value(4));
    deployment.notBefore = sql::fromEpoch(query.value(5));
    deployment.deadline = sql::fromEpoch(query.value(6));
    deployment.expiresAt = sql::fromEpoch(query.value(7));
    deployment.state = query.value(8).toString();
    deployment.cancelledBy = query.value(9).toString();
    deployment.cancelledAt = sql::fromEpoch(query.value(10));
    deployment.summary = fromJsonText(query.value(11)).toObject();
    deployment.rollout = fromJsonText(query.value(12)).toObject();
    return deployment;
}

DeviceJob deviceJobFromRow(const QSqlQuery &query, int first = 0)
{
    DeviceJob job;
    job.deploymentId = query.value(first).toString();
    job.deviceId = query.value(first + 1).toString();
    job.state = query.value(first + 2).toString();
    job.reason = query.value(first + 3).toString();
    if (!query.value(first + 4).isNull()) {
        job.exitCode = query.value(first + 4).toLongLong();
    }
    job.agentOutcome = query.value(first + 5).toString();
    job.items = fromJsonText(query.value(first + 6));
    job.output = fromJsonText(query.value(first + 7));
    job.receipt = query.value(first + 8).toByteArray();
    job.receiptSignature = query.value(first + 9).toByteArray();
    job.deliveredAt = sql::fromEpoch(query.value(first + 10));
    job.startedAt = sql::fromEpoch(query.value(first + 11));
    job.finishedAt = sql::fromEpoch(query.value(first + 12));
    job.updatedAt = sql::fromEpoch(query.value(first + 13));
    job.message = query.value(first + 14).toString();
    job.releasedAt = sql::fromEpoch(query.value(first + 15));
    job.itemsCbor = query.value(first + 16).toByteArray();
    return job;
}

// The states an agent reports; `queued` and `unknown` are the server's own.
bool isAgentState(const QString &state)
{
    return jobstate::deviceJobStates().contains(state) && state != QLatin1String("queued")
        && state != QLatin1String("unknown");
}
}

JobRepository::JobRepository(Database &database)
    : m_db(database)
{
}

Status JobRepository::create(const Deployment &deployment, const QList<JobTarget> &targets)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to store a deployment"));
    }
    QSqlQuery query(db);
    if (!sql::run(query, QStringLiteral("SELECT 1 FROM deployments WHERE id = ?"), {deployment.id})) {
        return m_db.failure(query.lastError(), QStringLiteral("looking up a deployment"));
    }
    if (query.next()) {
        return makeError(QStringLiteral("job.exists"), QStringLiteral("a job with id %1 exists").arg(deployment.id));
    }
    // Checked in the transaction that stores the jobs, so that no device is revoked in between
    // unnoticed. One prepared statement for all targets: a deployment may name thousands.
    if (!query.prepare(QStringLiteral("SELECT revoked FROM devices WHERE id = ?"))) {
        return m_db.failure(query.lastError(), QStringLiteral("checking targets"));
    }
    for (const JobTarget &target : targets) {
        query.bindValue(0, target.deviceId);
        if (!query.exec()) {
            return m_db.failure(query.lastError(), QStringLiteral("checking target %1").arg(target.deviceId));
        }
        if (!query.next()) {
            return makeError(QStringLiteral("job.target-unknown"),
                             QStringLiteral("no device with id %1").arg(target.deviceId));
        }
        if (query.value(0).toInt() != 0) {
            return makeError(QStringLiteral("job.target-revoked"),
                             QStringLiteral("device %1 is revoked").arg(target.deviceId));
        }
    }
    if (!sql::run(
            query,
            QStringLiteral("INSERT INTO deployments (id, kind, envelope, signature, signer, created_by, created_at, "
                           "not_before, deadline, expires_at, state, summary, rollout) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {deployment.id,
             deployment.kind,
             deployment.envelope,
             deployment.signature,
             deployment.signer,
             deployment.createdBy,
             sql::epoch(deployment.createdAt),
             sql::epoch(deployment.notBefore),
             sql::epoch(deployment.deadline),
             sql::epoch(deployment.expiresAt),
             deployment.state,
             jsonText(deployment.summary),
             deployment.rollout.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : jsonText(deployment.rollout)})) {
        return m_db.failure(query.lastError(), QStringLiteral("storing deployment %1").arg(deployment.id));
    }
    // Without rollout options every device job is released to its device at once; with them the
    // dispatcher releases them (releaseDue).
    const QVariant releasedAt =
        deployment.rollout.isEmpty() ? sql::epoch(deployment.createdAt) : sql::epoch(QDateTime());
    if (!query.prepare(QStringLiteral("INSERT INTO device_jobs (deployment_id, device_id, proof, state, updated_at, "
                                      "released_at) VALUES (?, ?, ?, 'queued', ?, ?)"))) {
        return m_db.failure(query.lastError(), QStringLiteral("storing device jobs"));
    }
    for (const JobTarget &target : targets) {
        query.bindValue(0, deployment.id);
        query.bindValue(1, target.deviceId);
        query.bindValue(2, target.proof);
        query.bindValue(3, sql::epoch(deployment.createdAt));
        query.bindValue(4, releasedAt);
        if (!query.exec()) {
            return m_db.failure(query.lastError(), QStringLiteral("storing the job of %1").arg(target.deviceId));
        }
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing deployment %1").arg(deployment.id));
    }
    return Ok{};
}

Result<QMap<QString, QMap<QString, qint64>>> JobRepository::counts(QSqlQuery &query, const QString &deploymentId)
{
    // One grouped query for all deployments, not one per deployment.
    const bool one = !deploymentId.isEmpty();
    if (!sql::run(query,
                  QStringLiteral("SELECT deployment_id, state, COUNT(*) FROM device_jobs")
                      + (one ? QStringLiteral(" WHERE deployment_id = ?") : QString())
                      + QStringLiteral(" GROUP BY deployment_id, state"),
                  one ? QVariantList{deploymentId} : QVariantList{})) {
        return m_db.failure(query.lastError(), QStringLiteral("counting device jobs"));
    }
    QMap<QString, QMap<QString, qint64>> result;
    while (query.next()) {
        result[query.value(0).toString()].insert(query.value(1).toString(), query.value(2).toLongLong());
    }
    return result;
}

Result<QList<Deployment>> JobRepository::list()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT ") + kDeploymentColumns
                      + QStringLiteral(" FROM deployments ORDER BY created_at DESC, id DESC"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing deployments"));
    }
    QList<Deployment> deployments;
    while (query.next()) {
        deployments.append(deploymentFromRow(query));
    }
    Result<QMap<QString, QMap<QString, qint64>>> counted = counts(query);
    if (!counted) {
        return counted.error();
    }
    for (Deployment &deployment : deployments) {
        deployment.counts = counted.value().value(deployment.id);
    }
    return deployments;
}

Result<std::optional<Deployment>> JobRepository::find(const QString &id)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT ") + kDeploymentColumns
                      + QStringLiteral(", envelope, signature FROM deployments WHERE id = ?"),
                  {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading deployment"));
    }
    if (!query.next()) {
        return std::optional<Deployment>();
    }
    Deployment deployment = deploymentFromRow(query);
    deployment.envelope = query.value(kDeploymentColumnCount).toByteArray();
    deployment.signature = query.value(kDeploymentColumnCount + 1).toByteArray();
    Result<QMap<QString, QMap<QString, qint64>>> counted = counts(query, id);
    if (!counted) {
        return counted.error();
    }
    deployment.counts = counted.value().value(id);
    if (!sql::run(query,
                  QStringLiteral("SELECT ") + kDeviceJobColumns + QStringLiteral(", d.hostname, dj.proof, ")
                      + kCertificateColumn
                      + QStringLiteral(" FROM device_jobs dj JOIN devices d ON d.id = "
                                       "dj.device_id WHERE dj.deployment_id = ? ORDER BY d.hostname, dj.device_id"),
                  {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device jobs"));
    }
    while (query.next()) {
        DeviceJob job = deviceJobFromRow(query);
        job.hostname = query.value(kDeviceJobColumnCount).toString();
        job.proof = query.value(kDeviceJobColumnCount + 1).toByteArray();
        job.certificatePem = query.value(kDeviceJobColumnCount + 2).toByteArray();
        deployment.devices.append(std::move(job));
    }
    return std::optional<Deployment>(std::move(deployment));
}

Result<std::optional<QList<DeviceJob>>> JobRepository::forDevice(const QString &deviceId)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("SELECT 1 FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    if (!query.next()) {
        return std::optional<QList<DeviceJob>>();
    }
    if (!sql::run(query,
                  QStringLiteral("SELECT ") + kDeviceJobColumns
                      + QStringLiteral(", d.hostname, dep.kind, dep.summary, dep.created_at, ") + kCertificateColumn
                      + QStringLiteral(" FROM device_jobs dj "
                                       "JOIN deployments dep ON dep.id = dj.deployment_id "
                                       "JOIN devices d ON d.id = dj.device_id "
                                       "WHERE dj.device_id = ? ORDER BY dep.created_at DESC, dep.id DESC"),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the device's jobs"));
    }
    QList<DeviceJob> jobs;
    while (query.next()) {
        DeviceJob job = deviceJobFromRow(query);
        job.hostname = query.value(kDeviceJobColumnCount).toString();
        job.kind = query.value(kDeviceJobColumnCount + 1).toString();
        job.summary = fromJsonText(query.value(kDeviceJobColumnCount + 2)).toObject();
        job.createdAt = sql::fromEpoch(query.value(kDeviceJobColumnCount + 3));
        job.certificatePem = query.value(kDeviceJobColumnCount + 4).toByteArray();
        jobs.append(std::move(job));
    }
    return std::optional<QList<DeviceJob>>(std::move(jobs));
}

Result<JobCancellation> JobRepository::cancel(const QString &id, const QString &by, const QDateTime &at)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to cancel a deployment"));
    }
    QSqlQuery query(db);
    if (!sql::run(query, QStringLiteral("SELECT state FROM deployments WHERE id = ?") + m_db.forUpdate(), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading deployment"));
    }
    if (!query.next()) {
        return JobCancellation::Unknown;
    }
    if (jobstate::isFinalDeployment(query.value(0).toString())) {
        return JobCancellation::Final;
    }
    if (!sql::run(query,
                  QStringLiteral("UPDATE device_jobs SET state = 'cancelled', reason = '") + kCancelledByOperator
                      + QStringLiteral("', finished_at = ?, updated_at = ? WHERE deployment_id = ? AND state NOT IN ")
                      + kFinal,
                  {sql::epoch(at), sql::epoch(at), id})) {
        return m_db.failure(query.lastError(), QStringLiteral("cancelling device jobs"));
    }
    if (!sql::run(query,
                  QStringLiteral("UPDATE deployments SET state = 'cancelled', cancelled_by = ?, cancelled_at = ? "
                                 "WHERE id = ?"),
                  {by, sql::epoch(at), id})) {
        return m_db.failure(query.lastError(), QStringLiteral("cancelling deployment"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing the cancellation"));
    }
    return JobCancellation::Cancelled;
}

Result<int> JobRepository::expire(const QDateTime &now)
{
    QSqlDatabase db = m_db.connection();
    const QVariant when = sql::epoch(now);
    const QString due =
        QStringLiteral(" FROM deployments WHERE state IN ") + kOpenDeployment + QStringLiteral(" AND expires_at <= ?");
    {
        // Every job read comes here first: a plain read, so that they take no write lock (on
        // SQLite, the whole file's) unless something is due.
        QSqlQuery peek(db);
        if (!sql::run(peek, QStringLiteral("SELECT 1") + due + QStringLiteral(" LIMIT 1"), {when})) {
            return m_db.failure(peek.lastError(), QStringLiteral("looking for expired deployments"));
        }
        if (!peek.next()) {
            return 0;
        }
    }
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to expire deployments"));
    }
    QSqlQuery query(db);
    if (!sql::run(query, QStringLiteral("SELECT id") + due + m_db.forUpdate(), {when})) {
        return m_db.failure(query.lastError(), QStringLiteral("finding expired deployments"));
    }
    QStringList expired;
    while (query.next()) {
        expired.append(query.value(0).toString());
    }
    if (expired.isEmpty()) {
        return 0; // expired or cancelled meanwhile by another server
    }
    for (const QString &id : std::as_const(expired)) {
        // A job its device holds may have run: the device fell silent, so its outcome is
        // `unknown` until a late result replaces it. A job never delivered has expired.
        if (!sql::run(query,
                      QStringLiteral("UPDATE device_jobs SET state = 'unknown', updated_at = ? WHERE deployment_id = ? "
                                     "AND state IN ('delivered', 'waiting', 'running')"),
                      {when, id})
            || !sql::run(query,
                         QStringLiteral("UPDATE device_jobs SET state = 'expired', finished_at = ?, updated_at = ? "
                                        "WHERE deployment_id = ? AND state NOT IN ")
                             + kFinal + QStringLiteral(" AND state <> 'unknown'"),
                         {when, when, id})
            || !sql::run(query, QStringLiteral("UPDATE deployments SET state = 'expired' WHERE id = ?"), {id})) {
            return m_db.failure(query.lastError(), QStringLiteral("expiring deployment %1").arg(id));
        }
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing expired deployments"));
    }
    return int(expired.size());
}

Result<JobEventOutcome> JobRepository::applyEvent(const QString &deviceId,
                                                  qint64 sequence,
                                                  const QString &deploymentId,
                                                  const JobEvent &event)
{
    if (!isAgentState(event.state)) {
        return makeError(QStringLiteral("job.state-invalid"),
                         QStringLiteral("\"%1\" is not a state a device reports").arg(event.state.left(64)));
    }
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to store a job event"));
    }
    QSqlQuery query(db);
    // The device's row lock keeps one device's events in order across servers.
    if (!sql::run(query,
                  QStringLiteral("SELECT job_event_seq, last_sequence, revoked FROM devices WHERE id = ?")
                      + m_db.forUpdate(),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    if (!query.next()) {
        return makeError(QStringLiteral("device.unknown"), QStringLiteral("device %1 is not enrolled").arg(deviceId));
    }
    // As for reports: a revoked device's session may still be open on another server.
    if (query.value(2).toBool()) {
        return makeError(QStringLiteral("device.revoked"), QStringLiteral("device %1 is revoked").arg(deviceId));
    }
    const qint64 lastSequence = query.value(0).toLongLong();
    if (sequence <= lastSequence) {
        return JobEventOutcome::Duplicate;
    }
    // Events share the reports' numbering, so the step is measured from the newer of both; bounded
    // like a report's, so that a stolen device key cannot make every later event a "duplicate".
    const qint64 newest = std::max(lastSequence, query.value(1).toLongLong());
    if (sequence - newest > protocol::kMaxSequenceStep) {
        return makeError(QStringLiteral("job.sequence-jump"),
                         QStringLiteral("job event %1 runs more than %2 ahead of the last sequence stored (%3)")
                             .arg(sequence)
                             .arg(protocol::kMaxSequenceStep)
                             .arg(newest));
    }
    if (!sql::run(query,
                  QStringLiteral("SELECT 1 FROM job_events WHERE device_id = ? AND seq = ?"),
                  {deviceId, sequence})) {
        return m_db.failure(query.lastError(), QStringLiteral("looking up a job event"));
    }
    if (query.next()) {
        return JobEventOutcome::Duplicate;
    }
    const QDateTime receivedAt = event.receivedAt.isValid() ? event.receivedAt : event.at;
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO job_events (device_id, seq, deployment_id, state, at, received_at, data) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                  {deviceId,
                   sequence,
                   deploymentId,
                   event.state,
                   sql::epoch(event.at),
                   sql::epoch(receivedAt),
                   bytes(event.data)})
        || !sql::run(query,
                     QStringLiteral("UPDATE devices SET job_event_seq = ? WHERE id = ?"),
                     {sequence, deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("storing a job event"));
    }

    const auto keep = [&]() -> Result<JobEventOutcome> {
        if (!transaction.commit()) {
            return m_db.failure(db.lastError(), QStringLiteral("committing a job event"));
        }
        return JobEventOutcome::Ignored;
    };
    if (!sql::run(query,
                  QStringLiteral("SELECT state FROM deployments WHERE id = ?") + m_db.forUpdate(),
                  {deploymentId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading deployment"));
    }
    if (!query.next()) {
        return keep(); // a job the server does not know: kept as sent, changes nothing
    }
    const QString deploymentState = query.value(0).toString();
    if (!sql::run(query,
                  QStringLiteral("SELECT state, reason, delivered_at FROM device_jobs WHERE deployment_id = ? AND "
                                 "device_id = ?")
                      + m_db.forUpdate(),
                  {deploymentId, deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device job"));
    }
    if (!query.next()) {
        return keep();
    }
    // A final state stays; `unknown` is not final, so a late result lands. An operator's
    // cancellation is a request the device may have missed: what it reports it did (it ran the job,
    // or stopped it) is the truth and replaces it; that it still waits does not.
    const QString current = query.value(0).toString();
    const bool cancelledByServer = current == QLatin1String("cancelled")
        && query.value(1).toString() == kCancelledByOperator && !query.value(2).isNull()
        && (event.state == QLatin1String("running") || jobstate::isFinalDeviceJob(event.state));
    if (jobstate::isFinalDeviceJob(current) && !cancelledByServer) {
        return keep();
    }

    const bool ends = jobstate::isFinalDeviceJob(event.state);
    const QVariant at = sql::epoch(event.at);
    const QVariant none = sql::epoch(QDateTime());
    if (!sql::run(
            query,
            QStringLiteral(
                "UPDATE device_jobs SET state = ?, reason = ?, message = ?, "
                "exit_code = COALESCE(?, exit_code), "
                "agent_outcome = COALESCE(?, agent_outcome), items = COALESCE(?, items), "
                "items_cbor = COALESCE(?, items_cbor), output = COALESCE(?, output), receipt = COALESCE(?, receipt), "
                "receipt_signature = COALESCE(?, receipt_signature), "
                "delivered_at = COALESCE(delivered_at, ?), started_at = COALESCE(started_at, ?), "
                "finished_at = ?, updated_at = ? WHERE deployment_id = ? AND device_id = ?"),
            {event.state,
             text(event.reason),
             text(event.message),
             event.exitCode ? QVariant(*event.exitCode) : QVariant(QMetaType::fromType<qint64>()),
             text(event.agentOutcome),
             jsonText(event.items),
             bytes(event.itemsCbor),
             jsonText(event.output),
             bytes(event.receipt),
             bytes(event.receiptSignature),
             at,
             event.state == QLatin1String("running") ? at : none,
             ends ? at : none,
             sql::epoch(receivedAt),
             deploymentId,
             deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("updating device job"));
    }
    if (ends && !jobstate::isFinalDeployment(deploymentState)) {
        if (!sql::run(query,
                      QStringLiteral("SELECT COUNT(*) FROM device_jobs WHERE deployment_id = ? AND state NOT IN ")
                          + kFinal,
                      {deploymentId})
            || !query.next()) {
            return m_db.failure(query.lastError(), QStringLiteral("counting open device jobs"));
        }
        if (query.value(0).toLongLong() == 0
            && !sql::run(query,
                         QStringLiteral("UPDATE deployments SET state = 'completed' WHERE id = ?"),
                         {deploymentId})) {
            return m_db.failure(query.lastError(), QStringLiteral("completing deployment"));
        }
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing a job event"));
    }
    return JobEventOutcome::Applied;
}

Result<QList<PendingJob>> JobRepository::undelivered(const QString &deviceId, const QDateTime &now, int limit)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT dep.id, dep.envelope, dep.signature, dj.proof FROM device_jobs dj "
                                 "JOIN deployments dep ON dep.id = dj.deployment_id "
                                 "JOIN devices d ON d.id = dj.device_id "
                                 "WHERE dj.device_id = ? AND dj.state = 'queued' AND dj.released_at IS NOT NULL "
                                 "AND dep.state = 'active' AND dep.expires_at > ? AND d.revoked = 0 "
                                 "ORDER BY dep.created_at, dep.id LIMIT ?"),
                  {deviceId, sql::epoch(now), limit})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the device's pending jobs"));
    }
    QList<PendingJob> jobs;
    while (query.next()) {
        jobs.append(PendingJob{query.value(0).toString(),
                               query.value(1).toByteArray(),
                               query.value(2).toByteArray(),
                               query.value(3).toByteArray()});
    }
    return jobs;
}

Result<int> JobRepository::markDelivered(const QString &deviceId, const QStringList &deploymentIds, const QDateTime &at)
{
    if (deploymentIds.isEmpty()) {
        return 0;
    }
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to mark jobs delivered"));
    }
    QSqlQuery query(db);
    if (!query.prepare(QStringLiteral("UPDATE device_jobs SET state = 'delivered', delivered_at = ?, updated_at = ? "
                                      "WHERE deployment_id = ? AND device_id = ? AND state = 'queued' "
                                      "AND released_at IS NOT NULL"))) {
        return m_db.failure(query.lastError(), QStringLiteral("marking jobs delivered"));
    }
    int changed = 0;
    for (const QString &id : deploymentIds) {
        query.bindValue(0, sql::epoch(at));
        query.bindValue(1, sql::epoch(at));
        query.bindValue(2, id);
        query.bindValue(3, deviceId);
        if (!query.exec()) {
            return m_db.failure(query.lastError(), QStringLiteral("marking job %1 delivered").arg(id));
        }
        changed += query.numRowsAffected() > 0 ? 1 : 0;
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing delivered jobs"));
    }
    return changed;
}

Result<QList<JobRepository::RolloutState>> JobRepository::activeRollouts()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT dep.id, dep.rollout, dj.device_id, dj.state, dj.released_at FROM deployments "
                                 "dep JOIN device_jobs dj ON dj.deployment_id = dep.id WHERE dep.state = 'active' AND "
                                 "dep.rollout IS NOT NULL ORDER BY dep.created_at, dep.id"))) {
        return m_db.failure(query.lastError(), QStringLiteral("reading rollouts"));
    }
    QList<RolloutState> rollouts;
    while (query.next()) {
        const QString id = query.value(0).toString();
        if (rollouts.isEmpty() || rollouts.last().deploymentId != id) {
            rollouts.append(RolloutState{id, fromJsonText(query.value(1)).toObject(), {}});
        }
        DeviceJob job;
        job.deploymentId = id;
        job.deviceId = query.value(2).toString();
        job.state = query.value(3).toString();
        job.releasedAt = sql::fromEpoch(query.value(4));
        rollouts.last().jobs.append(job);
    }
    return rollouts;
}

Result<int> JobRepository::release(const QString &deploymentId, const QStringList &deviceIds, const QDateTime &at)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to release jobs"));
    }
    QSqlQuery query(db);
    if (!query.prepare(QStringLiteral("UPDATE device_jobs SET released_at = ?, updated_at = ? WHERE deployment_id = ? "
                                      "AND device_id = ? AND released_at IS NULL AND state = 'queued'"))) {
        return m_db.failure(query.lastError(), QStringLiteral("releasing jobs"));
    }
    int released = 0;
    for (const QString &deviceId : deviceIds) {
        query.bindValue(0, sql::epoch(at));
        query.bindValue(1, sql::epoch(at));
        query.bindValue(2, deploymentId);
        query.bindValue(3, deviceId);
        if (!query.exec()) {
            return m_db.failure(query.lastError(), QStringLiteral("releasing the job of %1").arg(deviceId));
        }
        released += query.numRowsAffected() > 0 ? 1 : 0;
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing released jobs"));
    }
    return released;
}

Result<bool> JobRepository::setPaused(const QString &id, bool paused, const std::optional<QJsonObject> &rollout)
{
    QSqlQuery query(m_db.connection());
    const QVariant state = paused ? QStringLiteral("paused") : QStringLiteral("active");
    const QVariant from = paused ? QStringLiteral("active") : QStringLiteral("paused");
    const bool ran = rollout
        ? sql::run(query,
                   QStringLiteral("UPDATE deployments SET state = ?, rollout = ? WHERE id = ? AND state = ?"),
                   {state, jsonText(*rollout), id, from})
        : sql::run(query,
                   QStringLiteral("UPDATE deployments SET state = ? WHERE id = ? AND state = ?"),
                   {state, id, from});
    if (!ran) {
        return m_db.failure(query.lastError(), QStringLiteral("pausing or resuming deployment %1").arg(id));
    }
    return query.numRowsAffected() > 0;
}

Result<QStringList> JobRepository::cancelledOnDevice(const QString &deviceId, const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT dj.deployment_id FROM device_jobs dj JOIN deployments dep ON dep.id = "
                                 "dj.deployment_id WHERE dj.device_id = ? AND dj.state = 'cancelled' AND dj.reason = ? "
                                 "AND dj.delivered_at IS NOT NULL AND dep.expires_at > ? ORDER BY dep.created_at "
                                 "LIMIT ?"),
                  {deviceId, kCancelledByOperator, sql::epoch(now), kOfferLimit})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading cancelled jobs"));
    }
    QStringList ids;
    while (query.next()) {
        ids.append(query.value(0).toString());
    }
    return ids;
}

Result<qint64> JobRepository::lastEventSequence(const QString &deviceId)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("SELECT job_event_seq FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading the last job event sequence"));
    }
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

} // namespace steward::server
