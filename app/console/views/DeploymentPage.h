// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"
#include "ReceiptCheck.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;

namespace steward::app
{

class DeploymentDeviceModel;
class RequestTracker;
class ViewTable;

// One deployment (GET /api/v1/jobs/{id}): what it installs and when, and a table of its devices
// (state with reason, exit code, "3 of 5 installed", last news). Selecting a device shows the
// head and tail of its output and what its signed receipt proves, checked here against the
// site CA: the server could drop a result, but not forge one.
class DeploymentPage : public QWidget
{
    Q_OBJECT

public:
    explicit DeploymentPage(const ViewContext &context, QWidget *parent = nullptr);

    // Loads the deployment, asynchronously; keeps what is shown while the same one reloads.
    void showDeployment(const QString &id);
    void reload();
    void cancel();
    QString deploymentId() const;
    // The deployment as last answered; empty before.
    const QJsonObject &deployment() const;

    DeploymentDeviceModel *model() const;
    ViewTable *table() const;
    // Selects the row of `deviceId` (false when it is not shown) and shows its details.
    bool selectDevice(const QString &deviceId);
    // What the receipt check of the selected device says; empty when no device is selected.
    QString receiptText() const;
    // The selected device's output as shown.
    QString outputText() const;

    static QString receiptCheckText(deployment::ReceiptCheck check);

Q_SIGNALS:
    void backRequested();
    // The person asked to cancel the deployment shown (the view confirms and sends it).
    void cancelRequested(const QString &id);
    void busy(const QString &what);
    void idle();
    void loaded(const QDateTime &at);
    void loadFailed(const QString &message);
    void message(const QString &text);

private:
    QWidget *buildDetails();
    void answered(const QJsonObject &job);
    void showSelected();
    void updateHeader();

    ViewContext m_context;
    QString m_id;
    QJsonObject m_job;
    QByteArray m_caPem;
    RequestTracker *m_requests;
    QPointer<QObject> m_load;
    DeploymentDeviceModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_pages;
    QLabel *m_loading;
    QLabel *m_title;
    QLabel *m_stateIcon;
    QLabel *m_state;
    QLabel *m_facts;
    QPushButton *m_cancel;
    QSplitter *m_splitter;
    ViewTable *m_table;
    QLabel *m_deviceTitle;
    QLabel *m_receiptIcon;
    QLabel *m_receipt;
    QLabel *m_times;
    QPlainTextEdit *m_items;
    QPlainTextEdit *m_output;
};

} // namespace steward::app
