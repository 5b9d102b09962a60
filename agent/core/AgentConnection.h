// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FrameCodec.h"
#include "Messages.h"
#include "Result.h"
#include "TlsConfig.h"

#include <QObject>
#include <QTimer>

#include <optional>

class QSslSocket;

namespace steward
{
class Clock;
}

namespace steward::agent
{

// One connection to the site server: TLS 1.3, the server checked against the pinned CA
// fingerprint before a single byte of ours is sent, then hello/welcome and framed messages.
class AgentConnection : public QObject
{
    Q_OBJECT
public:
    struct Endpoint {
        QString host;
        quint16 port = 0;
        QString caFingerprint;
    };

    // `clock` judges the server certificate's validity; it must outlive the connection.
    AgentConnection(Endpoint endpoint,
                    std::optional<tls::Identity> identity,
                    const Clock &clock,
                    QObject *parent = nullptr);
    ~AgentConnection() override;

    // Before open(): this agent takes jobs (docs/jobs.md) and holds the operator list of this
    // version (0: none), both said in hello.
    void offerJobs(qint64 operatorListVersion)
    {
        m_takesJobs = true;
        m_operatorListVersion = operatorListVersion;
    }

    void open(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    void send(const QCborMap &message);
    // Says goodbye: pending writes are flushed, nothing more is reported.
    void close();
    // Drops the link at once, unflushed; nothing more is reported (a peer that must not be trusted).
    void abort();
    bool isReady() const
    {
        return m_ready;
    }

    // The server's chain as presented, once verified (enrolment keeps the CA from it).
    QSslCertificate pinnedCa() const
    {
        return m_pinnedCa;
    }

    qint64 framedBytesSent() const
    {
        return m_bytesSent;
    }

Q_SIGNALS:
    // `lastSequence`: the last report sequence the server has stored for this device (0 before enrolment).
    void ready(const QString &deviceId, qint64 lastSequence);
    void messageReceived(const QCborMap &message);
    // The connection is gone; `error` says why (a server "error" message, TLS, network, timeout).
    void failed(const steward::Error &error);

private:
    void onEncrypted();
    void onReadyRead();
    void fail(const Error &error);

    Endpoint m_endpoint;
    const Clock &m_clock;
    QSslSocket *m_socket;
    FrameDecoder m_decoder;
    QTimer m_timeout;
    QSslCertificate m_pinnedCa;
    bool m_ready = false;
    bool m_takesJobs = false;
    qint64 m_operatorListVersion = 0;
    bool m_failed = false;
    qint64 m_bytesSent = 0;
};

} // namespace steward::agent
