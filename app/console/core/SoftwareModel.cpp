// SPDX-License-Identifier: GPL-3.0-or-later
#include "SoftwareModel.h"

namespace steward::app
{

QStringList SoftwareModel::headers() const
{
    return {tr("Name"), tr("Version"), tr("Architecture"), tr("Source"), tr("Publisher"), tr("Installed on")};
}

QVariant SoftwareModel::cell(const DeviceDetail::Package &package, int column, int role) const
{
    if (role == SearchRole) {
        return QString(package.name + QLatin1Char('\n') + package.version + QLatin1Char('\n') + package.publisher);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (column) {
    case Name:
        return package.name;
    case Version:
        return package.version;
    case Architecture:
        return package.arch;
    case Source:
        return package.source;
    case Publisher:
        return package.publisher;
    case InstallDate:
        return package.installDate;
    }
    return {};
}

} // namespace steward::app
