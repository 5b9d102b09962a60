// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceSummary.h"

#include "ApiTime.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::app
{

namespace
{
std::optional<int> optionalInt(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<int>(value.toInt()) : std::nullopt;
}

// The non-empty strings of an array; anything else (a missing field, a stray number) is dropped.
QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &element : value.toArray()) {
        if (element.isString() && !element.toString().isEmpty()) {
            list.append(element.toString());
        }
    }
    return list;
}
} // namespace

DeviceSummary DeviceSummary::fromJson(const QJsonObject &object)
{
    DeviceSummary device;
    device.id = object.value(QStringLiteral("id")).toString();
    device.hostname = object.value(QStringLiteral("hostname")).toString();
    device.orgUnit = object.value(QStringLiteral("orgUnit")).toString();
    device.os = object.value(QStringLiteral("os")).toString();
    device.lastSeen = ApiTime::parse(object.value(QStringLiteral("lastSeen")));
    device.pendingUpdates = optionalInt(object.value(QStringLiteral("pendingUpdates")));
    device.securityUpdates = optionalInt(object.value(QStringLiteral("securityUpdates")));
    device.antivirus = object.value(QStringLiteral("antivirus")).toString();
    const QJsonValue antivirusReported = object.value(QStringLiteral("antivirusReported"));
    device.antivirusReported = !antivirusReported.isBool() || antivirusReported.toBool();
    device.state = object.value(QStringLiteral("state")).toString();
    const QJsonValue age = object.value(QStringLiteral("definitionsAgeDays"));
    if (age.isDouble()) {
        device.definitionsAgeDays = age.toDouble();
    }
    const QJsonValue compliant = object.value(QStringLiteral("compliant"));
    if (compliant.isBool()) {
        device.compliant = compliant.toBool();
    }
    device.serial = object.value(QStringLiteral("serial")).toString();
    device.assetTag = object.value(QStringLiteral("assetTag")).toString();
    device.model = object.value(QStringLiteral("model")).toString();
    device.agentVersion = object.value(QStringLiteral("agentVersion")).toString();
    device.ipAddresses = strings(object.value(QStringLiteral("ipAddresses")));
    device.macAddresses = strings(object.value(QStringLiteral("macAddresses")));
    device.loggedInUsers = strings(object.value(QStringLiteral("loggedInUsers")));
    device.sameSerialAs = strings(object.value(QStringLiteral("sameSerialAs")));
    const QJsonValue rebootRequired = object.value(QStringLiteral("rebootRequired"));
    if (rebootRequired.isBool()) {
        device.rebootRequired = rebootRequired.toBool();
    }
    return device;
}

QList<DeviceSummary> DeviceSummary::listFromJson(const QJsonArray &array)
{
    QList<DeviceSummary> devices;
    devices.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            devices.append(fromJson(value.toObject()));
        }
    }
    return devices;
}

} // namespace steward::app
