// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobExecution.h"

#include "Clock.h"
#include "JobOutput.h"
#include "JobQueue.h"
#include "PatchJob.h"
#include "RebootPolicy.h"
#include "Rebooter.h"
#include "StewardAgentLogging.h"
#include "jobs/MaintenanceWindow.h"
#include "jobs/Receipt.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QTimeZone>

namespace steward::agent
{

namespace
{
QCborArray itemsToCbor(const QList<jobs::PatchItem> &items)
{
    QCborArray array;
    for (const jobs::PatchItem &item : items) {
        array.append(item.toCbor());
    }
    return array;
}

QList<jobs::PatchItem> itemsFromCbor(const QCborArray &array)
{
    QList<jobs::PatchItem> items;
    for (const QCborValue &value : array) {
        items.append(jobs::PatchItem::fromCbor(value.toMap()));
    }
    return items;
}

// What RebootPolicy decides for a job that left the machine needing a restart.
jobs::RebootDecision rebootDecision(const StoredJob &job, bool isServer, const QDateTime &now)
{
    const QCborMap &options = job.envelope.options;
    const Result<QList<steward::jobs::MaintenanceWindow>> windows =
        steward::jobs::windowsFromCbor(options.value(QLatin1String("windows")));
    jobs::RebootInputs inputs;
    inputs.policy = options.value(QLatin1String("reboot")).toString(QStringLiteral("never"));
    inputs.rebootRequired = true;
    inputs.isServer = isServer;
    inputs.allowServers = options.value(QLatin1String("allowServers")).toBool(false);
    // No windows: always open. Windows that cannot be read never open.
    inputs.maintenanceWindowOpen = windows && steward::jobs::isOpen(windows.value(), now.toLocalTime());
    inputs.deadline = job.envelope.deadline.isValid() ? job.envelope.deadline.toSecsSinceEpoch() : 0;
    inputs.now = now.toSecsSinceEpoch();
    inputs.alreadyRebooted = job.reboots > 0;
    return jobs::RebootPolicy::decide(inputs);
}

QString nextWindowOpening(const StoredJob &job, const QDateTime &now)
{
    const Result<QList<steward::jobs::MaintenanceWindow>> windows =
        steward::jobs::windowsFromCbor(job.envelope.options.value(QLatin1String("windows")));
    return windows ? steward::jobs::nextOpening(windows.value(), now.toLocalTime()).toString(Qt::ISODate) : QString();
}

bool nothingToDo(const jobs::PatchPlan &plan)
{
    return std::all_of(plan.items.cbegin(), plan.items.cend(), [](const jobs::PatchItem &item) {
        return item.result == QLatin1String("already-installed") || item.result == QLatin1String("not-applicable");
    });
}
}

int JobExecution::run(const StoredJob &job, bool verify) const
{
    protocol::JobEvent end;
    QByteArray output;
    QCborArray plannedItems = job.plan;

    const auto finish = [&]() -> int {
        const QDateTime now = clock.now();
        end.at = now.toSecsSinceEpoch();
        QByteArray outputHash;
        if (!output.isEmpty()) {
            const jobs::JobOutput bounded = jobs::JobOutput::bound(output);
            end.output = bounded.toCbor();
            outputHash = bounded.sha256();
        }
        steward::jobs::Receipt receipt;
        receipt.jobId = job.id;
        receipt.deviceId = deviceId;
        receipt.state = end.state;
        receipt.exitCode = end.exitCode;
        if (end.items.isArray()) {
            receipt.itemsDigest = QCryptographicHash::hash(end.items.toCbor(), QCryptographicHash::Sha256);
        }
        receipt.outputSha256 = outputHash;
        receipt.at = QDateTime::fromSecsSinceEpoch(end.at, Qt::UTC);
        if (Result<steward::jobs::SignedDocument> signedReceipt = steward::jobs::signReceipt(receipt, deviceKeyPem)) {
            end.receipt = protocol::SignedBytes{signedReceipt.value().bytes, signedReceipt.value().signature};
        } else {
            qCWarning(lcAgent).noquote() << "cannot sign the receipt of job" << job.id << ":"
                                         << signedReceipt.error().message;
        }
        if (Status recorded = queue.transition(job.id, end, now); !recorded) {
            qCWarning(lcAgent).noquote() << "cannot record the end of job" << job.id << ":" << recorded.error().message;
            return 1;
        }
        qCInfo(lcAgent).noquote() << "job" << job.id << end.state << end.reason;
        return 0;
    };
    // Leaves the job waiting, with what the run did so far (nothing signed: it is not over).
    const auto wait = [&](const QString &reason, const QString &message) -> Status {
        protocol::JobEvent waiting = end;
        waiting.state = QStringLiteral("waiting");
        waiting.reason = reason;
        waiting.message = message;
        if (!output.isEmpty()) {
            waiting.output = jobs::JobOutput::bound(output).toCbor();
        }
        return queue.transition(job.id, waiting, clock.now());
    };
    const auto fail = [&](const QString &reason, const QString &message) {
        end.state = QStringLiteral("failed");
        end.reason = reason;
        end.message = message;
        return finish();
    };

    if (job.envelope.kind != QLatin1String("patch")) {
        return fail(QStringLiteral("job.kind-unsupported"),
                    QStringLiteral("this agent cannot run \"%1\" jobs").arg(job.envelope.kind));
    }

    jobs::PatchOutcome outcome;
    if (verify) {
        jobs::PatchPlan plan;
        plan.items = itemsFromCbor(plannedItems);
        outcome = patcher.verify(plan);
    } else {
        Result<jobs::PatchRequest> request =
            jobs::PatchRequest::fromEnvelope(job.envelope.content, job.envelope.options);
        if (!request) {
            return fail(request.error().code, request.error().message);
        }
        // Planning changes nothing: if the agent dies here, the job simply starts again.
        Result<jobs::PatchPlan> plan = patcher.plan(request.value());
        if (!plan) {
            return fail(plan.error().code, plan.error().message);
        }
        end.items = itemsToCbor(plan.value().items);
        if (!plan.value().refusal.isEmpty()) {
            return fail(plan.value().refusal, plan.value().message);
        }
        if (nothingToDo(plan.value())) {
            end.state = QStringLiteral("not-applicable");
            end.message = plan.value().items.isEmpty() ? QStringLiteral("nothing to install")
                                                       : QStringLiteral("everything asked for is already installed");
            return finish();
        }
        // From here on the system changes: the plan is kept with the state, so that an interrupted
        // job is verified against it and never run blindly again.
        protocol::JobEvent running;
        running.state = QStringLiteral("running");
        running.items = end.items;
        if (Status recorded = queue.transition(job.id, running, clock.now(), end.items.toArray()); !recorded) {
            qCWarning(lcAgent).noquote() << "cannot record job" << job.id << "running:" << recorded.error().message;
            return 1;
        }
        if (runningSpooled) {
            runningSpooled();
        }
        outcome = patcher.run(plan.value());
    }
    end.state = outcome.state;
    end.reason = outcome.reason;
    end.exitCode = outcome.exitCode;
    end.items = itemsToCbor(outcome.items);
    output = outcome.output;
    if (outcome.rebootRequired) {
        end.message = QStringLiteral("a reboot is required to finish");
        // Only after a success: a failed job's items are not what a restart would finish.
        if (rebooter && outcome.state == QLatin1String("succeeded")) {
            const QDateTime now = clock.now();
            const jobs::RebootDecision decision = rebootDecision(job, isServer, now);
            using Action = jobs::RebootDecision::Action;
            switch (decision.action) {
            case Action::WaitForWindow:
                if (now >= job.envelope.expiresAt) {
                    end.message += QStringLiteral("; the job expired before a maintenance window opened");
                    break;
                }
                if (Status waiting = wait(QStringLiteral("reboot-window"),
                                          QStringLiteral("installed; the restart it needs waits for a maintenance "
                                                         "window (next opens %1)")
                                              .arg(nextWindowOpening(job, now)));
                    !waiting) {
                    qCWarning(lcAgent).noquote()
                        << "cannot record job" << job.id << "waiting:" << waiting.error().message;
                    break;
                }
                return 0;
            case Action::RebootNow:
            case Action::RebootAt: {
                const QDateTime at = QDateTime::fromSecsSinceEpoch(decision.at, Qt::UTC);
                // Counted before it is scheduled: come what may, this job never restarts the machine twice.
                if (Status counted = queue.countReboot(job.id, at); !counted) {
                    end.message += QStringLiteral("; not restarting: ") + counted.error().message;
                    break;
                }
                // Recorded before the restart is asked for: a restart now may end this process.
                if (Status waiting = wait(QStringLiteral("reboot-pending"),
                                          decision.action == Action::RebootNow
                                              ? QStringLiteral("installed; restarting the machine now to finish")
                                              : QStringLiteral("installed; the machine restarts at %1 to finish (%2)")
                                                    .arg(at.toLocalTime().toString(Qt::ISODate), decision.reason));
                    !waiting) {
                    end.message += QStringLiteral("; not restarting: ") + waiting.error().message;
                    break;
                }
                if (Status rebooted = rebooter->reboot(decision.delay(now.toSecsSinceEpoch()), decision.message);
                    !rebooted) {
                    qCWarning(lcAgent).noquote()
                        << "cannot restart for job" << job.id << ":" << rebooted.error().message;
                    end.message += QStringLiteral("; the restart failed: ") + rebooted.error().message;
                    break;
                }
                qCInfo(lcAgent).noquote() << "job" << job.id << "restarts the machine at"
                                          << at.toLocalTime().toString(Qt::ISODate) << "(" << decision.reason << ")";
                return 0;
            }
            case Action::None:
                end.message += QStringLiteral("; not restarting automatically (%1)").arg(decision.reason);
                break;
            }
        }
    }
    return finish();
}

} // namespace steward::agent
