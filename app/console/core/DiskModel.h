// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// A device's disks (block devices), with sizes in the user's locale.
class DiskModel : public RecordTableModel<DeviceDetail::Disk>
{
    Q_OBJECT

public:
    enum Column { Name, Model, Serial, Size, Kind, Removable, ColumnCount };
    Q_ENUM(Column)

    using RecordTableModel::RecordTableModel;

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::Disk &disk, int column, int role) const override;
};

} // namespace steward::app
