// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Messages.h"
#include "Pki.h"

#include <QHash>

#include <memory>

namespace steward
{
class Clock;
}

namespace steward::server
{
struct Repositories;
class MessageHandler;
class ReportWriter;
class StoreWorkers;

// What every agent session needs from the server: the store, the CA that signs device
// certificates, the time, and limits. The gateway fills in the parts it owns (workers, writer,
// handlers) in its own copy.
struct GatewayContext {
    Repositories *store = nullptr;
    const Clock *clock = nullptr;
    pki::KeyAndCertificate ca;
    int deviceCertificateDays = 30;
    // An agent without a certificate has this long, in total, to say hello and enrol.
    int helloTimeoutMs = 60000;
    int idleTimeoutMs = 15 * 60 * 1000;
    qsizetype maxFrameSize = 4 * 1024 * 1024;
    // Until a peer proves who it is, it may send only small frames.
    qsizetype maxUnauthenticatedFrameSize = 64 * 1024;
    int maxSessions = 20000;
    // Frames a peer may send ahead of the answers to earlier ones.
    int maxQueuedMessages = 32;
    // A device gets at most one new certificate in this time (a stolen key cannot mint many).
    qint64 renewalMinIntervalSeconds = 3600;
    int storeThreads = 2;
    QStringList capabilities = {protocol::capability::kDeltaReports,
                                protocol::capability::kRenewal,
                                protocol::capability::kResync,
                                protocol::capability::kJobs};

    StoreWorkers *workers = nullptr;
    ReportWriter *writer = nullptr;
    const QHash<protocol::MessageType, MessageHandler *> *handlers = nullptr;
};

} // namespace steward::server
