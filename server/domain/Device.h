// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QDateTime>
#include <QHash>
#include <QString>

namespace steward::server
{

// An enrolled machine and the report sections last stored for it.
struct Device {
    QString id;
    QString hostname;
    QDateTime enrolledAt;
    QDateTime lastSeen; // null when never reported
    qint64 lastSequence = 0;
    qint64 reportsStored = 0; // applied reports, duplicates excluded
    bool revoked = false;
    qint64 orgUnitId = 1; // the org unit it belongs to (domain/OrgUnit.h), the root until placed
    QString orgUnit; // that unit's path
    QCborMap sections; // name -> decoded section value
    // The compliance conditions its stored report shows (compliance/ComplianceConditions.h),
    // each with the time it first held without a break.
    QHash<QString, QDateTime> conditionsSince;
    // When its newest client certificate expires (only read for one device, not for lists).
    QDateTime certificateExpiresAt;
    // Taken out of service on purpose (revoked too): when, by whom and why. Null when in service.
    QDateTime retiredAt;
    QString retiredBy;
    QString retiredReason;
};

} // namespace steward::server
