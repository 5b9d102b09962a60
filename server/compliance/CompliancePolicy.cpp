// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompliancePolicy.h"

#include "compliance/PolicyRules.h"

#include <QCborArray>

namespace steward::server
{

namespace
{
// "3 days", "5 hours", "40 minutes": how long a limit or an age is, in words for the reasons.
QString inWords(qint64 seconds)
{
    if (seconds >= 2 * 86400) {
        return QStringLiteral("%1 days").arg(seconds / 86400);
    }
    if (seconds >= 2 * 3600) {
        return QStringLiteral("%1 hours").arg(seconds / 3600);
    }
    return QStringLiteral("%1 minutes").arg(seconds / 60);
}

// Pending security updates at or above the severity rank; those of unknown severity count.
qsizetype securityUpdatesAtLeast(const QCborMap &patches, int minRank)
{
    qsizetype count = 0;
    for (const QCborValue &entry : patches.value(QLatin1String("pending")).toArray()) {
        const QCborMap update = entry.toMap();
        if (!update.value(QLatin1String("security")).toBool()) {
            continue;
        }
        const int rank = severityRank(update.value(QLatin1String("severity")).toString());
        count += rank <= 0 || rank >= minRank ? 1 : 0;
    }
    return count;
}

QSet<QString> installedNames(const QCborMap &sections)
{
    QSet<QString> names;
    for (const QCborValue &entry : sections.value(QLatin1String("software")).toArray()) {
        names.insert(entry.toMap().value(QLatin1String("name")).toString().trimmed().toLower());
    }
    return names;
}
} // namespace

Status CompliancePolicy::set(const QString &rule, const QString &text, const QString &origin)
{
    const Result<QString> checked = policyValue(rule, text);
    if (!checked) {
        return checked.error();
    }
    const QString &value = checked.value();
    if (rule == QLatin1String("contact.max-age")) {
        maxContactAgeSeconds = durationSeconds(value);
    } else if (rule == QLatin1String("antivirus.required")) {
        antivirusRequired = value == QLatin1String("true");
    } else if (rule == QLatin1String("antivirus.realtime-required")) {
        realTimeRequired = value == QLatin1String("true");
    } else if (rule == QLatin1String("antivirus.definitions-max-age")) {
        maxDefinitionsAgeSeconds = durationSeconds(value);
    } else if (rule == QLatin1String("updates.required")) {
        updatesRequired = value == QLatin1String("true");
    } else if (rule == QLatin1String("updates.security-max-age")) {
        maxSecurityPendingSeconds = durationSeconds(value);
    } else if (rule == QLatin1String("updates.min-severity")) {
        minSeverityRank = severityRank(value);
    } else if (rule == QLatin1String("reboot.max-pending")) {
        maxRebootPendingSeconds = durationSeconds(value);
    } else if (rule == QLatin1String("software.required")) {
        requiredSoftware = names(value);
    } else if (rule == QLatin1String("software.forbidden")) {
        forbiddenSoftware = names(value);
    } else if (rule == QLatin1String("disk.min-free-percent")) {
        minFreeDiskPercent = percent(value);
    }
    m_values.insert(rule, value);
    if (origin.isEmpty()) {
        origins.remove(rule);
    } else {
        origins.insert(rule, origin);
    }
    return Ok{};
}

QString CompliancePolicy::value(const QString &rule) const
{
    if (const auto set = m_values.constFind(rule); set != m_values.constEnd()) {
        return *set;
    }
    const PolicyRule *known = policyRule(rule);
    return known ? known->builtIn : QString();
}

ComplianceResult CompliancePolicy::evaluate(const Device &device,
                                            const QDateTime &now,
                                            const QSet<QString> *installed) const
{
    ComplianceResult result;
    result.evaluatedAt = now;
    const auto failSince = [&](const char *code, const char *rule, const QString &text, const QDateTime &since) {
        const QString ruleName = QLatin1String(rule);
        result.reasons.append(
            ComplianceReason{QLatin1String(code), text, since, ruleName, value(ruleName), origins.value(ruleName)});
    };
    // When a condition the store keeps began. Before any report the device has lacked every
    // section since its enrolment.
    const auto heldSince = [&](const char *code) {
        QDateTime since = device.conditionsSince.value(QLatin1String(code));
        if (!since.isValid() && !device.lastSeen.isValid()) {
            since = device.enrolledAt;
        }
        return since;
    };
    const auto fail = [&](const char *code, const char *rule, const QString &text) {
        failSince(code, rule, text, heldSince(code));
    };

    const QDateTime &lastSeen = device.lastSeen;
    bool notSeen = false;
    if (!lastSeen.isValid()) {
        notSeen = true;
        failSince("contact.never",
                  "contact.max-age",
                  QStringLiteral("The device has never sent a report."),
                  device.enrolledAt);
    } else if (maxContactAgeSeconds && lastSeen.secsTo(now) > *maxContactAgeSeconds) {
        notSeen = true;
        failSince("contact.stale",
                  "contact.max-age",
                  QStringLiteral("Not seen for %1 (limit %2).")
                      .arg(inWords(lastSeen.secsTo(now)), inWords(*maxContactAgeSeconds)),
                  lastSeen.addSecs(*maxContactAgeSeconds));
    }

    const ReportFacts facts = reportFacts(device.sections);
    if (antivirusRequired && !facts.antivirusReported) {
        // Not reported is not "none found": the device may well have one.
        fail("antivirus.not-reported",
             "antivirus.required",
             QStringLiteral("The device has not reported its antivirus status."));
    } else if (antivirusRequired && facts.products == 0) {
        fail("antivirus.missing", "antivirus.required", QStringLiteral("No antivirus product was found."));
    } else if (facts.products > 0) {
        // Compliant if at least one product satisfies each rule; reasons name the first product.
        const QString &name = facts.productName;
        if (realTimeRequired && !facts.anyRealTimeProtection) {
            fail("antivirus.realtime-off",
                 "antivirus.realtime-required",
                 QStringLiteral("%1 real-time protection is off.").arg(name));
        }
        const QDateTime &definitions = facts.newestDefinitions;
        if (!maxDefinitionsAgeSeconds) {
            // Their age is not checked here.
        } else if (!definitions.isValid() && facts.definitionsUpToDate) {
            if (!*facts.definitionsUpToDate) {
                fail("antivirus.definitions-old",
                     "antivirus.definitions-max-age",
                     QStringLiteral("%1 reports its definitions out of date.").arg(name));
            }
        } else if (!definitions.isValid()) {
            fail("antivirus.definitions-unknown",
                 "antivirus.definitions-max-age",
                 QStringLiteral("The age of the %1 definitions is unknown.").arg(name));
        } else if (definitions.secsTo(now) > *maxDefinitionsAgeSeconds) {
            failSince("antivirus.definitions-old",
                      "antivirus.definitions-max-age",
                      QStringLiteral("%1 definitions are %2 old (limit %3).")
                          .arg(name, inWords(definitions.secsTo(now)), inWords(*maxDefinitionsAgeSeconds)),
                      definitions.addSecs(*maxDefinitionsAgeSeconds));
        }
    }

    const QCborMap patches = device.sections.value(QLatin1String("patches")).toMap();
    if (updatesRequired && !facts.patchesReported) {
        fail("patches.not-reported",
             "updates.required",
             QStringLiteral("The device has not reported its patch status."));
    } else if (updatesRequired && !facts.patchManagerKnown) {
        fail("patches.unknown",
             "updates.required",
             QStringLiteral("The device's patch status is unknown: no supported package manager."));
    } else if (maxSecurityPendingSeconds && facts.patchManagerKnown) {
        const qsizetype security = securityUpdatesAtLeast(patches, minSeverityRank);
        const QDateTime pendingSince = heldSince("patches.security-pending");
        const QDateTime failingSince =
            pendingSince.isValid() ? pendingSince.addSecs(*maxSecurityPendingSeconds) : QDateTime();
        // Pending for longer than allowed; a start the store has not seen yet counts as now.
        if (security > 0 && (*maxSecurityPendingSeconds == 0 || (failingSince.isValid() && failingSince <= now))) {
            const QString count = security == 1 ? QStringLiteral("1 security update is pending")
                                                : QStringLiteral("%1 security updates are pending").arg(security);
            failSince("patches.security-pending",
                      "updates.security-max-age",
                      *maxSecurityPendingSeconds == 0
                          ? count + QLatin1Char('.')
                          : QStringLiteral("%1, for more than %2.").arg(count, inWords(*maxSecurityPendingSeconds)),
                      failingSince);
        }
    }
    if (maxRebootPendingSeconds && patches.value(QLatin1String("rebootRequired")).toBool()) {
        const QDateTime pendingSince = heldSince("patches.reboot-pending");
        if (pendingSince.isValid() && pendingSince.addSecs(*maxRebootPendingSeconds) <= now) {
            failSince("reboot.pending",
                      "reboot.max-pending",
                      QStringLiteral("A restart has been pending for %1 (limit %2).")
                          .arg(inWords(pendingSince.secsTo(now)), inWords(*maxRebootPendingSeconds)),
                      pendingSince.addSecs(*maxRebootPendingSeconds));
        }
    }

    if (hasSoftwareRules()) {
        const bool reported = installed || device.sections.contains(QLatin1String("software"));
        const QSet<QString> fromSection = installed ? QSet<QString>() : installedNames(device.sections);
        const QSet<QString> &names = installed ? *installed : fromSection;
        if (!reported) {
            fail("software.not-reported",
                 requiredSoftware.isEmpty() ? "software.forbidden" : "software.required",
                 QStringLiteral("The device has not reported its installed software."));
        } else {
            QStringList missing;
            for (const QString &name : requiredSoftware) {
                if (!names.contains(name)) {
                    missing.append(name);
                }
            }
            QStringList present;
            for (const QString &name : forbiddenSoftware) {
                if (names.contains(name)) {
                    present.append(name);
                }
            }
            if (!missing.isEmpty()) {
                fail("software.missing",
                     "software.required",
                     QStringLiteral("Required software is not installed: %1.").arg(missing.join(QStringLiteral(", "))));
            }
            if (!present.isEmpty()) {
                fail("software.forbidden",
                     "software.forbidden",
                     QStringLiteral("Forbidden software is installed: %1.").arg(present.join(QStringLiteral(", "))));
            }
        }
    }

    if (minFreeDiskPercent) {
        QStringList full;
        const QCborMap hardware = device.sections.value(QLatin1String("hardware")).toMap();
        for (const QCborValue &entry : hardware.value(QLatin1String("filesystems")).toArray()) {
            const QCborMap filesystem = entry.toMap();
            const qint64 size = filesystem.value(QLatin1String("sizeBytes")).toInteger();
            const qint64 free = filesystem.value(QLatin1String("freeBytes")).toInteger();
            if (size > 0 && free * 100 < qint64(*minFreeDiskPercent) * size) {
                full.append(QStringLiteral("%1 (%2% free)")
                                .arg(filesystem.value(QLatin1String("mountPoint")).toString())
                                .arg(free * 100 / size));
            }
        }
        if (!full.isEmpty()) {
            fail("disk.low",
                 "disk.min-free-percent",
                 QStringLiteral("Low on disk space: %1 (at least %2% must be free).")
                     .arg(full.join(QStringLiteral(", ")))
                     .arg(*minFreeDiskPercent));
        }
    }

    result.compliant = result.reasons.isEmpty();
    if (result.compliant) {
        result.state = QStringLiteral("compliant");
    } else if (notSeen) {
        result.state = QStringLiteral("not-seen");
        result.stateSince = lastSeen.isValid() ? lastSeen : device.enrolledAt;
    } else {
        result.state = QStringLiteral("failing");
        for (const ComplianceReason &reason : std::as_const(result.reasons)) {
            if (reason.since.isValid() && (!result.stateSince.isValid() || reason.since < result.stateSince)) {
                result.stateSince = reason.since;
            }
        }
    }
    return result;
}

} // namespace steward::server
