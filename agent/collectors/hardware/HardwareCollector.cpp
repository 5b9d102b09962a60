// SPDX-License-Identifier: GPL-3.0-or-later
#include "HardwareCollector.h"

#include "CollectContext.h"
#include "HardwareCollectorLogging.h"
#include "HardwareInfo.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <sys/statvfs.h>

#include <array>
#include <limits>
#include <utility>

namespace steward::agent
{

namespace
{
QString readTrimmed(const CollectContext &context, const QString &relative)
{
    const Result<QByteArray> data = context.readFile(relative, 4096);
    if (!data) {
        return {};
    }
    // Device-tree strings end in NUL.
    QByteArray value = data.value();
    while (value.endsWith('\0')) {
        value.chop(1);
    }
    return QString::fromUtf8(value).trimmed();
}

QString readDmi(const CollectContext &context, const QString &field)
{
    const Result<QByteArray> data = context.readFile(QStringLiteral("sys/class/dmi/id/") + field, 4096);
    if (!data) {
        qCDebug(lcCollectorHardware) << "no DMI" << field << data.error().message;
        return {};
    }
    return QString::fromUtf8(data.value()).trimmed();
}

// What firmware leaves in an asset tag nobody set.
QString withoutAssetTagPlaceholder(const QString &value)
{
    static const QStringList placeholders{QStringLiteral("No Asset Tag"),
                                          QStringLiteral("No Asset Information"),
                                          QStringLiteral("Asset-1234567890"),
                                          QStringLiteral("None"),
                                          QStringLiteral("N/A"),
                                          QStringLiteral("0")};
    return placeholders.contains(value, Qt::CaseInsensitive) ? QString() : value;
}

// What firmware vendors leave in fields they did not fill in. Reporting these
// would make unrelated machines look alike.
QString withoutPlaceholder(const QString &value)
{
    static const QStringList placeholders{
        QStringLiteral("To be filled by O.E.M."),
        QStringLiteral("To Be Filled By O.E.M."),
        QStringLiteral("System manufacturer"),
        QStringLiteral("System Product Name"),
        QStringLiteral("System Serial Number"),
        QStringLiteral("Default string"),
        QStringLiteral("Not Specified"),
        QStringLiteral("Not Applicable"),
        QStringLiteral("None"),
        QStringLiteral("0123456789"),
        QStringLiteral("OEM"),
    };
    return placeholders.contains(value, Qt::CaseInsensitive) ? QString() : value;
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

bool exists(const CollectContext &context, const QString &relative)
{
    return QFileInfo::exists(context.path(relative));
}

std::optional<qint64> readInteger(const CollectContext &context, const QString &relative)
{
    bool ok = false;
    const qint64 value = readTrimmed(context, relative).toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// /proc/mounts escapes blanks, tabs, newlines and backslashes as \ooo.
QString unescapeMountField(QByteArrayView field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int code = field.sliced(i + 1, 3).toByteArray().toInt(&ok, 8);
            if (ok && code < 256) {
                out.append(char(code));
                i += 3;
                continue;
            }
        }
        out.append(field[i]);
    }
    return QString::fromUtf8(out);
}

std::optional<FilesystemUsage> statFilesystem(const QString &path)
{
    struct statvfs stats {
    };
    if (::statvfs(QFile::encodeName(path).constData(), &stats) != 0) {
        return std::nullopt;
    }
    const auto bytes = [&stats](fsblkcnt_t blocks) {
        return qint64(blocks) * qint64(stats.f_frsize);
    };
    return FilesystemUsage{bytes(stats.f_blocks), bytes(stats.f_bavail)};
}

QString containerKind(const CollectContext &context)
{
    // systemd-detect-virt's sources that need no privileges.
    const QString systemd = readTrimmed(context, QStringLiteral("run/systemd/container"));
    if (!systemd.isEmpty()) {
        return systemd;
    }
    if (exists(context, QStringLiteral("run/.containerenv"))) {
        return QStringLiteral("podman");
    }
    if (exists(context, QStringLiteral(".dockerenv"))) {
        return QStringLiteral("docker");
    }
    return {};
}

QList<Disk> collectDisks(const CollectContext &context)
{
    QList<Disk> disks;
    const QDir blockDir(context.path(QStringLiteral("sys/block")));
    const QStringList names = blockDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        const QString dir = QStringLiteral("sys/block/") + name + u'/';
        // Disks have a bus device; loop, ram, zram, device-mapper and md
        // devices are views of other disks or of memory.
        if (!exists(context, dir + QStringLiteral("device"))) {
            continue;
        }
        // Always in 512-byte units, whatever the logical block size.
        const qint64 sectors = readInteger(context, dir + QStringLiteral("size")).value_or(0);
        if (sectors <= 0) {
            continue; // a card reader or optical drive without a medium
        }
        Disk disk;
        disk.name = name;
        disk.sizeBytes = sectors * 512;
        disk.model = readTrimmed(context, dir + QStringLiteral("device/model"));
        if (disk.model.isEmpty()) {
            disk.model = readTrimmed(context, dir + QStringLiteral("device/name")); // MMC/SD
        }
        disk.serial = readTrimmed(context, dir + QStringLiteral("serial")); // virtio
        if (disk.serial.isEmpty()) {
            disk.serial = readTrimmed(context, dir + QStringLiteral("device/serial")); // NVMe, MMC
        }
        disk.rotational = readTrimmed(context, dir + QStringLiteral("queue/rotational")) == u'1';
        disk.removable = readTrimmed(context, dir + QStringLiteral("removable")) == u'1';
        disks.append(std::move(disk));
    }
    return disks;
}
} // namespace

