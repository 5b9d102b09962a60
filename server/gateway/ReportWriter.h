// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "SessionDirectory.h"
#include "store/DeviceRepository.h"

#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <functional>

class QThread;

namespace steward::server
{

// Stores agents' reports and contacts with group commit: one writer thread takes everything
// queued since its last commit and applies it in one durable transaction, then answers each
// session, so a thousand agents reporting at once cost a handful of disk syncs, not a thousand.
// Each report is acknowledged only after the commit that holds it. Batches form by themselves:
// while one commits, the next fills; nothing waits on a timer.
class ReportWriter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(AgentSession &, const Result<IngestOutcome> &)>;

    struct Stats {
        quint64 batches = 0;
        quint64 writes = 0;
        int largestBatch = 0;
    };

    ReportWriter(DeviceRepository &devices, SessionDirectory &sessions, int maxBatch = 512, QObject *parent = nullptr);
    // Commits what is queued, then stops. Writes still queued after that are not acknowledged;
    // their agents send them again.
    ~ReportWriter() override;

    void submit(quint64 session, DeviceWrite write, Done done);
    Stats stats() const;

private:
    struct Pending {
        quint64 session = 0;
        DeviceWrite write;
        Done done;
    };
    void loop();
    void deliver(const QList<Pending> &batch, const QList<Result<IngestOutcome>> &results);

    DeviceRepository &m_devices;
    SessionDirectory &m_sessions;
    const int m_maxBatch;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QList<Pending> m_queue;
    bool m_stopping = false;
    Stats m_stats;
    QThread *m_thread = nullptr;
};

} // namespace steward::server
