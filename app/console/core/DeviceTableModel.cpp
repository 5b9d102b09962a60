// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceTableModel.h"

#include "Clock.h"
#include "OrgUnitPath.h"
#include "RelativeTime.h"
#include "StatusIcon.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonArray>

namespace steward::app
{

namespace
{
const QColor kBad(0xc6, 0x28, 0x28);
const QColor kMuted(0x75, 0x75, 0x75);

QString count(const std::optional<int> &value)
{
    return value ? QString::number(*value) : QStringLiteral("?");
}
} // namespace

DeviceTableModel::DeviceState DeviceTableModel::stateOf(const DeviceSummary &device)
{
    if (device.state == QLatin1String("reporting")) {
        return DeviceState::Reporting;
    }
    if (device.state == QLatin1String("stale")) {
        return DeviceState::Stale;
    }
    if (device.state == QLatin1String("never-reported")) {
        return DeviceState::NeverReported;
    }
    if (device.state == QLatin1String("revoked")) {
        return DeviceState::Revoked;
    }
    if (device.state == QLatin1String("retired")) {
        return DeviceState::Retired;
    }
    return DeviceState::Unknown;
}

QString DeviceTableModel::stateText(DeviceState state)
{
    switch (state) {
    case DeviceState::Reporting:
        return tr("Reporting");
    case DeviceState::Stale:
        return tr("Not seen recently");
    case DeviceState::NeverReported:
        return tr("Never reported");
    case DeviceState::Revoked:
        return tr("Revoked");
    case DeviceState::Retired:
        return tr("Retired");
    case DeviceState::Unknown:
        break;
    }
    return tr("Unknown");
}

bool DeviceTableModel::shownByDefault(Column column)
{
    switch (column) {
    case Model:
    case RebootRequired:
    case AgentVersion:
    case DeviceId:
        return false;
    default:
        return true;
    }
}

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
    case State:
        return stateText(stateOf(device));
    case Hostname:
        return device.hostname.isEmpty() ? device.id : device.hostname;
    case OrgUnit:
        // The unit's own name; its path is in the tooltip.
        return orgunit::isRoot(device.orgUnit) ? QString() : orgunit::leafName(device.orgUnit);
    case IpAddress:
        return device.ipAddresses.isEmpty() ? QString() : device.ipAddresses.first();
    case Serial:
        return device.serial;
    case LoggedInUser:
        return device.loggedInUsers.join(QStringLiteral(", "));
    case Os:
        return device.os;
    case Model:
        return device.model;
    case LastSeen:
        return RelativeTime::ago(device.lastSeen, m_clock.now());
    case Compliant:
        return device.compliant ? (*device.compliant ? tr("Compliant") : tr("Not compliant")) : tr("Unknown");
    case PendingUpdates:
        return count(device.pendingUpdates);
    case SecurityUpdates:
        return count(device.securityUpdates);
    case RebootRequired:
        return device.rebootRequired ? (*device.rebootRequired ? tr("Required") : tr("No")) : QString();
    case Antivirus:
        if (!device.antivirusReported) {
            return tr("Not reported");
        }
        return device.antivirus.isEmpty() ? tr("None found") : device.antivirus;
    case DefinitionsAge:
        return device.antivirus.isEmpty() && !device.definitionsAgeDays ? QStringLiteral("—")
                                                                        : RelativeTime::days(device.definitionsAgeDays);
    case AgentVersion:
        return device.agentVersion;
    case DeviceId:
        return device.id;
    }
    return {};
}

QVariant DeviceTableModel::sortValue(const DeviceSummary &device, int column) const
{
    switch (column) {
    case State:
        return int(stateOf(device));
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

QVariant DeviceTableModel::decoration(const DeviceSummary &device, int column) const
{
    if (column == Compliant) {
        if (!device.compliant) {
            return StatusIcon::icon(StatusIcon::Kind::Unknown);
        }
        return StatusIcon::icon(*device.compliant ? StatusIcon::Kind::Good : StatusIcon::Kind::Bad);
    }
    if (column == State) {
        switch (stateOf(device)) {
        case DeviceState::Reporting:
            return StatusIcon::icon(StatusIcon::Kind::Good);
        case DeviceState::Stale:
            return StatusIcon::icon(StatusIcon::Kind::Stale);
        case DeviceState::NeverReported:
        case DeviceState::Unknown:
            return StatusIcon::icon(StatusIcon::Kind::Unknown);
        case DeviceState::Revoked:
        case DeviceState::Retired:
            return StatusIcon::icon(StatusIcon::Kind::Revoked);
        }
    }
    if (column == Hostname && !device.sameSerialAs.isEmpty()) {
        return StatusIcon::icon(StatusIcon::Kind::Warning);
    }
    if (column == RebootRequired && device.rebootRequired.value_or(false)) {
        return StatusIcon::icon(StatusIcon::Kind::Warning);
    }
    return {};
}

QString DeviceTableModel::searchText(const DeviceSummary &device) const
{
    QStringList parts;
    for (int column = 0; column < ColumnCount; ++column) {
        parts << display(device, column).toString();
    }
    parts << device.ipAddresses << device.macAddresses << device.loggedInUsers << device.orgUnit << device.assetTag;
    return parts.join(QLatin1Char('\n'));
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DeviceSummary &device = m_devices.at(index.row());
    const int column = index.column();
    const bool revoked = isCutOff(stateOf(device));
    switch (role) {
    case Qt::DisplayRole:
        return display(device, column);
    case Qt::ToolTipRole:
        switch (column) {
        case LastSeen:
            return RelativeTime::absolute(device.lastSeen);
        case Hostname:
            return device.sameSerialAs.isEmpty() ? device.id
                                                 : device.id + QLatin1Char('\n')
                    + tr("Same serial number as %1: the same machine enrolled twice?")
                          .arg(device.sameSerialAs.join(QStringLiteral(", ")));
        case OrgUnit:
            return device.orgUnit;
        case IpAddress:
            return device.ipAddresses.join(QLatin1Char('\n'));
        case LoggedInUser:
            return device.loggedInUsers.join(QLatin1Char('\n'));
        default:
            return {};
        }
    case Qt::DecorationRole:
        return decoration(device, column);
    case Qt::FontRole:
        if (revoked) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (revoked) {
            return QBrush(kMuted);
        }
        if (column == SecurityUpdates && device.securityUpdates.value_or(0) > 0) {
            return QBrush(kBad);
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
    case StateRole:
        return QVariant::fromValue(int(stateOf(device)));
    case SearchRole:
        return searchText(device);
    case OrgUnitRole:
        return device.orgUnit;
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
    case State:
        return tr("State");
    case Hostname:
        return tr("Hostname");
    case OrgUnit:
        return tr("Org unit");
    case IpAddress:
        return tr("IP address");
    case Serial:
        return tr("Serial number");
    case LoggedInUser:
        return tr("Logged-in user");
    case Os:
        return tr("Operating system");
    case Model:
        return tr("Model");
    case LastSeen:
        return tr("Last seen");
    case Compliant:
        return tr("Compliance");
    case PendingUpdates:
        return tr("Pending updates");
    case SecurityUpdates:
        return tr("Security updates");
    case RebootRequired:
        return tr("Reboot");
    case Antivirus:
        return tr("Antivirus");
    case DefinitionsAge:
        return tr("Definitions age");
    case AgentVersion:
        return tr("Agent version");
    case DeviceId:
        return tr("Device ID");
    default:
        return {};
    }
}

} // namespace steward::app
