// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestTracker.h"

namespace steward::app
{

RequestTracker::RequestTracker(QObject *parent)
    : QObject(parent)
{
}

QObject *RequestTracker::start(const QString &what)
{
    auto *context = new QObject(this);
    m_running.append(context);
    Q_EMIT busy(what);
    return context;
}

void RequestTracker::finish(QObject *context)
{
    // Called from the request's own callback: delete the context once that has returned.
    release(context, false);
}

void RequestTracker::abandon(QObject *context)
{
    release(context, true);
}

void RequestTracker::release(QObject *context, bool abort)
{
    if (context == nullptr || !m_running.removeOne(context)) {
        return;
    }
    if (abort) {
        delete context;
    } else {
        context->deleteLater();
    }
    if (m_running.isEmpty()) {
        Q_EMIT idle();
    }
}

void RequestTracker::cancelAll()
{
    if (m_running.isEmpty()) {
        return;
    }
    const QList<QPointer<QObject>> running = std::exchange(m_running, {});
    for (const QPointer<QObject> &context : running) {
        delete context.data();
    }
    Q_EMIT idle();
}

bool RequestTracker::isRunning(const QObject *context) const
{
    return context != nullptr && m_running.contains(context);
}

bool RequestTracker::isBusy() const
{
    return !m_running.isEmpty();
}

} // namespace steward::app
