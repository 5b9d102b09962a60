// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ApiClient.h"
#include "Clock.h"
#include "ConsoleView.h"
#include "RelativeTime.h"
#include "SettingsView.h"
#include "UserTableModel.h"
#include "Views.h"
#include "steward_version.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace steward::app
{

MainWindow::MainWindow(ApiClient *client, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_clock(clock)
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_banner(new QWidget(this))
    , m_bannerText(new QLabel(m_banner))
    , m_bannerAction(new QPushButton(m_banner))
    , m_search(new QLineEdit(this))
    , m_refreshAction(new QAction(tr("&Refresh"), this))
    , m_sessionLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_busyLabel(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_refreshTimer(new QTimer(this))
    , m_tick(new QTimer(this))
    , m_sessionExpiry(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Steward console"));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::switchTo);

    // The banner sits on the view, where the user is looking, not in the status bar.
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x3e, 0x2b, 0x00));
    m_banner->setPalette(bannerPalette);
    m_bannerText->setObjectName(QStringLiteral("bannerText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerAction->setObjectName(QStringLiteral("bannerAction"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerAction);
    m_banner->hide();
    connect(m_bannerAction, &QPushButton::clicked, this, [this] {
        if (m_views.isEmpty()) {
            Q_EMIT loginRequested(m_sessionEndedReason);
        } else {
            refresh();
        }
    });

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_banner);
    contentLayout->addWidget(m_stack, 1);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("shellSplitter"));
    splitter->addWidget(m_navigation);
    splitter->addWidget(content);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // Wide enough for the longest entry; the rest goes to the view.
    splitter->setSizes({200, 1080});
    setCentralWidget(splitter);

    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (ConsoleView *view = currentView()) {
            m_status[view].search = text;
            view->setSearchText(text);
        }
    });

    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    auto *toolBar = addToolBar(tr("Main toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->addAction(m_refreshAction);
    toolBar->addWidget(m_search);

    buildMenus();

    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (ConsoleView *view = currentView()) {
            view->cancel();
            m_status[view].busy.clear();
            updateBusy();
            statusBar()->showMessage(tr("Cancelled."), 5000);
        }
    });
    m_sessionLabel->setObjectName(QStringLiteral("session"));
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    statusBar()->addPermanentWidget(m_sessionLabel);
    updateBusy();

    connect(m_client, &ApiClient::sessionRejected, this, [this] {
        sessionEnded(
            tr("The server ended your session: it expired or was closed by an administrator. "
               "Log in again to continue."));
    });
    m_sessionExpiry->setSingleShot(true);
    connect(m_sessionExpiry, &QTimer::timeout, this, &MainWindow::armSessionExpiry);

    m_refreshTimer->setInterval(defaultRefreshMinutes * 60 * 1000);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    // The banner says how old the data is; that changes with time alone.
    m_tick->setInterval(30 * 1000);
    connect(m_tick, &QTimer::timeout, this, &MainWindow::updateBanner);
    m_tick->start();

    resize(1280, 760);
}

MainWindow::~MainWindow()
{
    saveLayout();
}