HardwareCollector::HardwareCollector()
    : HardwareCollector(&statFilesystem)
{
}

HardwareCollector::HardwareCollector(FilesystemUsageSource filesystemUsage)
    : m_filesystemUsage(std::move(filesystemUsage))
{
}

QString HardwareCollector::name() const
{
    return QStringLiteral("hardware");
}

QString HardwareCollector::armCpuName(uint implementer, uint part)
{
    struct Part {
        uint implementer;
        uint part;
        const char *name;
    };
    // From the Arm and vendors' technical reference manuals (MIDR_EL1).
    static constexpr std::array<Part, 36> parts{{
        {0x41, 0xc07, "ARM Cortex-A7"},          {0x41, 0xc08, "ARM Cortex-A8"},
        {0x41, 0xc09, "ARM Cortex-A9"},          {0x41, 0xc0f, "ARM Cortex-A15"},
        {0x41, 0xd01, "ARM Cortex-A32"},         {0x41, 0xd03, "ARM Cortex-A53"},
        {0x41, 0xd04, "ARM Cortex-A35"},         {0x41, 0xd05, "ARM Cortex-A55"},
        {0x41, 0xd07, "ARM Cortex-A57"},         {0x41, 0xd08, "ARM Cortex-A72"},
        {0x41, 0xd09, "ARM Cortex-A73"},         {0x41, 0xd0a, "ARM Cortex-A75"},
        {0x41, 0xd0b, "ARM Cortex-A76"},         {0x41, 0xd0c, "ARM Neoverse-N1"},
        {0x41, 0xd0d, "ARM Cortex-A77"},         {0x41, 0xd40, "ARM Neoverse-V1"},
        {0x41, 0xd41, "ARM Cortex-A78"},         {0x41, 0xd44, "ARM Cortex-X1"},
        {0x41, 0xd46, "ARM Cortex-A510"},        {0x41, 0xd47, "ARM Cortex-A710"},
        {0x41, 0xd48, "ARM Cortex-X2"},          {0x41, 0xd49, "ARM Neoverse-N2"},
        {0x41, 0xd4b, "ARM Cortex-A78C"},        {0x41, 0xd4d, "ARM Cortex-A715"},
        {0x41, 0xd4e, "ARM Cortex-X3"},          {0x41, 0xd4f, "ARM Neoverse-V2"},
        {0x41, 0xd80, "ARM Cortex-A520"},        {0x41, 0xd81, "ARM Cortex-A720"},
        {0x41, 0xd82, "ARM Cortex-X4"},          {0x41, 0xd8e, "ARM Neoverse-N3"},
        {0x48, 0xd01, "HiSilicon TaiShan v110"}, {0x4e, 0x004, "NVIDIA Carmel"},
        {0x51, 0x800, "Qualcomm Kryo 2XX Gold"}, {0x51, 0x801, "Qualcomm Kryo 2XX Silver"},
        {0x61, 0x022, "Apple Icestorm (M1)"},    {0x61, 0x023, "Apple Firestorm (M1)"},
    }};
    for (const Part &entry : parts) {
        if (entry.implementer == implementer && entry.part == part) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

HardwareCollector::CpuInfo HardwareCollector::parseCpuInfo(const QByteArray &data)
{
    // x86 has "model name"; other architectures name the CPU differently, in
    // this order of preference. arm64 names none: its parts are decoded
    // below. "Hardware" is the SoC, the last resort.
    static constexpr std::array<QByteArrayView, 4> modelKeys{"model name", "Processor", "cpu model", "cpu"};
    CpuInfo info;
    qsizetype bestRank = qsizetype(modelKeys.size());
    QString hardware;
    QStringList armParts; // distinct, in order: big.LITTLE has two
    std::optional<uint> implementer;

    QSet<QByteArray> physicalIds;
    QSet<QByteArray> cores; // "physical id/core id"
    bool topologyComplete = true;
    bool inProcessor = false;
    QByteArray physicalId;
    QByteArray coreId;
    const auto endProcessor = [&] {
        if (!inProcessor) {
            return;
        }
        if (physicalId.isEmpty() || coreId.isEmpty()) {
            topologyComplete = false;
        } else {
            physicalIds.insert(physicalId);
            cores.insert(physicalId + '/' + coreId);
        }
        physicalId.clear();
        coreId.clear();
        inProcessor = false;
    };

    for (const QByteArray &line : data.split('\n')) {
        QByteArrayView key;
        QByteArrayView value;
        if (!splitField(line, key, value)) {
            continue;
        }
        if (key == "processor") {
            endProcessor();
            inProcessor = true;
            ++info.logicalProcessors;
            continue;
        }
        if (key == "physical id") {
            physicalId = value.toByteArray();
        } else if (key == "core id") {
            coreId = value.toByteArray();
        } else if (key == "flags" && !info.hypervisorFlag) {
            info.hypervisorFlag = value.toByteArray().split(' ').contains("hypervisor");
        } else if (key == "Hardware") {
            hardware = QString::fromUtf8(value);
        } else if (key == "CPU implementer") {
            bool ok = false;
            implementer = value.toByteArray().toUInt(&ok, 16);
            if (!ok) {
                implementer.reset();
            }
        } else if (key == "CPU part" && implementer) {
            bool ok = false;
            const uint part = value.toByteArray().toUInt(&ok, 16);
            const QString name = ok ? armCpuName(*implementer, part) : QString();
            if (!name.isEmpty() && !armParts.contains(name)) {
                armParts.append(name);
            }
        }
        for (qsizetype rank = 0; rank < bestRank; ++rank) {
            if (key == modelKeys[size_t(rank)] && !value.isEmpty()) {
                info.model = QString::fromUtf8(value);
                bestRank = rank;
                break;
            }
        }
    }
    endProcessor();

    if (info.model.isEmpty()) {
        info.model = !armParts.isEmpty() ? armParts.join(QLatin1String(" + ")) : hardware;
    }
    if (topologyComplete && !cores.isEmpty()) {
        info.physicalCores = int(cores.size());
        info.sockets = int(physicalIds.size());
    } else if (info.logicalProcessors > 0) {
        info.physicalCores = info.logicalProcessors;
        info.sockets = 1;
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

QList<MountedFilesystem> HardwareCollector::parseMounts(const QByteArray &data)
{
    static const QSet<QString> pseudoTypes{
        QStringLiteral("squashfs"),
        QStringLiteral("overlay"),
        QStringLiteral("tmpfs"),
        QStringLiteral("devtmpfs"),
        QStringLiteral("ramfs"),
        QStringLiteral("proc"),
        QStringLiteral("sysfs"),
        QStringLiteral("autofs"),
        QStringLiteral("devpts"),
        QStringLiteral("cgroup"),
        QStringLiteral("cgroup2"),
        QStringLiteral("nsfs"),
    };
    QList<MountedFilesystem> filesystems;
    QSet<QString> devices;
    for (const QByteArray &line : data.split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 3) {
            continue;
        }
        MountedFilesystem filesystem;
        filesystem.device = unescapeMountField(fields.at(0));
        filesystem.mountPoint = unescapeMountField(fields.at(1));
        filesystem.type = unescapeMountField(fields.at(2));
        if (!filesystem.device.startsWith(QLatin1String("/dev/"))
            || filesystem.device.startsWith(QLatin1String("/dev/loop"))
            || filesystem.device.startsWith(QLatin1String("/dev/ram"))
            || filesystem.device.startsWith(QLatin1String("/dev/zram")) || pseudoTypes.contains(filesystem.type)
            || filesystem.type.startsWith(QLatin1String("fuse")) || !filesystem.mountPoint.startsWith(u'/')
            || devices.contains(filesystem.device)) {
            continue;
        }
        devices.insert(filesystem.device);
        filesystems.append(std::move(filesystem));
    }
    return filesystems;
}

QString HardwareCollector::chassisTypeName(int type)
{
    // SMBIOS 3.7, 7.4.1 "System Enclosure or Chassis Types".
    static constexpr std::array<const char *, 37> names{
        "",
        "Other",
        "Unknown",
        "Desktop",
        "Low Profile Desktop",
        "Pizza Box",
        "Mini Tower",
        "Tower",
        "Portable",
        "Laptop",
        "Notebook",
        "Hand Held",
        "Docking Station",
        "All in One",
        "Sub Notebook",
        "Space-saving",
        "Lunch Box",
        "Main Server Chassis",
        "Expansion Chassis",
        "SubChassis",
        "Bus Expansion Chassis",
        "Peripheral Chassis",
        "RAID Chassis",
        "Rack Mount Chassis",
        "Sealed-case PC",
        "Multi-system chassis",
        "Compact PCI",
        "Advanced TCA",
        "Blade",
        "Blade Enclosure",
        "Tablet",
        "Convertible",
        "Detachable",
        "IoT Gateway",
        "Embedded PC",
        "Mini PC",
        "Stick PC",
    };
    return type > 0 && type < int(names.size()) ? QString::fromLatin1(names[size_t(type)]) : QString();
}

QString HardwareCollector::normalizeBiosDate(const QString &date)
{
    const QDate parsed = QDate::fromString(date.trimmed(), QStringLiteral("MM/dd/yyyy"));
    return parsed.isValid() ? parsed.toString(Qt::ISODate) : date.trimmed();
}

HardwareCollector::Virtualization HardwareCollector::detectVirtualization(const VirtualizationEvidence &evidence)
{
    const auto vm = [](const QString &hypervisor) {
        return Virtualization{QStringLiteral("vm"), hypervisor};
    };
    const auto has = [](const QString &field, QLatin1String needle) {
        return field.contains(needle, Qt::CaseInsensitive);
    };
    const QString &vendor = evidence.sysVendor;
    const QString &product = evidence.productName;
    const bool kvmClock = evidence.clocksources.split(u' ', Qt::SkipEmptyParts).contains(QLatin1String("kvm-clock"));

    // DMI names the hypervisor most precisely.
    if (has(vendor, QLatin1String("Amazon EC2"))) {
        // Bare-metal instances ("m5.metal") are Nitro-managed but not virtual.
        return product.endsWith(QLatin1String(".metal")) ? Virtualization{QStringLiteral("physical"), {}}
                                                         : vm(QStringLiteral("Amazon EC2"));
    }
    if (has(vendor, QLatin1String("Google")) && has(product, QLatin1String("Google Compute Engine"))) {
        return vm(QStringLiteral("Google Compute Engine"));
    }
    if (has(vendor, QLatin1String("Microsoft Corporation")) && product == QLatin1String("Virtual Machine")) {
        return vm(QStringLiteral("Microsoft Hyper-V"));
    }
    if (has(vendor, QLatin1String("VMware")) || has(product, QLatin1String("VMware"))) {
        return vm(QStringLiteral("VMware"));
    }
    if (has(product, QLatin1String("VirtualBox")) || has(vendor, QLatin1String("innotek"))) {
        return vm(QStringLiteral("VirtualBox"));
    }
    if (has(vendor, QLatin1String("Parallels")) || has(product, QLatin1String("Parallels"))) {
        return vm(QStringLiteral("Parallels"));
    }
    if (has(evidence.biosVendor, QLatin1String("BHYVE"))) {
        return vm(QStringLiteral("bhyve"));
    }
    if (has(vendor, QLatin1String("QEMU")) || has(evidence.boardVendor, QLatin1String("QEMU"))
        || product == QLatin1String("KVM") || has(product, QLatin1String("KVM Virtual Machine"))) {
        // QEMU without KVM (TCG emulation) has no kvm-clock.
        return vm(kvmClock || has(product, QLatin1String("KVM")) ? QStringLiteral("KVM") : QStringLiteral("QEMU"));
    }
    if (has(vendor, QLatin1String("Xen")) || has(evidence.biosVendor, QLatin1String("Xen"))) {
        return vm(QStringLiteral("Xen"));
    }
    // Xen without DMI (PV guests); dom0 sees the same file but is the host.
    if (evidence.hypervisorType.compare(QLatin1String("xen"), Qt::CaseInsensitive) == 0) {
        return evidence.xenCapabilities.contains(QLatin1String("control_d"))
            ? Virtualization{QStringLiteral("physical"), {}}
            : vm(QStringLiteral("Xen"));
    }
    if (evidence.cpuHypervisorFlag || !evidence.hypervisorType.isEmpty()) {
        // Clouds that rename DMI (OpenStack, DigitalOcean, …) and DMI-less
        // guests: the paravirtual clock still tells the hypervisor.
        if (kvmClock) {
            return vm(QStringLiteral("KVM"));
        }
        if (evidence.clocksources.contains(QLatin1String("hyperv_clocksource"))) {
            return vm(QStringLiteral("Microsoft Hyper-V"));
        }
        if (evidence.clocksources.contains(QLatin1String("xen"))) {
            return vm(QStringLiteral("Xen"));
        }
        return vm({});
    }
    return Virtualization{QStringLiteral("physical"), {}};
}

Result<HardwareInfo> HardwareCollector::collectInfo(const CollectContext &context) const
{
    HardwareInfo info;
    info.manufacturer = withoutPlaceholder(readDmi(context, QStringLiteral("sys_vendor")));
    info.model = withoutPlaceholder(readDmi(context, QStringLiteral("product_name")));
    info.serial = withoutPlaceholder(readDmi(context, QStringLiteral("product_serial")));
    // Where an asset tag is set (in the firmware setup, or by the vendor on order), it is the
    // number on the sticker the help desk is read out: the chassis's, else the board's.
    for (const char *field : {"chassis_asset_tag", "board_asset_tag"}) {
        info.assetTag = withoutAssetTagPlaceholder(withoutPlaceholder(readDmi(context, QLatin1String(field))));
        if (!info.assetTag.isEmpty()) {
            break;
        }
    }
    info.biosVendor = readDmi(context, QStringLiteral("bios_vendor"));
    info.biosVersion = readDmi(context, QStringLiteral("bios_version"));
    info.biosDate = normalizeBiosDate(readDmi(context, QStringLiteral("bios_date")));
    const QString chassis = readDmi(context, QStringLiteral("chassis_type"));
    info.chassisType = chassisTypeName(chassis.isEmpty() ? 0 : chassis.toInt());

    // Boards without DMI describe themselves in the device tree.
    if (info.model.isEmpty()) {
        info.model = readTrimmed(context, QStringLiteral("sys/firmware/devicetree/base/model"));
    }
    if (info.serial.isEmpty()) {
        info.serial = readTrimmed(context, QStringLiteral("sys/firmware/devicetree/base/serial-number"));
    }

    const bool hasDmi = exists(context, QStringLiteral("sys/class/dmi/id"));
    if (exists(context, QStringLiteral("sys/firmware/efi"))) {
        info.firmwareType = QStringLiteral("uefi");
    } else if (hasDmi) {
        info.firmwareType = QStringLiteral("bios");
    }

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
    info.cpuLogicalProcessors = cpu.logicalProcessors;
    info.cpuPhysicalCores = cpu.physicalCores;
    info.cpuSockets = cpu.sockets;
    if (info.model.isEmpty()) {
        // Raspberry Pi kernels print the board in cpuinfo.
        for (const QByteArray &line : cpuinfo.value().split('\n')) {
            QByteArrayView key;
            QByteArrayView value;
            if (splitField(line, key, value) && key == "Model") {
                info.model = QString::fromUtf8(value);
            }
        }
    }

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

    VirtualizationEvidence evidence;
    evidence.sysVendor = info.manufacturer;
    evidence.productName = info.model;
    evidence.biosVendor = info.biosVendor;
    evidence.biosVersion = info.biosVersion;
    evidence.boardVendor = readDmi(context, QStringLiteral("board_vendor"));
    evidence.hypervisorType = readTrimmed(context, QStringLiteral("sys/hypervisor/type"));
    if (!evidence.hypervisorType.isEmpty()) {
        evidence.xenCapabilities = readTrimmed(context, QStringLiteral("proc/xen/capabilities"));
    }
    evidence.clocksources =
        readTrimmed(context, QStringLiteral("sys/devices/system/clocksource/clocksource0/available_clocksource"));
    evidence.cpuHypervisorFlag = cpu.hypervisorFlag;
    const Virtualization virtualization = detectVirtualization(evidence);
    info.virtualization = virtualization.kind;
    info.hypervisor = virtualization.hypervisor;
    info.container = containerKind(context);

    info.disks = collectDisks(context);

    // An unreadable mount table leaves the list empty rather than failing the
    // section: disks, CPU and identity are still right.
    const Result<QByteArray> mounts = context.readFile(QStringLiteral("proc/mounts"), 4 * 1024 * 1024);
    if (mounts) {
        info.filesystems = parseMounts(mounts.value());
        for (MountedFilesystem &filesystem : info.filesystems) {
            const std::optional<FilesystemUsage> usage = m_filesystemUsage(context.path(filesystem.mountPoint.mid(1)));
            if (usage) {
                filesystem.sizeBytes = usage->sizeBytes;
                filesystem.freeBytes = usage->freeBytes;
            }
        }
    } else {
        qCWarning(lcCollectorHardware) << "no mount table:" << mounts.error().message;
    }
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
