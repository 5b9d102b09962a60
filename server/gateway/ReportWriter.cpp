// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportWriter.h"

#include "StewardGatewayLogging.h"

#include <QThread>

namespace steward::server
{

ReportWriter::ReportWriter(DeviceRepository &devices, SessionDirectory &sessions, int maxBatch, QObject *parent)
    : QObject(parent)
    , m_devices(devices)
    , m_sessions(sessions)
    , m_maxBatch(maxBatch)
    , m_thread(QThread::create([this] {
        loop();
    }))
{
    m_thread->setObjectName(QStringLiteral("report-writer"));
    m_thread->start();
}

ReportWriter::~ReportWriter()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
}

void ReportWriter::submit(quint64 session, DeviceWrite write, Done done)
{
    QMutexLocker lock(&m_mutex);
    m_queue.append(Pending{session, std::move(write), std::move(done)});
    m_wake.wakeOne();
}

ReportWriter::Stats ReportWriter::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void ReportWriter::loop()
{
    for (;;) {
        QList<Pending> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.isEmpty() && !m_stopping) {
                m_wake.wait(&m_mutex);
            }
            if (m_queue.isEmpty()) {
                return;
            }
            const qsizetype count = std::min<qsizetype>(m_queue.size(), m_maxBatch);
            batch = m_queue.mid(0, count);
            m_queue.remove(0, count);
        }
        QList<DeviceWrite> writes;
        writes.reserve(batch.size());
        for (const Pending &pending : std::as_const(batch)) {
            writes.append(pending.write);
        }
        const QList<Result<IngestOutcome>> results = m_devices.ingestBatch(writes);
        {
            QMutexLocker lock(&m_mutex);
            ++m_stats.batches;
            m_stats.writes += quint64(batch.size());
            m_stats.largestBatch = std::max(m_stats.largestBatch, int(batch.size()));
        }
        QMetaObject::invokeMethod(
            this,
            [this, batch, results] {
                deliver(batch, results);
            },
            Qt::QueuedConnection);
    }
}

void ReportWriter::deliver(const QList<Pending> &batch, const QList<Result<IngestOutcome>> &results)
{
    for (qsizetype i = 0; i < batch.size(); ++i) {
        if (AgentSession *session = m_sessions.find(batch.at(i).session)) {
            batch.at(i).done(*session, results.at(i));
        }
    }
}

} // namespace steward::server
