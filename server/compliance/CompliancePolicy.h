// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/ComplianceConditions.h"
#include "domain/Device.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace steward::server
{

struct ComplianceReason {
    QString code; // stable, machine-readable (docs/protocol.md lists them)
    QString text; // one English sentence for logs and the API; the console translates by code
    QDateTime since; // when the condition started, null when unknown
};

struct ComplianceResult {
    bool compliant = true;
    QDateTime evaluatedAt;
    QList<ComplianceReason> reasons;
};

// The default policy. Evaluated on read, against the current time, because compliance changes
// with time alone: definitions age and contact goes stale while a machine is switched off.
struct CompliancePolicy {
    int maxDefinitionsAgeDays = 3;
    int maxContactAgeHours = 24;
    bool requireRealTimeProtection = true;
    bool forbidPendingSecurityUpdates = true;

    // Judges the device's stored sections. A reason's `since` is computed where a limit makes it
    // (contact.stale, definitions past their age limit), is the enrolment for contact.never, and
    // otherwise the time the store saw the condition appear (Device::conditionsSince); a device
    // that never reported has lacked its reports since it was enrolled.
    ComplianceResult evaluate(const Device &device, const QDateTime &now) const;
};

} // namespace steward::server
