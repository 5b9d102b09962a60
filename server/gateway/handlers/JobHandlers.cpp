// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobHandlers.h"

#include "Clock.h"
#include "Messages.h"
#include "StewardGatewayLogging.h"
#include "gateway/AgentSession.h"
#include "jobs/JobItems.h"
#include "store/Repositories.h"

#include <QCborArray>
#include <QJsonObject>
#include <QTimeZone>

namespace steward::server
{

namespace
{
// {head, tail, totalBytes, sha256 (hex)}: the agent bounded and redacted it before it left.
QJsonValue outputJson(const QCborValue &output)
{
    if (!output.isMap()) {
        return QJsonValue(QJsonValue::Undefined);
    }
    const QCborMap map = output.toMap();
    return QJsonObject{
        {QStringLiteral("head"), map.value(QLatin1String("head")).toString()},
        {QStringLiteral("tail"), map.value(QLatin1String("tail")).toString()},
        {QStringLiteral("totalBytes"), map.value(QLatin1String("totalBytes")).toInteger()},
        {QStringLiteral("sha256"), QString::fromLatin1(map.value(QLatin1String("sha256")).toByteArray().toHex())}};
}
}

void JobAckHandler::handle(AgentSession &session, const QCborMap &message) const
{
    Result<protocol::JobAck> ack = protocol::JobAck::fromCbor(message);
    if (!ack) {
        session.abortWith(ack.error().message);
        return;
    }
    Repositories *store = session.context().store;
    const QDateTime now = session.context().clock->now();
    session.runInStore<Result<int>>(
        [store, deviceId = session.deviceId(), ids = ack.value().ids, now] {
            return store->jobs.markDelivered(deviceId, ids, now);
        },
        [full = ack.value().ids.size() >= JobRepository::kOfferLimit](AgentSession &session,
                                                                      const Result<int> &marked) {
            if (!marked) {
                // The agent has the jobs whatever the store says; they are offered again next
                // time and acknowledged again, which changes nothing on the agent.
                qCWarning(lcGateway).noquote()
                    << "could not mark jobs of" << session.deviceId() << "delivered:" << marked.error().message;
            } else if (full) {
                session.offerJobs(); // a full offer: more may be waiting
            }
        });
}

void JobEventHandler::handle(AgentSession &session, const QCborMap &message) const
{
    Result<protocol::JobEvent> parsed = protocol::JobEvent::fromCbor(message);
    if (!parsed) {
        session.abortWith(parsed.error().message);
        return;
    }
    const protocol::JobEvent &sent = parsed.value();
    JobEvent event;
    event.state = sent.state;
    event.at = QDateTime::fromSecsSinceEpoch(sent.at, Qt::UTC);
    event.receivedAt = session.context().clock->now();
    event.reason = sent.reason;
    event.message = sent.message;
    event.exitCode = sent.exitCode;
    if (sent.items.isArray()) {
        // The exact bytes the device's receipt covers (itemsDigest), kept for whoever checks it.
        event.itemsCbor = sent.items.toCbor();
        event.items = jobs::itemsView(sent.items.toArray());
    }
    event.output = outputJson(sent.output);
    if (sent.receipt) {
        event.receipt = sent.receipt->document;
        event.receiptSignature = sent.receipt->signature;
    }
    event.data = QCborValue(message).toCbor();
    const qint64 sequence = sent.sequence;
    Repositories *store = session.context().store;
    session.runInStore<Result<JobEventOutcome>>(
        [store, deviceId = session.deviceId(), sequence, id = sent.id, event] {
            return store->jobs.applyEvent(deviceId, sequence, id, event);
        },
        [sequence, id = sent.id, state = sent.state](AgentSession &session, const Result<JobEventOutcome> &outcome) {
            if (!outcome) {
                if (outcome.error().code == QLatin1String("job.state-invalid")) {
                    // Acknowledged anyway: sending it again would never make it valid, and it
                    // would block every later event and report of this device.
                    qCWarning(lcGateway).noquote() << "device" << session.deviceId() << "sent job event" << sequence
                                                   << "with a bad state:" << outcome.error().message;
                    session.send(protocol::Ack{sequence}.toCbor());
                    return;
                }
                if (outcome.error().code == QLatin1String("device.revoked")) {
                    session.abortWith(QStringLiteral("device revoked while connected"));
                    return;
                }
                if (outcome.error().code == QLatin1String("job.sequence-jump")) {
                    // As for a report: "try again later" would only bring the same event back.
                    session.refuse(outcome.error().code, outcome.error().message);
                    return;
                }
                qCWarning(lcGateway).noquote() << "job event" << sequence << "of device" << session.deviceId()
                                               << "not stored:" << outcome.error().message;
                session.refuse(QStringLiteral("server.unavailable"),
                               QStringLiteral("the server could not store the job event; it will be sent again"));
                return;
            }
            if (outcome.value() == JobEventOutcome::Applied) {
                qCInfo(lcGateway).noquote() << "device" << session.deviceId() << "job" << id << "is now" << state;
            }
            session.send(protocol::Ack{sequence}.toCbor());
        });
}

} // namespace steward::server
