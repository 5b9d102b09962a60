// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompliancePolicy.h"

namespace steward::server
{

ComplianceResult CompliancePolicy::evaluate(const Device &device, const QDateTime &now) const
{
    ComplianceResult result;
    result.evaluatedAt = now;
    auto failSince = [&result](const char *code, const QString &text, const QDateTime &since) {
        result.reasons.append(ComplianceReason{QLatin1String(code), text, since});
    };
    // A condition the store keeps: since it first appeared. Before any report the device has
    // lacked every section since its enrolment.
    auto fail = [&](const char *code, const QString &text) {
        QDateTime since = device.conditionsSince.value(QLatin1String(code));
        if (!since.isValid() && !device.lastSeen.isValid()) {
            since = device.enrolledAt;
        }
        failSince(code, text, since);
    };

    const QDateTime &lastSeen = device.lastSeen;
    if (!lastSeen.isValid()) {
        failSince("contact.never", QStringLiteral("The device has never sent a report."), device.enrolledAt);
    } else if (lastSeen.secsTo(now) > qint64(maxContactAgeHours) * 3600) {
        failSince("contact.stale",
                  QStringLiteral("No contact for %1 hours (limit %2 hours).")
                      .arg(lastSeen.secsTo(now) / 3600)
                      .arg(maxContactAgeHours),
                  lastSeen.addSecs(qint64(maxContactAgeHours) * 3600));
    }

    const ReportFacts facts = reportFacts(device.sections);
    if (!facts.antivirusReported) {
        // Not reported is not "none found": the device may well have one.
        fail("antivirus.not-reported", QStringLiteral("The device has not reported its antivirus status."));
    } else if (facts.products == 0) {
        fail("antivirus.missing", QStringLiteral("No antivirus product was found."));
    } else {
        // Compliant if at least one product satisfies each rule; reasons name the first product.
        const QString &name = facts.productName;
        if (requireRealTimeProtection && !facts.anyRealTimeProtection) {
            fail("antivirus.realtime-off", QStringLiteral("%1 real-time protection is off.").arg(name));
        }
        const QDateTime &definitions = facts.newestDefinitions;
        if (!definitions.isValid() && facts.definitionsUpToDate) {
            if (!*facts.definitionsUpToDate) {
                fail("antivirus.definitions-old", QStringLiteral("%1 reports its definitions out of date.").arg(name));
            }
        } else if (!definitions.isValid()) {
            fail("antivirus.definitions-unknown",
                 QStringLiteral("The age of the %1 definitions is unknown.").arg(name));
        } else if (definitions.secsTo(now) > qint64(maxDefinitionsAgeDays) * 86400) {
            failSince("antivirus.definitions-old",
                      QStringLiteral("%1 definitions are %2 days old (limit %3 days).")
                          .arg(name)
                          .arg(definitions.secsTo(now) / 86400)
                          .arg(maxDefinitionsAgeDays),
                      definitions.addSecs(qint64(maxDefinitionsAgeDays) * 86400));
        }
    }

    if (!facts.patchesReported) {
        fail("patches.not-reported", QStringLiteral("The device has not reported its patch status."));
    } else if (!facts.patchManagerKnown) {
        fail("patches.unknown", QStringLiteral("The device's patch status is unknown: no supported package manager."));
    } else if (forbidPendingSecurityUpdates && facts.securityUpdates > 0) {
        fail("patches.security-pending",
             facts.securityUpdates == 1
                 ? QStringLiteral("1 security update is pending.")
                 : QStringLiteral("%1 security updates are pending.").arg(facts.securityUpdates));
    }

    result.compliant = result.reasons.isEmpty();
    return result;
}

} // namespace steward::server