void MainWindow::buildMenus()
{
    auto *logoutAction = new QAction(tr("Log &out"), this);
    logoutAction->setObjectName(QStringLiteral("logoutAction"));
    connect(logoutAction, &QAction::triggered, this, &MainWindow::logout);
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(logoutAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));

    auto *findAction = new QAction(tr("&Search"), this);
    findAction->setShortcuts({QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_L)});
    connect(findAction, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(findAction);
    auto *navigationAction = new QAction(tr("Go to the &navigation pane"), this);
    navigationAction->setShortcut(QKeySequence(Qt::Key_F6));
    connect(navigationAction, &QAction::triggered, m_navigation, qOverload<>(&QWidget::setFocus));
    addAction(navigationAction);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Steward console"), this, &MainWindow::showAbout);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::startSession()
{
    clearViews();
    m_sessionEndedReason.clear();
    const ViewContext context{m_client, m_clock};
    for (ConsoleView *view : createViews(context, m_client->role(), m_stack)) {
        addView(view);
    }
    auto *settings = new SettingsView(context, m_stack);
    connect(settings, &SettingsView::refreshMinutesChanged, this, &MainWindow::setRefreshMinutes);
    connect(settings, &SettingsView::resetLayoutRequested, this, &MainWindow::resetLayout);
    addView(settings);

    restoreLayout();
    if (m_navigation->currentRow() < 0 && m_navigation->count() > 0) {
        m_navigation->setCurrentRow(0);
    }
    updateSessionLabel();
    updateBanner();
    armSessionExpiry();
    if (m_views.isEmpty()) {
        return; // the session had already expired
    }
    m_refreshTimer->start();
    m_tick->start();
}

void MainWindow::armSessionExpiry()
{
    const QDateTime expires = m_client->sessionExpiresAt();
    if (!expires.isValid() || !m_client->isLoggedIn()) {
        return;
    }
    const qint64 left = m_clock.now().msecsTo(expires);
    if (left <= 0) {
        // The server would refuse the token now; forget it here too, so nothing still looks logged in.
        m_client->forgetSession();
        sessionEnded(tr("Your session expired at %1. Log in again to continue.").arg(RelativeTime::absolute(expires)));
        return;
    }
    // QTimer counts in int milliseconds: a session longer than a day is checked again daily.
    m_sessionExpiry->start(int(qMin<qint64>(left, 24 * 3600 * 1000)));
}

void MainWindow::endSession(const QString &reason)
{
    saveLayout();
    m_refreshTimer->stop();
    m_sessionExpiry->stop();
    clearViews();
    m_sessionEndedReason = reason;
    updateSessionLabel();
    updateBanner();
}

void MainWindow::sessionEnded(const QString &reason)
{
    if (m_views.isEmpty()) {
        return; // already ended; one explanation is enough
    }
    endSession(reason);
    Q_EMIT loginRequested(reason);
}

void MainWindow::logout()
{
    m_client->logout(this, [](const Result<QJsonValue> &) {});
    endSession(tr("You are logged out."));
    Q_EMIT loginRequested(QString());
}

void MainWindow::clearViews()
{
    for (ConsoleView *view : std::as_const(m_views)) {
        view->cancel();
    }
    m_navigation->blockSignals(true);
    m_navigation->clear();
    m_navigation->blockSignals(false);
    for (QAction *action : std::as_const(m_viewActions)) {
        delete action;
    }
    m_viewActions.clear();
    m_viewMenu->clear();
    m_viewMenu->addAction(m_refreshAction);
    m_viewMenu->addSeparator();
    qDeleteAll(m_views);
    m_views.clear();
    m_status.clear();
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_search->setEnabled(false);
    m_search->setPlaceholderText(QString());
    updateBusy();
}

void MainWindow::addView(ConsoleView *view)
{
    m_views.append(view);
    m_stack->addWidget(view);
    auto *item = new QListWidgetItem(view->icon(), view->title(), m_navigation);
    item->setData(Qt::UserRole, view->viewId());
    item->setToolTip(view->title());

    const int index = int(m_views.size());
    auto *action = new QAction(view->icon(), view->title(), this);
    action->setObjectName(view->viewId() + QStringLiteral("Action"));
    if (index <= 9) {
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + index)));
    }
    connect(action, &QAction::triggered, this, [this, index] {
        m_navigation->setCurrentRow(index - 1);
    });
    addAction(action);
    m_viewMenu->addAction(action);
    m_viewActions.append(action);

    connect(view, &ConsoleView::busy, this, [this, view](const QString &what) {
        m_status[view].busy = what;
        updateBusy();
    });
    connect(view, &ConsoleView::idle, this, [this, view] {
        m_status[view].busy.clear();
        updateBusy();
    });
    connect(view, &ConsoleView::loaded, this, [this, view](const QDateTime &at) {
        ViewStatus &status = m_status[view];
        status.loadedAt = at;
        status.failure.clear();
        updateBanner();
    });
    connect(view, &ConsoleView::loadFailed, this, [this, view](const QString &message) {
        m_status[view].failure = message;
        updateBanner();
    });
    connect(view, &ConsoleView::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 10000);
    });
    connect(view, &ConsoleView::showRequested, this, [this, view] {
        showView(view->viewId());
    });
}

void MainWindow::switchTo(int row)
{
    if (row < 0 || row >= m_views.size()) {
        return;
    }
    ConsoleView *view = m_views.at(row);
    m_stack->setCurrentWidget(view);
    const QString placeholder = view->searchPlaceholder();
    m_search->blockSignals(true);
    m_search->setText(m_status.value(view).search);
    m_search->blockSignals(false);
    m_search->setPlaceholderText(placeholder);
    m_search->setEnabled(!placeholder.isEmpty());
    updateBanner();
    updateBusy();
    view->refresh();
}

QList<ConsoleView *> MainWindow::views() const
{
    return m_views;
}

ConsoleView *MainWindow::currentView() const
{
    return qobject_cast<ConsoleView *>(m_stack->currentWidget());
}

ConsoleView *MainWindow::view(const QString &viewId) const
{
    for (ConsoleView *view : m_views) {
        if (view->viewId() == viewId) {
            return view;
        }
    }
    return nullptr;
}

