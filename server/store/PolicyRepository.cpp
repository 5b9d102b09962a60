// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyRepository.h"

#include "Database.h"
#include "OrgUnitPath.h"
#include "SqlTransaction.h"

#include <QSqlQuery>

namespace steward::server
{

PolicyRepository::PolicyRepository(Database &database)
    : m_db(database)
{
}

Result<QList<PolicySetting>> PolicyRepository::list()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT o.path, p.rule, p.value, p.set_by, p.set_at FROM org_unit_policies p JOIN "
                                 "org_units o ON o.id = p.org_unit_id ORDER BY o.path, p.rule"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing policies"));
    }
    QList<PolicySetting> settings;
    while (query.next()) {
        settings.append(PolicySetting{query.value(0).toString(),
                                      query.value(1).toString(),
                                      query.value(2).toString(),
                                      query.value(3).toString(),
                                      sql::fromEpoch(query.value(4))});
    }
    return settings;
}

Result<QHash<QString, QString>> PolicyRepository::change(const QString &orgUnitPath,
                                                         const QMap<QString, QString> &set,
                                                         const QStringList &unset,
                                                         const QString &by,
                                                         const QDateTime &at)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to change a policy"));
    }
    QSqlQuery query(db);
    if (!sql::run(query, QStringLiteral("SELECT id FROM org_units WHERE path = ?"), {orgUnitPath})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading org unit"));
    }
    if (!query.next()) {
        return orgunit::unknownUnit(orgUnitPath);
    }
    const qint64 unitId = query.value(0).toLongLong();
    if (!sql::run(query, QStringLiteral("SELECT rule, value FROM org_unit_policies WHERE org_unit_id = ?"), {unitId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading policy"));
    }
    QHash<QString, QString> before;
    while (query.next()) {
        const QString rule = query.value(0).toString();
        if (set.contains(rule) || unset.contains(rule)) {
            before.insert(rule, query.value(1).toString());
        }
    }
    for (auto it = set.constBegin(); it != set.constEnd(); ++it) {
        if (!sql::run(query,
                      QStringLiteral("INSERT INTO org_unit_policies (org_unit_id, rule, value, set_by, set_at) VALUES "
                                     "(?, ?, ?, ?, ?) ON CONFLICT (org_unit_id, rule) DO UPDATE SET value = "
                                     "excluded.value, set_by = excluded.set_by, set_at = excluded.set_at"),
                      {unitId, it.key(), it.value(), by, sql::epoch(at)})) {
            return m_db.failure(query.lastError(), QStringLiteral("setting a policy rule"));
        }
    }
    for (const QString &rule : unset) {
        if (!sql::run(query,
                      QStringLiteral("DELETE FROM org_unit_policies WHERE org_unit_id = ? AND rule = ?"),
                      {unitId, rule})) {
            return m_db.failure(query.lastError(), QStringLiteral("removing a policy rule"));
        }
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing a policy"));
    }
    return before;
}

} // namespace steward::server
