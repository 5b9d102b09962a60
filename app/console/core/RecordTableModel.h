// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <algorithm>

namespace steward::app
{

// A flat, read-only table with one row per record: what every list on the device page is.
// Subclasses name their columns and say what a cell shows; sorting views use SortRole, which
// falls back to the displayed text where a subclass gives no better key (sizes, times).
template<typename Record>
class RecordTableModel : public QAbstractTableModel
{
public:
    enum { SortRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void setRecords(const QList<Record> &records)
    {
        beginResetModel();
        m_records = records;
        endResetModel();
    }
    const QList<Record> &records() const
    {
        return m_records;
    }
    // No record shows anything in `column` (a Windows-only column on a Linux device): views
    // hide it.
    bool isColumnEmpty(int column) const
    {
        return std::none_of(m_records.cbegin(), m_records.cend(), [this, column](const Record &record) {
            return !cell(record, column, Qt::DisplayRole).toString().isEmpty();
        });
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_records.size());
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(columnTitles().size());
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
            return {};
        }
        const Record &record = m_records.at(index.row());
        QVariant value = cell(record, index.column(), role);
        if (role == SortRole && !value.isValid()) {
            value = cell(record, index.column(), Qt::DisplayRole);
        }
        return value;
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
            && section < columnTitles().size()) {
            return columnTitles().at(section);
        }
        return QAbstractTableModel::headerData(section, orientation, role);
    }

protected:
    // Translated column titles, in column order.
    virtual QStringList headers() const = 0;
    // What `role` shows in `column` for `record`; invalid for nothing.
    virtual QVariant cell(const Record &record, int column, int role) const = 0;

private:
    // Views ask for the column count for every index they make: translate the titles once.
    const QStringList &columnTitles() const
    {
        if (m_headers.isEmpty()) {
            m_headers = headers();
        }
        return m_headers;
    }

    QList<Record> m_records;
    mutable QStringList m_headers;
};

// A RecordTableModel whose cells read times relative to a clock's now ("2 d ago").
template<typename Record>
class ClockedRecordTableModel : public RecordTableModel<Record>
{
public:
    explicit ClockedRecordTableModel(const Clock &clock, QObject *parent = nullptr)
        : RecordTableModel<Record>(parent)
        , m_clock(clock)
    {
    }

protected:
    QDateTime now() const
    {
        return m_clock.now();
    }

private:
    const Clock &m_clock;
};

} // namespace steward::app
