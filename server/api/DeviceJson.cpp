// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceJson.h"

#include "ApiContext.h"
#include "Messages.h"

#include <QCborArray>
#include <QJsonArray>

namespace steward::server
{

namespace
{
QJsonValue sectionJson(const Device &device, const QString &name)
{
    const QCborValue value = device.sections.value(name);
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value.toJsonValue();
}
}

QJsonObject complianceJson(const ComplianceResult &compliance)
{
    QJsonArray reasons;
    for (const ComplianceReason &reason : compliance.reasons) {
        reasons.append(QJsonObject{{QStringLiteral("code"), reason.code},
                                   {QStringLiteral("text"), reason.text},
                                   {QStringLiteral("since"), isoTimeOrNull(reason.since)}});
    }
    return QJsonObject{{QStringLiteral("compliant"), compliance.compliant},
                       {QStringLiteral("evaluatedAt"), isoTimeOrNull(compliance.evaluatedAt)},
                       {QStringLiteral("reasons"), reasons}};
}

// Where the device stands, in words the console and stewardctl show beside it.
static QString deviceState(const Device &device, const QDateTime &now, qint64 staleAfterSeconds)
{
    if (device.revoked) {
        return QStringLiteral("revoked");
    }
    if (!device.lastSeen.isValid()) {
        return QStringLiteral("never-reported");
    }
    return device.lastSeen.secsTo(now) > staleAfterSeconds ? QStringLiteral("stale") : QStringLiteral("reporting");
}

QJsonObject deviceSummaryJson(const Device &device,
                              const ComplianceResult &compliance,
                              const QDateTime &now,
                              qint64 staleAfterSeconds)
{
    const QCborMap os = device.sections.value(QLatin1String("os")).toMap();
    const QCborMap patches = device.sections.value(QLatin1String("patches")).toMap();
    const QCborArray pending = patches.value(QLatin1String("pending")).toArray();
    const qint64 security = securityUpdateCount(patches);
    const QCborArray products =
        device.sections.value(QLatin1String("antivirus")).toMap().value(QLatin1String("products")).toArray();
    QJsonValue antivirus(QJsonValue::Null);
    QJsonValue definitionsAge(QJsonValue::Null);
    if (!products.isEmpty()) {
        const QCborMap product = products.first().toMap();
        antivirus = product.value(QLatin1String("name")).toString();
        const qint64 definitionsTime = product.value(QLatin1String("definitionsTime")).toInteger();
        if (definitionsTime > 0) {
            definitionsAge = double(now.toSecsSinceEpoch() - definitionsTime) / 86400.0;
        }
    }
    const bool reported = device.sections.contains(QLatin1String("patches"));
    return QJsonObject{
        {QStringLiteral("id"), device.id},
        {QStringLiteral("hostname"), device.hostname},
        {QStringLiteral("os"), os.value(QLatin1String("prettyName")).toString()},
        {QStringLiteral("lastSeen"), isoTimeOrNull(device.lastSeen)},
        {QStringLiteral("pendingUpdates"),
         reported ? QJsonValue(qint64(pending.size())) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("securityUpdates"), reported ? QJsonValue(security) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("antivirus"), antivirus},
        {QStringLiteral("definitionsAgeDays"), definitionsAge},
        {QStringLiteral("antivirusReported"), device.sections.contains(QLatin1String("antivirus"))},
        {QStringLiteral("revoked"), device.revoked},
        {QStringLiteral("state"), deviceState(device, now, staleAfterSeconds)},
        {QStringLiteral("compliant"), compliance.compliant}};
}

QJsonObject deviceDetailJson(const Device &device, const ComplianceResult &compliance)
{
    QJsonObject detail{{QStringLiteral("id"), device.id},
                       {QStringLiteral("hostname"), device.hostname},
                       {QStringLiteral("lastSeen"), isoTimeOrNull(device.lastSeen)},
                       {QStringLiteral("enrolledAt"), isoTimeOrNull(device.enrolledAt)},
                       {QStringLiteral("revoked"), device.revoked},
                       {QStringLiteral("lastSequence"), device.lastSequence},
                       {QStringLiteral("reportsStored"), device.reportsStored},
                       {QStringLiteral("compliance"), complianceJson(compliance)}};
    // Every section the agent reports, under its own name, from the one list of them.
    for (const QString &name : protocol::reportSectionNames()) {
        detail.insert(name, sectionJson(device, name));
    }
    if (detail.value(QLatin1String("software")).isNull()) {
        detail.insert(QStringLiteral("software"), QJsonArray());
    }
    return detail;
}

} // namespace steward::server
