// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Device.h"

#include <QCborMap>
#include <QDateTime>
#include <QList>

#include <optional>

namespace steward::server
{
class Database;

enum class IngestOutcome {
    Stored,
    Duplicate, // sequence already stored: ack again, change nothing
    StoredNeedsResync, // stored, but an unchanged section's hash disagrees with ours
    Revoked, // the device was revoked: nothing stored, the connection must end
};

// Devices and the report sections stored for them.
class DeviceRepository
{
public:
    explicit DeviceRepository(Database &database);

    // Applies one report in one transaction; returns only after commit. "device.unknown" when no
    // such device is enrolled.
    Result<IngestOutcome> ingestReport(const QString &deviceId, qint64 sequence, const QCborMap &sections, const QCborMap &hashes,
                                       const QDateTime &now);
    Status touch(const QString &deviceId, const QDateTime &now);
    // The newest report sequence stored for the device; 0 when none, or no such device.
    Result<qint64> lastSequence(const QString &deviceId);

    // Every device with its sections, except the software list, which only the detail needs.
    Result<QList<Device>> list();
    Result<std::optional<Device>> find(const QString &id);
    // False when no such device exists.
    Result<bool> revoke(const QString &deviceId);

private:
    Database &m_db;
};

} // namespace steward::server
