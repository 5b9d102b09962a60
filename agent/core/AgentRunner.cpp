// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentRunner.h"

#include "AgentConnection.h"
#include "Clock.h"
#include "Collection.h"
#include "JobQueue.h"
#include "JobRunner.h"
#include "Messages.h"
#include "Spool.h"
#include "StewardAgentLogging.h"

#include <QRandomGenerator>

namespace steward::agent
{

AgentRunner::AgentRunner(AgentState state,
                         Spool &spool,
                         Collection &collection,
                         const Clock &clock,
                         Options options,
                         QObject *parent)
    : QObject(parent)
    , m_state(std::move(state))
    , m_spool(spool)
    , m_collection(collection)
    , m_clock(clock)
    , m_options(options)
    , m_backoff(options.backoffInitial, options.backoffMaximum)
    , m_renewal(m_state)
{
    for (int i = 0; i < m_options.schedules.size(); ++i) {
        auto timer = std::make_unique<QTimer>();
        timer->setSingleShot(true);
        connect(timer.get(), &QTimer::timeout, this, [this, i] {
            requestCollection(m_options.schedules.at(i).sections, false);
            renewIfDue(); // a connection can stay up for longer than a certificate lives
            armSchedule(i);
        });
        m_scheduleTimers.push_back(std::move(timer));
    }
    m_heartbeatTimer.setInterval(m_options.heartbeatInterval);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
        // Also while a report is in flight: a write is what makes the kernel notice a dead peer.
        if (m_connection && m_connection->isReady()) {
            m_connection->send(protocol::Heartbeat{m_clock.now().toSecsSinceEpoch()}.toCbor());
        }
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &AgentRunner::connectToServer);
    connect(&m_collection, &Collection::finished, this, &AgentRunner::onCollected);
    m_ackTimer.setSingleShot(true);
    m_ackTimer.setInterval(m_options.ackTimeout);
    connect(&m_ackTimer, &QTimer::timeout, this, [this] {
        failConnection(makeError(QStringLiteral("agent.ack-timeout"),
                                 QStringLiteral("report %1 not acknowledged within %2 s")
                                     .arg(m_inFlight)
                                     .arg(m_options.ackTimeout.count() / 1000.0)));
    });
}

AgentRunner::~AgentRunner() = default;

void AgentRunner::setJobs(JobQueue *queue, JobRunner *runner)
{
    if (m_options.once) {
        return;
    }
    m_jobQueue = queue;
    m_jobRunner = runner;
    connect(runner, &JobRunner::eventSpooled, this, &AgentRunner::sendNext);
    connect(runner, &JobRunner::jobEnded, this, [this](const QString &, const QString &kind) {
        // Compliance in the console should change within seconds of a patch job, not hours.
        if (kind == QLatin1String("patch")) {
            requestCollection({QStringLiteral("patches"), QStringLiteral("software")}, false);
        }
    });
}

void AgentRunner::start()
{
    if (m_jobRunner) {
        m_jobRunner->start();
    }
    requestCollection({}, false);
    if (!m_options.once) {
        for (int i = 0; i < m_options.schedules.size(); ++i) {
            armSchedule(i);
        }
        m_heartbeatTimer.start();
    }
    connectToServer();
}

void AgentRunner::armSchedule(int index)
{
    const Schedule &schedule = m_options.schedules.at(index);
    const qint64 jitter = schedule.jitter.count() > 0
        ? qint64(QRandomGenerator::global()->bounded(quint32(std::min<qint64>(schedule.jitter.count(), INT32_MAX))))
        : 0;
    m_scheduleTimers.at(size_t(index))->start(std::chrono::milliseconds(schedule.interval.count() + jitter));
}

void AgentRunner::requestCollection(const QStringList &sections, bool full)
{
    if (m_finished) {
        return;
    }
    const CollectionRequest request{sections, full};
    if (!m_waitingCollections.contains(request)) {
        m_waitingCollections.append(request);
    }
    startNextCollection();
}

void AgentRunner::startNextCollection()
{
    if (m_runningCollection || m_waitingCollections.isEmpty() || m_finished) {
        return;
    }
    m_runningCollection = m_waitingCollections.takeFirst();
    qCInfo(lcAgent).noquote() << "collecting"
                              << (m_runningCollection->sections.isEmpty()
                                      ? QStringLiteral("all sections")
                                      : m_runningCollection->sections.join(QStringLiteral(", ")))
                              << (m_runningCollection->full ? QStringLiteral("(full report)") : QString());
    m_collection.start(m_runningCollection->sections, m_runningCollection->full);
}

void AgentRunner::onCollected(bool spooled, const QString &message)
{
    m_runningCollection.reset();
    if (!spooled) {
        // The spool still holds every earlier report; the next scheduled collection tries again.
        qCWarning(lcAgent).noquote() << "collection failed:" << message;
    }
    sendNext();
    startNextCollection();
}

