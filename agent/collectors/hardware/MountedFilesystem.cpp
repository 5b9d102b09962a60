// SPDX-License-Identifier: GPL-3.0-or-later
#include "MountedFilesystem.h"

namespace steward::agent
{

namespace
{
QCborValue optionalInteger(const std::optional<qint64> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}
} // namespace

// Free space moves with every write; sent exactly, it would make the hardware section differ
// on every report and defeat delta reports. Whole percent of the size is what an admin acts on.
std::optional<qint64> MountedFilesystem::reportedFreeBytes() const
{
    if (!freeBytes || !sizeBytes || *sizeBytes < 100) {
        return freeBytes;
    }
    const qint64 quantum = *sizeBytes / 100;
    return *freeBytes / quantum * quantum;
}

QCborMap MountedFilesystem::toCbor() const
{
    return QCborMap{
        {QStringLiteral("mountPoint"), mountPoint},
        {QStringLiteral("device"), device},
        {QStringLiteral("type"), type},
        {QStringLiteral("sizeBytes"), optionalInteger(sizeBytes)},
        {QStringLiteral("freeBytes"), optionalInteger(reportedFreeBytes())},
    };
}

} // namespace steward::agent
