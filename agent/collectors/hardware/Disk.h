// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// One element of the hardware section's "disks": a whole block device that
// is backed by hardware (or by a hypervisor's virtual disk), not a partition.
struct Disk {
    QString name; // kernel name: "nvme0n1", "sda", "vda", "mmcblk0"
    QString model;
    QString serial; // where sysfs has it (NVMe, virtio); empty otherwise
    qint64 sizeBytes = 0;
    bool rotational = false;
    bool removable = false;

    QCborMap toCbor() const;

    friend bool operator==(const Disk &, const Disk &) = default;
};

} // namespace steward::agent
