// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// The collectors that could not produce their section in a device's last report, with the
// agent's code and message: why a tab says "not reported".
class CollectorErrorModel : public RecordTableModel<DeviceDetail::CollectorError>
{
    Q_OBJECT

public:
    enum Column { Collector, Code, Message, ColumnCount };
    Q_ENUM(Column)

    using RecordTableModel::RecordTableModel;

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::CollectorError &error, int column, int role) const override;
};

} // namespace steward::app
