// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentSession.h"

#include "Clock.h"
#include "Messages.h"
#include "StewardGatewayLogging.h"
#include "handlers/MessageHandler.h"
#include "steward_version.h"
#include "store/Repositories.h"

#include <QCryptographicHash>
#include <QSslSocket>

namespace steward::server
{

AgentSession::AgentSession(QSslSocket *socket,
                           const GatewayContext &context,
                           SessionDirectory &directory,
                           QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_context(context)
    , m_directory(directory)
    , m_id(directory.add(this))
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
        abortWith(m_authenticated ? QStringLiteral("idle timeout")
                                  : QStringLiteral("no hello or enrolment within the time limit"));
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

AgentSession::~AgentSession()
{
    m_directory.remove(m_id);
}

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
    qCWarning(lcGateway).noquote() << "closing connection from" << peer()
                                   << (m_deviceId.isEmpty() ? QString() : QStringLiteral("device ") + m_deviceId) << "-"
                                   << reason;
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
    // Results of store work still under way find no session and are dropped.
    m_directory.remove(m_id);
    Q_EMIT finished();
}

void AgentSession::disconnectRevoked()
{
    m_closing = false;
    abortWith(QStringLiteral("device revoked"));
}

void AgentSession::refuse(const QString &code, const QString &message)
{
    qCWarning(lcGateway).noquote() << "refused" << peer() << code << "-" << message;
    send(protocol::ErrorMessage{code, message}.toCbor());
    closeWhenWritten();
}

void AgentSession::refuseUnavailable(const QString &why)
{
    qCWarning(lcGateway).noquote() << "database:" << why;
    refuse(QStringLiteral("server.unavailable"),
           QStringLiteral("the server cannot reach its database; try again later"));
}

void AgentSession::closeWhenWritten()
{
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
    // Until the store says whose certificate this is, messages wait in the queue.
    const QString fingerprint = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
    Repositories *store = m_context.store;
    runInStore<Result<std::optional<CertificateStatus>>>(
        [store, fingerprint] {
            return store->enrolment.certificateStatus(fingerprint);
        },
        [fingerprint](AgentSession &session, const Result<std::optional<CertificateStatus>> &found) {
            if (!found) {
                session.refuseUnavailable(found.error().message);
                return;
            }
            const std::optional<CertificateStatus> &status = found.value();
            if (!status) {
                session.abortWith(
                    QStringLiteral("client certificate %1 is not registered to any device").arg(fingerprint));
                return;
            }
            if (status->revoked) {
                session.m_deviceId = status->deviceId;
                session.abortWith(QStringLiteral("client certificate refused: device is revoked"));
                return;
            }
            session.authenticated(status->deviceId, fingerprint);
        });
}

void AgentSession::authenticated(const QString &deviceId, const QString &fingerprint)
{
    m_deviceId = deviceId;
    m_fingerprint = fingerprint;
    m_authenticated = true;
    m_directory.bindDevice(m_id, deviceId);
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
            break;
        }
        if (m_queued.size() >= m_context.maxQueuedMessages) {
            abortWith(
                QStringLiteral("more than %1 messages sent ahead of their answers").arg(m_context.maxQueuedMessages));
            return;
        }
        m_queued.enqueue(*next.value());
    }
    processQueued();
}

void AgentSession::offerJobs()
{
    if (!m_authenticated || !peerHas(protocol::capability::kJobs)) {
        return;
    }
    m_jobsOfferWanted = true;
    processQueued();
}

void AgentSession::sendJobOffer()
{
    struct Offer {
        std::optional<OperatorListRecord> operators;
        QList<PendingJob> jobs;
        QStringList cancelled; // cancels the device may have missed while offline
    };
    Repositories *store = m_context.store;
    const QDateTime now = m_context.clock->now();
    runInStore<Result<Offer>>(
        [store, deviceId = m_deviceId, now]() -> Result<Offer> {
            Result<std::optional<OperatorListRecord>> operators = store->signing.current();
            if (!operators) {
                return operators.error();
            }
            Result<QList<PendingJob>> jobs = store->jobs.undelivered(deviceId, now);
            if (!jobs) {
                return jobs.error();
            }
            Result<QStringList> cancelled = store->jobs.cancelledOnDevice(deviceId, now);
            if (!cancelled) {
                return cancelled.error();
            }
            return Offer{operators.value(), jobs.value(), cancelled.value()};
        },
        [](AgentSession &session, const Result<Offer> &offer) {
            if (!offer) {
                // Offered again at the next hello or the next job for this device.
                qCWarning(lcGateway).noquote()
                    << "cannot read the jobs of" << session.deviceId() << ":" << offer.error().message;
                return;
            }
            for (const QString &id : offer.value().cancelled) {
                session.send(protocol::JobCancel{id}.toCbor());
            }
            protocol::Jobs message;
            const std::optional<OperatorListRecord> &operators = offer.value().operators;
            if (operators && operators->version > session.m_operatorListVersion) {
                message.operators = protocol::SignedBytes{operators->document, operators->signature};
            }
            for (const PendingJob &job : offer.value().jobs) {
                message.jobs.append(protocol::JobOffer{{job.envelope, job.signature}, job.proof});
            }
            if (message.jobs.isEmpty() && !message.operators) {
                return;
            }
            if (message.operators) {
                session.m_operatorListVersion = operators->version;
            }
            qCInfo(lcGateway).noquote() << "offering" << message.jobs.size() << "job(s) to device"
                                        << session.deviceId();
            session.send(message.toCbor());
        });
}

