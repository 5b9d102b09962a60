// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

namespace steward::app
{

// The requests a view has in flight. Each gets its own context object for ApiClient, which
// aborts a request when its context is deleted: cancelAll() is the shell's Cancel button.
// Turns them into the view's busy(what) / idle() signals: busy for every request started, idle
// once none is left.
class RequestTracker : public QObject
{
    Q_OBJECT

public:
    explicit RequestTracker(QObject *parent = nullptr);

    // A new context for one request; emits busy(what).
    QObject *start(const QString &what);
    // The request behind `context` has answered (call it from the request's callback); emits
    // idle() when it was the last. Does nothing for a context already finished.
    void finish(QObject *context);
    // Aborts the request behind `context`, if it is still running; its callback is not called.
    void abandon(QObject *context);
    // Aborts every request: their callbacks are not called.
    void cancelAll();
    bool isRunning(const QObject *context) const;
    bool isBusy() const;

Q_SIGNALS:
    void busy(const QString &what);
    void idle();

private:
    void release(QObject *context, bool abort);

    QList<QPointer<QObject>> m_running;
};

} // namespace steward::app
