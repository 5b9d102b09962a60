// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayContext.h"
#include "Result.h"
#include "TlsConfig.h"

#include <QHostAddress>
#include <QObject>

class QSslServer;

namespace steward::server
{

// Listens for agents (mutual TLS) and runs one AgentSession per connection.
class AgentGateway : public QObject
{
    Q_OBJECT
public:
    AgentGateway(GatewayContext context, const tls::Identity &serverIdentity, QObject *parent = nullptr);
    ~AgentGateway() override;

    Status listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    int sessionCount() const;

    // Closes every live session of a device, used when an admin revokes it.
    void disconnectDevice(const QString &deviceId);

Q_SIGNALS:
    void deviceEnrolled(const QString &deviceId);
    void reportStored(const QString &deviceId, qint64 sequence);

private:
    void acceptPending();

    GatewayContext m_context;
    QSslServer *m_server;
};

} // namespace steward::server
