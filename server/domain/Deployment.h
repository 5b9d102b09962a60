// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobStates.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace steward::server
{

// The states of a deployment and of a device job (docs/jobs.md, "States"), as stored and as the
// API shows them.
namespace jobstate
{
// A deployment: active, paused, completed (every device job final), cancelled or expired.
inline const QStringList &deploymentStates()
{
    static const QStringList states{QStringLiteral("active"),
                                    QStringLiteral("paused"),
                                    QStringLiteral("completed"),
                                    QStringLiteral("cancelled"),
                                    QStringLiteral("expired")};
    return states;
}
// A deployment that will change no more.
inline bool isFinalDeployment(const QString &state)
{
    return state == QLatin1String("completed") || state == QLatin1String("cancelled")
        || state == QLatin1String("expired");
}

// A device job, in the order it usually goes through them; the last eight end it, except
// `unknown` (the device fell silent), which a late result replaces.
inline const QStringList &deviceJobStates()
{
    static const QStringList states{QStringLiteral("queued"),
                                    QStringLiteral("delivered"),
                                    QStringLiteral("waiting"),
                                    QStringLiteral("running"),
                                    QStringLiteral("succeeded"),
                                    QStringLiteral("failed"),
                                    QStringLiteral("not-applicable"),
                                    QStringLiteral("rejected"),
                                    QStringLiteral("timed-out"),
                                    QStringLiteral("cancelled"),
                                    QStringLiteral("expired"),
                                    QStringLiteral("unknown")};
    return states;
}
inline const QStringList &finalDeviceJobStates()
{
    return jobs::finalDeviceJobStates();
}
inline bool isFinalDeviceJob(const QString &state)
{
    return jobs::isFinalDeviceJobState(state);
}
}

// One device's copy of a deployment, with what the device reported of it.
struct DeviceJob {
    QString deploymentId;
    QString deviceId;
    QString hostname; // the device's, as listed
    QByteArray proof; // the targets' Merkle inclusion proof for this device (CBOR)
    QString state = QStringLiteral("queued");
    QString reason; // why it waits or failed, a code; empty when none
    QString message; // what a person reads about the reason
    std::optional<qint64> exitCode;
    QString agentOutcome; // the agent's own verdict, apart from the exit code
    QJsonValue items = QJsonValue::Null; // per-item results: [{name, before, after, result}]
    QByteArray itemsCbor; // the items as the device sent them (CBOR), which its receipt covers
    QJsonValue output = QJsonValue::Null; // {head, tail, totalBytes, sha256}
    QByteArray receipt; // the device's signed result (CBOR), empty until it reports one
    QByteArray receiptSignature;
    QByteArray certificatePem; // the device's certificate its receipt is checked against
    QDateTime releasedAt; // when the rollout let it go to its device; invalid: held back
    QDateTime deliveredAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QDateTime updatedAt;

    // Of its deployment, for a device's job history (JobRepository::forDevice).
    QString kind;
    QJsonObject summary;
    QDateTime createdAt;
};

// A deployment: a signed job envelope as an operator uploaded it, with the times copied out of
// it, and the state the server keeps.
struct Deployment {
    QString id;
    QString kind;
    QByteArray envelope; // the signed document's exact bytes
    QByteArray signature;
    QString signer; // the operator key's fingerprint
    QString createdBy;
    QDateTime createdAt;
    QDateTime notBefore; // null when the envelope has none
    QDateTime deadline;
    QDateTime expiresAt;
    QString state = QStringLiteral("active");
    QString cancelledBy;
    QDateTime cancelledAt;
    QJsonObject summary; // what the console lists: e.g. {select, packages, reboot}
    QJsonObject rollout; // server-side scheduling (jobs/Rollout.h); empty: everything at once

    // Device jobs per state (list, find); states with none are absent.
    QMap<QString, qint64> counts;
    // Its device jobs (find only).
    QList<DeviceJob> devices;
};

// A device job ready to go to its device: the envelope as signed and the device's proof.
struct PendingJob {
    QString deploymentId;
    QByteArray envelope;
    QByteArray signature;
    QByteArray proof;
};

// A device to target, with its inclusion proof.
struct JobTarget {
    QString deviceId;
    QByteArray proof;
};

// One state change a device reported for a device job (JobRepository::applyEvent).
struct JobEvent {
    QString state;
    QDateTime at; // when it happened, by the device's clock
    QDateTime receivedAt; // when the server stored it
    QString reason;
    QString message;
    std::optional<qint64> exitCode;
    QString agentOutcome;
    QJsonValue items = QJsonValue::Undefined; // undefined: unchanged
    QByteArray itemsCbor; // the items' exact CBOR; empty when items is undefined
    QJsonValue output = QJsonValue::Undefined; // undefined: unchanged
    QByteArray receipt; // empty: unchanged
    QByteArray receiptSignature;
    QByteArray data; // the event as the agent sent it (CBOR), kept in job_events
};

} // namespace steward::server
