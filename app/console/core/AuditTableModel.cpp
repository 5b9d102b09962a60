// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditTableModel.h"

#include "RelativeTime.h"

#include <QBrush>
#include <QColor>

namespace steward::app
{

AuditTableModel::AuditTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AuditTableModel::setRecords(const QList<AuditRecord> &records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

void AuditTableModel::appendRecords(const QList<AuditRecord> &records)
{
    if (records.isEmpty()) {
        return;
    }
    beginInsertRows(QModelIndex(), int(m_records.size()), int(m_records.size() + records.size() - 1));
    m_records.append(records);
    endInsertRows();
}

const QList<AuditRecord> &AuditTableModel::records() const
{
    return m_records;
}

qint64 AuditTableModel::oldestId() const
{
    return m_records.isEmpty() ? 0 : m_records.last().id;
}

const QHash<QString, const char *> &AuditTableModel::actionTexts()
{
    static const QHash<QString, const char *> known{
        {QStringLiteral("login"), QT_TR_NOOP("Logged in")},
        {QStringLiteral("logout"), QT_TR_NOOP("Logged out")},
        {QStringLiteral("account.password"), QT_TR_NOOP("Changed own password")},
        {QStringLiteral("api-token.create"), QT_TR_NOOP("API token created")},
        {QStringLiteral("api-token.list"), QT_TR_NOOP("API tokens listed")},
        {QStringLiteral("api-token.revoke"), QT_TR_NOOP("API token revoked")},
        {QStringLiteral("audit.read"), QT_TR_NOOP("Audit log read")},
        {QStringLiteral("audit.verify"), QT_TR_NOOP("Audit log verified")},
        {QStringLiteral("device.delete"), QT_TR_NOOP("Device deleted")},
        {QStringLiteral("device.enroll"), QT_TR_NOOP("Device enrolled")},
        {QStringLiteral("device.list"), QT_TR_NOOP("Devices listed")},
        {QStringLiteral("device.read"), QT_TR_NOOP("Device opened")},
        {QStringLiteral("device.renew"), QT_TR_NOOP("Device certificate renewed")},
        {QStringLiteral("device.revoke"), QT_TR_NOOP("Device revoked")},
        {QStringLiteral("enrollment-token.create"), QT_TR_NOOP("Enrolment token created")},
        {QStringLiteral("user.create"), QT_TR_NOOP("User created")},
        {QStringLiteral("user.disable"), QT_TR_NOOP("User disabled")},
        {QStringLiteral("user.enable"), QT_TR_NOOP("User enabled")},
        {QStringLiteral("user.list"), QT_TR_NOOP("Users listed")},
        {QStringLiteral("user.password"), QT_TR_NOOP("User's password reset")},
    };
    return known;
}

QStringList AuditTableModel::knownActions()
{
    QStringList codes = actionTexts().keys();
    codes.sort();
    return codes;
}

QString AuditTableModel::describeAction(const QString &action)
{
    const QHash<QString, const char *> &known = actionTexts();
    const auto found = known.constFind(action);
    return found == known.constEnd() ? action : tr(*found);
}

QString AuditTableModel::describeOutcome(const QString &outcome)
{
    if (outcome == QLatin1String("ok")) {
        return tr("Done");
    }
    if (outcome == QLatin1String("denied")) {
        return tr("Refused");
    }
    if (outcome == QLatin1String("broken")) {
        return tr("Broken");
    }
    return outcome;
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AuditRecord &record = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return RelativeTime::absolute(record.at);
        case Actor:
            return record.actor;
        case Action:
            return describeAction(record.action);
        case Target:
            return record.target;
        case Outcome:
            return describeOutcome(record.outcome);
        case Source:
            return record.sourceIp;
        case Detail:
            return record.detail;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Action) {
            return record.action;
        }
        if (index.column() == Detail) {
            return record.detail;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Outcome && record.outcome != QLatin1String("ok")) {
            return QBrush(QColor(0xc6, 0x28, 0x28));
        }
        return {};
    case SortRole:
        return index.column() == Time ? QVariant(record.id) : data(index, Qt::DisplayRole);
    case IdRole:
        return record.id;
    case ActionCodeRole:
        return record.action;
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Time:
        return tr("Time");
    case Actor:
        return tr("Who");
    case Action:
        return tr("Action");
    case Target:
        return tr("Target");
    case Outcome:
        return tr("Outcome");
    case Source:
        return tr("From address");
    case Detail:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace steward::app
