// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportHandler.h"

#include "Clock.h"
#include "Messages.h"
#include "StewardGatewayLogging.h"
#include "gateway/AgentSession.h"

namespace steward::server
{

void ReportHandler::handle(AgentSession &session, const QCborMap &message) const
{
    Result<protocol::Report> report = protocol::Report::fromCbor(message);
    if (!report) {
        session.abortWith(report.error().message);
        return;
    }
    const qint64 sequence = report.value().sequence;
    DeviceWrite write{session.deviceId(),
                      sequence,
                      report.value().sections,
                      report.value().hashes,
                      session.context().clock->now(),
                      false};
    session.submitWrite(std::move(write), [sequence](AgentSession &session, const Result<IngestOutcome> &outcome) {
        if (!outcome) {
            if (outcome.error().code == QLatin1String("report.sequence-jump")) {
                session.refuse(outcome.error().code, outcome.error().message);
                return;
            }
            // Not acknowledged: the agent keeps the report in its spool and sends it again later.
            qCWarning(lcGateway).noquote() << "report" << sequence << "of device" << session.deviceId()
                                           << "not stored:" << outcome.error().message;
            session.refuse(QStringLiteral("server.unavailable"),
                           QStringLiteral("the server could not store the report; it will be sent again"));
            return;
        }
        if (outcome.value() == IngestOutcome::Revoked) {
            session.abortWith(QStringLiteral("device revoked while connected"));
            return;
        }
        // Resync goes first so the agent has queued its full report before the ack empties its spool.
        if (outcome.value() == IngestOutcome::StoredNeedsResync) {
            qCInfo(lcGateway).noquote() << "device" << session.deviceId()
                                        << "section hashes disagree; asking for a full report";
            session.send(protocol::Resync{}.toCbor());
        }
        session.send(protocol::Ack{sequence}.toCbor());
        if (outcome.value() != IngestOutcome::Duplicate) {
            Q_EMIT session.reportStored(session.deviceId(), sequence);
        }
    });
}

void HeartbeatHandler::handle(AgentSession &session, const QCborMap &) const
{
    DeviceWrite contact;
    contact.deviceId = session.deviceId();
    contact.at = session.context().clock->now();
    contact.contactOnly = true;
    session.submitWrite(std::move(contact), [](AgentSession &session, const Result<IngestOutcome> &outcome) {
        if (!outcome) {
            // A heartbeat is not acknowledged; a missed contact time is not worth the connection.
            qCWarning(lcGateway).noquote()
                << "heartbeat of" << session.deviceId() << "not recorded:" << outcome.error().message;
            return;
        }
        if (outcome.value() == IngestOutcome::Revoked) {
            session.abortWith(QStringLiteral("device revoked while connected"));
        }
    });
}

} // namespace steward::server
