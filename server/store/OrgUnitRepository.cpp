// SPDX-License-Identifier: GPL-3.0-or-later
#include "OrgUnitRepository.h"

#include "Database.h"
#include "SqlTransaction.h"

#include <QSqlQuery>

namespace steward::server
{

namespace
{
const QString kColumns = QStringLiteral("SELECT id, parent_id, name, path, created_at FROM org_units");

OrgUnit orgUnitFromRow(const QSqlQuery &query)
{
    OrgUnit unit;
    unit.id = query.value(0).toLongLong();
    unit.parentId = query.value(1).isNull() ? 0 : query.value(1).toLongLong();
    unit.name = query.value(2).toString();
    unit.path = query.value(3).toString();
    unit.createdAt = sql::fromEpoch(query.value(4));
    return unit;
}
} // namespace

OrgUnitRepository::OrgUnitRepository(Database &database)
    : m_db(database)
{
}

Result<QList<OrgUnit>> OrgUnitRepository::list()
{
    QSqlQuery query(m_db.connection());
    // The root's "/" sorts before every name that starts with a letter or digit, not before
    // every name: the root is put first by its id.
    if (!sql::run(query, kColumns + QStringLiteral(" ORDER BY CASE WHEN id = 1 THEN 0 ELSE 1 END, path"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing org units"));
    }
    QList<OrgUnit> units;
    while (query.next()) {
        units.append(orgUnitFromRow(query));
    }
    return units;
}

Result<std::optional<OrgUnit>> OrgUnitRepository::find(const QString &path)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kColumns + QStringLiteral(" WHERE path = ?"), {path})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading org unit"));
    }
    if (!query.next()) {
        return std::optional<OrgUnit>();
    }
    return std::optional<OrgUnit>(orgUnitFromRow(query));
}

Result<OrgUnit> OrgUnitRepository::create(const QString &path, const QDateTime &now)
{
    if (orgunit::isRoot(path)) {
        return makeError(QStringLiteral("org-unit.exists"), QStringLiteral("the root org unit always exists"));
    }
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to create an org unit"));
    }
    QSqlQuery query(db);
    if (!sql::run(query,
                  QStringLiteral("SELECT path FROM org_units WHERE path IN (?, ?)"),
                  {path, orgunit::parentPath(path)})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading org units"));
    }
    bool parentFound = false;
    while (query.next()) {
        if (query.value(0).toString() == path) {
            return makeError(QStringLiteral("org-unit.exists"),
                             QStringLiteral("org unit '%1' exists already").arg(path));
        }
        parentFound = true;
    }
    const QString parent = orgunit::parentPath(path);
    if (!parentFound) {
        return makeError(
            QStringLiteral("org-unit.parent-unknown"),
            QStringLiteral("no org unit '%1' to create '%2' in: create it first").arg(parent, orgunit::leafName(path)));
    }
    OrgUnit unit;
    unit.name = orgunit::leafName(path);
    unit.path = path;
    unit.createdAt = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO org_units (parent_id, name, path, created_at) "
                                 "SELECT id, ?, ?, ? FROM org_units WHERE path = ? RETURNING id, parent_id"),
                  {unit.name, path, sql::epoch(now), parent})
        || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("creating org unit"));
    }
    unit.id = query.value(0).toLongLong();
    unit.parentId = query.value(1).toLongLong();
    query.finish();
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing a new org unit"));
    }
    return unit;
}

Status OrgUnitRepository::remove(const QString &path, const QDateTime &now)
{
    if (orgunit::isRoot(path)) {
        return makeError(QStringLiteral("org-unit.root"), QStringLiteral("the root org unit cannot be deleted"));
    }
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to delete an org unit"));
    }
    QSqlQuery query(db);
    if (!sql::run(query, QStringLiteral("SELECT id FROM org_units WHERE path = ?") + m_db.forUpdate(), {path})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading org unit"));
    }
    if (!query.next()) {
        return orgunit::unknownUnit(path);
    }
    const qint64 id = query.value(0).toLongLong();
    if (!sql::run(query,
                  QStringLiteral("SELECT (SELECT COUNT(*) FROM org_units WHERE parent_id = ?), "
                                 "(SELECT COUNT(*) FROM devices WHERE org_unit_id = ?), "
                                 "(SELECT COUNT(*) FROM enrollment_tokens WHERE org_unit_id = ? AND uses_left > 0 "
                                 "AND expires_at > ?)"),
                  {id, id, id, sql::epoch(now)})
        || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("reading what an org unit holds"));
    }
    const qint64 units = query.value(0).toLongLong();
    const qint64 devices = query.value(1).toLongLong();
    const qint64 tokens = query.value(2).toLongLong();
    if (units + devices + tokens > 0) {
        QStringList held;
        if (units > 0) {
            held.append(QStringLiteral("%1 org unit(s)").arg(units));
        }
        if (devices > 0) {
            held.append(QStringLiteral("%1 device(s)").arg(devices));
        }
        if (tokens > 0) {
            held.append(QStringLiteral("%1 usable enrolment token(s)").arg(tokens));
        }
        return makeError(QStringLiteral("org-unit.not-empty"),
                         QStringLiteral("org unit '%1' still holds %2").arg(path, held.join(QStringLiteral(", "))));
    }
    if (!sql::run(query, QStringLiteral("UPDATE enrollment_tokens SET org_unit_id = NULL WHERE org_unit_id = ?"), {id})
        || !sql::run(query, QStringLiteral("DELETE FROM org_units WHERE id = ?"), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("deleting org unit"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing the deletion of an org unit"));
    }
    return Ok{};
}

} // namespace steward::server
