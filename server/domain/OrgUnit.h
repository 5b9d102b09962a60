// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OrgUnitPath.h"

#include <QDateTime>
#include <QString>

namespace steward::server
{

// One unit of the organisation's tree: a ministry, a department, a site. Every device belongs to
// exactly one; the root, path "/", is the site itself.
struct OrgUnit {
    qint64 id = 0;
    qint64 parentId = 0; // 0 for the root
    QString name; // empty for the root
    QString path; // "Ministry of Health/Maseru District"; "/" for the root
    QDateTime createdAt;
};

} // namespace steward::server
