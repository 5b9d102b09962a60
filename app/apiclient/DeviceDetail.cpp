// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceDetail.h"

#include "ApiTime.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>

namespace steward::app
{

namespace
{
QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

std::optional<bool> optionalBool(const QJsonValue &value)
{
    return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
}
} // namespace

DeviceDetail DeviceDetail::fromJson(const QJsonObject &object)
{
    DeviceDetail device;
    device.id = text(object, "id");

    const QJsonValue osValue = object.value(QStringLiteral("os"));
    const QJsonObject os = osValue.toObject();
    if (osValue.isString()) {
        device.os = osValue.toString();
    } else {
        device.os = text(os, "prettyName");
        if (device.os.isEmpty()) {
            device.os = QStringList{text(os, "name"), text(os, "version")}.join(QLatin1Char(' ')).trimmed();
        }
        device.kernel = text(os, "kernel");
        device.arch = text(os, "arch");
    }
    device.hostname = text(object, "hostname");
    if (device.hostname.isEmpty()) {
        device.hostname = text(os, "hostname");
    }

    const QJsonObject hardware = object.value(QStringLiteral("hardware")).toObject();
    device.manufacturer = text(hardware, "manufacturer");
    device.model = text(hardware, "model");
    device.serial = text(hardware, "serial");
    device.biosVersion = text(hardware, "biosVersion");
    device.cpuModel = text(hardware, "cpuModel");
    if (hardware.value(QStringLiteral("cpuCores")).isDouble()) {
        device.cpuCores = hardware.value(QStringLiteral("cpuCores")).toInt();
    }
    if (hardware.value(QStringLiteral("memoryBytes")).isDouble()) {
        device.memoryBytes = qint64(hardware.value(QStringLiteral("memoryBytes")).toDouble());
    }

    device.lastSeen = ApiTime::parse(object.value(QStringLiteral("lastSeen")));
    device.enrolledAt = ApiTime::parse(object.value(QStringLiteral("enrolledAt")));
    device.revoked = object.value(QStringLiteral("revoked")).toBool();
    if (object.value(QStringLiteral("software")).isArray()) {
        device.softwareCount = int(object.value(QStringLiteral("software")).toArray().size());
    }

    const QJsonValue patchesValue = object.value(QStringLiteral("patches"));
    if (patchesValue.isObject()) {
        const QJsonObject patches = patchesValue.toObject();
        device.patchesKnown = true;
        device.patchManager = text(patches, "manager");
        const QJsonArray pending = patches.value(QStringLiteral("pending")).toArray();
        for (const QJsonValue &value : pending) {
            const QJsonObject update = value.toObject();
            device.pendingUpdates.append({text(update, "name"),
                                          text(update, "installedVersion"),
                                          text(update, "candidateVersion"),
                                          text(update, "origin"),
                                          update.value(QStringLiteral("security")).toBool()});
        }
        const QJsonValue securityCount = patches.value(QStringLiteral("securityCount"));
        device.securityCount = securityCount.isDouble()
            ? securityCount.toInt()
            : int(std::count_if(device.pendingUpdates.cbegin(), device.pendingUpdates.cend(), [](const auto &u) {
                  return u.security;
              }));
    }

    const QJsonValue antivirusValue = object.value(QStringLiteral("antivirus"));
    if (antivirusValue.isObject()) {
        device.antivirusKnown = true;
        const QJsonArray products = antivirusValue.toObject().value(QStringLiteral("products")).toArray();
        for (const QJsonValue &value : products) {
            const QJsonObject product = value.toObject();
            device.antivirus.append({text(product, "name"),
                                     text(product, "definitionsVersion"),
                                     ApiTime::parse(product.value(QStringLiteral("definitionsTime"))),
                                     optionalBool(product.value(QStringLiteral("realTimeProtection"))),
                                     optionalBool(product.value(QStringLiteral("serviceRunning")))});
        }
    }

    const QJsonObject compliance = object.value(QStringLiteral("compliance")).toObject();
    device.compliant = optionalBool(compliance.value(QStringLiteral("compliant")));
    device.evaluatedAt = ApiTime::parse(compliance.value(QStringLiteral("evaluatedAt")));
    const QJsonArray reasons = compliance.value(QStringLiteral("reasons")).toArray();
    for (const QJsonValue &value : reasons) {
        const QJsonObject reason = value.toObject();
        device.reasons.append(
            {text(reason, "code"), text(reason, "text"), ApiTime::parse(reason.value(QStringLiteral("since")))});
    }
    return device;
}

} // namespace steward::app
