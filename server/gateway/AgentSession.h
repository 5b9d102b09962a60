// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FrameCodec.h"
#include "GatewayContext.h"

#include <QObject>
#include <QTimer>

class QSslSocket;

namespace steward::server
{

// One agent connection: checks the client certificate after the handshake, then runs the
// hello → (enroll | report / heartbeat)* exchange. Anything malformed closes this connection
// only, with a logged reason.
class AgentSession : public QObject
{
    Q_OBJECT
public:
    AgentSession(QSslSocket *socket, const GatewayContext &context, QObject *parent = nullptr);
    ~AgentSession() override;

    QString deviceId() const
    {
        return m_deviceId;
    }

    // Closes the session at once: its device was revoked while connected.
    void disconnectRevoked();

Q_SIGNALS:
    void finished();
    void deviceEnrolled(const QString &deviceId);
    void reportStored(const QString &deviceId, qint64 sequence);

private:
    void onEncrypted();
    void onReadyRead();
    void handle(const QCborMap &message);
    void handleHello(const QCborMap &message);
    void handleEnroll(const QCborMap &message);
    void handleReport(const QCborMap &message);
    void handleRenew(const QCborMap &message);
    // Signs `csrPem` as a device certificate for `deviceId` under the site CA.
    Result<QByteArray> issueDeviceCertificate(const QString &deviceId, const QByteArray &csrPem, quint64 serial) const;
    void send(const QCborMap &message);
    void refuse(const QString &code, const QString &message);
    // Refuses an enrolment: with the token's problem, or "try later" when the database failed.
    void refuseEnrolment(const Error &error, const QString &hostname);
    // Writes an audit row with actor "agent" and this peer as source; a failed write is logged.
    void audit(const QString &action, const QString &target, const QString &outcome, const QString &detail);
    void abortWith(const QString &reason);
    void finish();
    // Re-checks revocation for every report and heartbeat, so a revoked device is cut off even
    // when its revocation happened on another server instance.
    bool stillAllowed();
    QString peer() const;

    QSslSocket *m_socket;
    const GatewayContext &m_context;
    FrameDecoder m_decoder;
    QTimer m_timeout;
    static constexpr qint64 kMaxUnsentBytes = 1024 * 1024;

    QString m_deviceId; // set once the client certificate is verified
    QString m_fingerprint;
    bool m_authenticated = false;
    bool m_helloReceived = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace steward::server
