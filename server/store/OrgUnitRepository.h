// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/OrgUnit.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace steward::server
{
class Database;

// The org-unit tree. Paths given here are canonical (orgunit::canonicalPath).
class OrgUnitRepository
{
public:
    explicit OrgUnitRepository(Database &database);

    // Every unit, the root first, each after the unit above it (ordered by path).
    Result<QList<OrgUnit>> list();
    Result<std::optional<OrgUnit>> find(const QString &path);
    // Adds a unit below an existing one. Errors: org-unit.exists, org-unit.parent-unknown (the
    // unit above must be created first, so that a mistyped ministry does not grow a tree of its
    // own).
    Result<OrgUnit> create(const QString &path, const QDateTime &now);
    // Removes an empty unit: no units below it, no devices in it, and no enrolment token that can
    // still place devices in it (spent and expired tokens forget it). Errors: org-unit.unknown,
    // org-unit.root, org-unit.not-empty (the message says what is in it).
    Status remove(const QString &path, const QDateTime &now);

private:
    Database &m_db;
};

} // namespace steward::server
