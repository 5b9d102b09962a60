// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentSession.h"

#include "Clock.h"
#include "Messages.h"
#include "StewardGatewayLogging.h"
#include "auth/Credentials.h"
#include "steward_version.h"
#include "store/Repositories.h"

#include <QCryptographicHash>
#include <QSslSocket>
#include <QUuid>

namespace steward::server
{

AgentSession::AgentSession(QSslSocket *socket, const GatewayContext &context, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_context(context)
    , m_decoder(context.maxUnauthenticatedFrameSize)
{
    m_socket->setParent(this);
    // The session owns its lifetime from the first instant: even a peer refused inside this
    // constructor (bad certificate) is deleted, not leaked.
    connect(this, &AgentSession::finished, this, &QObject::deleteLater);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        // Also reaps a session stuck in refuse() behind a peer that stopped reading.
        m_closing = false;
        abortWith(m_authenticated ? QStringLiteral("idle timeout") : QStringLiteral("no hello or enrolment within the time limit"));
    });
    m_timeout.start(m_context.helloTimeoutMs);
    connect(m_socket, &QSslSocket::readyRead, this, &AgentSession::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &AgentSession::finish);
    if (m_socket->isEncrypted()) {
        onEncrypted();
    } else {
        connect(m_socket, &QSslSocket::encrypted, this, &AgentSession::onEncrypted);
    }
}

AgentSession::~AgentSession() = default;

QString AgentSession::peer() const
{
    return m_socket->peerAddress().toString() + QLatin1Char(':') + QString::number(m_socket->peerPort());
}

void AgentSession::abortWith(const QString &reason)
{
    if (m_closing) {
        return;
    }
    m_closing = true;
    qCWarning(lcGateway).noquote() << "closing connection from" << peer() << (m_deviceId.isEmpty() ? QString() : QStringLiteral("device ") + m_deviceId)
                                   << "-" << reason;
    m_socket->abort();
    finish();
}

void AgentSession::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_timeout.stop();
    Q_EMIT finished();
}

void AgentSession::disconnectRevoked()
{
    m_closing = false;
    abortWith(QStringLiteral("device revoked"));
}

bool AgentSession::stillAllowed()
{
    const Result<std::optional<CertificateStatus>> status = m_context.store->enrolment.certificateStatus(m_fingerprint);
    if (!status) {
        // Not "revoked": the agent keeps its reports and comes back when the database does.
        refuse(QStringLiteral("server.unavailable"), QStringLiteral("the server cannot reach its database; try again later"));
        qCWarning(lcGateway).noquote() << "database:" << status.error().message;
        return false;
    }
    if (!status.value() || status.value()->revoked) {
        abortWith(QStringLiteral("device revoked while connected"));
        return false;
    }
    return true;
}

void AgentSession::audit(const QString &action, const QString &target, const QString &outcome, const QString &detail)
{
    const AuditEntry entry{m_context.clock->now(), QStringLiteral("agent"), action, target, outcome, peer(), detail};
    if (Status written = m_context.store->audit.append(entry); !written) {
        qCWarning(lcGateway).noquote() << "audit row for" << action << "of" << target << "not written:" << written.error().message;
    }
}

// Sends an error the agent can show, then closes once it is written.
void AgentSession::refuse(const QString &code, const QString &message)
{
    qCWarning(lcGateway).noquote() << "refused" << peer() << code << "-" << message;
    send(protocol::ErrorMessage{code, message}.toCbor());
    m_closing = true;
    m_socket->disconnectFromHost();
}

void AgentSession::onEncrypted()
{
    const QSslCertificate certificate = m_socket->peerCertificate();
    if (certificate.isNull()) {
        return; // enrolment-only session
    }
    const QByteArray pem = certificate.toPem();
    Status issued = pki::verifyIssuedBy(pem, m_context.ca.certificatePem, m_context.clock->now(), pki::Usage::Client);
    if (!issued) {
        abortWith(QStringLiteral("client certificate refused: %1").arg(issued.error().message));
        return;
    }
    const QString fingerprint = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
    const Result<std::optional<CertificateStatus>> found = m_context.store->enrolment.certificateStatus(fingerprint);
    if (!found) {
        qCWarning(lcGateway).noquote() << "database:" << found.error().message;
        refuse(QStringLiteral("server.unavailable"), QStringLiteral("the server cannot reach its database; try again later"));
        return;
    }
    const std::optional<CertificateStatus> &status = found.value();
    if (!status) {
        abortWith(QStringLiteral("client certificate %1 is not registered to any device").arg(fingerprint));
        return;
    }
    if (status->revoked) {
        m_deviceId = status->deviceId;
        abortWith(QStringLiteral("client certificate refused: device is revoked"));
        return;
    }
    m_deviceId = status->deviceId;
    m_fingerprint = fingerprint;
    m_authenticated = true;
    m_timeout.start(m_context.idleTimeoutMs);
    m_decoder.setMaxFrameSize(m_context.maxFrameSize);
    qCInfo(lcGateway).noquote() << "device" << m_deviceId << "connected from" << peer();
}

