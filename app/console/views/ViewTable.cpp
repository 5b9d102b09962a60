// SPDX-License-Identifier: GPL-3.0-or-later
#include "ViewTable.h"

#include "HeaderFit.h"

#include <QHeaderView>
#include <QLabel>

namespace steward::app
{

ViewTable::ViewTable(const QString &objectName, QWidget *parent)
    : QTableView(parent)
    , m_empty(new QLabel(viewport()))
{
    setObjectName(objectName);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);

    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    // Clicks and the context menu reach the table beneath.
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->hide();
}

void ViewTable::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model()) {
        disconnect(old, nullptr, this, nullptr);
    }
    QTableView::setModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &ViewTable::updateEmptyMessage);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ViewTable::updateEmptyMessage);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ViewTable::updateEmptyMessage);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ViewTable::updateEmptyMessage);
    }
    HeaderFit::fitTitles(horizontalHeader());
    m_defaultHeader = horizontalHeader()->saveState();
    updateEmptyMessage();
}

void ViewTable::setDefaultSort(int column, Qt::SortOrder order)
{
    setSortingEnabled(true);
    sortByColumn(column, order);
    m_defaultHeader = horizontalHeader()->saveState();
}

void ViewTable::setEmptyMessage(const QString &message)
{
    m_empty->setText(message);
    updateEmptyMessage();
}

QString ViewTable::emptyMessage() const
{
    return m_empty->text();
}

bool ViewTable::isEmptyMessageShown() const
{
    return !m_empty->isHidden();
}

void ViewTable::fitColumns()
{
    if (!m_fitted && model() && model()->rowCount() > 0) {
        m_fitted = true;
        resizeColumnsToContents();
    }
    HeaderFit::fitTitles(horizontalHeader());
}

QByteArray ViewTable::saveHeader() const
{
    return horizontalHeader()->saveState();
}

bool ViewTable::restoreHeader(const QByteArray &state)
{
    if (state.isEmpty() || !horizontalHeader()->restoreState(state)) {
        return false;
    }
    m_fitted = true; // the person's widths win over the contents'
    // A title translated into a longer language than the one the widths were saved in must still fit.
    HeaderFit::fitTitles(horizontalHeader());
    return true;
}

void ViewTable::resetHeader()
{
    horizontalHeader()->restoreState(m_defaultHeader);
    m_fitted = false;
    fitColumns();
}

void ViewTable::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    m_empty->setGeometry(viewport()->rect());
}

void ViewTable::updateEmptyMessage()
{
    const bool empty = model() == nullptr || model()->rowCount() == 0;
    m_empty->setGeometry(viewport()->rect());
    m_empty->setVisible(empty && !m_empty->text().isEmpty());
}

} // namespace steward::app
