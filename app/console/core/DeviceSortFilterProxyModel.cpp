// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceSortFilterProxyModel.h"

#include "DeviceTableModel.h"

namespace steward::app
{

DeviceSortFilterProxyModel::DeviceSortFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DeviceTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void DeviceSortFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText) {
        return;
    }
    m_filterText = trimmed;
    invalidateFilter();
}

QString DeviceSortFilterProxyModel::filterText() const
{
    return m_filterText;
}

bool DeviceSortFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty()) {
        return true;
    }
    // Help-desk staff search by whatever the caller knows: name, IP, MAC, serial, user, id.
    return sourceModel()
        ->index(sourceRow, 0, sourceParent)
        .data(DeviceTableModel::SearchRole)
        .toString()
        .contains(m_filterText, Qt::CaseInsensitive);
}

} // namespace steward::app
