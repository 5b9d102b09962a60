// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QIcon>
#include <QWidget>

class QSettings;

namespace steward
{
class Clock;
}

namespace steward::app
{

class ApiClient;

// What every view gets from the shell.
struct ViewContext {
    ApiClient *client;
    const Clock &clock;
};

// One entry of the console's navigation pane: Devices, Audit log, Users… Each view is a widget
// over UI-free models (core/); the shell (MainWindow) owns the navigation, the always-present
// search field, the banner that says when the server cannot be reached, progress with Cancel,
// and remembering layout. Views are listed in one place: Views.cpp.
//
// Views never block the UI thread: refresh() starts asynchronous calls and returns.
class ConsoleView : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // Stable name for settings and tests ("devices", "audit"…).
    virtual QString viewId() const = 0;
    // Translated navigation entry.
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;

    // What the search field says while this view is shown; empty disables the field.
    virtual QString searchPlaceholder() const
    {
        return {};
    }
    virtual void setSearchText(const QString &text)
    {
        Q_UNUSED(text)
    }

    // Reload from the server. Called when the view is shown, on F5 and on the shell's timer.
    virtual void refresh() = 0;
    // Abandon whatever refresh() or a user action started (aborts the requests).
    virtual void cancel()
    {
    }

    // Column widths and order, splitters: one group per view, per user (QSettings).
    virtual void saveState(QSettings &settings) const
    {
        Q_UNUSED(settings)
    }
    virtual void restoreState(QSettings &settings)
    {
        Q_UNUSED(settings)
    }
    // Back to the layout a new user gets.
    virtual void resetState()
    {
    }

Q_SIGNALS:
    // A load started (`what` is shown beside a progress bar and a Cancel button) or finished.
    void busy(const QString &what);
    void idle();
    // Data shown is current as of `at` (clears the "cannot reach the server" banner).
    void loaded(const QDateTime &at);
    // A load failed: the view keeps what it shows and the shell says since when it is stale.
    void loadFailed(const QString &message);
    // A one-line confirmation for the status bar ("User maria created").
    void message(const QString &text);
    // Another view sent the person here (the device page opens a deployment): the shell shows
    // this view.
    void showRequested();
};

} // namespace steward::app
