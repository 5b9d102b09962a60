// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

class QLabel;

namespace steward::app
{

// A view's table as the console shows them all: whole rows selected one at a time, read
// only, columns that can be moved and whose titles always fit, and words instead of a blank
// area when there is nothing to show ("No users"). Remembers the header as it was set up so
// that a view can go back to it (ConsoleView::resetState()).
class ViewTable : public QTableView
{
    Q_OBJECT

public:
    explicit ViewTable(const QString &objectName, QWidget *parent = nullptr);

    // Also takes the header's current layout as its default.
    void setModel(QAbstractItemModel *model) override;
    // Sorts by `column` (clicking a title sorts by that), and makes that part of the default layout.
    void setDefaultSort(int column, Qt::SortOrder order);

    // Shown over the empty table while the model has no rows; empty (before the first load):
    // nothing is shown. The label is named "emptyState".
    void setEmptyMessage(const QString &message);
    QString emptyMessage() const;
    bool isEmptyMessageShown() const;

    // The first time rows arrive (and the layout was not restored), columns take the width of
    // their contents; every time, titles keep fitting.
    void fitColumns();

    QByteArray saveHeader() const;
    // False when `state` is empty or not a header state; the table keeps its layout then.
    bool restoreHeader(const QByteArray &state);
    void resetHeader();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateEmptyMessage();

    QLabel *m_empty;
    QByteArray m_defaultHeader;
    bool m_fitted = false;
};

} // namespace steward::app
