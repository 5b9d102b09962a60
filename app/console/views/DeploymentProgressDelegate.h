// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace steward::app
{

// Paints a deployment's progress (DeploymentTableModel::CountsRole) as a bar of one segment per
// device job state, coloured by DeploymentTableModel::progressColor(), beside the cell's text
// ("2 of 3 finished"), so that the bar is never the only way to tell.
class DeploymentProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int barWidth = 96;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace steward::app
