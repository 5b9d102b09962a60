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
    const QAbstractItemModel *model = sourceModel();
    const int columns = model->columnCount(sourceParent);
    for (int column = 0; column < columns; ++column) {
        const QModelIndex index = model->index(sourceRow, column, sourceParent);
        if (index.data(Qt::DisplayRole).toString().contains(m_filterText, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return model->index(sourceRow, 0, sourceParent)
        .data(DeviceTableModel::DeviceIdRole)
        .toString()
        .contains(m_filterText, Qt::CaseInsensitive);
}

} // namespace steward::app
