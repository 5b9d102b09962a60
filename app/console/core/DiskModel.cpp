// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiskModel.h"

#include "DeviceText.h"

namespace steward::app
{

QStringList DiskModel::headers() const
{
    return {tr("Disk"), tr("Model"), tr("Serial number"), tr("Size"), tr("Kind"), tr("Removable")};
}

QVariant DiskModel::cell(const DeviceDetail::Disk &disk, int column, int role) const
{
    if (role == SortRole && column == Size) {
        return disk.sizeBytes.value_or(-1);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case Name:
        return disk.name;
    case Model:
        return disk.model;
    case Serial:
        return disk.serial;
    case Size:
        return DeviceText::size(disk.sizeBytes);
    case Kind:
        return DeviceText::choice(disk.rotational, tr("Hard disk"), tr("Solid state"));
    case Removable:
        return DeviceText::yesNo(disk.removable);
    }
    return {};
}

} // namespace steward::app
