// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

namespace steward::server::groups
{

// What a query's field holds, which decides the operators it takes and how its value is read.
enum class FieldKind {
    Text, // compared without regard to case; ~ matches a glob (* and ?)
    Version, // compared in dpkg's version order (VersionKey.h)
    Number, // a whole number, compared by value
    Boolean, // true or false
    OrgUnit, // a path: = means the unit or any unit below it
    Age, // a time ago: last-seen > 7d means not heard from for more than 7 days
    Id, // a device id, exactly
};

struct QueryField {
    QString name;
    FieldKind kind;
};

// Every field a query can test, in the order docs/groups.md lists them. `package` is not among
// them: it takes a name before its operator.
const QList<QueryField> &queryFields();

// A WHERE condition over `devices d`, with the values to bind in order.
struct SqlCondition {
    QString sql;
    QVariantList values;
};

// A query group's filter, parsed (docs/groups.md describes the language):
//     os.name = debian and os.version < 12 and ou = "Ministry of Health"
//     package openssl < 3.0.11 or (updates.security > 0 and last-seen < 7d)
// Tests join with `and`, `or` and `not` (in that order of precedence, tightest last) and
// parentheses. The query is kept as its text; it is parsed again whenever it is evaluated, so
// that a stored query always means what the running server reads it as.
class GroupQuery
{
public:
    // Errors: group.query-syntax and group.query-field (an unknown field), each with a message
    // that starts with the column (from 1) where the problem is.
    static Result<GroupQuery> parse(const QString &text);

    QString text() const;
    // The org-unit paths the query names (canonical), so that the caller can check they exist.
    QStringList orgUnits() const;
    // The query as SQL over the tables DeviceRepository keeps (device_facts, device_software,
    // device_conditions, org_units). Ages count back from `now`.
    SqlCondition toSql(const QDateTime &now) const;

    struct Node;

private:
    QString m_text;
    std::shared_ptr<const Node> m_root;
};

inline constexpr int kMaxQueryLength = 4096;

} // namespace steward::server::groups
