// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QStringList>

namespace steward::server
{
class Database;

// One rule an org unit sets for its devices and those below it.
struct PolicySetting {
    QString orgUnit; // the unit's path
    QString rule;
    QString value; // as policyValue() writes it
    QString setBy;
    QDateTime setAt;
};

// The compliance rules org units set (compliance/PolicyRules.h).
class PolicyRepository
{
public:
    explicit PolicyRepository(Database &database);

    // Every setting of every unit, by unit path and rule.
    Result<QList<PolicySetting>> list();
    // Sets rules on the unit (values checked by the caller) and removes others (the unit then
    // follows the unit above), in one transaction. Returns what the unit itself set before for
    // each rule named (absent: nothing). Error org-unit.unknown.
    Result<QHash<QString, QString>> change(const QString &orgUnitPath,
                                           const QMap<QString, QString> &set,
                                           const QStringList &unset,
                                           const QString &by,
                                           const QDateTime &at);

private:
    Database &m_db;
};

} // namespace steward::server
