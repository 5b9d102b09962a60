// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace steward::app
{

// Sorts a DeviceTableModel by raw values and filters it by free text: a row stays when any
// column (shown or not), an address, a MAC or a user name contains the text; and by org unit:
// a row stays when its device is in the unit or one below it.
class DeviceSortFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DeviceSortFilterProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const;
    // An org unit's path; "/" or empty: every device.
    void setOrgUnit(const QString &path);
    QString orgUnit() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
    QString m_orgUnit;
};

} // namespace steward::app
