// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeaderFit.h"

#include <QHeaderView>
#include <QStyle>
#include <QStyleOptionHeader>

namespace steward::app::HeaderFit
{

int neededWidth(const QHeaderView *header, int logicalIndex)
{
    const QAbstractItemModel *model = header->model();
    if (!model) {
        return 0;
    }
    QStyleOptionHeader option;
    option.initFrom(header);
    option.section = logicalIndex;
    option.orientation = header->orientation();
    option.text = model->headerData(logicalIndex, header->orientation(), Qt::DisplayRole).toString();
    option.icon = model->headerData(logicalIndex, header->orientation(), Qt::DecorationRole).value<QIcon>();
    option.sortIndicator = header->isSortIndicatorShown() ? QStyleOptionHeader::SortDown : QStyleOptionHeader::None;
    // Selected rows make their column titles bold; a title that fits only in the regular weight
    // is cut off as soon as someone clicks a row.
    QFont bold = header->font();
    bold.setBold(true);
    option.fontMetrics = QFontMetrics(bold);
    option.state |= QStyle::State_Sunken;
    const QSize size = header->style()->sizeFromContents(QStyle::CT_HeaderSection, &option, QSize(), header);
    return size.width();
}

void fitTitles(QHeaderView *header)
{
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section)) {
            continue;
        }
        const int needed = neededWidth(header, section);
        if (header->sectionSize(section) < needed) {
            header->resizeSection(section, needed);
        }
    }
}

QStringList clippedTitles(const QHeaderView *header)
{
    QStringList clipped;
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section)) {
            continue;
        }
        if (header->sectionSize(section) < neededWidth(header, section)) {
            clipped << header->model()->headerData(section, header->orientation()).toString();
        }
    }
    return clipped;
}

} // namespace steward::app::HeaderFit
