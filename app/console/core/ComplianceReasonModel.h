// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"

#include <QAbstractTableModel>

namespace steward
{
class Clock;
}

namespace steward::app
{

// A device's compliance reasons as rows, for help-desk staff explaining to a
// user why a PC is not compliant. Known reason codes also get a translated
// explanation; the server's own text (specific, English) stays alongside.
class ComplianceReasonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Reason, Since, Explanation, Code, ColumnCount };
    Q_ENUM(Column)

    // "Since" is relative to `clock`'s now.
    explicit ComplianceReasonModel(const Clock &clock, QObject *parent = nullptr);

    void setReasons(const QList<DeviceDetail::ComplianceReason> &reasons);
    const QList<DeviceDetail::ComplianceReason> &reasons() const;

    // Translated meaning of a reason code; empty for a code this console does not know.
    static QString explain(const QString &code);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DeviceDetail::ComplianceReason> m_reasons;
    const Clock &m_clock;
};

} // namespace steward::app
