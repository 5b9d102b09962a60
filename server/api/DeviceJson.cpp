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

// A reported text, or null when it is missing or empty ("" is how agents say "not readable").
QJsonValue textOrNull(const QCborMap &section, const char *key)
{
    const QString text = section.value(QLatin1String(key)).toString();
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// Appends `value` unless it is empty or already there; order of first appearance is kept.
void appendOnce(QJsonArray &array, QStringList &seen, const QString &value)
{
    if (!value.isEmpty() && !seen.contains(value)) {
        seen.append(value);
        array.append(value);
    }
}

struct Addresses {
    QJsonArray ip; // IPv4 first, then IPv6, without the prefix length
    QJsonArray mac;
};

// The machine's own addresses: those of interfaces a device backs, loopback left out, so that
// bridges, tunnels and containers' veths do not bury the address people look for.
Addresses addressesOf(const QCborMap &network)
{
    Addresses addresses;
    QJsonArray ipv6;
    QStringList seenIp;
    QStringList seenMac;
    const auto addressOf = [](const QCborValue &cidr) {
        return cidr.toString().section(QLatin1Char('/'), 0, 0);
    };
    for (const QCborValue &entry : network.value(QLatin1String("interfaces")).toArray()) {
        const QCborMap interface = entry.toMap();
        if (interface.value(QLatin1String("type")).toString() == QLatin1String("loopback")
            || interface.value(QLatin1String("virtual")).toBool()) {
            continue;
        }
        for (const QCborValue &cidr : interface.value(QLatin1String("ipv4")).toArray()) {
            appendOnce(addresses.ip, seenIp, addressOf(cidr));
        }
        for (const QCborValue &cidr : interface.value(QLatin1String("ipv6")).toArray()) {
            appendOnce(ipv6, seenIp, addressOf(cidr));
        }
        appendOnce(addresses.mac, seenMac, interface.value(QLatin1String("mac")).toString());
    }
    for (const QJsonValue &address : std::as_const(ipv6)) {
        addresses.ip.append(address);
    }
    return addresses;
}

QJsonArray loggedInUsers(const QCborMap &os)
{
    QJsonArray users;
    QStringList seen;
    for (const QCborValue &session : os.value(QLatin1String("users")).toArray()) {
        appendOnce(users, seen, session.toMap().value(QLatin1String("user")).toString());
    }
    return users;
}
}

QJsonObject complianceJson(const ComplianceResult &compliance)
{
    QJsonArray reasons;
    for (const ComplianceReason &reason : compliance.reasons) {
        reasons.append(
            QJsonObject{{QStringLiteral("code"), reason.code},
                        {QStringLiteral("text"), reason.text},
                        {QStringLiteral("since"), isoTimeOrNull(reason.since)},
                        {QStringLiteral("policy"),
                         QJsonObject{{QStringLiteral("rule"), reason.rule},
                                     {QStringLiteral("value"), reason.limit},
                                     {QStringLiteral("origin"),
                                      reason.origin.isEmpty() ? QJsonValue() : QJsonValue(reason.origin)}}}});
    }
    return QJsonObject{{QStringLiteral("compliant"), compliance.compliant},
                       {QStringLiteral("state"), compliance.state},
                       {QStringLiteral("since"), isoTimeOrNull(compliance.stateSince)},
                       {QStringLiteral("evaluatedAt"), isoTimeOrNull(compliance.evaluatedAt)},
                       {QStringLiteral("reasons"), reasons}};
}

// Where the device stands, in words the console and stewardctl show beside it.
static QString deviceState(const Device &device, const QDateTime &now, qint64 staleAfterSeconds)
{
    if (device.retiredAt.isValid()) {
        return QStringLiteral("retired");
    }
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
    const QCborMap hardware = device.sections.value(QLatin1String("hardware")).toMap();
    const Addresses addresses = addressesOf(device.sections.value(QLatin1String("network")).toMap());
    const QCborValue rebootRequired = patches.value(QLatin1String("rebootRequired"));
    return QJsonObject{
        {QStringLiteral("id"), device.id},
        {QStringLiteral("hostname"), device.hostname},
        {QStringLiteral("orgUnit"), device.orgUnit},
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
        {QStringLiteral("compliant"), compliance.compliant},
        {QStringLiteral("complianceState"), compliance.state},
        {QStringLiteral("complianceSince"), isoTimeOrNull(compliance.stateSince)},
        {QStringLiteral("serial"), textOrNull(hardware, "serial")},
        {QStringLiteral("assetTag"), textOrNull(hardware, "assetTag")},
        {QStringLiteral("model"), textOrNull(hardware, "model")},
        {QStringLiteral("ipAddresses"), addresses.ip},
        {QStringLiteral("macAddresses"), addresses.mac},
        {QStringLiteral("loggedInUsers"), loggedInUsers(os)},
        {QStringLiteral("agentVersion"), textOrNull(device.sections.value(QLatin1String("agent")).toMap(), "version")},
        {QStringLiteral("rebootRequired"),
         rebootRequired.isBool() ? QJsonValue(rebootRequired.toBool()) : QJsonValue(QJsonValue::Null)}};
}

QJsonObject deviceDetailJson(const Device &device,
                             const ComplianceResult &compliance,
                             const QDateTime &now,
                             qint64 staleAfterSeconds)
{
    QJsonObject detail{{QStringLiteral("id"), device.id},
                       {QStringLiteral("hostname"), device.hostname},
                       {QStringLiteral("orgUnit"), device.orgUnit},
                       {QStringLiteral("lastSeen"), isoTimeOrNull(device.lastSeen)},
                       {QStringLiteral("enrolledAt"), isoTimeOrNull(device.enrolledAt)},
                       {QStringLiteral("certificateExpiresAt"), isoTimeOrNull(device.certificateExpiresAt)},
                       {QStringLiteral("revoked"), device.revoked},
                       {QStringLiteral("state"), deviceState(device, now, staleAfterSeconds)},
                       {QStringLiteral("lastSequence"), device.lastSequence},
                       {QStringLiteral("reportsStored"), device.reportsStored},
                       {QStringLiteral("compliance"), complianceJson(compliance)},
                       {QStringLiteral("retired"),
                        device.retiredAt.isValid()
                            ? QJsonValue(QJsonObject{{QStringLiteral("at"), isoTime(device.retiredAt)},
                                                     {QStringLiteral("by"), device.retiredBy},
                                                     {QStringLiteral("reason"), device.retiredReason}})
                            : QJsonValue()}};
    // Every section the agent reports, under its own name, from the one list of them; null when
    // not reported, so that "no software reported" never reads as "no software installed".
    for (const QString &name : protocol::reportSectionNames()) {
        detail.insert(name, sectionJson(device, name));
    }
    return detail;
}

} // namespace steward::server
