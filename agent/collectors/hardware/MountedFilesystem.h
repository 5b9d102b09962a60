// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

#include <optional>

namespace steward::agent
{

// One element of the hardware section's "filesystems": a filesystem on a
// block device, as mounted.
struct MountedFilesystem {
    QString mountPoint;
    QString device; // as in /proc/mounts: "/dev/nvme0n1p2", "/dev/mapper/vg-root"
    QString type; // "ext4", "xfs", "vfat", …
    // Unknown (null in the report) when statvfs(3) failed.
    std::optional<qint64> sizeBytes;
    // Space available to unprivileged users, as df's "Avail": what fills up
    // first for services that do not run as root.
    std::optional<qint64> freeBytes;
    // freeBytes rounded down to whole percent of the size, as it goes on the wire.
    std::optional<qint64> reportedFreeBytes() const;

    QCborMap toCbor() const;

    friend bool operator==(const MountedFilesystem &, const MountedFilesystem &) = default;
};

// The numbers statvfs(3) gives for one mount point.
struct FilesystemUsage {
    qint64 sizeBytes = 0;
    qint64 freeBytes = 0;
};

} // namespace steward::agent
