// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceSummary.h"

#include <QAbstractTableModel>
#include <QDateTime>

class QJsonArray;

namespace steward
{
class Clock;
}

namespace steward::app
{

// The console's device list: one row per device summary from GET /api/v1/devices.
// Qt::DisplayRole is for people; SortRole gives raw values so that "9 h ago"
// sorts before "2 d ago"; SearchRole holds everything the search field matches
// (hidden columns and MAC addresses included); OrgUnitRole the path of the device's org unit.
class DeviceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Order is the default column order; people tell machines apart by the first few.
    enum Column {
        State,
        Hostname,
        OrgUnit,
        IpAddress,
        Serial,
        LoggedInUser,
        Os,
        Model,
        LastSeen,
        Compliant,
        PendingUpdates,
        SecurityUpdates,
        RebootRequired,
        Antivirus,
        DefinitionsAge,
        AgentVersion,
        DeviceId,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, DeviceIdRole, CompliantRole, StateRole, SearchRole, OrgUnitRole };
    Q_ENUM(Role)

    // Where a device stands, from the summary's `state`.
    enum class DeviceState { Reporting, Stale, NeverReported, Revoked, Retired, Unknown };
    // Revoked or retired: the server refuses its certificate and it can run nothing.
    static bool isCutOff(DeviceState state)
    {
        return state == DeviceState::Revoked || state == DeviceState::Retired;
    }
    static DeviceState stateOf(const DeviceSummary &device);
    static QString stateText(DeviceState state);

    // Columns shown until the user chooses otherwise.
    static bool shownByDefault(Column column);

    // Relative times ("3 h ago") are computed against `clock`.
    explicit DeviceTableModel(const Clock &clock, QObject *parent = nullptr);

    void setDevices(const QJsonArray &devices);
    void setDevices(const QList<DeviceSummary> &devices);
    const QList<DeviceSummary> &devices() const;
    int rowOfDevice(const QString &id) const;

    // Relative times ("3 h ago") go stale as the clock moves on.
    void refreshTimes();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const DeviceSummary &device, int column) const;
    QVariant sortValue(const DeviceSummary &device, int column) const;
    QVariant decoration(const DeviceSummary &device, int column) const;
    QString searchText(const DeviceSummary &device) const;

    QList<DeviceSummary> m_devices;
    const Clock &m_clock;
};

} // namespace steward::app
