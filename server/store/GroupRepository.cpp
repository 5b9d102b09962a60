// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupRepository.h"

#include "Database.h"
#include "SqlTransaction.h"
#include "groups/GroupQuery.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlQuery>

namespace steward::server
{

namespace
{
const QString kColumns =
    QStringLiteral("SELECT id, name, query, description, created_by, created_at FROM device_groups");

DeviceGroup groupFromRow(const QSqlQuery &query)
{
    DeviceGroup group;
    group.id = query.value(0).toLongLong();
    group.name = query.value(1).toString();
    group.query = query.value(2).toString();
    group.description = query.value(3).toString();
    group.createdBy = query.value(4).toString();
    group.createdAt = sql::fromEpoch(query.value(5));
    return group;
}

Error unknownGroup(const QString &name)
{
    return makeError(QStringLiteral("group.unknown"), QStringLiteral("no group is named '%1'").arg(name));
}

Error queryManaged(const QString &name)
{
    return makeError(QStringLiteral("group.query-managed"),
                     QStringLiteral("'%1' is a query group: its members are the devices its query selects").arg(name));
}
} // namespace

Result<QString> groupName(const QString &text)
{
    const QString name = text.trimmed();
    if (name.isEmpty() || name.size() > kMaxGroupNameLength) {
        return makeError(QStringLiteral("group.invalid-name"),
                         QStringLiteral("a group name has 1 to %1 characters").arg(kMaxGroupNameLength));
    }
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c == u'/') {
            return makeError(QStringLiteral("group.invalid-name"),
                             QStringLiteral("a group name has no '/' and no control characters"));
        }
    }
    return name;
}

GroupRepository::GroupRepository(Database &database)
    : m_db(database)
{
}

Result<QList<DeviceGroup>> GroupRepository::list()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kColumns + QStringLiteral(" ORDER BY name"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing groups"));
    }
    QList<DeviceGroup> groups;
    while (query.next()) {
        groups.append(groupFromRow(query));
    }
    return groups;
}

Result<std::optional<DeviceGroup>> GroupRepository::find(const QString &name)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kColumns + QStringLiteral(" WHERE name = ?"), {name})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading group"));
    }
    if (!query.next()) {
        return std::optional<DeviceGroup>();
    }
    return std::optional<DeviceGroup>(groupFromRow(query));
}

Result<DeviceGroup> GroupRepository::create(const DeviceGroup &group)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO device_groups (name, query, description, created_by, created_at) "
                                 "VALUES (?, ?, ?, ?, ?)"),
                  {group.name,
                   group.isQuery() ? QVariant(group.query) : QVariant(QMetaType::fromType<QString>()),
                   group.description.isNull() ? QStringLiteral("") : group.description,
                   group.createdBy,
                   sql::epoch(group.createdAt)})) {
        const Error error = m_db.failure(query.lastError(), QStringLiteral("creating group"));
        if (error.code == QLatin1String("store.conflict")) {
            return makeError(QStringLiteral("group.exists"),
                             QStringLiteral("a group named '%1' exists already").arg(group.name));
        }
        return error;
    }
    const Result<std::optional<DeviceGroup>> created = find(group.name);
    if (!created) {
        return created.error();
    }
    if (!created.value()) {
        return makeError(QStringLiteral("store.sql"),
                         QStringLiteral("the new group '%1' cannot be read").arg(group.name));
    }
    return *created.value();
}

Result<bool> GroupRepository::remove(const QString &name)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("DELETE FROM device_groups WHERE name = ?"), {name})) {
        return m_db.failure(query.lastError(), QStringLiteral("deleting group"));
    }
    return query.numRowsAffected() > 0;
}

Result<qint64> GroupRepository::staticGroupId(const QString &name)
{
    const Result<std::optional<DeviceGroup>> group = find(name);
    if (!group) {
        return group.error();
    }
    if (!group.value()) {
        return unknownGroup(name);
    }
    if (group.value()->isQuery()) {
        return queryManaged(name);
    }
    return group.value()->id;
}