void AgentRunner::connectToServer()
{
    if (m_connection || m_finished) {
        return;
    }
    // Loaded on every connect so a renewed certificate is picked up without a restart.
    Result<tls::Identity> identity = tls::loadIdentity(m_state.certificatePath(), m_state.keyPath());
    if (!identity) {
        finish(1, identity.error().message);
        return;
    }
    m_inFlight = 0;
    auto *connection = new AgentConnection({m_state.serverHost, m_state.serverPort, m_state.caFingerprint},
                                           identity.value(),
                                           m_clock,
                                           this);
    m_connection = connection;
    if (m_jobQueue) {
        connection->offerJobs(m_jobQueue->operatorListVersion());
    }
    // Whatever a connection says once it has been dropped is stale: its acks could drop reports
    // it never carried, its failure would schedule a second reconnect.
    connect(connection,
            &AgentConnection::ready,
            this,
            [this, connection](const QString &deviceId, qint64 lastSequence) {
                if (connection == m_connection) {
                    onReady(deviceId, lastSequence);
                }
            });
    connect(connection, &AgentConnection::messageReceived, this, [this, connection](const QCborMap &message) {
        if (connection == m_connection) {
            onMessage(message);
        }
    });
    connect(connection, &AgentConnection::failed, this, [this, connection](const Error &error) {
        if (connection == m_connection) {
            onFailed(error);
        }
    });
    connection->open();
}

void AgentRunner::onReady(const QString &deviceId, qint64 lastSequence)
{
    if (deviceId != m_state.deviceId) {
        failConnection(makeError(QStringLiteral("agent.identity"),
                                 QStringLiteral("the server knows this certificate as another device")));
        return;
    }
    Result<bool> adopted = m_spool.adoptServerSequence(lastSequence);
    if (!adopted) {
        // Sending now could have fresh reports acknowledged as duplicates and dropped unstored.
        failConnection(adopted.error());
        return;
    }
    if (adopted.value()) {
        qCWarning(lcAgent).noquote() << QStringLiteral(
                                            "the spool is behind the server (last stored report %1): it was recreated, "
                                            "pending reports renumbered to follow")
                                            .arg(lastSequence);
    }
    m_backoff.reset();
    qCInfo(lcAgent).noquote() << "connected as device" << deviceId;
    renewIfDue();
    sendNext();
}

void AgentRunner::renewIfDue()
{
    if (!m_connection || !m_connection->isReady() || m_renewal.isPending() || !m_renewal.isDue(m_clock.now())) {
        return;
    }
    Result<protocol::Renew> request = m_renewal.begin();
    if (!request) {
        qCWarning(lcAgent).noquote() << "cannot prepare certificate renewal:" << request.error().message;
        return;
    }
    qCInfo(lcAgent) << "asking for a new device certificate";
    m_connection->send(request.value().toCbor());
}

void AgentRunner::sendNext()
{
    if (!m_connection || !m_connection->isReady() || m_inFlight != 0) {
        return;
    }
    const std::optional<Spool::Entry> entry = m_spool.oldest();
    if (!entry) {
        // `once` delivers what it collected too, so it waits for its collections to end.
        if (m_options.once && !m_runningCollection && m_waitingCollections.isEmpty()) {
            m_connection->close();
            finish(0, QString());
        }
        return;
    }
    m_inFlight = entry->sequence;
    const qint64 before = m_connection->framedBytesSent();
    m_connection->send(entry->message);
    m_ackTimer.start();
    const qint64 frameBytes = m_connection->framedBytesSent() - before;
    if (protocol::typeOf(entry->message) == protocol::MessageType::JobEvent) {
        qCInfo(lcAgent).noquote() << QStringLiteral("sending job event %1 (job %2 %3, %4 bytes framed)")
                                         .arg(entry->sequence)
                                         .arg(entry->message.value(QLatin1String("id")).toString(),
                                              entry->message.value(QLatin1String("state")).toString())
                                         .arg(frameBytes);
        return;
    }
    // Bandwidth is paid for by the megabyte at many sites: say what each report costs.
    qCInfo(lcAgent).noquote() << QStringLiteral("sending report %1 (%2, %3 of %4 sections, %5 bytes framed)")
                                     .arg(entry->sequence)
                                     .arg(entry->message.value(QLatin1String("full")).toBool()
                                              ? QStringLiteral("full")
                                              : QStringLiteral("delta"))
                                     .arg(entry->message.value(QLatin1String("sections")).toMap().size())
                                     .arg(entry->message.value(QLatin1String("hashes")).toMap().size())
                                     .arg(frameBytes);
}