void AgentSession::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    m_decoder.append(m_socket->readAll());
    while (!m_closing) {
        Result<std::optional<QCborMap>> next = m_decoder.next();
        if (!next) {
            abortWith(next.error().message);
            return;
        }
        if (!next.value()) {
            return;
        }
        // Only a proven device earns more time; an anonymous peer gets one window to enrol in.
        if (m_authenticated) {
            m_timeout.start(m_context.idleTimeoutMs);
        }
        handle(*next.value());
    }
}

void AgentSession::handle(const QCborMap &message)
{
    const protocol::MessageType type = protocol::typeOf(message);
    if (!m_helloReceived && type != protocol::MessageType::Hello) {
        abortWith(QStringLiteral("first message was not hello"));
        return;
    }
    switch (type) {
    case protocol::MessageType::Hello:
        handleHello(message);
        return;
    case protocol::MessageType::Enroll:
        handleEnroll(message);
        return;
    case protocol::MessageType::Report:
        handleReport(message);
        return;
    case protocol::MessageType::Renew:
        handleRenew(message);
        return;
    case protocol::MessageType::Heartbeat:
        if (m_authenticated && stillAllowed()) {
            if (Status touched = m_context.store->devices.touch(m_deviceId, m_context.clock->now()); !touched) {
                qCWarning(lcGateway).noquote() << "heartbeat of" << m_deviceId << "not recorded:" << touched.error().message;
            }
        }
        return;
    case protocol::MessageType::Error:
        // Peer text is bounded and kept on one line before it reaches the log.
        qCInfo(lcGateway).noquote() << "agent" << peer() << "reported an error:"
                                    << message.value(QLatin1String("message")).toString().left(200).simplified();
        return;
    default:
        abortWith(QStringLiteral("unexpected message type \"%1\"").arg(message.value(QLatin1String("t")).toString()));
        return;
    }
}

void AgentSession::handleHello(const QCborMap &message)
{
    Result<protocol::Hello> hello = protocol::Hello::fromCbor(message);
    if (!hello) {
        abortWith(hello.error().message);
        return;
    }
    if (hello.value().version != protocol::kVersion) {
        refuse(QStringLiteral("protocol.unsupported"),
               QStringLiteral("protocol version %1 is not supported (server speaks %2)").arg(hello.value().version).arg(protocol::kVersion));
        return;
    }
    m_helloReceived = true;
    protocol::Welcome welcome{protocol::kVersion, QStringLiteral(STEWARD_VERSION_STRING), m_deviceId};
    if (m_authenticated) {
        // Lets an agent whose spool was lost continue above what is stored instead of being
        // acknowledged as a duplicate (docs/protocol.md).
        const Result<qint64> last = m_context.store->devices.lastSequence(m_deviceId);
        if (!last) {
            qCWarning(lcGateway).noquote() << "database:" << last.error().message;
            refuse(QStringLiteral("server.unavailable"), QStringLiteral("the server cannot reach its database; try again later"));
            return;
        }
        welcome.lastSequence = last.value();
    }
    send(welcome.toCbor());
}

void AgentSession::handleEnroll(const QCborMap &message)
{
    if (m_authenticated) {
        refuse(QStringLiteral("enroll.already-enrolled"), QStringLiteral("this agent already has a device certificate"));
        return;
    }
    Result<protocol::Enroll> enroll = protocol::Enroll::fromCbor(message);
    if (!enroll) {
        refuse(QStringLiteral("enroll.invalid"), enroll.error().message);
        return;
    }
    EnrolmentRepository &enrolment = m_context.store->enrolment;
    const QDateTime now = m_context.clock->now();
    const QByteArray tokenHash = credentials::tokenHash(enroll.value().token);
    const QString hostname = enroll.value().hostname.left(255);
    // Check before signing so a bad token costs no CA operation; enrollDevice() checks again atomically.
    if (Status usable = enrolment.checkToken(tokenHash, now); !usable) {
        refuseEnrolment(usable.error(), hostname);
        return;
    }
    Result<quint64> serial = enrolment.nextSerial();
    if (!serial) {
        refuse(QStringLiteral("server.error"), QStringLiteral("the server could not issue a certificate"));
        return;
    }
    NewDevice device;
    device.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    device.hostname = hostname;
    device.serial = serial.value();
    Result<QByteArray> certificate = issueDeviceCertificate(device.id, enroll.value().csrPem, device.serial);
    if (!certificate) {
        audit(QStringLiteral("device.enroll"), hostname, QStringLiteral("denied"), certificate.error().code);
        refuse(QStringLiteral("enroll.csr-invalid"), certificate.error().message);
        return;
    }
    device.fingerprint = pki::fingerprint(certificate.value()).value();
    device.notAfter = now.addDays(m_context.deviceCertificateDays);
    if (Status stored = enrolment.enrollDevice(tokenHash, device, now); !stored) {
        refuseEnrolment(stored.error(), hostname);
        return;
    }
    audit(QStringLiteral("device.enroll"), device.id, QStringLiteral("ok"), QStringLiteral("hostname %1, certificate serial %2").arg(hostname).arg(device.serial));
    qCInfo(lcGateway).noquote() << "enrolled device" << device.id << "hostname" << hostname << "from" << peer();
    send(protocol::Enrolled{device.id, certificate.value(), m_context.ca.certificatePem}.toCbor());
    Q_EMIT deviceEnrolled(device.id);
}

