// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

#include <optional>

namespace steward::app
{

// A device's mounted filesystems with their size, free space and share free: what help-desk
// staff look at when a user says the disk is full.
class FilesystemModel : public RecordTableModel<DeviceDetail::Filesystem>
{
    Q_OBJECT

public:
    enum Column { MountPoint, Device, Type, Size, Free, PercentFree, ColumnCount };
    Q_ENUM(Column)

    using RecordTableModel::RecordTableModel;

    // Free space in percent of the size; nullopt when either is unknown or the size is 0.
    static std::optional<double> percentFree(const DeviceDetail::Filesystem &filesystem);

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::Filesystem &filesystem, int column, int role) const override;
};

} // namespace steward::app
