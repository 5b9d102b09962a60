// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceReasonModel.h"

#include "DeviceText.h"
#include "RelativeTime.h"

#include <QHash>

namespace steward::app
{

const ComplianceReasonModel::Text *ComplianceReasonModel::texts(const QString &code)
{
    // docs/protocol.md, "Compliance reason codes".
    static const QHash<QString, Text> known{
        {QStringLiteral("antivirus.missing"),
         {QT_TR_NOOP("No antivirus"),
          QT_TR_NOOP("No antivirus product was found on this device."),
          QT_TR_NOOP(
              "Install the antivirus your organisation requires; it shows here after the device's next report.")}},
        {QStringLiteral("antivirus.not-reported"),
         {QT_TR_NOOP("Antivirus status not reported"),
          QT_TR_NOOP(
              "The device has not reported its antivirus status yet; this says nothing about whether it has one."),
          QT_TR_NOOP("Check that the Steward agent runs on the device and can reach the server.")}},
        {QStringLiteral("antivirus.realtime-off"),
         {QT_TR_NOOP("Real-time protection is off"),
          QT_TR_NOOP("The antivirus is installed but its real-time protection is off."),
          QT_TR_NOOP("Turn real-time protection back on in the antivirus (for ClamAV: on-access scanning with "
                     "clamonacc, and clamd running).")}},
        {QStringLiteral("antivirus.definitions-old"),
         {QT_TR_NOOP("Antivirus definitions out of date"),
          QT_TR_NOOP("The antivirus definitions are out of date; the device must download new ones."),
          QT_TR_NOOP("Let the antivirus update its definitions: check that it can reach its update server (for "
                     "ClamAV, that freshclam runs).")}},
        {QStringLiteral("antivirus.definitions-unknown"),
         {QT_TR_NOOP("Antivirus definitions of unknown age"),
          QT_TR_NOOP("The age of the antivirus definitions could not be determined."),
          QT_TR_NOOP("Check that the antivirus service runs and has downloaded its definitions at least once.")}},
        {QStringLiteral("patches.security-pending"),
         {QT_TR_NOOP("Security updates pending"),
          QT_TR_NOOP("Security updates have been waiting too long; install them and restart if asked."),
          QT_TR_NOOP("Install the pending updates (Updates tab), then restart the device if it asks.")}},
        {QStringLiteral("patches.not-reported"),
         {QT_TR_NOOP("Updates not reported"),
          QT_TR_NOOP("The device has not reported its updates yet."),
          QT_TR_NOOP("Check that the Steward agent runs on the device; the Errors tab says why a collector "
                     "failed.")}},
        {QStringLiteral("patches.unknown"),
         {QT_TR_NOOP("Updates cannot be checked"),
          QT_TR_NOOP("The device has no package manager Steward can read, so its missing updates are unknown."),
          QT_TR_NOOP("Keep this device up to date by hand, or ask the Steward administrators whether its "
                     "package manager can be supported.")}},
        {QStringLiteral("contact.stale"),
         {QT_TR_NOOP("Not seen recently"),
          QT_TR_NOOP("The device has not contacted the server recently; it may be switched off or offline."),
          QT_TR_NOOP("Make sure the device is switched on and connected to the network, and that the Steward "
                     "agent runs on it.")}},
        {QStringLiteral("reboot.pending"),
         {QT_TR_NOOP("Restart pending too long"),
          QT_TR_NOOP("Installed updates need a restart, and it has waited longer than the policy allows."),
          QT_TR_NOOP("Restart the device, or schedule a patch job that restarts it.")}},
        {QStringLiteral("software.missing"),
         {QT_TR_NOOP("Required software missing"),
          QT_TR_NOOP("Software the policy requires is not installed."),
          QT_TR_NOOP("Install the software named in the tooltip.")}},
        {QStringLiteral("software.forbidden"),
         {QT_TR_NOOP("Forbidden software installed"),
          QT_TR_NOOP("Software the policy forbids is installed."),
          QT_TR_NOOP("Remove the software named in the tooltip.")}},
        {QStringLiteral("software.not-reported"),
         {QT_TR_NOOP("Software not reported"),
          QT_TR_NOOP("The device has not reported its installed software, which the policy checks."),
          QT_TR_NOOP("Check that the Steward agent runs on the device; the Errors tab says why a collector "
                     "failed.")}},
        {QStringLiteral("disk.low"),
         {QT_TR_NOOP("Low on disk space"),
          QT_TR_NOOP("A disk has less free space than the policy requires."),
          QT_TR_NOOP("Free some space on the disk named in the tooltip, or enlarge it.")}},
        {QStringLiteral("contact.never"),
         {QT_TR_NOOP("Never reported"),
          QT_TR_NOOP("The device has never reported to the server since it was enrolled."),
          QT_TR_NOOP("Check that the Steward agent was started after enrolment and can reach the server's agent "
                     "port.")}},
    };
    const auto found = known.constFind(code);
    return found == known.constEnd() ? nullptr : &found.value();
}

QString ComplianceReasonModel::title(const QString &code)
{
    const Text *text = texts(code);
    return text ? tr(text->title) : QString();
}

QString ComplianceReasonModel::explain(const QString &code)
{
    const Text *text = texts(code);
    return text ? tr(text->meaning) : QString();
}

QString ComplianceReasonModel::remedy(const QString &code)
{
    const Text *text = texts(code);
    return text ? tr(text->remedy) : QString();
}

QString ComplianceReasonModel::policy(const DeviceDetail::ComplianceReason &reason)
{
    if (reason.rule.isEmpty()) {
        return QString();
    }
    const QString limit = reason.limit.isEmpty() ? tr("(none)") : reason.limit;
    return reason.origin.isEmpty() ? tr("%1 = %2 (built in)").arg(reason.rule, limit)
                                   : tr("%1 = %2, set by %3").arg(reason.rule, limit, reason.origin);
}

QStringList ComplianceReasonModel::headers() const
{
    return {tr("Reason"), tr("Since"), tr("What it means"), tr("What to do"), tr("Policy"), tr("Code")};
}

QVariant ComplianceReasonModel::cell(const DeviceDetail::ComplianceReason &reason, int column, int role) const
{
    const auto orServerText = [&reason](const QString &text) {
        if (!text.isEmpty()) {
            return text;
        }
        return reason.text.isEmpty() ? reason.code : reason.text;
    };
    if (role == SortRole && column == Since) {
        return DeviceText::sortKey(reason.since);
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Since:
            return RelativeTime::absolute(reason.since);
        case Reason:
        case Explanation:
            // The server's specific words (English): "ClamAV definitions are 9 days old (limit 7)".
            return reason.text;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case Reason:
        return orServerText(title(reason.code));
    case Since:
        return DeviceText::when(reason.since, now());
    case Explanation:
        return orServerText(explain(reason.code));
    case Remedy:
        return remedy(reason.code);
    case Policy:
        return policy(reason);
    case Code:
        return reason.code;
    }
    return {};
}

} // namespace steward::app
