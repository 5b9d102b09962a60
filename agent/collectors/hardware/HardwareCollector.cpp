// SPDX-License-Identifier: GPL-3.0-or-later
#include "HardwareCollector.h"

#include "CollectContext.h"
#include "HardwareCollectorLogging.h"
#include "HardwareInfo.h"

#include <array>
#include <limits>

namespace steward::agent
{

namespace
{
QString readDmi(const CollectContext &context, const QString &field)
{
    const Result<QByteArray> data = context.readFile(QStringLiteral("sys/class/dmi/id/") + field, 4096);
    if (!data) {
        qCDebug(lcCollectorHardware) << "no DMI" << field << data.error().message;
        return {};
    }
    return QString::fromUtf8(data.value()).trimmed();
}

// "key<tabs/spaces>: value" as in /proc/cpuinfo; false for other lines.
bool splitField(QByteArrayView line, QByteArrayView &key, QByteArrayView &value)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        return false;
    }
    key = line.first(colon).trimmed();
    value = line.sliced(colon + 1).trimmed();
    return !key.isEmpty();
}
} // namespace

QString HardwareCollector::name() const
{
    return QStringLiteral("hardware");
}

HardwareCollector::CpuInfo HardwareCollector::parseCpuInfo(const QByteArray &data)
{
    // x86 has "model name"; other architectures name the CPU differently, in
    // this order of preference.
    static constexpr std::array<QByteArrayView, 5> modelKeys{"model name", "Processor", "cpu model", "cpu", "Hardware"};
    CpuInfo info;
    qsizetype bestRank = qsizetype(modelKeys.size());
    for (const QByteArray &line : data.split('\n')) {
        QByteArrayView key;
        QByteArrayView value;
        if (!splitField(line, key, value)) {
            continue;
        }
        if (key == "processor") {
            ++info.logicalProcessors;
            continue;
        }
        for (qsizetype rank = 0; rank < bestRank; ++rank) {
            if (key == modelKeys[size_t(rank)] && !value.isEmpty()) {
                info.model = QString::fromUtf8(value);
                bestRank = rank;
                break;
            }
        }
    }
    return info;
}

std::optional<qint64> HardwareCollector::parseMemTotal(const QByteArray &data)
{
    for (const QByteArray &line : data.split('\n')) {
        QByteArrayView key;
        QByteArrayView value;
        if (!splitField(line, key, value) || key != "MemTotal") {
            continue;
        }
        // The kernel always prints kB (meaning KiB) here.
        if (!value.endsWith(" kB")) {
            return std::nullopt;
        }
        bool ok = false;
        const qint64 kib = value.chopped(3).trimmed().toLongLong(&ok);
        if (!ok || kib <= 0 || kib > std::numeric_limits<qint64>::max() / 1024) {
            return std::nullopt;
        }
        return kib * 1024;
    }
    return std::nullopt;
}

Result<HardwareInfo> HardwareCollector::collectInfo(const CollectContext &context) const
{
    HardwareInfo info;
    info.manufacturer = readDmi(context, QStringLiteral("sys_vendor"));
    info.model = readDmi(context, QStringLiteral("product_name"));
    info.serial = readDmi(context, QStringLiteral("product_serial"));
    info.biosVersion = readDmi(context, QStringLiteral("bios_version"));

    const Result<QByteArray> cpuinfo = context.readFile(QStringLiteral("proc/cpuinfo"), 4 * 1024 * 1024);
    if (!cpuinfo) {
        return makeError(QStringLiteral("hardware.cpuinfo-unreadable"), cpuinfo.error().message);
    }
    const CpuInfo cpu = parseCpuInfo(cpuinfo.value());
    if (cpu.logicalProcessors == 0) {
        return makeError(QStringLiteral("hardware.cpuinfo-invalid"),
                         QStringLiteral("no processor entries in /proc/cpuinfo"));
    }
    info.cpuModel = cpu.model;
    info.cpuCores = cpu.logicalProcessors;

    const Result<QByteArray> meminfo = context.readFile(QStringLiteral("proc/meminfo"), 256 * 1024);
    if (!meminfo) {
        return makeError(QStringLiteral("hardware.meminfo-unreadable"), meminfo.error().message);
    }
    const std::optional<qint64> memory = parseMemTotal(meminfo.value());
    if (!memory) {
        return makeError(QStringLiteral("hardware.meminfo-invalid"),
                         QStringLiteral("no valid MemTotal in /proc/meminfo"));
    }
    info.memoryBytes = *memory;
    return info;
}

Result<QCborValue> HardwareCollector::collect(const CollectContext &context)
{
    Result<HardwareInfo> info = collectInfo(context);
    if (!info) {
        return info.error();
    }
    return QCborValue(info.value().toCbor());
}

} // namespace steward::agent
