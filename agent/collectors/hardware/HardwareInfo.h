// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Disk.h"
#include "MountedFilesystem.h"

#include <QCborMap>
#include <QList>
#include <QString>

namespace steward::agent
{

// The "hardware" report section.
struct HardwareInfo {
    // Identity: DMI/SMBIOS, or the device tree on boards without it.
    QString manufacturer;
    QString model;
    QString serial; // DMI's is readable by root only: empty otherwise
    QString assetTag; // the ministry's inventory label, when the firmware was given one
    QString chassisType; // SMBIOS name ("Notebook", "Desktop", "Other", …); empty when unknown

    // Firmware
    QString biosVendor;
    QString biosVersion;
    QString biosDate; // "YYYY-MM-DD", or as the firmware wrote it when that is not a date
    QString firmwareType; // "uefi", "bios"; empty when neither (device-tree boards)

    QString cpuModel;
    int cpuCores = 0; // logical processors (the key predates cpuPhysicalCores)
    int cpuPhysicalCores = 0;
    int cpuLogicalProcessors = 0;
    int cpuSockets = 0;
    qint64 memoryBytes = 0;

    QString virtualization; // "vm" or "physical"
    QString hypervisor; // "KVM", "VMware", "Microsoft Hyper-V", …; empty when physical or unknown
    QString container; // "docker", "podman", "lxc", …; empty outside a container

    QList<Disk> disks;
    QList<MountedFilesystem> filesystems;

    QCborMap toCbor() const;
};

} // namespace steward::agent
