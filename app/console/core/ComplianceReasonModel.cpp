// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceReasonModel.h"

#include "Clock.h"
#include "RelativeTime.h"

namespace steward::app
{

ComplianceReasonModel::ComplianceReasonModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

void ComplianceReasonModel::setReasons(const QList<DeviceDetail::ComplianceReason> &reasons)
{
    beginResetModel();
    m_reasons = reasons;
    endResetModel();
}

const QList<DeviceDetail::ComplianceReason> &ComplianceReasonModel::reasons() const
{
    return m_reasons;
}

QString ComplianceReasonModel::explain(const QString &code)
{
    if (code == QLatin1String("antivirus.missing")) {
        return tr("No antivirus product was found on this device.");
    }
    if (code == QLatin1String("antivirus.not-reported")) {
        return tr("The device has not reported its antivirus status yet; this says nothing about whether it has one.");
    }
    if (code == QLatin1String("antivirus.realtime-off")) {
        return tr("The antivirus is installed but its real-time protection is off.");
    }
    if (code == QLatin1String("antivirus.definitions-old")) {
        return tr("The antivirus definitions are out of date; the device must download new ones.");
    }
    if (code == QLatin1String("antivirus.definitions-unknown")) {
        return tr("The age of the antivirus definitions could not be determined.");
    }
    if (code == QLatin1String("patches.security-pending")) {
        return tr("Security updates have been waiting too long; install them and restart if asked.");
    }
    if (code == QLatin1String("patches.not-reported")) {
        return tr("The device has not reported its updates yet.");
    }
    if (code == QLatin1String("patches.unknown")) {
        return tr("The device has no package manager Steward can read, so its missing updates are unknown.");
    }
    if (code == QLatin1String("contact.stale")) {
        return tr("The device has not contacted the server recently; it may be switched off or offline.");
    }
    if (code == QLatin1String("contact.never")) {
        return tr("The device has never reported to the server since it was enrolled.");
    }
    return {};
}

int ComplianceReasonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reasons.size());
}

int ComplianceReasonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComplianceReasonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DeviceDetail::ComplianceReason &reason = m_reasons.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Reason:
            return reason.text.isEmpty() ? reason.code : reason.text;
        case Since:
            return reason.since.isValid() ? RelativeTime::ago(reason.since, m_clock.now()) : tr("unknown");
        case Explanation: {
            const QString explanation = explain(reason.code);
            return explanation.isEmpty() ? reason.text : explanation;
        }
        case Code:
            return reason.code;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Since:
            return RelativeTime::absolute(reason.since);
        case Reason:
        case Explanation:
            return explain(reason.code);
        default:
            return {};
        }
    }
    return {};
}

QVariant ComplianceReasonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Reason:
        return tr("Reason");
    case Since:
        return tr("Since");
    case Explanation:
        return tr("What it means");
    case Code:
        return tr("Code");
    default:
        return {};
    }
}

} // namespace steward::app
