// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QDateTime>
#include <QSet>
#include <QString>

#include <optional>

namespace steward::server
{

// What a device's stored `antivirus` and `patches` sections say, as far as compliance cares.
// Read once here, so that the policy and the stored conditions can never disagree about it.
struct ReportFacts {
    bool antivirusReported = false; // the section is there (an empty product list is an answer)
    qsizetype products = 0;
    QString productName; // the first product's: reasons name it
    bool anyRealTimeProtection = false;
    QDateTime newestDefinitions; // null when no product gives a date
    // Windows SecurityCenter2 gives no date, only the product's own verdict; any product saying
    // "up to date" counts. Empty when no product gives one.
    std::optional<bool> definitionsUpToDate;
    bool patchesReported = false;
    bool patchManagerKnown = false; // a manager Steward reads, not "none"
    qsizetype securityUpdates = 0;
};

ReportFacts reportFacts(const QCborMap &sections);

// Pending updates in a report's `patches` section flagged as security updates.
qsizetype securityUpdateCount(const QCborMap &patches);

// The policy-independent conditions a report shows, by reason code: antivirus.not-reported,
// antivirus.missing, antivirus.realtime-off, antivirus.definitions-unknown,
// antivirus.definitions-old (only SecurityCenter2's "out of date": an age limit is the
// policy's), patches.not-reported, patches.unknown, patches.security-pending,
// patches.reboot-pending. The store keeps when each first held (DeviceRepository), which the
// policy gives as the reason's `since`, or counts a policy's grace period from.
QSet<QString> reportConditions(const QCborMap &sections);

} // namespace steward::server
