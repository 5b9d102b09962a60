// SPDX-License-Identifier: GPL-3.0-or-later
#include "AntivirusModel.h"

#include "DeviceText.h"

namespace steward::app
{

QStringList AntivirusModel::headers() const
{
    return {tr("Product"),
            tr("Engine"),
            tr("Definitions"),
            tr("Definitions date"),
            tr("Real-time protection"),
            tr("Service"),
            tr("Last scan")};
}

QVariant AntivirusModel::cell(const DeviceDetail::AntivirusProduct &product, int column, int role) const
{
    if (role == SortRole) {
        switch (column) {
        case DefinitionsTime:
            return DeviceText::sortKey(product.definitionsTime);
        case LastScan:
            return DeviceText::sortKey(product.lastScan);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case Product:
        return DeviceText::orUnknown(product.name);
    case Engine:
        return DeviceText::orUnknown(product.engineVersion);
    case Definitions:
        return DeviceText::orUnknown(product.definitionsVersion);
    case DefinitionsTime:
        return DeviceText::when(product.definitionsTime, now());
    case RealTimeProtection:
        return DeviceText::choice(product.realTimeProtection, tr("On"), tr("Off"));
    case Service:
        return DeviceText::choice(product.serviceRunning, tr("Running"), tr("Stopped"));
    case LastScan:
        return DeviceText::when(product.lastScan, now(), tr("never or unknown"));
    }
    return {};
}

} // namespace steward::app
