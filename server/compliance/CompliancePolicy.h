// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "compliance/ComplianceConditions.h"
#include "domain/Device.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace steward::server
{

struct ComplianceReason {
    QString code; // stable, machine-readable (docs/protocol.md lists them)
    QString text; // one English sentence for logs and the API; the console translates by code
    QDateTime since; // when the condition started, null when unknown
    QString rule; // the policy rule that makes it a reason (PolicyRules.h)
    QString limit; // that rule's value, as set ("7d", "true", "clamav")
    QString origin; // the org unit that set it; empty: the built-in value
};

struct ComplianceResult {
    bool compliant = true;
    QDateTime evaluatedAt;
    QList<ComplianceReason> reasons;
    // "compliant"; "not-seen" when the device has not reported within contact.max-age (or
    // never): what it last said may no longer hold, and it cannot be told apart from a machine
    // switched off; otherwise "failing", since its oldest reason began.
    QString state;
    QDateTime stateSince; // last contact (or enrolment) for not-seen, the oldest reason's start for failing
};

// What one org unit's devices are held to: every rule of PolicyRules.h with its value and where
// that value comes from. Evaluated on read, against the current time, because compliance
// changes with time alone: definitions age and contact goes stale while a machine is switched
// off. A changed policy applies at the next evaluation, without waiting for any agent.
struct CompliancePolicy {
    std::optional<qint64> maxContactAgeSeconds = 24 * 3600;
    bool antivirusRequired = true;
    bool realTimeRequired = true;
    std::optional<qint64> maxDefinitionsAgeSeconds = 3 * 86400;
    bool updatesRequired = true;
    std::optional<qint64> maxSecurityPendingSeconds = 0;
    int minSeverityRank = 0; // severityRank(): 0 counts every security update
    std::optional<qint64> maxRebootPendingSeconds;
    QStringList requiredSoftware; // lower-cased package names
    QStringList forbiddenSoftware;
    std::optional<int> minFreeDiskPercent;
    // Per rule, the org unit path that set its value; a rule not here has its built-in value.
    QHash<QString, QString> origins;

    // Sets `rule` to `value` (as policyValue() wrote it), set by org unit `origin` (empty: the
    // server's configuration). Errors as policyValue().
    Status set(const QString &rule, const QString &value, const QString &origin);
    // The rule's value as it was set, else its built-in value.
    QString value(const QString &rule) const;

    // Judges the device's stored sections. `installed` is the device's installed package names,
    // lower-cased; it is only read when software rules are set (null: read them from the
    // device's software section). A reason's `since` is computed where a limit makes it
    // (contact.stale, definitions past their age limit, updates pending too long), is the
    // enrolment for contact.never, and otherwise the time the store saw the condition appear
    // (Device::conditionsSince); a device that never reported has lacked its reports since it
    // was enrolled.
    ComplianceResult evaluate(const Device &device,
                              const QDateTime &now,
                              const QSet<QString> *installed = nullptr) const;

    bool hasSoftwareRules() const
    {
        return !requiredSoftware.isEmpty() || !forbiddenSoftware.isEmpty();
    }

private:
    QHash<QString, QString> m_values; // rule -> value, for the rules set
};

} // namespace steward::server
