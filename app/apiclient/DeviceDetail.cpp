// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceDetail.h"

#include "ApiTime.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace steward::app
{

namespace
{
using State = DeviceDetail::SectionState;
using Section = DeviceDetail::Section;

bool absent(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

// The fields of one JSON object, read with their types checked: absent or null reads as
// unknown, any other type than the expected one marks the object as not ok.
class Fields
{
public:
    explicit Fields(const QJsonObject &object)
        : m_object(object)
    {
    }

    bool ok() const
    {
        return m_ok;
    }
    void fail()
    {
        m_ok = false;
    }
    QJsonValue value(const char *key) const
    {
        return m_object.value(QLatin1String(key));
    }

    QString text(const char *key)
    {
        const QJsonValue field = value(key);
        return field.isString() ? field.toString() : expectAbsent(field, QString());
    }
    std::optional<qint64> integer(const char *key)
    {
        const QJsonValue field = value(key);
        return field.isDouble() ? std::optional<qint64>(qint64(field.toDouble())) : expectAbsent(field, std::nullopt);
    }
    std::optional<bool> flag(const char *key)
    {
        const QJsonValue field = value(key);
        return field.isBool() ? std::optional<bool>(field.toBool()) : expectAbsent(field, std::nullopt);
    }
    // Epoch seconds (report sections) or ISO 8601 (times the server computes).
    QDateTime time(const char *key)
    {
        const QJsonValue field = value(key);
        if (field.isDouble() || (field.isString() && !field.toString().isEmpty())) {
            const QDateTime time = ApiTime::parse(field);
            if (!time.isValid() && field.isString()) {
                fail();
            }
            return time;
        }
        return field.isString() ? QDateTime() : expectAbsent(field, QDateTime());
    }
    QStringList texts(const char *key)
    {
        const QJsonValue field = value(key);
        if (!field.isArray()) {
            return expectAbsent(field, QStringList());
        }
        QStringList texts;
        for (const QJsonValue &element : field.toArray()) {
            if (!element.isString()) {
                fail();
                return {};
            }
            texts.append(element.toString());
        }
        return texts;
    }

private:
    template<typename T>
    T expectAbsent(const QJsonValue &field, T unknown)
    {
        if (!absent(field)) {
            m_ok = false;
        }
        return unknown;
    }

    QJsonObject m_object;
    bool m_ok = true;
};

// A section that is one JSON object, decoded by `read`.
template<typename Read>
State readObject(const QJsonValue &value, Read read)
{
    if (absent(value)) {
        return State::NotReported;
    }
    if (!value.isObject()) {
        return State::Unreadable;
    }
    Fields fields(value.toObject());
    read(fields);
    return fields.ok() ? State::Ok : State::Unreadable;
}

// An array of objects, each decoded by `read`; `out` is left alone unless all of it is readable.
template<typename T, typename Read>
State readList(const QJsonValue &value, QList<T> &out, Read read)
{
    if (absent(value)) {
        return State::NotReported;
    }
    if (!value.isArray()) {
        return State::Unreadable;
    }
    const QJsonArray array = value.toArray();
    QList<T> items;
    items.reserve(array.size());
    for (const QJsonValue &element : array) {
        if (!element.isObject()) {
            return State::Unreadable;
        }
        Fields fields(element.toObject());
        T item = read(fields);
        if (!fields.ok()) {
            return State::Unreadable;
        }
        items.append(std::move(item));
    }
    out = std::move(items);
    return State::Ok;
}

// A list the section cannot do without: absent is as unreadable as the wrong type.
template<typename T, typename Read>
void readRequiredList(Fields &section, const char *key, QList<T> &out, Read read)
{
    if (readList(section.value(key), out, read) != State::Ok) {
        section.fail();
    }
}

std::optional<int> smallInteger(Fields &fields, const char *key)
{
    const std::optional<qint64> value = fields.integer(key);
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

void readOs(const QJsonValue &value, DeviceDetail &device, QString &hostname)
{
    device.sections[size_t(Section::Os)] = readObject(value, [&](Fields &os) {
        device.os = os.text("prettyName");
        const QString name = os.text("name");
        const QString version = os.text("version");
        if (device.os.isEmpty()) {
            device.os = QStringList{name, version}.join(QLatin1Char(' ')).trimmed();
        }
        device.kernel = os.text("kernel");
        device.arch = os.text("arch");
        device.fqdn = os.text("fqdn");
        device.domain = os.text("domain");
        device.bootTime = os.time("bootTime");
        hostname = os.text("hostname");
    });
    device.sections[size_t(Section::Users)] = value.isObject()
        ? readList(value.toObject().value(QLatin1String("users")),
                   device.users,
                   [](Fields &user) {
                       return DeviceDetail::LoggedInUser{user.text("user"),
                                                         user.text("tty"),
                                                         user.text("host"),
                                                         user.time("loginTime")};
                   })
        : device.section(Section::Os);
}

void readHardware(const QJsonValue &value, DeviceDetail &device)
{
    device.sections[size_t(Section::Hardware)] = readObject(value, [&](Fields &hardware) {
        device.manufacturer = hardware.text("manufacturer");
        device.model = hardware.text("model");
        device.serial = hardware.text("serial");
        device.assetTag = hardware.text("assetTag");
        device.chassisType = hardware.text("chassisType");
        device.biosVendor = hardware.text("biosVendor");
        device.biosVersion = hardware.text("biosVersion");
        device.biosDate = hardware.text("biosDate");
        device.firmwareType = hardware.text("firmwareType");
        device.cpuModel = hardware.text("cpuModel");
        device.cpuCores = smallInteger(hardware, "cpuCores");
        device.cpuPhysicalCores = smallInteger(hardware, "cpuPhysicalCores");
        device.cpuSockets = smallInteger(hardware, "cpuSockets");
        device.memoryBytes = hardware.integer("memoryBytes");
        device.virtualization = hardware.text("virtualization");
        device.hypervisor = hardware.text("hypervisor");
        device.container = hardware.text("container");
    });
    if (!value.isObject()) {
        device.sections[size_t(Section::Disks)] = device.section(Section::Hardware);
        device.sections[size_t(Section::Filesystems)] = device.section(Section::Hardware);
        return;
    }
    const QJsonObject hardware = value.toObject();
    device.sections[size_t(Section::Disks)] =
        readList(hardware.value(QLatin1String("disks")), device.disks, [](Fields &disk) {
            return DeviceDetail::Disk{disk.text("name"),
                                      disk.text("model"),
                                      disk.text("serial"),
                                      disk.integer("sizeBytes"),
                                      disk.flag("rotational"),
                                      disk.flag("removable")};
        });
    device.sections[size_t(Section::Filesystems)] =
        readList(hardware.value(QLatin1String("filesystems")), device.filesystems, [](Fields &filesystem) {
            return DeviceDetail::Filesystem{filesystem.text("mountPoint"),
                                            filesystem.text("device"),
                                            filesystem.text("type"),
                                            filesystem.integer("sizeBytes"),
                                            filesystem.integer("freeBytes")};
        });
}

void readNetwork(const QJsonValue &value, DeviceDetail &device)
{
    device.sections[size_t(Section::Network)] = readObject(value, [&](Fields &network) {
        readRequiredList(network, "interfaces", device.interfaces, [](Fields &interface) {
            return DeviceDetail::NetworkInterface{interface.text("name"),
                                                  interface.text("mac"),
                                                  interface.text("type"),
                                                  interface.flag("virtual"),
                                                  interface.text("operState"),
                                                  interface.flag("linkUp"),
                                                  interface.integer("speedMbps"),
                                                  interface.integer("mtu"),
                                                  interface.texts("ipv4"),
                                                  interface.texts("ipv6")};
        });
    });
}

void readSoftware(const QJsonValue &value, DeviceDetail &device)
{
    State state = readList(value, device.software, [](Fields &package) {
        return DeviceDetail::Package{package.text("name"),
                                     package.text("version"),
                                     package.text("arch"),
                                     package.text("source"),
                                     package.text("publisher"),
                                     package.text("installDate")};
    });
    // The server sends an empty array, not null, for software never reported: take it at its
    // word only from a device that has reported, and whose software collector did not fail.
    const bool collectorFailed = std::any_of(device.collectorErrors.cbegin(),
                                             device.collectorErrors.cend(),
                                             [](const DeviceDetail::CollectorError &error) {
                                                 return error.collector == QLatin1String("software");
                                             });
    if (state == State::Ok && device.software.isEmpty() && (!device.lastSeen.isValid() || collectorFailed)) {
        state = State::NotReported;
    }
    device.sections[size_t(Section::Software)] = state;
    if (state == State::Ok) {
        device.softwareCount = int(device.software.size());
    }
}

void readPatches(const QJsonValue &value, DeviceDetail &device)
{
    device.sections[size_t(Section::Patches)] = readObject(value, [&](Fields &patches) {
        device.patchManager = patches.text("manager");
        readRequiredList(patches, "pending", device.pendingUpdates, [](Fields &update) {
            return DeviceDetail::PendingUpdate{update.text("name"),
                                               update.text("installedVersion"),
                                               update.text("candidateVersion"),
                                               update.text("origin"),
                                               update.flag("security").value_or(false),
                                               update.text("severity")};
        });
        const std::optional<qint64> securityCount = patches.integer("securityCount");
        device.securityCount = securityCount
            ? int(*securityCount)
            : int(std::count_if(device.pendingUpdates.cbegin(), device.pendingUpdates.cend(), [](const auto &u) {
                  return u.security;
              }));
        device.lastRefresh = patches.time("lastRefresh");
        device.lastInstall = patches.time("lastInstall");
        device.rebootRequired = patches.flag("rebootRequired");
        device.rebootPackages = patches.texts("rebootPackages");
    });
    device.patchesKnown = device.section(Section::Patches) == State::Ok;
}

void readAntivirus(const QJsonValue &value, DeviceDetail &device)
{
    device.sections[size_t(Section::Antivirus)] = readObject(value, [&](Fields &antivirus) {
        readRequiredList(antivirus, "products", device.antivirus, [](Fields &product) {
            return DeviceDetail::AntivirusProduct{product.text("name"),
                                                  product.text("engineVersion"),
                                                  product.text("definitionsVersion"),
                                                  product.time("definitionsTime"),
                                                  product.flag("realTimeProtection"),
                                                  product.flag("serviceRunning"),
                                                  product.time("lastScan")};
        });
    });
    device.antivirusKnown = device.section(Section::Antivirus) == State::Ok;
}

void readAgent(const QJsonValue &value, DeviceDetail &device)
{
    device.sections[size_t(Section::Agent)] = readObject(value, [&](Fields &agent) {
        device.agentVersion = agent.text("version");
        device.droppedReports = agent.integer("droppedReports");
        if (!device.certificateExpiresAt.isValid()) {
            device.certificateExpiresAt = agent.time("certificateExpiresAt");
        }
    });
}

void readErrors(const QJsonValue &value, DeviceDetail &device)
{
    device.sections[size_t(Section::Errors)] = readObject(value, [&](Fields &errors) {
        const QJsonObject map = value.toObject();
        QList<DeviceDetail::CollectorError> list;
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (!it.value().isObject()) {
                errors.fail();
                return;
            }
            Fields error(it.value().toObject());
            list.append({it.key(), error.text("code"), error.text("message")});
            if (!error.ok()) {
                errors.fail();
                return;
            }
        }
        device.collectorErrors = list;
    });
}

void readCompliance(const QJsonObject &compliance, DeviceDetail &device)
{
    const QJsonValue compliant = compliance.value(QLatin1String("compliant"));
    device.compliant = compliant.isBool() ? std::optional<bool>(compliant.toBool()) : std::nullopt;
    device.evaluatedAt = ApiTime::parse(compliance.value(QLatin1String("evaluatedAt")));
    const QJsonArray reasons = compliance.value(QLatin1String("reasons")).toArray();
    for (const QJsonValue &value : reasons) {
        const QJsonObject reason = value.toObject();
        const QJsonObject policy = reason.value(QLatin1String("policy")).toObject();
        device.reasons.append({reason.value(QLatin1String("code")).toString(),
                               reason.value(QLatin1String("text")).toString(),
                               ApiTime::parse(reason.value(QLatin1String("since"))),
                               policy.value(QLatin1String("rule")).toString(),
                               policy.value(QLatin1String("value")).toString(),
                               policy.value(QLatin1String("origin")).toString()});
    }
    device.complianceState = compliance.value(QLatin1String("state")).toString();
    device.complianceSince = ApiTime::parse(compliance.value(QLatin1String("since")));
}

QString deriveState(const DeviceDetail &device)
{
    const auto hasReason = [&device](QLatin1String code) {
        return std::any_of(device.reasons.cbegin(), device.reasons.cend(), [code](const auto &reason) {
            return reason.code == code;
        });
    };
    if (device.retiredAt.isValid()) {
        return QStringLiteral("retired");
    }
    if (device.revoked) {
        return QStringLiteral("revoked");
    }
    if (!device.lastSeen.isValid() || hasReason(QLatin1String("contact.never"))) {
        return QStringLiteral("never-reported");
    }
    return hasReason(QLatin1String("contact.stale")) ? QStringLiteral("stale") : QStringLiteral("reporting");
}
} // namespace

DeviceDetail DeviceDetail::fromJson(const QJsonObject &object)
{
    DeviceDetail device;
    const auto value = [&object](const char *key) {
        return object.value(QLatin1String(key));
    };
    device.id = value("id").toString();
    device.hostname = value("hostname").toString();
    device.orgUnit = value("orgUnit").toString();
    for (const QJsonValue &id : value("sameSerialAs").toArray()) {
        device.sameSerialAs.append(id.toString());
    }
    device.lastSeen = ApiTime::parse(value("lastSeen"));
    device.enrolledAt = ApiTime::parse(value("enrolledAt"));
    device.revoked = value("revoked").toBool();
    const QJsonObject retired = value("retired").toObject();
    device.retiredAt = ApiTime::parse(retired.value(QLatin1String("at")));
    device.retiredBy = retired.value(QLatin1String("by")).toString();
    device.retiredReason = retired.value(QLatin1String("reason")).toString();
    if (value("lastSequence").isDouble()) {
        device.lastSequence = qint64(value("lastSequence").toDouble());
    }
    if (value("reportsStored").isDouble()) {
        device.reportsStored = qint64(value("reportsStored").toDouble());
    }
    device.certificateExpiresAt = ApiTime::parse(value("certificateExpiresAt"));
    readCompliance(value("compliance").toObject(), device);

    QString osHostname;
    readOs(value("os"), device, osHostname);
    if (device.hostname.isEmpty()) {
        device.hostname = osHostname;
    }
    readHardware(value("hardware"), device);
    readNetwork(value("network"), device);
    readErrors(value("errors"), device);
    readSoftware(value("software"), device);
    readPatches(value("patches"), device);
    readAntivirus(value("antivirus"), device);
    readAgent(value("agent"), device);

    device.state = value("state").toString();
    if (device.state.isEmpty()) {
        device.state = deriveState(device);
    }
    return device;
}

} // namespace steward::app
