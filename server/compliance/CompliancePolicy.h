// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
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

// Pending updates in a report's `patches` section flagged as security updates.
qsizetype securityUpdateCount(const QCborMap &patches);

// The default policy. Evaluated on read, against the current time, because compliance changes
// with time alone: definitions age and contact goes stale while a machine is switched off.
struct CompliancePolicy {
    int maxDefinitionsAgeDays = 3;
    int maxContactAgeHours = 24;
    bool requireRealTimeProtection = true;
    bool forbidPendingSecurityUpdates = true;

    // `sections` are the device's stored report sections; `lastSeen` is null if it never reported.
    ComplianceResult evaluate(const QCborMap &sections, const QDateTime &lastSeen, const QDateTime &now) const;
};

} // namespace steward::server
