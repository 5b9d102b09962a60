// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SessionDirectory.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace steward::server
{

// Runs the gateway's database and CA work (identity look-ups, enrolment, renewal) on worker
// threads, off the event loop that reads and writes every agent's connection, and hands each
// result back on the event loop to the session that asked, if it is still connected.
class StoreWorkers : public QObject
{
    Q_OBJECT
public:
    StoreWorkers(SessionDirectory &sessions, int threads, QObject *parent = nullptr);
    ~StoreWorkers() override;

    template<typename R>
    void run(quint64 session, std::function<R()> work, std::function<void(AgentSession &, const R &)> then)
    {
        m_pool.start([this, session, work = std::move(work), then = std::move(then)] {
            R result = work();
            QMetaObject::invokeMethod(
                this,
                [this, session, then, result = std::move(result)] {
                    if (AgentSession *target = m_sessions.find(session)) {
                        then(*target, result);
                    }
                },
                Qt::QueuedConnection);
        });
    }

private:
    SessionDirectory &m_sessions;
    QThreadPool m_pool;
};

} // namespace steward::server
