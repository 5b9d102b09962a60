// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FrameCodec.h"
#include "GatewayContext.h"
#include "ReportWriter.h"
#include "StoreWorkers.h"

#include <QObject>
#include <QQueue>
#include <QSet>
#include <QTimer>

class QSslSocket;

namespace steward::server
{

// One agent connection, the transport half of the gateway: checks the client certificate after
// the handshake, runs the hello/welcome exchange (version range and capabilities), then hands
// each message to the handler of its kind (handlers/), one at a time. Anything malformed closes
// this connection only, with a logged reason; a message of a kind this server does not know is
// logged and ignored, so newer agents keep working.
class AgentSession : public QObject
{
    Q_OBJECT
public:
    AgentSession(QSslSocket *socket,
                 const GatewayContext &context,
                 SessionDirectory &directory,
                 QObject *parent = nullptr);
    ~AgentSession() override;

    quint64 id() const
    {
        return m_id;
    }
    QString deviceId() const
    {
        return m_deviceId;
    }
    QString fingerprint() const
    {
        return m_fingerprint;
    }
    bool isAuthenticated() const
    {
        return m_authenticated;
    }
    // Whether the agent named this capability in its hello.
    bool peerHas(const QString &capability) const
    {
        return m_peerCapabilities.contains(capability);
    }
    const GatewayContext &context() const
    {
        return m_context;
    }
    QString peer() const;

    void send(const QCborMap &message);
    // Sends an error the agent can show, then closes once it is written.
    void refuse(const QString &code, const QString &message);
    // The database failed: logs why and tells the agent to come back later. Never "revoked" or
    // "bad token"; whatever the agent sent stays in its spool.
    void refuseUnavailable(const QString &why);
    void abortWith(const QString &reason);
    // Closes once everything sent has been written.
    void closeWhenWritten();
    // Closes the session at once: its device was revoked while connected.
    void disconnectRevoked();
    // Sends the device its released jobs not yet acknowledged (and a newer operator list), as soon
    // as no store work of this session is under way. Only to agents that speak jobs.
    void offerJobs();

    // Runs `work` on a store worker; `then` runs here afterwards if the session is still alive.
    // The session takes no further message until then.
    template<typename R>
    void runInStore(std::function<R()> work, std::function<void(AgentSession &, const R &)> then)
    {
        m_busy = true;
        m_context.workers->run<R>(m_id,
                                  std::move(work),
                                  [then = std::move(then)](AgentSession &session, const R &result) {
                                      session.m_busy = false;
                                      then(session, result);
                                      session.processQueued();
                                  });
    }
    // Stores a report or contact with group commit; the same waiting as runInStore().
    void submitWrite(DeviceWrite write, ReportWriter::Done then);

Q_SIGNALS:
    void finished();
    void deviceEnrolled(const QString &deviceId);
    void reportStored(const QString &deviceId, qint64 sequence);

private:
    void onEncrypted();
    void onReadyRead();
    void processQueued();
    void sendJobOffer();
    void handle(const QCborMap &message);
    void handleHello(const QCborMap &message);
    void authenticated(const QString &deviceId, const QString &fingerprint);
    void finish();

    QSslSocket *m_socket;
    const GatewayContext &m_context;
    SessionDirectory &m_directory;
    quint64 m_id;
    FrameDecoder m_decoder;
    QTimer m_timeout;
    QQueue<QCborMap> m_queued;
    static constexpr qint64 kMaxUnsentBytes = 1024 * 1024;

    QString m_deviceId; // set once the client certificate is verified
    QString m_fingerprint;
    QStringList m_peerCapabilities;
    QSet<QString> m_ignoredTypes; // logged once per session
    bool m_authenticated = false;
    bool m_helloReceived = false;
    bool m_welcomed = false; // welcome sent: the agent may now be offered jobs
    bool m_jobsOfferWanted = false;
    qint64 m_operatorListVersion = 0; // the newest list this agent holds, as far as we know
    bool m_busy = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace steward::server
