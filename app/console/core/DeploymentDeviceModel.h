// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ReceiptCheck.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QIcon>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QJsonArray;

namespace steward
{
class Clock;
}

namespace steward::app
{

// One device's copy of a deployment (a device job), as GET /api/v1/jobs/{id} lists them for a
// deployment and GET /api/v1/devices/{id}/jobs for a device.
struct DeviceJobRecord {
    QString deviceId;
    QString hostname; // a deployment's list only
    QString jobId;
    QString kind; // a device's list only
    QString select;
    QStringList packages;
    QDateTime createdAt;
    QString state;
    QString reason; // a code, empty when none
    QString message;
    std::optional<qint64> exitCode;
    QString agentOutcome;
    int items = 0; // updates the job covers on this device (not those that do not apply to it)
    int itemsInstalled = 0; // ... of which are installed now
    QDateTime updatedAt;
    deployment::ReceiptCheck receipt = deployment::ReceiptCheck::None; // checkReceipt()
    QJsonObject json; // as the server sent it: the output and the receipt are read from it

    // Checks the device's signed receipt against the site CA (deployment::receiptCheck), with
    // this record's job and device ids: each answer leaves one of them out.
    void checkReceipt(const QByteArray &caPem);

    static DeviceJobRecord fromJson(const QJsonObject &object);
    static QList<DeviceJobRecord> listFromJson(const QJsonArray &array);
    // The devices of GET /api/v1/jobs/{id}'s answer, each with the deployment's id and its
    // receipt checked against `caPem`.
    static QList<DeviceJobRecord> ofDeployment(const QJsonObject &deployment, const QByteArray &caPem);
    // GET /api/v1/devices/{id}/jobs's answer for `deviceId`, receipts checked against `caPem`.
    static QList<DeviceJobRecord> ofDevice(const QString &deviceId, const QJsonArray &jobs, const QByteArray &caPem);
};

// A table of device jobs: the devices of one deployment (the deployment page), or the
// deployments of one device (the device page's Jobs tab). The first column names the other
// side: the device, or what the deployment installs; the last one the deployment's id, which
// the deployment page hides.
class DeploymentDeviceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Perspective { DevicesOfDeployment, DeploymentsOfDevice };
    enum Column { Subject, State, ExitCode, Items, Receipt, Updated, Created, Deployment, ColumnCount };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, DeviceIdRole, JobIdRole, StateCodeRole, SearchRole };
    Q_ENUM(Role)

    DeploymentDeviceModel(Perspective perspective, const Clock &clock, QObject *parent = nullptr);

    void setJobs(const QList<DeviceJobRecord> &jobs);
    const QList<DeviceJobRecord> &jobs() const;
    Perspective perspective() const;

    // "Failed (dpkg-error)": the state in words, with the reason code when there is one.
    static QString stateText(const DeviceJobRecord &job);
    // "3 of 5 installed"; empty when the job lists no updates (yet).
    static QString itemsText(const DeviceJobRecord &job);
    // What a deployment installs on a device ("Security updates"), or its kind when it is not
    // a patch job.
    static QString whatText(const DeviceJobRecord &job);
    // "Verified", "Invalid"…: one word for the table; receiptExplanation() says what it means.
    static QString receiptText(deployment::ReceiptCheck check);
    static QString receiptExplanation(deployment::ReceiptCheck check);
    static QIcon receiptIcon(deployment::ReceiptCheck check);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const DeviceJobRecord &job, int column) const;

    Perspective m_perspective;
    const Clock &m_clock;
    QList<DeviceJobRecord> m_jobs;
};

} // namespace steward::app
