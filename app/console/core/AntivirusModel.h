// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// The antivirus products a device reported, one row each. A value the product did not give is
// "unknown", never "off": the agent never guesses the two booleans upwards, and neither do we.
class AntivirusModel : public ClockedRecordTableModel<DeviceDetail::AntivirusProduct>
{
    Q_OBJECT

public:
    enum Column { Product, Engine, Definitions, DefinitionsTime, RealTimeProtection, Service, LastScan, ColumnCount };
    Q_ENUM(Column)

    // Times read relative to the clock's now.
    using ClockedRecordTableModel::ClockedRecordTableModel;

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::AntivirusProduct &product, int column, int role) const override;
};

} // namespace steward::app
