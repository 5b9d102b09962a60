// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceTableModel.h"

#include "Clock.h"
#include "RelativeTime.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>

namespace steward::app
{

namespace
{
QColor verdictColor(const std::optional<bool> &compliant)
{
    if (!compliant) {
        return QColor(0x75, 0x75, 0x75);
    }
    return *compliant ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28);
}

QString count(const std::optional<int> &value)
{
    return value ? QString::number(*value) : QStringLiteral("?");
}
} // namespace

DeviceTableModel::DeviceTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

void DeviceTableModel::setDevices(const QJsonArray &devices)
{
    setDevices(DeviceSummary::listFromJson(devices));
}

void DeviceTableModel::setDevices(const QList<DeviceSummary> &devices)
{
    // A periodic refresh usually returns the same devices: update in place so
    // that selection and scroll position in the view survive it.
    bool sameDevices = devices.size() == m_devices.size();
    for (qsizetype row = 0; sameDevices && row < devices.size(); ++row) {
        sameDevices = devices.at(row).id == m_devices.at(row).id;
    }
    if (sameDevices) {
        m_devices = devices;
        if (!m_devices.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_devices = devices;
    endResetModel();
}

const QList<DeviceSummary> &DeviceTableModel::devices() const
{
    return m_devices;
}

int DeviceTableModel::rowOfDevice(const QString &id) const
{
    for (qsizetype row = 0; row < m_devices.size(); ++row) {
        if (m_devices.at(row).id == id) {
            return int(row);
        }
    }
    return -1;
}

void DeviceTableModel::refreshTimes()
{
    if (!m_devices.isEmpty()) {
        Q_EMIT dataChanged(index(0, LastSeen), index(rowCount() - 1, LastSeen), {Qt::DisplayRole});
    }
}

int DeviceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_devices.size());
}

int DeviceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceTableModel::display(const DeviceSummary &device, int column) const
{
    switch (column) {
    case Hostname:
        return device.hostname.isEmpty() ? device.id : device.hostname;
    case Os:
        return device.os;
    case LastSeen:
        return RelativeTime::ago(device.lastSeen, m_clock.now());
    case PendingUpdates:
        return count(device.pendingUpdates);
    case SecurityUpdates:
        return count(device.securityUpdates);
    case Antivirus:
        return device.antivirus.isEmpty() ? tr("None") : device.antivirus;
    case DefinitionsAge:
        return device.antivirus.isEmpty() && !device.definitionsAgeDays ? QStringLiteral("—")
                                                                        : RelativeTime::days(device.definitionsAgeDays);
    case Compliant:
        return device.compliant ? (*device.compliant ? tr("Compliant") : tr("Not compliant")) : tr("Unknown");
    }
    return {};
}

QVariant DeviceTableModel::sortValue(const DeviceSummary &device, int column) const
{
    switch (column) {
    case LastSeen:
        // Never seen sorts as the oldest.
        return device.lastSeen.isValid() ? device.lastSeen.toSecsSinceEpoch() : qint64(0);
    case PendingUpdates:
        return device.pendingUpdates.value_or(-1);
    case SecurityUpdates:
        return device.securityUpdates.value_or(-1);
    case DefinitionsAge:
        return device.definitionsAgeDays.value_or(-1.0);
    case Compliant:
        // Not compliant first when sorting ascending: that is what people look for.
        return device.compliant ? (*device.compliant ? 2 : 0) : 1;
    default:
        return display(device, column).toString().toLower();
    }
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DeviceSummary &device = m_devices.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(device, column);
    case Qt::ToolTipRole:
        if (column == LastSeen) {
            return RelativeTime::absolute(device.lastSeen);
        }
        if (column == Hostname) {
            return device.id;
        }
        return {};
    case Qt::DecorationRole:
        if (column == Compliant) {
            return verdictColor(device.compliant);
        }
        return {};
    case Qt::ForegroundRole:
        if (column == Compliant) {
            return QBrush(verdictColor(device.compliant));
        }
        if (column == SecurityUpdates && device.securityUpdates.value_or(0) > 0) {
            return QBrush(verdictColor(false));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == PendingUpdates || column == SecurityUpdates || column == DefinitionsAge) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SortRole:
        return sortValue(device, column);
    case DeviceIdRole:
        return device.id;
    case CompliantRole:
        return device.compliant ? QVariant(*device.compliant) : QVariant();
    default:
        return {};
    }
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Hostname:
        return tr("Hostname");
    case Os:
        return tr("Operating system");
    case LastSeen:
        return tr("Last seen");
    case PendingUpdates:
        return tr("Pending updates");
    case SecurityUpdates:
        return tr("Security updates");
    case Antivirus:
        return tr("Antivirus");
    case DefinitionsAge:
        return tr("Definitions age");
    case Compliant:
        return tr("Compliant");
    default:
        return {};
    }
}

} // namespace steward::app