void AgentSession::processQueued()
{
    if (!m_busy && !m_closing && m_welcomed && m_jobsOfferWanted) {
        m_jobsOfferWanted = false;
        sendJobOffer();
    }
    while (!m_busy && !m_closing && !m_queued.isEmpty()) {
        // Only a proven device earns more time; an anonymous peer gets one window to enrol in.
        if (m_authenticated) {
            m_timeout.start(m_context.idleTimeoutMs);
        }
        handle(m_queued.dequeue());
    }
}

void AgentSession::handle(const QCborMap &message)
{
    const protocol::MessageType type = protocol::typeOf(message);
    if (!m_helloReceived && type != protocol::MessageType::Hello) {
        abortWith(QStringLiteral("first message was not hello"));
        return;
    }
    if (type == protocol::MessageType::Hello) {
        handleHello(message);
        return;
    }
    if (type == protocol::MessageType::Error) {
        // Peer text is bounded and kept on one line before it reaches the log.
        qCInfo(lcGateway).noquote() << "agent" << peer() << "reported an error:"
                                    << message.value(QLatin1String("message")).toString().left(200).simplified();
        return;
    }
    const MessageHandler *handler = m_context.handlers->value(type);
    if (!handler) {
        const QString name = message.value(QLatin1String("t")).toString().left(32).simplified();
        if (m_ignoredTypes.size() < 16 && !m_ignoredTypes.contains(name)) {
            m_ignoredTypes.insert(name);
            qCInfo(lcGateway).noquote() << "ignoring message of unknown type"
                                        << QLatin1Char('"') + name + QLatin1Char('"') << "from" << peer();
        }
        return;
    }
    if (handler->needsDevice() && !m_authenticated) {
        abortWith(QStringLiteral("\"%1\" without a device certificate")
                      .arg(message.value(QLatin1String("t")).toString().left(32)));
        return;
    }
    handler->handle(*this, message);
}

void AgentSession::handleHello(const QCborMap &message)
{
    Result<protocol::Hello> hello = protocol::Hello::fromCbor(message);
    if (!hello) {
        abortWith(hello.error().message);
        return;
    }
    // The highest version both sides speak.
    const int version = std::min(hello.value().version, protocol::kVersion);
    if (version < std::max(hello.value().minVersion, protocol::kMinVersion)) {
        refuse(QStringLiteral("protocol.unsupported"),
               QStringLiteral("protocol versions %1 to %2 are not supported (server speaks %3 to %4)")
                   .arg(hello.value().minVersion)
                   .arg(hello.value().version)
                   .arg(protocol::kMinVersion)
                   .arg(protocol::kVersion));
        return;
    }
    m_helloReceived = true;
    m_peerCapabilities = hello.value().capabilities;
    m_operatorListVersion = hello.value().operatorListVersion;
    protocol::Welcome welcome{version, QStringLiteral(STEWARD_VERSION_STRING), m_deviceId, 0, m_context.capabilities};
    if (!m_authenticated) {
        send(welcome.toCbor());
        m_welcomed = true;
        return;
    }
    // Lets an agent whose spool was lost continue above what is stored instead of being
    // acknowledged as a duplicate (docs/protocol.md). Job events share the reports' numbering.
    Repositories *store = m_context.store;
    runInStore<Result<qint64>>(
        [store, deviceId = m_deviceId]() -> Result<qint64> {
            const Result<qint64> reports = store->devices.lastSequence(deviceId);
            if (!reports) {
                return reports;
            }
            const Result<qint64> events = store->jobs.lastEventSequence(deviceId);
            if (!events) {
                return events;
            }
            return std::max(reports.value(), events.value());
        },
        [welcome](AgentSession &session, const Result<qint64> &last) mutable {
            if (!last) {
                session.refuseUnavailable(last.error().message);
                return;
            }
            welcome.lastSequence = last.value();
            session.send(welcome.toCbor());
            session.m_welcomed = true;
            // Whatever waits for this device goes out now, not at some later poll.
            session.offerJobs();
        });
}

void AgentSession::submitWrite(DeviceWrite write, ReportWriter::Done then)
{
    m_busy = true;
    m_context.writer->submit(m_id,
                             std::move(write),
                             [then = std::move(then)](AgentSession &session, const Result<IngestOutcome> &outcome) {
                                 session.m_busy = false;
                                 then(session, outcome);
                                 session.processQueued();
                             });
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
