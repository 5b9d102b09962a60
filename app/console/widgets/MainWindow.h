// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace steward
{
class Clock;
}

namespace steward::app
{

class ApiClient;
class ConsoleView;

// The console's shell: a navigation pane of views (Views.cpp lists them), a search field that
// is always there, a banner on the view when the server cannot be reached or the session has
// ended, progress with Cancel, and each user's window and column layout remembered.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    static constexpr int defaultRefreshMinutes = 1;

    // `clock` dates the devices' times and the age of what is shown.
    MainWindow(ApiClient *client, const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Builds the views the logged-in user's role may use and restores their layout.
    void startSession();
    // Saves the layout, drops the views and says why on the banner, with a "Log in" button.
    void endSession(const QString &reason);

    QList<ConsoleView *> views() const;
    ConsoleView *currentView() const;
    ConsoleView *view(const QString &viewId) const;
    bool showView(const QString &viewId);
    // What the banner above the view says; empty when it is hidden.
    QString bannerText() const;
    QLineEdit *searchField() const;
    void setRefreshMinutes(int minutes);

public Q_SLOTS:
    void refresh();
    void showAbout();

Q_SIGNALS:
    // Log in again; `reason` is shown in the login dialog (empty after a plain log out).
    void loginRequested(const QString &reason);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct ViewStatus {
        QDateTime loadedAt;
        QString failure;
        QString busy;
        QString search;
    };

    void buildMenus();
    void clearViews();
    void addView(ConsoleView *view);
    void switchTo(int row);
    void updateBanner();
    void updateBusy();
    void updateSessionLabel();
    void sessionEnded(const QString &reason);
    void armSessionExpiry();
    void logout();
    QString settingsPrefix() const;
    void saveLayout();
    void restoreLayout();
    void resetLayout();

    ApiClient *m_client;
    const Clock &m_clock;
    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_bannerAction;
    QLineEdit *m_search;
    QAction *m_refreshAction;
    QMenu *m_viewMenu;
    QList<QAction *> m_viewActions;
    QLabel *m_sessionLabel;
    QProgressBar *m_progress;
    QLabel *m_busyLabel;
    QPushButton *m_cancel;
    QTimer *m_refreshTimer;
    QTimer *m_tick;
    QTimer *m_sessionExpiry;
    QList<ConsoleView *> m_views;
    QHash<const ConsoleView *, ViewStatus> m_status;
    QString m_sessionEndedReason;
    QString m_profile; // "server/user" the layout was restored for
};

} // namespace steward::app
