// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStandardItemModel>

class QJsonArray;

namespace steward::app
{

// The org-unit tree from GET /api/v1/org-units: each unit under the one above it, with its
// devices and the share of them compliant, counting the units below it (the server counts).
// The root is "All devices": the site itself.
class OrgUnitTreeModel : public QStandardItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Devices, Compliant, ColumnCount };
    Q_ENUM(Column)
    enum Role { PathRole = Qt::UserRole + 1, SortRole };
    Q_ENUM(Role)

    explicit OrgUnitTreeModel(QObject *parent = nullptr);

    // Replaces the tree. A unit whose parent is not listed goes under the root, so that nothing
    // the server sends is lost from view.
    void setUnits(const QJsonArray &units);
    // The Name index of the unit with this path; invalid when there is none.
    QModelIndex indexOfPath(const QString &path) const;

private:
    void setHeaders();
};

} // namespace steward::app
