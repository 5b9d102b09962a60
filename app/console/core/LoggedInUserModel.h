// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// Who was logged in to a device when it last reported (os.users): "is anyone working on it
// right now?" before a remote action or a restart.
class LoggedInUserModel : public ClockedRecordTableModel<DeviceDetail::LoggedInUser>
{
    Q_OBJECT

public:
    enum Column { User, Terminal, From, Since, ColumnCount };
    Q_ENUM(Column)

    // Times read relative to the clock's now.
    using ClockedRecordTableModel::ClockedRecordTableModel;

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::LoggedInUser &user, int column, int role) const override;
};

} // namespace steward::app
