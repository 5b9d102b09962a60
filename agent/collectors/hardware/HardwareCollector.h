// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace steward::agent
{

struct FilesystemUsage;
struct HardwareInfo;
struct MountedFilesystem;

// DMI identity and firmware, CPU topology and memory from /proc, disks from
// /sys/block, mounted filesystems from /proc/mounts (sizes from statvfs(3)),
// and whether this is a virtual machine. DMI is optional (ARM boards, some
// VMs and containers have none; product_serial is root-only), so its absence
// leaves fields empty; unreadable /proc/cpuinfo or /proc/meminfo is an error
// because those exist on every Linux system. Nothing here runs a program.
class HardwareCollector : public Collector
{
public:
    // statvfs(3) of an absolute path; nothing when it fails. The seam lets
    // fixture trees supply sizes.
    using FilesystemUsageSource = std::function<std::optional<FilesystemUsage>(const QString &path)>;

    HardwareCollector();
    explicit HardwareCollector(FilesystemUsageSource filesystemUsage);

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<HardwareInfo> collectInfo(const CollectContext &context) const;

    struct CpuInfo {
        QString model;
        int logicalProcessors = 0;
        // From "physical id"/"core id" (x86); without them (ARM, where
        // cores do not share threads) one socket and a core per processor.
        int physicalCores = 0;
        int sockets = 0;
        bool hypervisorFlag = false; // x86 CPUID "hypervisor" bit
    };
    static CpuInfo parseCpuInfo(const QByteArray &data);
    // MemTotal in bytes, or nothing when the line is missing or malformed.
    static std::optional<qint64> parseMemTotal(const QByteArray &data);
    // "ARM Cortex-A72" from "CPU implementer"/"CPU part"; empty if unknown.
    static QString armCpuName(uint implementer, uint part);

    // Filesystems on block devices from /proc/mounts, each device once (bind
    // mounts and btrfs subvolumes repeat it): not pseudo, network or FUSE
    // filesystems (statvfs on a dead NFS server blocks), not loop devices
    // (snap and ISO images). Sizes are left unknown.
    static QList<MountedFilesystem> parseMounts(const QByteArray &data);

    // SMBIOS chassis type number → name ("Notebook"); empty if unassigned.
    static QString chassisTypeName(int type);
    // DMI's "MM/DD/YYYY" → "YYYY-MM-DD"; other text is returned trimmed.
    static QString normalizeBiosDate(const QString &date);

    struct VirtualizationEvidence {
        QString sysVendor; // DMI
        QString productName;
        QString biosVendor;
        QString biosVersion;
        QString boardVendor;
        QString hypervisorType; // /sys/hypervisor/type
        QString xenCapabilities; // /proc/xen/capabilities: "control_d" in dom0
        QString clocksources; // available_clocksource
        bool cpuHypervisorFlag = false;
    };
    struct Virtualization {
        QString kind; // "vm" or "physical"
        QString hypervisor;
    };
    static Virtualization detectVirtualization(const VirtualizationEvidence &evidence);

private:
    FilesystemUsageSource m_filesystemUsage;
};

} // namespace steward::agent
