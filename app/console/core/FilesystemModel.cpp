// SPDX-License-Identifier: GPL-3.0-or-later
#include "FilesystemModel.h"

#include "DeviceText.h"

#include <QLocale>

namespace steward::app
{

std::optional<double> FilesystemModel::percentFree(const DeviceDetail::Filesystem &filesystem)
{
    if (!filesystem.sizeBytes || !filesystem.freeBytes || *filesystem.sizeBytes <= 0) {
        return std::nullopt;
    }
    return 100.0 * double(*filesystem.freeBytes) / double(*filesystem.sizeBytes);
}

QStringList FilesystemModel::headers() const
{
    return {tr("Mount point"), tr("Device"), tr("Type"), tr("Size"), tr("Free"), tr("Free %")};
}

QVariant FilesystemModel::cell(const DeviceDetail::Filesystem &filesystem, int column, int role) const
{
    if (role == SortRole) {
        switch (column) {
        case Size:
            return filesystem.sizeBytes.value_or(-1);
        case Free:
            return filesystem.freeBytes.value_or(-1);
        case PercentFree:
            return percentFree(filesystem).value_or(-1.0);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && column >= Size) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case MountPoint:
        return filesystem.mountPoint;
    case Device:
        return filesystem.device;
    case Type:
        return filesystem.type;
    case Size:
        return DeviceText::size(filesystem.sizeBytes);
    case Free:
        return DeviceText::size(filesystem.freeBytes);
    case PercentFree: {
        const std::optional<double> percent = percentFree(filesystem);
        return percent ? tr("%1 %").arg(QLocale().toString(*percent, 'f', 0)) : DeviceText::unknown();
    }
    }
    return {};
}

} // namespace steward::app
