// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Role.h"

#include <QList>
#include <QString>

namespace steward::server
{

// What a caller may do. Roles map to permissions in one table (Permissions.cpp), so that
// directory groups and roles scoped to org units can later map onto the same names.
enum class Permission {
    DevicesRead,
    DevicesRevoke,
    DevicesRetire, // take out of service: revoked, history kept
    DevicesDelete, // a revoked device, for good
    DevicesMove, // from one org unit to another
    OrgUnitsManage, // create and delete org units
    GroupsManage, // create and delete device groups, change static groups' members
    PoliciesManage, // set org units' compliance rules
    EnrolmentTokensCreate,
    AuditRead,
    UsersRead,
    UsersManage,
    ApiTokensManage, // everyone's tokens; one's own need only OwnAccount
    OwnAccount, // change one's own password, create and revoke one's own API tokens
    JobsRead, // deployments, device jobs and the operator list
    JobsCreate, // upload a job an operator signed
    JobsCancel,
    SigningManage, // upload a root-signed operator list
};

QString permissionName(Permission permission);
QList<Permission> permissionsOf(Role role);
bool hasPermission(Role role, Permission permission);
// True when `role` may do nothing that `limit` may not: a caller can hand out no more than it has.
bool isWithin(Role role, Role limit);

} // namespace steward::server
