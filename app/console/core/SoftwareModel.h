// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// A device's installed packages. Ten thousand rows are ordinary (a Windows desktop, a
// developer's Debian), so cells are computed when a view asks for them and searching goes
// through SearchRole on column 0 (name, version and publisher in one string) in a
// QSortFilterProxyModel.
class SoftwareModel : public RecordTableModel<DeviceDetail::Package>
{
    Q_OBJECT

public:
    enum Column { Name, Version, Architecture, Source, Publisher, InstallDate, ColumnCount };
    Q_ENUM(Column)
    enum { SearchRole = SortRole + 1 };

    using RecordTableModel::RecordTableModel;

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::Package &package, int column, int role) const override;
};

} // namespace steward::app
