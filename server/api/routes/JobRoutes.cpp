// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v1/jobs, GET /api/v1/jobs, GET /api/v1/jobs/{id}, POST /api/v1/jobs/{id}/cancel,
// GET /api/v1/devices/{id}/jobs; and the expiry of deployments.
//
// The server checks an uploaded job as an agent would (jobs::verifyJob), so that an operator
// learns at once what every agent would refuse it for. It is not what makes a job safe: the
// agents check again, and the server cannot sign, change or re-target a job.
#include "Clock.h"
#include "StewardApiLogging.h"
#include "api/AdminApi.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "jobs/JobKeys.h"
#include "jobs/JobVerification.h"
#include "jobs/Receipt.h"
#include "jobs/Rollout.h"
#include "store/Repositories.h"

#include <QCborArray>
#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
const QString kCreate = QStringLiteral("job.create");
const QString kCancel = QStringLiteral("job.cancel");
// A body is at most 1 MiB anyway; this bounds the work before the targets are read.
constexpr int kMaxTargets = 100000;

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue base64OrNull(const QByteArray &bytes)
{
    return bytes.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromLatin1(bytes.toBase64()));
}

QJsonObject countsJson(const QMap<QString, qint64> &counts)
{
    QJsonObject json;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

// A deployment as listed.
QJsonObject jobJson(const Deployment &deployment)
{
    return QJsonObject{
        {QStringLiteral("id"), deployment.id},
        {QStringLiteral("kind"), deployment.kind},
        {QStringLiteral("state"), deployment.state},
        {QStringLiteral("createdAt"), isoTimeOrNull(deployment.createdAt)},
        {QStringLiteral("createdBy"), deployment.createdBy},
        {QStringLiteral("signer"), deployment.signer},
        {QStringLiteral("notBefore"), isoTimeOrNull(deployment.notBefore)},
        {QStringLiteral("deadline"), isoTimeOrNull(deployment.deadline)},
        {QStringLiteral("expiresAt"), isoTimeOrNull(deployment.expiresAt)},
        {QStringLiteral("cancelledBy"), textOrNull(deployment.cancelledBy)},
        {QStringLiteral("cancelledAt"), isoTimeOrNull(deployment.cancelledAt)},
        {QStringLiteral("summary"), deployment.summary},
        {QStringLiteral("rollout"), deployment.rollout.isEmpty() ? QJsonValue() : QJsonValue(deployment.rollout)},
        {QStringLiteral("counts"), countsJson(deployment.counts)}};
}

// What a device reported of a job; `withDevice` names the device (a deployment's list), otherwise
// the deployment (a device's history).
QJsonObject deviceJobJson(const DeviceJob &job, bool withDevice)
{
    QJsonObject json{{QStringLiteral("state"), job.state},
                     {QStringLiteral("reason"), textOrNull(job.reason)},
                     {QStringLiteral("message"), textOrNull(job.message)},
                     {QStringLiteral("exitCode"), job.exitCode ? QJsonValue(*job.exitCode) : QJsonValue()},
                     {QStringLiteral("agentOutcome"), textOrNull(job.agentOutcome)},
                     {QStringLiteral("items"), job.items},
                     {QStringLiteral("itemsCbor"), base64OrNull(job.itemsCbor)},
                     {QStringLiteral("output"), job.output},
                     {QStringLiteral("receipt"), base64OrNull(job.receipt)},
                     {QStringLiteral("receiptSignature"), base64OrNull(job.receiptSignature)},
                     {QStringLiteral("certificate"), textOrNull(QString::fromLatin1(job.certificatePem))},
                     {QStringLiteral("releasedAt"), isoTimeOrNull(job.releasedAt)},
                     {QStringLiteral("deliveredAt"), isoTimeOrNull(job.deliveredAt)},
                     {QStringLiteral("startedAt"), isoTimeOrNull(job.startedAt)},
                     {QStringLiteral("finishedAt"), isoTimeOrNull(job.finishedAt)},
                     {QStringLiteral("updatedAt"), isoTimeOrNull(job.updatedAt)}};
    if (withDevice) {
        json.insert(QStringLiteral("id"), job.deviceId);
        json.insert(QStringLiteral("hostname"), job.hostname);
    } else {
        json.insert(QStringLiteral("jobId"), job.deploymentId);
        json.insert(QStringLiteral("kind"), job.kind);
        json.insert(QStringLiteral("summary"), job.summary);
        json.insert(QStringLiteral("createdAt"), isoTimeOrNull(job.createdAt));
    }
    return json;
}

QJsonObject jobDetailJson(const Deployment &deployment)
{
    QJsonObject json = jobJson(deployment);
    json.insert(QStringLiteral("job"),
                QJsonObject{{QStringLiteral("document"), QString::fromLatin1(deployment.envelope.toBase64())},
                            {QStringLiteral("signature"), QString::fromLatin1(deployment.signature.toBase64())}});
    QJsonArray devices;
    for (const DeviceJob &job : deployment.devices) {
        devices.append(deviceJobJson(job, true));
    }
    json.insert(QStringLiteral("devices"), devices);
    return json;
}

// What the console lists of a job: its content and options side by side, e.g. {select,
// packages, reboot, maxRuntimeSeconds} for a patch job.
QJsonObject summaryOf(const jobs::JobEnvelope &envelope)
{
    QJsonObject summary = envelope.content.toJsonObject();
    const QJsonObject options = envelope.options.toJsonObject();
    for (auto it = options.constBegin(); it != options.constEnd(); ++it) {
        if (!summary.contains(it.key())) {
            summary.insert(it.key(), it.value());
        }
    }
    return summary;
}

ApiReply unknownJob(const QString &id)
{
    return ApiReply::notFound(QStringLiteral("job.unknown"), QStringLiteral("no job with id %1").arg(logSafe(id)));
}

// Deployments whose time has come are expired before any job is read, so that nobody sees an
// expired job as active between two runs of the timer.
std::optional<ApiReply> expireDue(ApiContext &context)
{
    if (const Result<int> expired = context.store.jobs.expire(context.clock.now()); !expired) {
        return ApiReply::storeFailure(expired.error());
    }
    return std::nullopt;
}

// What jobs::verifyJob says, as the API says it.
struct Refusal {
    ApiReply::Status status;
    QString code;
};
Refusal refusalFor(const QString &verifyCode)
{
    if (verifyCode == QLatin1String("operators.expired")) {
        return {ApiReply::Status::Conflict, QStringLiteral("signing.expired")};
    }
    if (verifyCode == QLatin1String("job.not-targeted")) {
        return {ApiReply::Status::BadRequest, QStringLiteral("job.targets-mismatch")};
    }
    return {ApiReply::Status::BadRequest, verifyCode};
}

ApiReply create(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    QString jobId; // the envelope's, once it decodes
    const auto refuse = [&](ApiReply::Status status, const QString &code, const QString &message) {
        context.router.audit(caller.user.name, kCreate, jobId, QStringLiteral("denied"), request.source, code);
        return ApiReply::error(status, code, message);
    };
    Result<JsonBody> parsed =
        JsonBody::parse(request.body, {QStringLiteral("job"), QStringLiteral("targets"), QStringLiteral("rollout")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    JsonBody job = body.object(QStringLiteral("job"), true, {QStringLiteral("document"), QStringLiteral("signature")});
    const QByteArray bytes = job.base64(QStringLiteral("document"), true, jobs::kMaxDocumentBytes);
    const QByteArray signature = job.base64(QStringLiteral("signature"), true, jobs::kMaxSignatureBytes);
    const QStringList targets = body.strings(QStringLiteral("targets"), true, kMaxTargets, jobs::kMaxDeviceIdLength);
    for (const std::optional<Error> &problem : {body.problem(), job.problem()}) {
        if (problem) {
            return ApiReply::badRequest(*problem);
        }
    }

    const Result<jobs::JobEnvelope> decoded = jobs::JobEnvelope::decode(bytes);
    if (!decoded) {
        return refuse(ApiReply::Status::BadRequest, decoded.error().code, decoded.error().message);
    }
    const jobs::JobEnvelope &envelope = decoded.value();
    jobId = envelope.id;

    const Result<std::optional<OperatorListRecord>> current = context.store.signing.current();
    if (!current) {
        return ApiReply::storeFailure(current.error());
    }
    if (!current.value()) {
        return refuse(ApiReply::Status::Conflict,
                      QStringLiteral("signing.none"),
                      QStringLiteral("upload an operator list before the first job"));
    }
    const Result<jobs::OperatorList> operators = jobs::OperatorList::decode(current.value()->document);
    if (!operators) {
        return ApiReply::storeFailure(operators.error());
    }

    Result<Rollout> rollout = Rollout::fromJson(body.raw(QStringLiteral("rollout")), targets);
    if (!rollout) {
        return refuse(ApiReply::Status::BadRequest, rollout.error().code, rollout.error().message);
    }
    // The operator's signed concurrency cap binds the server as well; the request may only tighten it.
    if (const QCborValue cap = envelope.options.value(QLatin1String("maxConcurrent"));
        cap.isInteger() && cap.toInteger() >= 1) {
        const int signedCap = int(qMin<qint64>(cap.toInteger(), kMaxTargets));
        std::optional<int> &requested = rollout.value().maxConcurrent;
        requested = requested ? qMin(*requested, signedCap) : signedCap;
    }

    const jobs::merkle::Tree tree(targets);
    if (tree.leafCount() != targets.size()) {
        return refuse(ApiReply::Status::BadRequest,
                      QStringLiteral("request.invalid"),
                      QStringLiteral("\"targets\" names a device more than once"));
    }
    // What every agent will check, in the agents' order; the first target's proof stands for all,
    // as the whole tree is compared with the signed root below.
    const QDateTime now = context.clock.now();
    const Result<jobs::JobEnvelope> verified =
        jobs::verifyJob(jobs::SignedDocument{bytes, signature},
                        tree.proof(targets.first()).value_or(jobs::merkle::Proof()),
                        targets.first(),
                        operators.value(),
                        now,
                        {envelope.kind});
    if (!verified) {
        const Refusal refusal = refusalFor(verified.error().code);
        return refuse(refusal.status, refusal.code, verified.error().message);
    }
    if (tree.root() != envelope.targetsRoot || tree.leafCount() != envelope.targetCount) {
        return refuse(
            ApiReply::Status::BadRequest,
            QStringLiteral("job.targets-mismatch"),
            QStringLiteral("the targets are not the %1 devices the operator signed for").arg(envelope.targetCount));
    }
    if (envelope.deadline.isValid() && envelope.deadline < now) {
        return refuse(ApiReply::Status::BadRequest,
                      QStringLiteral("job.deadline-past"),
                      QStringLiteral("the job's deadline, %1, has passed").arg(isoTime(envelope.deadline)));
    }

    Deployment deployment;
    deployment.id = envelope.id;
    deployment.kind = envelope.kind;
    deployment.envelope = bytes;
    deployment.signature = signature;
    deployment.signer = envelope.signer;
    deployment.createdBy = caller.user.name;
    deployment.createdAt = now;
    deployment.notBefore = envelope.notBefore;
    deployment.deadline = envelope.deadline;
    deployment.expiresAt = envelope.expiresAt;
    deployment.summary = summaryOf(envelope);
    if (!(rollout.value() == Rollout())) {
        deployment.rollout = rollout.value().toJson();
    }
    QList<JobTarget> jobTargets;
    jobTargets.reserve(targets.size());
    for (const QString &target : targets) {
        jobTargets.append(JobTarget{target, jobs::merkle::toCbor(tree.proof(target).value()).toCborValue().toCbor()});
    }
    if (Status created = context.store.jobs.create(deployment, jobTargets); !created) {
        const QString code = created.error().code;
        if (code == QLatin1String("job.exists")) {
            return refuse(ApiReply::Status::Conflict, code, created.error().message);
        }
        if (code == QLatin1String("job.target-revoked") || code == QLatin1String("job.target-unknown")) {
            return refuse(ApiReply::Status::BadRequest, code, created.error().message);
        }
        return ApiReply::storeFailure(created.error());
    }
    const jobs::OperatorEntry *signer = operators.value().find(envelope.signer);
    context.router.audit(caller.user.name,
                         kCreate,
                         envelope.id,
                         QStringLiteral("ok"),
                         request.source,
                         QStringLiteral("kind %1, %2 devices, signed by %3 (%4)")
                             .arg(envelope.kind)
                             .arg(targets.size())
                             .arg(signer ? logSafe(signer->name) : QString(), envelope.signer));
    deployment.counts.insert(QStringLiteral("queued"), targets.size());
    if (deployment.rollout.isEmpty()) {
        Q_EMIT context.api.jobsReleased(targets);
    }
    return ApiReply::json(jobJson(deployment), ApiReply::Status::Created);
}

ApiReply list(ApiContext &context)
{
    if (const std::optional<ApiReply> failed = expireDue(context)) {
        return *failed;
    }
    const Result<QList<Deployment>> listed = context.store.jobs.list();
    if (!listed) {
        return ApiReply::storeFailure(listed.error());
    }
    QJsonArray jobs;
    for (const Deployment &deployment : listed.value()) {
        jobs.append(jobJson(deployment));
    }
    return ApiReply::json(jobs);
}

ApiReply show(ApiContext &context, const QString &id)
{
    if (const std::optional<ApiReply> failed = expireDue(context)) {
        return *failed;
    }
    const Result<std::optional<Deployment>> found = context.store.jobs.find(id);
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    if (!found.value()) {
        return unknownJob(id);
    }
    return ApiReply::json(jobDetailJson(*found.value()));
}

ApiReply cancel(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString id = request.arguments.value(0);
    if (const std::optional<ApiReply> failed = expireDue(context)) {
        return *failed;
    }
    const Result<JobCancellation> cancelled = context.store.jobs.cancel(id, caller.user.name, context.clock.now());
    if (!cancelled) {
        return ApiReply::storeFailure(cancelled.error());
    }
    switch (cancelled.value()) {
    case JobCancellation::Unknown:
        return unknownJob(id);
    case JobCancellation::Final:
        context.router.audit(caller.user.name,
                             kCancel,
                             id,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("job.final"));
        return ApiReply::error(ApiReply::Status::Conflict,
                               QStringLiteral("job.final"),
                               QStringLiteral("job %1 is already completed, cancelled or expired").arg(logSafe(id)));
    case JobCancellation::Cancelled:
        break;
    }
    context.router.audit(caller.user.name, kCancel, id, QStringLiteral("ok"), request.source);
    const Result<std::optional<Deployment>> found = context.store.jobs.find(id);
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    if (!found.value()) {
        return unknownJob(id);
    }
    QStringList devices;
    for (const DeviceJob &job : found.value()->devices) {
        devices.append(job.deviceId);
    }
    Q_EMIT context.api.jobCancelled(id, devices);
    return ApiReply::json(jobJson(*found.value()));
}

// Pause stops further releases of a rollout (jobs already on devices go on); resume lets them go.
ApiReply pauseOrResume(ApiContext &context, const ApiRequest &request, const ApiCaller &caller, bool pause)
{
    const QString id = request.arguments.value(0);
    const QString action = pause ? QStringLiteral("job.pause") : QStringLiteral("job.resume");
    // Resuming accepts the failures seen so far: only new ones may pause the rollout again.
    std::optional<QJsonObject> rollout;
    if (!pause) {
        const Result<std::optional<Deployment>> before = context.store.jobs.find(id);
        if (!before) {
            return ApiReply::storeFailure(before.error());
        }
        if (before.value() && before.value()->rollout.contains(QLatin1String("pauseFailureRatio"))) {
            const qsizetype failed = std::count_if(before.value()->devices.cbegin(),
                                                   before.value()->devices.cend(),
                                                   [](const DeviceJob &job) {
                                                       return isFailedLike(job.state);
                                                   });
            rollout = before.value()->rollout;
            if (failed > 0) {
                rollout->insert(QStringLiteral("failuresAccepted"), int(failed));
            }
        }
    }
    const Result<bool> changed = context.store.jobs.setPaused(id, pause, rollout);
    if (!changed) {
        return ApiReply::storeFailure(changed.error());
    }
    const Result<std::optional<Deployment>> found = context.store.jobs.find(id);
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    if (!found.value()) {
        return unknownJob(id);
    }
    if (!changed.value()) {
        const QString code = pause ? QStringLiteral("job.not-active") : QStringLiteral("job.not-paused");
        context.router.audit(caller.user.name, action, id, QStringLiteral("denied"), request.source, code);
        return ApiReply::error(ApiReply::Status::Conflict,
                               code,
                               QStringLiteral("job %1 is %2").arg(logSafe(id), found.value()->state));
    }
    context.router.audit(caller.user.name, action, id, QStringLiteral("ok"), request.source);
    if (!pause) {
        // Jobs released before the pause were held back from their agents meanwhile; connected
        // ones get them now, not at their next reconnect.
        QStringList waiting;
        for (const DeviceJob &job : found.value()->devices) {
            if (job.state == QLatin1String("queued") && job.releasedAt.isValid()) {
                waiting.append(job.deviceId);
            }
        }
        if (!waiting.isEmpty()) {
            Q_EMIT context.api.jobsReleased(waiting);
        }
    }
    return ApiReply::json(jobJson(*found.value()));
}

ApiReply forDevice(ApiContext &context, const QString &deviceId)
{
    if (const std::optional<ApiReply> failed = expireDue(context)) {
        return *failed;
    }
    const Result<std::optional<QList<DeviceJob>>> found = context.store.jobs.forDevice(deviceId);
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    if (!found.value()) {
        return ApiReply::notFound(QStringLiteral("device.unknown"),
                                  QStringLiteral("no device with id %1").arg(logSafe(deviceId)));
    }
    QJsonArray jobs;
    for (const DeviceJob &job : *found.value()) {
        jobs.append(deviceJobJson(job, false));
    }
    return ApiReply::json(jobs);
}
}

void expireJobs(ApiContext &context)
{
    const Result<int> expired = context.store.jobs.expire(context.clock.now());
    if (!expired) {
        qCWarning(lcApi).noquote() << "cannot expire jobs:" << expired.error().message;
    } else if (expired.value() > 0) {
        qCInfo(lcApi).noquote() << expired.value() << "job(s) expired";
    }
}

void releaseJobs(ApiContext &context)
{
    const Result<QList<JobRepository::RolloutState>> rollouts = context.store.jobs.activeRollouts();
    if (!rollouts) {
        qCWarning(lcApi).noquote() << "cannot read rollouts:" << rollouts.error().message;
        return;
    }
    const QDateTime now = context.clock.now();
    for (const JobRepository::RolloutState &state : rollouts.value()) {
        QStringList targets;
        QList<RolloutJob> jobs;
        for (const DeviceJob &job : state.jobs) {
            targets.append(job.deviceId);
            jobs.append(RolloutJob{job.deviceId, job.state, job.releasedAt});
        }
        const Result<Rollout> rollout = Rollout::fromJson(state.rollout, targets);
        if (!rollout) {
            qCWarning(lcApi).noquote() << "deployment" << state.deploymentId
                                       << "has unusable rollout options:" << rollout.error().message;
            continue;
        }
        const RolloutDecision decision = planRelease(rollout.value(), jobs, now);
        if (decision.pause) {
            const Result<bool> paused = context.store.jobs.setPaused(state.deploymentId, true);
            if (paused && paused.value()) {
                context.router.audit(QStringLiteral("steward"),
                                     QStringLiteral("job.pause"),
                                     state.deploymentId,
                                     QStringLiteral("ok"),
                                     QString(),
                                     decision.pauseReason);
                qCWarning(lcApi).noquote() << "deployment" << state.deploymentId << "paused:" << decision.pauseReason;
            }
            continue;
        }
        if (decision.release.isEmpty()) {
            continue;
        }
        const Result<int> released = context.store.jobs.release(state.deploymentId, decision.release, now);
        if (!released) {
            qCWarning(lcApi).noquote() << "cannot release jobs of" << state.deploymentId << ":"
                                       << released.error().message;
            continue;
        }
        Q_EMIT context.api.jobsReleased(decision.release);
    }
}

void addJobRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/jobs"),
                            Permission::JobsCreate,
                            kCreate,
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return create(context, request, caller);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/jobs"),
                            Permission::JobsRead,
                            QStringLiteral("job.list"),
                            [&context](const ApiRequest &, const ApiCaller &) {
                                return list(context);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/jobs/<arg>"),
                            Permission::JobsRead,
                            QStringLiteral("job.read"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return show(context, request.arguments.value(0));
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/jobs/<arg>/cancel"),
                            Permission::JobsCancel,
                            kCancel,
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return cancel(context, request, caller);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/jobs/<arg>/pause"),
                            Permission::JobsCancel,
                            QStringLiteral("job.pause"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return pauseOrResume(context, request, caller, true);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/jobs/<arg>/resume"),
                            Permission::JobsCancel,
                            QStringLiteral("job.resume"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return pauseOrResume(context, request, caller, false);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/devices/<arg>/jobs"),
                            Permission::DevicesRead,
                            QStringLiteral("device.jobs"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return forDevice(context, request.arguments.value(0));
                            });
}

} // namespace steward::server::routes
