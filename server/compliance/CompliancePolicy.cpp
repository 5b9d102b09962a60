// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompliancePolicy.h"

#include <QCborArray>

#include <optional>

namespace steward::server
{

namespace
{
QDateTime fromEpoch(const QCborValue &value)
{
    return value.isInteger() && value.toInteger() > 0 ? QDateTime::fromSecsSinceEpoch(value.toInteger(), Qt::UTC)
                                                      : QDateTime();
}
}

qsizetype securityUpdateCount(const QCborMap &patches)
{
    qsizetype security = 0;
    for (const QCborValue &update : patches.value(QLatin1String("pending")).toArray()) {
        security += update.toMap().value(QLatin1String("security")).toBool() ? 1 : 0;
    }
    return security;
}

ComplianceResult CompliancePolicy::evaluate(const QCborMap &sections,
                                            const QDateTime &lastSeen,
                                            const QDateTime &now) const
{
    ComplianceResult result;
    result.evaluatedAt = now;
    auto fail = [&result](const char *code, const QString &text, const QDateTime &since) {
        result.reasons.append(ComplianceReason{QLatin1String(code), text, since});
    };

    if (!lastSeen.isValid()) {
        fail("contact.never", QStringLiteral("The device has never sent a report."), QDateTime());
    } else if (lastSeen.secsTo(now) > qint64(maxContactAgeHours) * 3600) {
        fail("contact.stale",
             QStringLiteral("No contact for %1 hours (limit %2 hours).")
                 .arg(lastSeen.secsTo(now) / 3600)
                 .arg(maxContactAgeHours),
             lastSeen.addSecs(qint64(maxContactAgeHours) * 3600));
    }

    const QCborValue antivirus = sections.value(QLatin1String("antivirus"));
    if (antivirus.isMap()) {
        const QCborArray products = antivirus.toMap().value(QLatin1String("products")).toArray();
        if (products.isEmpty()) {
            fail("antivirus.missing", QStringLiteral("No antivirus product was found."), QDateTime());
        } else {
            // Compliant if at least one product satisfies each rule; reasons name the best candidate.
            const QCborMap product = products.first().toMap();
            const QString name = product.value(QLatin1String("name")).toString();
            bool anyRealTime = false;
            QDateTime newestDefinitions;
            // Products known only through Windows SecurityCenter2 give no definitions date, just
            // the product's own verdict on whether its definitions are up to date.
            std::optional<bool> upToDateFlag;
            for (const QCborValue &entry : products) {
                const QCborMap map = entry.toMap();
                anyRealTime = anyRealTime || map.value(QLatin1String("realTimeProtection")).toBool();
                const QCborValue flag = map.value(QLatin1String("definitionsUpToDate"));
                if (flag.isBool()) {
                    upToDateFlag = upToDateFlag.value_or(false) || flag.toBool();
                }
                const QDateTime defs = fromEpoch(map.value(QLatin1String("definitionsTime")));
                if (defs.isValid() && (!newestDefinitions.isValid() || defs > newestDefinitions)) {
                    newestDefinitions = defs;
                }
            }
            if (requireRealTimeProtection && !anyRealTime) {
                fail("antivirus.realtime-off",
                     QStringLiteral("%1 real-time protection is off.").arg(name),
                     QDateTime());
            }
            if (!newestDefinitions.isValid() && upToDateFlag) {
                if (!*upToDateFlag) {
                    fail("antivirus.definitions-old",
                         QStringLiteral("%1 reports its definitions out of date.").arg(name),
                         QDateTime());
                }
            } else if (!newestDefinitions.isValid()) {
                fail("antivirus.definitions-unknown",
                     QStringLiteral("The age of the %1 definitions is unknown.").arg(name),
                     QDateTime());
            } else if (newestDefinitions.secsTo(now) > qint64(maxDefinitionsAgeDays) * 86400) {
                fail("antivirus.definitions-old",
                     QStringLiteral("%1 definitions are %2 days old (limit %3 days).")
                         .arg(name)
                         .arg(newestDefinitions.secsTo(now) / 86400)
                         .arg(maxDefinitionsAgeDays),
                     newestDefinitions.addSecs(qint64(maxDefinitionsAgeDays) * 86400));
            }
        }
    } else {
        // Not reported is not "none found": the device may well have one.
        fail("antivirus.not-reported",
             QStringLiteral("The device has not reported its antivirus status."),
             QDateTime());
    }

    const QCborValue patches = sections.value(QLatin1String("patches"));
    if (!patches.isMap()) {
        fail("patches.not-reported", QStringLiteral("The device has not reported its patch status."), QDateTime());
    } else if (patches.toMap().value(QLatin1String("manager")).toString() == QLatin1String("none")) {
        fail("patches.unknown",
             QStringLiteral("The device's patch status is unknown: no supported package manager."),
             QDateTime());
    } else if (forbidPendingSecurityUpdates) {
        const qsizetype security = securityUpdateCount(patches.toMap());
        if (security > 0) {
            fail("patches.security-pending",
                 QStringLiteral("%1 security update(s) are pending.").arg(security),
                 QDateTime());
        }
    }

    result.compliant = result.reasons.isEmpty();
    return result;
}

} // namespace steward::server