bool MainWindow::showView(const QString &viewId)
{
    const int row = int(m_views.indexOf(view(viewId)));
    if (row < 0) {
        return false;
    }
    m_navigation->setCurrentRow(row);
    return true;
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

QLineEdit *MainWindow::searchField() const
{
    return m_search;
}

void MainWindow::setRefreshMinutes(int minutes)
{
    m_refreshTimer->setInterval(qBound(1, minutes, 24 * 60) * 60 * 1000);
}

void MainWindow::refresh()
{
    if (ConsoleView *view = currentView(); view && m_client->isLoggedIn()) {
        view->refresh();
    }
}

void MainWindow::updateBanner()
{
    if (m_views.isEmpty()) {
        if (m_sessionEndedReason.isEmpty()) {
            m_banner->hide();
            return;
        }
        m_bannerText->setText(m_sessionEndedReason);
        m_bannerAction->setText(tr("Log in…"));
        m_banner->show();
        return;
    }
    const ConsoleView *view = currentView();
    const ViewStatus status = m_status.value(view);
    if (!view || status.failure.isEmpty()) {
        m_banner->hide();
        return;
    }
    if (status.loadedAt.isValid()) {
        m_bannerText->setText(tr("Could not refresh from the server: %1. What is shown was loaded %2 (%3) and may be "
                                 "out of date.")
                                  .arg(status.failure,
                                       RelativeTime::ago(status.loadedAt, m_clock.now()),
                                       RelativeTime::absolute(status.loadedAt)));
    } else {
        m_bannerText->setText(
            tr("Could not load from the server: %1. Nothing has been loaded yet.").arg(status.failure));
    }
    m_bannerAction->setText(tr("Try again"));
    m_banner->show();
}

void MainWindow::updateBusy()
{
    const QString what = m_status.value(currentView()).busy;
    m_busyLabel->setText(what);
    m_busyLabel->setVisible(!what.isEmpty());
    m_progress->setVisible(!what.isEmpty());
    m_cancel->setVisible(!what.isEmpty());
}

void MainWindow::updateSessionLabel()
{
    if (!m_client->isLoggedIn()) {
        m_sessionLabel->setText(tr("Not logged in"));
        return;
    }
    const QDateTime expires = m_client->sessionExpiresAt();
    const QString who =
        tr("%1 (%2) on %3")
            .arg(m_client->user(), UserTableModel::describeRole(m_client->role()), m_client->baseUrl().host());
    m_sessionLabel->setText(expires.isValid() ? tr("%1 — session until %2").arg(who, RelativeTime::absolute(expires))
                                              : who);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this,
        tr("About Steward console"),
        tr("<h3>Steward console %1</h3>"
           "<p>Endpoint and asset management for government IT: devices, compliance, patch and antivirus "
           "status.</p>"
           "<p>Connected to %2 as %3.</p>"
           "<p>Built with Qt %4. Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QStringLiteral(STEWARD_VERSION_STRING),
                 m_client->isLoggedIn() ? m_client->baseUrl().toDisplayString().toHtmlEscaped() : tr("no server"),
                 m_client->isLoggedIn() ? m_client->user().toHtmlEscaped() : tr("nobody"),
                 QString::fromLatin1(qVersion())));
}

QString MainWindow::settingsPrefix() const
{
    // Per user and server: a help-desk agent and an admin sharing a PC keep their own layouts.
    const QString host = m_client->baseUrl().host() + QLatin1Char('_') + QString::number(m_client->baseUrl().port());
    return QStringLiteral("profiles/%1/%2/").arg(host, m_client->user());
}

void MainWindow::saveLayout()
{
    if (m_profile.isEmpty()) {
        return;
    }
    QSettings settings;
    settings.beginGroup(m_profile);
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget())) {
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    }
    if (const ConsoleView *view = currentView()) {
        settings.setValue(QStringLiteral("window/view"), view->viewId());
    }
    for (const ConsoleView *view : std::as_const(m_views)) {
        settings.beginGroup(QStringLiteral("views/") + view->viewId());
        view->saveState(settings);
        settings.endGroup();
    }
}

void MainWindow::restoreLayout()
{
    m_profile = settingsPrefix();
    QSettings settings;
    settings.beginGroup(m_profile);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget())) {
        splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    }
    for (ConsoleView *view : std::as_const(m_views)) {
        settings.beginGroup(QStringLiteral("views/") + view->viewId());
        view->restoreState(settings);
        settings.endGroup();
    }
    showView(settings.value(QStringLiteral("window/view")).toString());
}

void MainWindow::resetLayout()
{
    QSettings settings;
    settings.remove(m_profile + QStringLiteral("window"));
    settings.remove(m_profile + QStringLiteral("views"));
    for (ConsoleView *view : std::as_const(m_views)) {
        view->resetState();
    }
    showNormal();
    resize(1280, 760);
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget())) {
        splitter->setSizes({200, 1080});
    }
    statusBar()->showMessage(tr("Window and column layout restored to the defaults."), 10000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
    QApplication::quit();
}

} // namespace steward::app
