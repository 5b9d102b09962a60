// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ApiClient.h"
#include "Clock.h"
#include "DeviceDetail.h"
#include "DeviceDetailWidget.h"
#include "DeviceSortFilterProxyModel.h"
#include "DeviceTableModel.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QToolBar>

namespace steward::app
{

MainWindow::MainWindow(ApiClient *client, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_clock(clock)
    , m_model(new DeviceTableModel(m_clock, this))
    , m_proxy(new DeviceSortFilterProxyModel(this))
    , m_pages(new QStackedWidget(this))
    , m_table(new QTableView(m_pages))
    , m_detail(new DeviceDetailWidget(m_clock, m_pages))
    , m_filter(new QLineEdit(this))
    , m_refreshAction(new QAction(tr("&Refresh"), this))
    , m_sessionLabel(new QLabel(this))
    , m_refreshTimer(new QTimer(this))
{
    setWindowTitle(tr("Steward console"));

    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("devices"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DeviceTableModel::Compliant, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(DeviceTableModel::Os, QHeaderView::Stretch);
    connect(m_table, &QTableView::doubleClicked, this, &MainWindow::openIndex);
    connect(m_table, &QTableView::activated, this, &MainWindow::openIndex);

    m_pages->addWidget(m_table);
    m_pages->addWidget(m_detail);
    setCentralWidget(m_pages);
    connect(m_detail, &DeviceDetailWidget::backRequested, this, &MainWindow::showDeviceList);

    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter devices (hostname, OS, antivirus…)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &DeviceSortFilterProxyModel::setFilterText);

    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    auto *backAction = new QAction(tr("&All devices"), this);
    backAction->setShortcut(QKeySequence::Back);
    connect(backAction, &QAction::triggered, this, &MainWindow::showDeviceList);
    auto *logoutAction = new QAction(tr("Log &out"), this);
    connect(logoutAction, &QAction::triggered, this, &MainWindow::logout);
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, qApp, &QApplication::quit);

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(logoutAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);
    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(backAction);

    auto *toolBar = addToolBar(tr("Devices"));
    toolBar->setObjectName(QStringLiteral("devicesToolBar"));
    toolBar->setMovable(false);
    toolBar->addAction(backAction);
    toolBar->addAction(m_refreshAction);
    toolBar->addWidget(m_filter);

    statusBar()->addPermanentWidget(m_sessionLabel);
    connect(m_client, &ApiClient::loggedIn, this, &MainWindow::updateSessionLabel);
    connect(m_client, &ApiClient::loggedOut, this, &MainWindow::updateSessionLabel);
    connect(m_client, &ApiClient::sessionRejected, this, [this] {
        m_refreshTimer->stop();
        statusBar()->showMessage(tr("The server ended the session; please log in again."));
        Q_EMIT loginRequested();
    });
    updateSessionLabel();

    m_refreshTimer->setInterval(refreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    m_refreshTimer->start();

    resize(1100, 650);
}

DeviceTableModel *MainWindow::deviceModel() const
{
    return m_model;
}

void MainWindow::updateSessionLabel()
{
    if (!m_client->isLoggedIn()) {
        m_sessionLabel->setText(tr("Not logged in"));
        return;
    }
    m_sessionLabel->setText(
        tr("%1 — %2 (%3)").arg(m_client->baseUrl().toDisplayString(), m_client->user(), m_client->role()));
    if (!m_refreshTimer->isActive()) {
        m_refreshTimer->start();
    }
}

void MainWindow::refresh()
{
    if (m_refreshing || !m_client->isLoggedIn()) {
        return;
    }
    m_refreshing = true;
    m_refreshAction->setEnabled(false);
    statusBar()->showMessage(tr("Refreshing…"));
    m_client->devices(this, [this](const Result<QJsonValue> &result) {
        m_refreshing = false;
        m_refreshAction->setEnabled(true);
        if (!result) {
            statusBar()->showMessage(tr("Could not load devices: %1").arg(result.error().message));
            return;
        }
        m_model->setDevices(result.value().toArray());
        statusBar()->showMessage(
            tr("%n device(s), updated %1", nullptr, m_model->rowCount())
                .arg(QLocale().toString(m_clock.now().toLocalTime().time(), QLocale::ShortFormat)));
    });
    if (m_pages->currentWidget() == m_detail && !m_detail->deviceId().isEmpty()) {
        showDevice(m_detail->deviceId());
    }
}

void MainWindow::openIndex(const QModelIndex &proxyIndex)
{
    const QString id = proxyIndex.data(DeviceTableModel::DeviceIdRole).toString();
    if (!id.isEmpty()) {
        showDevice(id);
    }
}

void MainWindow::showDevice(const QString &id)
{
    statusBar()->showMessage(tr("Loading device…"));
    m_client->device(id, this, [this](const Result<QJsonValue> &result) {
        if (!result) {
            statusBar()->showMessage(tr("Could not load the device: %1").arg(result.error().message));
            return;
        }
        statusBar()->clearMessage();
        m_detail->setDevice(DeviceDetail::fromJson(result.value().toObject()));
        m_pages->setCurrentWidget(m_detail);
        m_filter->setEnabled(false);
    });
}

void MainWindow::showDeviceList()
{
    m_pages->setCurrentWidget(m_table);
    m_filter->setEnabled(true);
    m_table->setFocus();
}

void MainWindow::logout()
{
    m_refreshTimer->stop();
    m_client->logout(this, [](const Result<QJsonValue> &) {});
    Q_EMIT loginRequested();
}

} // namespace steward::app
