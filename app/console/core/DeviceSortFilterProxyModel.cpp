// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceSortFilterProxyModel.h"

#include "DeviceTableModel.h"
#include "OrgUnitPath.h"

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

void DeviceSortFilterProxyModel::setOrgUnit(const QString &path)
{
    const QString unit = orgunit::isRoot(path) ? QString() : path;
    if (unit == m_orgUnit) {
        return;
    }
    m_orgUnit = unit;
    invalidateFilter();
}

QString DeviceSortFilterProxyModel::orgUnit() const
{
    return m_orgUnit.isEmpty() ? QString::fromLatin1(orgunit::kRootPath) : m_orgUnit;
}

bool DeviceSortFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_orgUnit.isEmpty() && !orgunit::isWithin(row.data(DeviceTableModel::OrgUnitRole).toString(), m_orgUnit)) {
        return false;
    }
    if (m_filterText.isEmpty()) {
        return true;
    }
    // Help-desk staff search by whatever the caller knows: name, IP, MAC, serial, user, id.
    return row.data(DeviceTableModel::SearchRole).toString().contains(m_filterText, Qt::CaseInsensitive);
}

} // namespace steward::app