void AgentSession::refuseEnrolment(const Error &error, const QString &hostname)
{
    if (error.code.startsWith(QLatin1String("store."))) {
        // The token may be fine: say so, rather than that it is unknown or used up.
        qCWarning(lcGateway).noquote() << "database:" << error.message;
        refuse(QStringLiteral("server.unavailable"), QStringLiteral("the server cannot reach its database; try again later"));
        return;
    }
    audit(QStringLiteral("device.enroll"), hostname, QStringLiteral("denied"), error.code);
    refuse(error.code, error.message);
}

Result<QByteArray> AgentSession::issueDeviceCertificate(const QString &deviceId, const QByteArray &csrPem, quint64 serial) const
{
    pki::SigningRequest request;
    request.csrPem = csrPem;
    request.commonName = deviceId;
    request.serial = serial;
    request.validDays = m_context.deviceCertificateDays;
    request.usage = pki::Usage::Client;
    return pki::signCsr(request, m_context.ca);
}

void AgentSession::handleRenew(const QCborMap &message)
{
    if (!m_authenticated) {
        abortWith(QStringLiteral("renewal without a device certificate"));
        return;
    }
    if (!stillAllowed()) {
        return;
    }
    Result<protocol::Renew> renew = protocol::Renew::fromCbor(message);
    if (!renew) {
        abortWith(renew.error().message);
        return;
    }
    EnrolmentRepository &enrolment = m_context.store->enrolment;
    const QDateTime now = m_context.clock->now();
    Result<quint64> serial = enrolment.nextSerial();
    Result<QByteArray> certificate = serial ? issueDeviceCertificate(m_deviceId, renew.value().csrPem, serial.value()) : Result<QByteArray>(serial.error());
    Status stored = certificate ? enrolment.addCertificate(m_deviceId, serial.value(), pki::fingerprint(certificate.value()).value(),
                                                           now.addDays(m_context.deviceCertificateDays), now)
                                : Status(certificate.error());
    audit(QStringLiteral("device.renew"), m_deviceId, stored ? QStringLiteral("ok") : QStringLiteral("denied"),
          stored ? QStringLiteral("certificate serial %1").arg(serial.value()) : stored.error().code);
    if (!stored) {
        refuse(QStringLiteral("renew.failed"), stored.error().message);
        return;
    }
    qCInfo(lcGateway).noquote() << "renewed certificate of device" << m_deviceId << "serial" << serial.value();
    send(protocol::Renewed{certificate.value()}.toCbor());
}

void AgentSession::handleReport(const QCborMap &message)
{
    if (!m_authenticated) {
        abortWith(QStringLiteral("report without a device certificate"));
        return;
    }
    Result<protocol::Report> report = protocol::Report::fromCbor(message);
    if (!report) {
        abortWith(report.error().message);
        return;
    }
    // Revocation is checked inside the report's transaction.
    const protocol::Report &r = report.value();
    Result<IngestOutcome> outcome = m_context.store->devices.ingestReport(m_deviceId, r.sequence, r.sections, r.hashes, m_context.clock->now());
    if (!outcome) {
        // Not acknowledged: the agent keeps the report in its spool and sends it again later.
        qCWarning(lcGateway).noquote() << "report" << r.sequence << "of device" << m_deviceId << "not stored:" << outcome.error().message;
        refuse(QStringLiteral("server.unavailable"), QStringLiteral("the server could not store the report; it will be sent again"));
        return;
    }
    if (outcome.value() == IngestOutcome::Revoked) {
        abortWith(QStringLiteral("device revoked while connected"));
        return;
    }
    // Resync goes first so the agent has queued its full report before the ack empties its spool.
    if (outcome.value() == IngestOutcome::StoredNeedsResync) {
        qCInfo(lcGateway).noquote() << "device" << m_deviceId << "section hashes disagree; asking for a full report";
        send(protocol::Resync{}.toCbor());
    }
    send(protocol::Ack{r.sequence}.toCbor());
    if (outcome.value() != IngestOutcome::Duplicate) {
        Q_EMIT reportStored(m_deviceId, r.sequence);
    }
}

void AgentSession::send(const QCborMap &message)
{
    // A peer that does not read its answers must not make the server buffer without bound.
    if (m_socket->bytesToWrite() > kMaxUnsentBytes) {
        abortWith(QStringLiteral("peer is not reading (%1 bytes unsent)").arg(m_socket->bytesToWrite()));
        return;
    }
    m_socket->write(FrameCodec::encode(message));
}

} // namespace steward::server
