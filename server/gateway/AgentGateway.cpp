// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentGateway.h"

#include "AgentSession.h"
#include "StewardGatewayLogging.h"

#include <QSslServer>
#include <QSslSocket>

namespace steward::server
{

AgentGateway::AgentGateway(GatewayContext context, const tls::Identity &serverIdentity, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_server(new QSslServer(this))
{
    m_server->setSslConfiguration(tls::agentGateway(serverIdentity, QSslCertificate(m_context.ca.certificatePem, QSsl::Pem)));
    m_server->setHandshakeTimeout(5000);
    // QSslServer counts connections still handshaking as pending; the default of 30 let a
    // handful of idle TCP connections shut every agent out.
    m_server->setMaxPendingConnections(1024);
    connect(m_server, &QSslServer::pendingConnectionAvailable, this, &AgentGateway::acceptPending);
    connect(m_server, &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
        qCWarning(lcGateway).noquote() << "TLS handshake with" << socket->peerAddress().toString() << "failed:" << socket->errorString();
    });
    connect(m_server, &QSslServer::handshakeInterruptedOnError, this, [](QSslSocket *socket, const QSslError &error) {
        qCWarning(lcGateway).noquote() << "TLS handshake with" << socket->peerAddress().toString() << "refused:" << error.errorString();
    });
}

AgentGateway::~AgentGateway() = default;

Status AgentGateway::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        return makeError(QStringLiteral("gateway.listen"),
                         QStringLiteral("cannot listen for agents on %1:%2: %3").arg(address.toString()).arg(port).arg(m_server->errorString()));
    }
    qCInfo(lcGateway).noquote() << "listening for agents on" << address.toString() + QLatin1Char(':') + QString::number(m_server->serverPort());
    return Ok{};
}

quint16 AgentGateway::port() const
{
    return m_server->serverPort();
}

int AgentGateway::sessionCount() const
{
    return int(findChildren<AgentSession *>(Qt::FindDirectChildrenOnly).size());
}

void AgentGateway::disconnectDevice(const QString &deviceId)
{
    for (AgentSession *session : findChildren<AgentSession *>(Qt::FindDirectChildrenOnly)) {
        if (session->deviceId() == deviceId) {
            session->disconnectRevoked();
        }
    }
}

void AgentGateway::acceptPending()
{
    while (m_server->hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection());
        if (!socket) {
            continue;
        }
        if (sessionCount() >= m_context.maxSessions) {
            qCWarning(lcGateway).noquote() << "refusing" << socket->peerAddress().toString() << "- session limit" << m_context.maxSessions << "reached";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *session = new AgentSession(socket, m_context, this);
        connect(session, &AgentSession::deviceEnrolled, this, &AgentGateway::deviceEnrolled);
        connect(session, &AgentSession::reportStored, this, &AgentGateway::reportStored);
    }
}

} // namespace steward::server
