// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AuditRecord.h"

#include <QAbstractTableModel>
#include <QHash>

namespace steward::app
{

// Audit rows, newest first, as the audit log view and a device's history show them. Pages
// are appended as the user asks for older rows; actions and outcomes are translated by code.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Actor, Action, Target, Outcome, Source, Detail, ColumnCount };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, IdRole, ActionCodeRole };
    Q_ENUM(Role)

    explicit AuditTableModel(QObject *parent = nullptr);

    void setRecords(const QList<AuditRecord> &records);
    // Older rows from the next page; the caller asked with `before` = oldestId().
    void appendRecords(const QList<AuditRecord> &records);
    const QList<AuditRecord> &records() const;
    // 0 when empty.
    qint64 oldestId() const;

    // A person's words for an audit action code ("device.revoke" → "Device revoked"); the
    // code itself for one this console does not know.
    static QString describeAction(const QString &action);
    // The codes describeAction() knows, sorted: what an action filter offers.
    static QStringList knownActions();
    static QString describeOutcome(const QString &outcome);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Every action the server audits, with a person's words for it (translated on use).
    static const QHash<QString, const char *> &actionTexts();

    QList<AuditRecord> m_records;
};

} // namespace steward::app
