// SPDX-License-Identifier: GPL-3.0-or-later
#include "HardwareInfo.h"

#include <QCborArray>

namespace steward::agent
{

QCborMap HardwareInfo::toCbor() const
{
    QCborArray diskArray;
    for (const Disk &disk : disks) {
        diskArray.append(disk.toCbor());
    }
    QCborArray filesystemArray;
    for (const MountedFilesystem &filesystem : filesystems) {
        filesystemArray.append(filesystem.toCbor());
    }
    return QCborMap{
        {QStringLiteral("manufacturer"), manufacturer},
        {QStringLiteral("model"), model},
        {QStringLiteral("serial"), serial},
        {QStringLiteral("assetTag"), assetTag},
        {QStringLiteral("chassisType"), chassisType},
        {QStringLiteral("biosVendor"), biosVendor},
        {QStringLiteral("biosVersion"), biosVersion},
        {QStringLiteral("biosDate"), biosDate},
        {QStringLiteral("firmwareType"), firmwareType},
        {QStringLiteral("cpuModel"), cpuModel},
        {QStringLiteral("cpuCores"), cpuCores},
        {QStringLiteral("cpuPhysicalCores"), cpuPhysicalCores},
        {QStringLiteral("cpuLogicalProcessors"), cpuLogicalProcessors},
        {QStringLiteral("cpuSockets"), cpuSockets},
        {QStringLiteral("memoryBytes"), memoryBytes},
        {QStringLiteral("virtualization"), virtualization},
        {QStringLiteral("hypervisor"), hypervisor},
        {QStringLiteral("container"), container},
        {QStringLiteral("disks"), diskArray},
        {QStringLiteral("filesystems"), filesystemArray},
    };
}

} // namespace steward::agent
