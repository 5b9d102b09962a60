// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentState.h"
#include "Backoff.h"
#include "CertificateRenewal.h"
#include "Result.h"

#include <QCborMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace steward
{
class Clock;
}

namespace steward::agent
{
class AgentConnection;
class Collection;
class JobQueue;
class JobRunner;
class Spool;

// The agent's main loop: collect into the spool, keep one connection to the server, send spooled
// reports oldest first and drop each only on its ack, heartbeat while idle, reconnect with backoff.
class AgentRunner : public QObject
{
    Q_OBJECT
public:
    // A set of sections collected every `interval`, each time after an extra random delay of up to
    // `jitter`, so that a ministry's machines do not all scan in the same minute.
    struct Schedule {
        QStringList sections;
        std::chrono::milliseconds interval = std::chrono::hours(1);
        std::chrono::milliseconds jitter = std::chrono::milliseconds(0);
    };

    struct Options {
        bool once = false; // connect, deliver everything spooled (including a fresh report), exit
        QList<Schedule> schedules = {Schedule{}};
        std::chrono::milliseconds heartbeatInterval = std::chrono::minutes(5);
        // A report still unacknowledged after this long means the link died silently after it
        // left (no FIN, no RST): give the connection up and reconnect with backoff.
        std::chrono::milliseconds ackTimeout = std::chrono::minutes(2);
        std::chrono::milliseconds backoffInitial = std::chrono::seconds(5);
        std::chrono::milliseconds backoffMaximum = std::chrono::minutes(10);
    };

    // `clock` dates heartbeats and decides when the certificate is due for renewal.
    AgentRunner(AgentState state,
                Spool &spool,
                Collection &collection,
                const Clock &clock,
                Options options,
                QObject *parent = nullptr);
    ~AgentRunner() override;

    // Before start(): the agent takes jobs, keeps them in `queue` and runs them with `runner`
    // (not in `once` mode).
    void setJobs(JobQueue *queue, JobRunner *runner);

    void start();

Q_SIGNALS:
    // Only in `once` mode, or when the device's state is unusable.
    void finished(int exitCode, const QString &message);
    void reportAcknowledged(qint64 sequence);

private:
    // Collections run one at a time; a request made meanwhile waits its turn.
    void requestCollection(const QStringList &sections, bool full);
    void startNextCollection();
    void onCollected(bool spooled, const QString &message);
    void armSchedule(int index);
    void connectToServer();
    void onReady(const QString &deviceId, qint64 lastSequence);
    void sendNext();
    void onMessage(const QCborMap &message);
    void onJobs(const QCborMap &message);
    void onFailed(const Error &error);
    void failConnection(const Error &error);
    void dropConnection();
    void finish(int exitCode, const QString &message);
    // Asks for a new certificate when two thirds of the current one's life have passed.
    void renewIfDue();

    AgentState m_state;
    Spool &m_spool;
    Collection &m_collection;
    JobQueue *m_jobQueue = nullptr;
    JobRunner *m_jobRunner = nullptr;
    const Clock &m_clock;
    Options m_options;
    Backoff m_backoff;
    CertificateRenewal m_renewal;
    QPointer<AgentConnection> m_connection;
    std::vector<std::unique_ptr<QTimer>> m_scheduleTimers;
    struct CollectionRequest {
        QStringList sections;
        bool full = false;
        bool operator==(const CollectionRequest &) const = default;
    };
    QList<CollectionRequest> m_waitingCollections;
    std::optional<CollectionRequest> m_runningCollection;
    QTimer m_heartbeatTimer;
    QTimer m_reconnectTimer;
    QTimer m_ackTimer;
    qint64 m_inFlight = 0;
    bool m_finished = false;
};

} // namespace steward::agent
