// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceConditions.h"

#include <QCborArray>

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

ReportFacts reportFacts(const QCborMap &sections)
{
    ReportFacts facts;
    const QCborValue antivirus = sections.value(QLatin1String("antivirus"));
    facts.antivirusReported = antivirus.isMap();
    const QCborArray products = antivirus.toMap().value(QLatin1String("products")).toArray();
    facts.products = products.size();
    if (!products.isEmpty()) {
        facts.productName = products.first().toMap().value(QLatin1String("name")).toString();
    }
    for (const QCborValue &entry : products) {
        const QCborMap product = entry.toMap();
        facts.anyRealTimeProtection =
            facts.anyRealTimeProtection || product.value(QLatin1String("realTimeProtection")).toBool();
        const QCborValue upToDate = product.value(QLatin1String("definitionsUpToDate"));
        if (upToDate.isBool()) {
            facts.definitionsUpToDate = facts.definitionsUpToDate.value_or(false) || upToDate.toBool();
        }
        const QDateTime definitions = fromEpoch(product.value(QLatin1String("definitionsTime")));
        if (definitions.isValid() && (!facts.newestDefinitions.isValid() || definitions > facts.newestDefinitions)) {
            facts.newestDefinitions = definitions;
        }
    }

    const QCborValue patches = sections.value(QLatin1String("patches"));
    facts.patchesReported = patches.isMap();
    facts.patchManagerKnown =
        facts.patchesReported && patches.toMap().value(QLatin1String("manager")).toString() != QLatin1String("none");
    facts.securityUpdates = securityUpdateCount(patches.toMap());
    return facts;
}

QSet<QString> reportConditions(const QCborMap &sections)
{
    const ReportFacts facts = reportFacts(sections);
    QSet<QString> conditions;
    const auto hold = [&conditions](const char *code) {
        conditions.insert(QLatin1String(code));
    };
    if (!facts.antivirusReported) {
        hold("antivirus.not-reported");
    } else if (facts.products == 0) {
        hold("antivirus.missing");
    } else {
        if (!facts.anyRealTimeProtection) {
            hold("antivirus.realtime-off");
        }
        if (!facts.newestDefinitions.isValid()) {
            if (!facts.definitionsUpToDate) {
                hold("antivirus.definitions-unknown");
            } else if (!*facts.definitionsUpToDate) {
                hold("antivirus.definitions-old");
            }
        }
    }
    if (!facts.patchesReported) {
        hold("patches.not-reported");
    } else if (!facts.patchManagerKnown) {
        hold("patches.unknown");
    } else if (facts.securityUpdates > 0) {
        hold("patches.security-pending");
    }
    // Kept so that a policy can allow a restart to wait some days (reboot.max-pending).
    if (sections.value(QLatin1String("patches")).toMap().value(QLatin1String("rebootRequired")).toBool()) {
        hold("patches.reboot-pending");
    }
    return conditions;
}

} // namespace steward::server
