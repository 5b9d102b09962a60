// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCborMap>
#include <QDateTime>
#include <QString>

class QSqlDatabase;

namespace steward::server
{
class Database;

// Keeps what query groups select devices by (groups/DeviceFacts.h) in device_facts,
// device_software and software, from a device's stored sections. Part of DeviceRepository's
// writes: every call runs inside the caller's transaction.
class DeviceFactTables
{
public:
    explicit DeviceFactTables(Database &database);

    // Recomputes the device's facts from its name and stored sections and, when `software` is
    // set, its installed packages (only those that changed are written), then sets
    // devices.facts_at.
    Status refresh(const QSqlDatabase &connection, const QString &deviceId, bool software, const QDateTime &at);

private:
    Status refreshFacts(const QSqlDatabase &connection,
                        const QString &deviceId,
                        const QString &hostname,
                        const QCborMap &sections);
    Status refreshSoftware(const QSqlDatabase &connection, const QString &deviceId, const QCborMap &sections);

    Database &m_db;
};

} // namespace steward::server
