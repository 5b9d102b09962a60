// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayContext.h"
#include "ReportWriter.h"
#include "Result.h"
#include "SessionDirectory.h"
#include "TlsConfig.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QSslServer;

namespace steward::server
{
class ReportWriter;
class StoreWorkers;

// The agent port: listens for agents (mutual TLS), runs one AgentSession per connection, and
// owns what sessions share: the message handlers (one per message kind), the store workers,
// the group-commit report writer, and the directory of live sessions by device.
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
    // Offers every released, unacknowledged job at once to those of the devices that are
    // connected (docs/jobs.md, "Delivery"); the others get theirs when they come back.
    void offerJobs(const QStringList &deviceIds);
    // Tells those of the devices that are connected to drop or stop the job (best effort).
    void cancelJob(const QString &jobId, const QStringList &deviceIds);
    // Pushes a message to a connected device at once; false when it has no live session.
    bool sendTo(const QString &deviceId, const QCborMap &message);
    // How group commit is doing: commits, writes, the largest batch so far.
    ReportWriter::Stats writerStats() const;

Q_SIGNALS:
    void deviceEnrolled(const QString &deviceId);
    void reportStored(const QString &deviceId, qint64 sequence);

private:
    void acceptPending();

    SessionDirectory m_directory;
    std::unique_ptr<StoreWorkers> m_workers;
    std::unique_ptr<ReportWriter> m_writer;
    QHash<protocol::MessageType, MessageHandler *> m_handlers;
    std::vector<std::unique_ptr<MessageHandler>> m_ownedHandlers;
    GatewayContext m_context;
    QSslServer *m_server;
};

} // namespace steward::server
