// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// A device's network interfaces, one row each, addresses joined in one cell (all of them, one
// a line, in the tooltip).
class NetworkInterfaceModel : public RecordTableModel<DeviceDetail::NetworkInterface>
{
    Q_OBJECT

public:
    enum Column { Name, Type, Mac, State, Speed, Ipv4, Ipv6, ColumnCount };
    Q_ENUM(Column)

    using RecordTableModel::RecordTableModel;

    // Translated interface type ("ethernet" → "Ethernet", "wireless" → "Wi-Fi"), the code
    // itself for one this console does not know.
    static QString describeType(const QString &type);
    // "Up", "Down"… from the kernel's operational state and the link flag.
    static QString describeState(const DeviceDetail::NetworkInterface &interface);
    // "100 Mbit/s", "1 Gbit/s"; empty without a speed.
    static QString describeSpeed(std::optional<qint64> mbps);

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::NetworkInterface &interface, int column, int role) const override;
};

} // namespace steward::app
