// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentGateway.h"

#include "AgentSession.h"
#include "ReportWriter.h"
#include "StewardGatewayLogging.h"
#include "StoreWorkers.h"
#include "handlers/EnrolmentHandler.h"
#include "handlers/JobHandlers.h"
#include "handlers/ReportHandler.h"
#include "store/Repositories.h"

#include <QSslServer>
#include <QSslSocket>

namespace steward::server
{

AgentGateway::AgentGateway(GatewayContext context, const tls::Identity &serverIdentity, QObject *parent)
    : QObject(parent)
    , m_workers(std::make_unique<StoreWorkers>(m_directory, context.storeThreads))
    , m_writer(std::make_unique<ReportWriter>(context.store->devices, m_directory))
    , m_context(std::move(context))
    , m_server(new QSslServer(this))
{
    // One handler per message kind; a kind without one is logged and ignored by the session.
    const auto add = [this](protocol::MessageType type, std::unique_ptr<MessageHandler> handler) {
        m_handlers.insert(type, handler.get());
        m_ownedHandlers.push_back(std::move(handler));
    };
    add(protocol::MessageType::Enroll, std::make_unique<EnrolmentHandler>());
    add(protocol::MessageType::Report, std::make_unique<ReportHandler>());
    add(protocol::MessageType::Heartbeat, std::make_unique<HeartbeatHandler>());
    add(protocol::MessageType::Renew, std::make_unique<RenewalHandler>());
    add(protocol::MessageType::JobAck, std::make_unique<JobAckHandler>());
    add(protocol::MessageType::JobEvent, std::make_unique<JobEventHandler>());
    m_context.workers = m_workers.get();
    m_context.writer = m_writer.get();
    m_context.handlers = &m_handlers;

    m_server->setSslConfiguration(
        tls::agentGateway(serverIdentity, QSslCertificate(m_context.ca.certificatePem, QSsl::Pem)));
    m_server->setHandshakeTimeout(5000);
    // QSslServer counts connections still handshaking as pending; the default of 30 let a
    // handful of idle TCP connections shut every agent out.
    m_server->setMaxPendingConnections(1024);
    connect(m_server, &QSslServer::pendingConnectionAvailable, this, &AgentGateway::acceptPending);
    connect(m_server, &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
        qCWarning(lcGateway).noquote() << "TLS handshake with" << socket->peerAddress().toString()
                                       << "failed:" << socket->errorString();
    });
    connect(m_server, &QSslServer::handshakeInterruptedOnError, this, [](QSslSocket *socket, const QSslError &error) {
        qCWarning(lcGateway).noquote() << "TLS handshake with" << socket->peerAddress().toString()
                                       << "refused:" << error.errorString();
    });
}

AgentGateway::~AgentGateway()
{
    // Sessions go first: they leave the directory, and the writer and workers they use outlive
    // them. Then the workers and the writer finish what is under way, while the context their
    // work reads is still here.
    qDeleteAll(findChildren<AgentSession *>(Qt::FindDirectChildrenOnly));
    m_workers.reset();
    m_writer.reset();
}

Status AgentGateway::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        return makeError(QStringLiteral("gateway.listen"),
                         QStringLiteral("cannot listen for agents on %1:%2: %3")
                             .arg(address.toString())
                             .arg(port)
                             .arg(m_server->errorString()));
    }
    qCInfo(lcGateway).noquote() << "listening for agents on"
                                << address.toString() + QLatin1Char(':') + QString::number(m_server->serverPort());
    return Ok{};
}

quint16 AgentGateway::port() const
{
    return m_server->serverPort();
}

int AgentGateway::sessionCount() const
{
    return m_directory.size();
}

void AgentGateway::disconnectDevice(const QString &deviceId)
{
    for (AgentSession *session : m_directory.sessionsOf(deviceId)) {
        session->disconnectRevoked();
    }
}

void AgentGateway::offerJobs(const QStringList &deviceIds)
{
    for (const QString &deviceId : deviceIds) {
        for (AgentSession *session : m_directory.sessionsOf(deviceId)) {
            session->offerJobs();
        }
    }
}

void AgentGateway::cancelJob(const QString &jobId, const QStringList &deviceIds)
{
    const QCborMap message = protocol::JobCancel{jobId}.toCbor();
    for (const QString &deviceId : deviceIds) {
        for (AgentSession *session : m_directory.sessionsOf(deviceId)) {
            if (session->peerHas(protocol::capability::kJobs)) {
                session->send(message);
            }
        }
    }
}

ReportWriter::Stats AgentGateway::writerStats() const
{
    return m_writer->stats();
}

bool AgentGateway::sendTo(const QString &deviceId, const QCborMap &message)
{
    const QList<AgentSession *> sessions = m_directory.sessionsOf(deviceId);
    for (AgentSession *session : sessions) {
        session->send(message);
    }
    return !sessions.isEmpty();
}

void AgentGateway::acceptPending()
{
    while (m_server->hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection());
        if (!socket) {
            continue;
        }
        if (sessionCount() >= m_context.maxSessions) {
            qCWarning(lcGateway).noquote() << "refusing" << socket->peerAddress().toString() << "- session limit"
                                           << m_context.maxSessions << "reached";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Each frame is written whole; Nagle would only hold small ones (a job offer, an ack)
        // back until the peer's delayed ACK, about 40 ms each.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *session = new AgentSession(socket, m_context, m_directory, this);
        connect(session, &AgentSession::deviceEnrolled, this, &AgentGateway::deviceEnrolled);
        connect(session, &AgentSession::reportStored, this, &AgentGateway::reportStored);
    }
}

} // namespace steward::server
