// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentRunner.h"

#include "AgentConnection.h"
#include "Messages.h"
#include "Spool.h"
#include "StewardAgentLogging.h"

#include <QDateTime>

namespace steward::agent
{

AgentRunner::AgentRunner(AgentState state, Spool &spool, ReportSource source, Options options, QObject *parent)
    : QObject(parent)
    , m_state(std::move(state))
    , m_spool(spool)
    , m_source(std::move(source))
    , m_options(options)
    , m_backoff(options.backoffInitial, options.backoffMaximum)
{
    m_reportTimer.setInterval(m_options.reportInterval);
    connect(&m_reportTimer, &QTimer::timeout, this, [this] {
        collect(false);
        sendNext();
    });
    m_heartbeatTimer.setInterval(m_options.heartbeatInterval);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
        if (m_connection && m_connection->isReady() && m_inFlight == 0) {
            m_connection->send(protocol::Heartbeat{QDateTime::currentSecsSinceEpoch()}.toCbor());
        }
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &AgentRunner::connectToServer);
}

AgentRunner::~AgentRunner() = default;

void AgentRunner::start()
{
    collect(false);
    if (!m_options.once) {
        m_reportTimer.start();
        m_heartbeatTimer.start();
    }
    connectToServer();
}

void AgentRunner::collect(bool full)
{
    Result<qint64> sequence = m_spool.enqueue(m_source(), QDateTime::currentSecsSinceEpoch(), full);
    if (!sequence) {
        // The previous reports stay spooled; this one is lost only because it could not be written.
        qCWarning(lcAgent).noquote() << "could not spool report:" << sequence.error().message;
        return;
    }
    qCInfo(lcAgent) << "spooled report" << sequence.value() << (full ? "(full)" : "");
}

void AgentRunner::connectToServer()
{
    if (m_connection) {
        return;
    }
    // Loaded on every connect so a renewed certificate is picked up without a restart.
    Result<tls::Identity> identity = tls::loadIdentity(m_state.certificatePath(), m_state.keyPath());
    if (!identity) {
        Q_EMIT finished(1, identity.error().message);
        return;
    }
    m_inFlight = 0;
    m_connection = new AgentConnection({m_state.serverHost, m_state.serverPort, m_state.caFingerprint}, identity.value(), this);
    connect(m_connection, &AgentConnection::ready, this, [this](const QString &deviceId) {
        if (deviceId != m_state.deviceId) {
            onFailed(makeError(QStringLiteral("agent.identity"), QStringLiteral("the server knows this certificate as another device")));
            return;
        }
        m_backoff.reset();
        qCInfo(lcAgent).noquote() << "connected as device" << deviceId;
        sendNext();
    });
    connect(m_connection, &AgentConnection::messageReceived, this, &AgentRunner::onMessage);
    connect(m_connection, &AgentConnection::failed, this, &AgentRunner::onFailed);
    m_connection->open();
}

void AgentRunner::sendNext()
{
    if (!m_connection || !m_connection->isReady() || m_inFlight != 0) {
        return;
    }
    const std::optional<Spool::Entry> entry = m_spool.oldest();
    if (!entry) {
        if (m_options.once) {
            m_connection->close();
            Q_EMIT finished(0, QString());
        }
        return;
    }
    m_inFlight = entry->sequence;
    const qint64 before = m_connection->framedBytesSent();
    m_connection->send(entry->message);
    const qint64 frameBytes = m_connection->framedBytesSent() - before;
    m_bytesSent += frameBytes;
    // Bandwidth is paid for by the megabyte at many sites: say what each report costs.
    qCInfo(lcAgent).noquote() << QStringLiteral("sending report %1 (%2, %3 of %4 sections, %5 bytes framed)")
                                     .arg(entry->sequence)
                                     .arg(entry->message.value(QLatin1String("full")).toBool() ? QStringLiteral("full") : QStringLiteral("delta"))
                                     .arg(entry->message.value(QLatin1String("sections")).toMap().size())
                                     .arg(entry->message.value(QLatin1String("hashes")).toMap().size())
                                     .arg(frameBytes);
}

void AgentRunner::onMessage(const QCborMap &message)
{
    switch (protocol::typeOf(message)) {
    case protocol::MessageType::Ack: {
        Result<protocol::Ack> ack = protocol::Ack::fromCbor(message);
        if (!ack) {
            return;
        }
        if (Status dropped = m_spool.acknowledge(ack.value().sequence); !dropped) {
            qCWarning(lcAgent).noquote() << "could not drop acknowledged report:" << dropped.error().message;
        }
        qCInfo(lcAgent) << "report" << ack.value().sequence << "acknowledged";
        Q_EMIT reportAcknowledged(ack.value().sequence);
        if (ack.value().sequence >= m_inFlight) {
            m_inFlight = 0;
        }
        sendNext();
        return;
    }
    case protocol::MessageType::Resync:
        qCInfo(lcAgent) << "server asked for a full report";
        if (Status forgotten = m_spool.forgetHashes(); !forgotten) {
            qCWarning(lcAgent).noquote() << forgotten.error().message;
        }
        collect(true);
        return;
    default:
        return; // unknown messages are ignored: newer servers may send more
    }
}

void AgentRunner::onFailed(const Error &error)
{
    if (m_connection) {
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_inFlight = 0;
    if (m_options.once) {
        Q_EMIT finished(1, error.message);
        return;
    }
    const std::chrono::milliseconds delay = m_backoff.next();
    qCInfo(lcAgent) << "reconnecting in" << delay.count() / 1000.0 << "s (attempt" << m_backoff.attempts() << ")";
    m_reconnectTimer.start(delay);
}

} // namespace steward::agent
