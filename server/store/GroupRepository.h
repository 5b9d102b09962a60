// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/DeviceGroup.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

namespace steward::server
{
class Database;
namespace groups
{
class GroupQuery;
}

// The devices a group or a query selects, when it was evaluated and how long that took.
struct GroupMembers {
    QStringList deviceIds; // sorted; revoked devices never count
    qint64 activeDevices = 0; // every device not revoked: a query that selects them all says so
    QDateTime evaluatedAt;
    qint64 elapsedMicroseconds = 0;
};

// Device groups. A query group's members are computed from the facts DeviceRepository keeps at
// ingest, each time they are asked for, so they follow the reports as they arrive.
class GroupRepository
{
public:
    explicit GroupRepository(Database &database);

    // Every group, by name.
    Result<QList<DeviceGroup>> list();
    Result<std::optional<DeviceGroup>> find(const QString &name);
    // Errors: group.exists. A query must have been parsed (GroupQuery::parse) by the caller.
    Result<DeviceGroup> create(const DeviceGroup &group);
    // False when no such group.
    Result<bool> remove(const QString &name);
    // Adds devices to a static group, all or none; returns those that were not in it yet.
    // Errors: group.unknown, group.query-managed (a query group's members are its query's),
    // device.unknown (naming the ids no device has; revoked devices cannot be added either).
    Result<QStringList> addMembers(const QString &name,
                                   const QStringList &deviceIds,
                                   const QString &by,
                                   const QDateTime &at);
    // Removes devices from a static group; returns those that were in it. Errors as addMembers.
    Result<QStringList> removeMembers(const QString &name, const QStringList &deviceIds);
    // The group's members now.
    Result<GroupMembers> members(const DeviceGroup &group, const QDateTime &now);
    // The devices a query selects now.
    Result<GroupMembers> evaluate(const groups::GroupQuery &query, const QDateTime &now);

private:
    // The id of the static group `name`; errors group.unknown, group.query-managed.
    Result<qint64> staticGroupId(const QString &name);
    Result<GroupMembers> selected(const QString &condition, const QVariantList &values, const QDateTime &now);

    Database &m_db;
};

inline constexpr int kMaxGroupNameLength = 64;

// A group name as stored: trimmed, 1 to kMaxGroupNameLength characters, no control characters
// and no '/' (names travel in URL paths). Error group.invalid-name.
Result<QString> groupName(const QString &text);

} // namespace steward::server
