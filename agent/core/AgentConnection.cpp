// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentConnection.h"

#include "Clock.h"

#include "StewardAgentLogging.h"
#include "steward_version.h"

#include <QSslSocket>

namespace steward::agent
{

AgentConnection::AgentConnection(Endpoint endpoint,
                                 std::optional<tls::Identity> identity,
                                 const Clock &clock,
                                 QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_clock(clock)
    , m_socket(new QSslSocket(this))
{
    m_socket->setSslConfiguration(tls::agentClient(identity));
    m_socket->setPeerVerifyName(m_endpoint.host);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(makeError(QStringLiteral("connection.timeout"),
                       QStringLiteral("no answer from %1:%2 in time").arg(m_endpoint.host).arg(m_endpoint.port)));
    });
    connect(m_socket, &QSslSocket::connected, this, [this] {
        // A peer that vanishes without a FIN (NAT state dropped, cable pulled) is otherwise only
        // noticed when we next write; the kernel probes an idle link for us.
        m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        // Frames go out whole: a job-ack or event need not wait for the server's delayed ACK.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    });
    connect(m_socket, &QSslSocket::encrypted, this, &AgentConnection::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &AgentConnection::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        const QString reason = error == QAbstractSocket::RemoteHostClosedError
            ? QStringLiteral(
                "the server closed the connection (certificate refused or revoked, or server shutting down)")
            : m_socket->errorString();
        fail(makeError(QStringLiteral("connection.failed"),
                       QStringLiteral("%1:%2: %3").arg(m_endpoint.host).arg(m_endpoint.port).arg(reason)));
    });
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        fail(makeError(QStringLiteral("connection.closed"), QStringLiteral("the server closed the connection")));
    });
}

AgentConnection::~AgentConnection() = default;

void AgentConnection::open(std::chrono::milliseconds timeout)
{
    m_timeout.start(timeout);
    m_socket->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
}

void AgentConnection::onEncrypted()
{
    Result<QSslCertificate> ca = tls::verifyPinnedPeer(m_socket->peerCertificateChain(),
                                                       m_endpoint.caFingerprint,
                                                       m_endpoint.host,
                                                       m_clock.now());
    if (!ca) {
        fail(ca.error());
        return;
    }
    m_pinnedCa = ca.value();
    protocol::Hello hello{
        protocol::kVersion,
        QStringLiteral(STEWARD_VERSION_STRING),
        protocol::kMinVersion,
        {protocol::capability::kDeltaReports, protocol::capability::kRenewal, protocol::capability::kResync}};
    if (m_takesJobs) {
        hello.capabilities.append(protocol::capability::kJobs);
        hello.operatorListVersion = m_operatorListVersion;
    }
    send(hello.toCbor());
}

void AgentConnection::onReadyRead()
{
    m_decoder.append(m_socket->readAll());
    while (!m_failed) {
        Result<std::optional<QCborMap>> next = m_decoder.next();
        if (!next) {
            fail(next.error());
            return;
        }
        if (!next.value()) {
            return;
        }
        const QCborMap message = *next.value();
        switch (protocol::typeOf(message)) {
        case protocol::MessageType::Welcome: {
            Result<protocol::Welcome> welcome = protocol::Welcome::fromCbor(message);
            if (!welcome) {
                fail(welcome.error());
                return;
            }
            m_timeout.stop();
            m_ready = true;
            Q_EMIT ready(welcome.value().deviceId, welcome.value().lastSequence);
            break;
        }
        case protocol::MessageType::Error: {
            const protocol::ErrorMessage error = protocol::ErrorMessage::fromCbor(message).value();
            fail(makeError(error.code, QStringLiteral("the server refused: %1").arg(error.message)));
            return;
        }
        default:
            Q_EMIT messageReceived(message);
        }
    }
}

void AgentConnection::send(const QCborMap &message)
{
    const QByteArray frame = FrameCodec::encode(message);
    m_bytesSent += frame.size();
    m_socket->write(frame);
}

void AgentConnection::close()
{
    m_failed = true; // a deliberate close is not a failure to report
    m_ready = false;
    m_timeout.stop();
    m_socket->disconnectFromHost();
}

void AgentConnection::abort()
{
    m_failed = true; // as for close(): the caller knows why, and frames still buffered are not delivered
    m_ready = false;
    m_timeout.stop();
    m_socket->abort();
}

void AgentConnection::fail(const Error &error)
{
    if (m_failed) {
        return;
    }
    m_failed = true;
    m_ready = false;
    m_timeout.stop();
    m_socket->abort();
    qCWarning(lcAgent).noquote() << "connection to"
                                 << m_endpoint.host + QLatin1Char(':') + QString::number(m_endpoint.port)
                                 << "failed:" << error.message;
    Q_EMIT failed(error);
}

} // namespace steward::agent
