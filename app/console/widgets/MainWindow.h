// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace steward
{
class Clock;
}

namespace steward::app
{

class ApiClient;
class DeviceDetailWidget;
class DeviceSortFilterProxyModel;
class DeviceTableModel;

// Device list with filter and auto-refresh; double-click opens a device.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    static constexpr int refreshIntervalMs = 60 * 1000;

    // `clock` dates the devices' times and the "updated" note.
    MainWindow(ApiClient *client, const Clock &clock, QWidget *parent = nullptr);

    DeviceTableModel *deviceModel() const;

public Q_SLOTS:
    void refresh();
    void showDevice(const QString &id);
    void showDeviceList();

Q_SIGNALS:
    // The user logged out, or the server ended the session: log in again.
    void loginRequested();

private:
    void updateSessionLabel();
    void openIndex(const QModelIndex &proxyIndex);
    void logout();

    ApiClient *m_client;
    const Clock &m_clock;
    DeviceTableModel *m_model;
    DeviceSortFilterProxyModel *m_proxy;
    QStackedWidget *m_pages;
    QTableView *m_table;
    DeviceDetailWidget *m_detail;
    QLineEdit *m_filter;
    QAction *m_refreshAction;
    QLabel *m_sessionLabel;
    QTimer *m_refreshTimer;
    bool m_refreshing = false;
};

} // namespace steward::app