Result<QStringList> GroupRepository::addMembers(const QString &name,
                                                const QStringList &deviceIds,
                                                const QString &by,
                                                const QDateTime &at)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to add group members"));
    }
    const Result<qint64> groupId = staticGroupId(name);
    if (!groupId) {
        return groupId.error();
    }
    QSqlQuery query(db);
    QStringList unknown;
    QStringList added;
    for (const QString &id : deviceIds) {
        if (!sql::run(query, QStringLiteral("SELECT revoked FROM devices WHERE id = ?"), {id})) {
            return m_db.failure(query.lastError(), QStringLiteral("reading device"));
        }
        if (!query.next() || query.value(0).toInt() != 0) {
            unknown.append(id);
            continue;
        }
        if (!sql::run(query,
                      QStringLiteral("INSERT INTO device_group_members (group_id, device_id, added_by, added_at) "
                                     "VALUES (?, ?, ?, ?) ON CONFLICT (group_id, device_id) DO NOTHING"),
                      {groupId.value(), id, by, sql::epoch(at)})) {
            return m_db.failure(query.lastError(), QStringLiteral("adding a group member"));
        }
        if (query.numRowsAffected() > 0) {
            added.append(id);
        }
    }
    if (!unknown.isEmpty()) {
        return makeError(QStringLiteral("device.unknown"),
                         QStringLiteral("no enrolled device has the id %1").arg(unknown.join(QStringLiteral(", "))));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing group members"));
    }
    return added;
}

Result<QStringList> GroupRepository::removeMembers(const QString &name, const QStringList &deviceIds)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to remove group members"));
    }
    const Result<qint64> groupId = staticGroupId(name);
    if (!groupId) {
        return groupId.error();
    }
    QSqlQuery query(db);
    QStringList removed;
    for (const QString &id : deviceIds) {
        if (!sql::run(query,
                      QStringLiteral("DELETE FROM device_group_members WHERE group_id = ? AND device_id = ?"),
                      {groupId.value(), id})) {
            return m_db.failure(query.lastError(), QStringLiteral("removing a group member"));
        }
        if (query.numRowsAffected() > 0) {
            removed.append(id);
        }
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing group members"));
    }
    return removed;
}

Result<GroupMembers> GroupRepository::members(const DeviceGroup &group, const QDateTime &now)
{
    if (!group.isQuery()) {
        return selected(QStringLiteral("d.id IN (SELECT device_id FROM device_group_members WHERE group_id = ?)"),
                        {group.id},
                        now);
    }
    const Result<groups::GroupQuery> query = groups::GroupQuery::parse(group.query);
    if (!query) {
        // Stored by an older server that read the language differently: say so, never guess.
        return makeError(
            query.error().code,
            QStringLiteral("the query of group '%1' no longer reads: %2").arg(group.name, query.error().message));
    }
    return evaluate(query.value(), now);
}

Result<GroupMembers> GroupRepository::evaluate(const groups::GroupQuery &query, const QDateTime &now)
{
    const groups::SqlCondition condition = query.toSql(now);
    return selected(condition.sql, condition.values, now);
}

Result<GroupMembers> GroupRepository::selected(const QString &condition,
                                               const QVariantList &values,
                                               const QDateTime &now)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    if (!sql::run(
            query,
            QStringLiteral("SELECT d.id FROM devices d WHERE d.revoked = 0 AND (%1) ORDER BY d.id").arg(condition),
            values)) {
        return m_db.failure(query.lastError(), QStringLiteral("selecting group members"));
    }
    GroupMembers members;
    while (query.next()) {
        members.deviceIds.append(query.value(0).toString());
    }
    if (!sql::run(query, QStringLiteral("SELECT COUNT(*) FROM devices WHERE revoked = 0")) || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("counting devices"));
    }
    members.activeDevices = query.value(0).toLongLong();
    members.evaluatedAt = now;
    members.elapsedMicroseconds = timer.nsecsElapsed() / 1000;
    return members;
}

} // namespace steward::server
