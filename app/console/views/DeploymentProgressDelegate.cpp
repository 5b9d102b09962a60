// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentProgressDelegate.h"

#include "DeploymentTableModel.h"

#include <QApplication>
#include <QPainter>

namespace steward::app
{

namespace
{
constexpr int margin = 4;
}

void DeploymentProgressDelegate::paint(QPainter *painter,
                                       const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    const QVariantMap counts = index.data(DeploymentTableModel::CountsRole).toMap();
    QMap<QString, qint64> byState;
    qint64 total = 0;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        byState.insert(it.key(), it.value().toLongLong());
        total += it.value().toLongLong();
    }

    // The background (selection, alternate rows) as any cell, without its text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const int width = qMin(barWidth, option.rect.width() / 2);
    const QRect bar(option.rect.x() + margin,
                    option.rect.y() + margin,
                    qMax(0, width - margin),
                    qMax(0, option.rect.height() - 2 * margin));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(bar, option.palette.color(QPalette::Mid));
    if (total > 0 && bar.width() > 0) {
        int x = bar.x();
        qint64 done = 0;
        for (const QString &state : DeploymentTableModel::orderedStates(byState)) {
            done += byState.value(state);
            // Each segment ends where the running total says, so rounding never leaves a gap.
            const int end = bar.x() + int(bar.width() * done / total);
            painter->fillRect(QRect(x, bar.y(), end - x, bar.height()),
                              DeploymentTableModel::progressColor(DeploymentTableModel::progressGroup(state)));
            x = end;
        }
    }
    painter->setPen(option.palette.color(QPalette::Dark));
    painter->drawRect(bar.adjusted(0, 0, -1, -1));
    painter->restore();

    QStyleOptionViewItem text = option;
    initStyleOption(&text, index);
    text.rect = option.rect.adjusted(width + margin, 0, 0, 0);
    text.backgroundBrush = Qt::NoBrush;
    text.state &= ~QStyle::State_HasFocus;
    // Only the text: the background is painted already.
    painter->save();
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    painter->setPen(
        option.palette.color(group,
                             option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(text.font);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &text, widget);
    painter->drawText(textRect,
                      int(Qt::AlignLeft | Qt::AlignVCenter),
                      text.fontMetrics.elidedText(text.text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize DeploymentProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + barWidth + margin);
    return size;
}

} // namespace steward::app
