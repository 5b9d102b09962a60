// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// Updates waiting on a device. Security updates say so in words (and sort first on SortRole),
// never by colour alone.
class PendingUpdateModel : public RecordTableModel<DeviceDetail::PendingUpdate>
{
    Q_OBJECT

public:
    enum Column { Package, Installed, Available, Origin, Security, Severity, ColumnCount };
    Q_ENUM(Column)

    using RecordTableModel::RecordTableModel;

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::PendingUpdate &update, int column, int role) const override;
};

} // namespace steward::app