void AgentRunner::onMessage(const QCborMap &message)
{
    if (m_finished) {
        return;
    }
    switch (protocol::typeOf(message)) {
    case protocol::MessageType::Ack: {
        Result<protocol::Ack> ack = protocol::Ack::fromCbor(message);
        if (!ack) {
            return;
        }
        if (Status dropped = m_spool.acknowledge(ack.value().sequence); !dropped) {
            qCWarning(lcAgent).noquote() << "could not drop acknowledged report:" << dropped.error().message;
        }
        qCInfo(lcAgent) << "report" << ack.value().sequence << "acknowledged";
        Q_EMIT reportAcknowledged(ack.value().sequence);
        if (ack.value().sequence >= m_inFlight) {
            m_inFlight = 0;
            m_ackTimer.stop();
        }
        sendNext();
        return;
    }
    case protocol::MessageType::Renewed: {
        Result<protocol::Renewed> renewed = protocol::Renewed::fromCbor(message);
        const Status installed = renewed ? m_renewal.complete(renewed.value(), m_clock.now()) : Status(renewed.error());
        if (!installed) {
            // The current certificate stays in use; the next connection asks again.
            qCWarning(lcAgent).noquote() << "certificate renewal failed:" << installed.error().message;
            return;
        }
        qCInfo(lcAgent).noquote() << "installed a renewed device certificate:" << m_state.certificateFile;
        return;
    }
    case protocol::MessageType::Resync: {
        // Every delta sent before a pending full report disagrees with the server the same way;
        // answering each with yet another full collection would multiply the traffic.
        const CollectionRequest full{{}, true};
        if (m_spool.hasPendingFull() || m_runningCollection == full || m_waitingCollections.contains(full)) {
            qCInfo(lcAgent) << "server asked for a full report; one is already on its way";
            return;
        }
        qCInfo(lcAgent) << "server asked for a full report";
        if (Status forgotten = m_spool.forgetHashes(); !forgotten) {
            qCWarning(lcAgent).noquote() << forgotten.error().message;
        }
        // Requested before the ack that follows is handled, so `once` still waits for it.
        requestCollection({}, true);
        return;
    }
    case protocol::MessageType::Jobs:
        onJobs(message);
        return;
    case protocol::MessageType::JobCancel: {
        Result<protocol::JobCancel> cancel = protocol::JobCancel::fromCbor(message);
        if (cancel && m_jobRunner) {
            m_jobRunner->cancel(cancel.value().id);
        }
        return;
    }
    default:
        return; // unknown messages are ignored: newer servers may send more
    }
}

void AgentRunner::onJobs(const QCborMap &message)
{
    Result<protocol::Jobs> jobs = protocol::Jobs::fromCbor(message);
    if (!jobs || !m_jobQueue) {
        qCWarning(lcAgent).noquote() << "ignoring a malformed jobs message";
        return;
    }
    const QDateTime now = m_clock.now();
    if (jobs.value().operators) {
        // A list the root did not sign, or an older one, changes nothing: the jobs it would have
        // allowed are refused below with the reason.
        if (Status accepted = m_jobQueue->acceptOperators(*jobs.value().operators, now); !accepted) {
            qCWarning(lcAgent).noquote() << "operator list refused:" << accepted.error().message;
        }
    }
    protocol::JobAck ack;
    for (const protocol::JobOffer &offer : jobs.value().jobs) {
        Result<JobQueue::Received> received = m_jobQueue->receive(offer, now);
        if (!received) {
            // Not acknowledged: the server offers it again.
            qCWarning(lcAgent).noquote() << "cannot store a job:" << received.error().message;
            continue;
        }
        const JobQueue::Received &job = received.value();
        if (job.id.isEmpty()) {
            qCWarning(lcAgent) << "ignoring a job document that names no job";
            continue;
        }
        if (job.accepted) {
            qCInfo(lcAgent).noquote() << "job" << job.id << "stored";
        } else if (!job.reason.isEmpty()) {
            qCWarning(lcAgent).noquote() << "job" << job.id << "rejected:" << job.reason;
        }
        if (ack.ids.size() < protocol::JobAck::kMaxIds) {
            ack.ids.append(job.id);
        }
    }
    if (!ack.ids.isEmpty() && m_connection && m_connection->isReady()) {
        m_connection->send(ack.toCbor());
    }
    m_jobRunner->wake();
    sendNext();
}

void AgentRunner::onFailed(const Error &error)
{
    if (m_finished) {
        return;
    }
    dropConnection();
    if (m_options.once) {
        finish(1, error.message);
        return;
    }
    const std::chrono::milliseconds delay = m_backoff.next();
    qCInfo(lcAgent) << "reconnecting in" << delay.count() / 1000.0 << "s (attempt" << m_backoff.attempts() << ")";
    m_reconnectTimer.start(delay);
}

void AgentRunner::failConnection(const Error &error)
{
    // The connection itself is fine as far as it knows, so it has not logged anything.
    qCWarning(lcAgent).noquote() << "giving up the connection:" << error.message;
    onFailed(error);
}

void AgentRunner::dropConnection()
{
    m_ackTimer.stop();
    m_inFlight = 0;
    if (!m_connection) {
        return;
    }
    AgentConnection *connection = m_connection;
    m_connection = nullptr;
    // Nothing it still has buffered may reach us, and its own socket error must not count twice.
    disconnect(connection, nullptr, this, nullptr);
    connection->abort();
    connection->deleteLater();
}

void AgentRunner::finish(int exitCode, const QString &message)
{
    m_finished = true;
    for (const std::unique_ptr<QTimer> &timer : m_scheduleTimers) {
        timer->stop();
    }
    m_heartbeatTimer.stop();
    m_reconnectTimer.stop();
    m_ackTimer.stop();
    Q_EMIT finished(exitCode, message);
}

} // namespace steward::agent
