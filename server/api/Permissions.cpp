// SPDX-License-Identifier: GPL-3.0-or-later
#include "Permissions.h"

#include <QHash>

namespace steward::server
{

namespace
{
struct Grant {
    Permission permission;
    const char *name;
    bool admin;
    bool helpdesk;
};

// The one table of who may do what.
constexpr Grant kGrants[] = {
    {Permission::DevicesRead, "devices.read", true, true},
    {Permission::DevicesRevoke, "devices.revoke", true, false},
    {Permission::DevicesRetire, "devices.retire", true, false},
    {Permission::DevicesDelete, "devices.delete", true, false},
    {Permission::DevicesMove, "devices.move", true, false},
    {Permission::OrgUnitsManage, "org-units.manage", true, false},
    {Permission::GroupsManage, "groups.manage", true, false},
    {Permission::PoliciesManage, "policies.manage", true, false},
    {Permission::EnrolmentTokensCreate, "enrollment-tokens.create", true, false},
    {Permission::AuditRead, "audit.read", true, false},
    {Permission::UsersRead, "users.read", true, false},
    {Permission::UsersManage, "users.manage", true, false},
    {Permission::ApiTokensManage, "api-tokens.manage", true, false},
    {Permission::OwnAccount, "account.manage", true, true},
    {Permission::JobsRead, "jobs.read", true, true},
    {Permission::JobsCreate, "jobs.create", true, false},
    {Permission::JobsCancel, "jobs.cancel", true, false},
    {Permission::SigningManage, "signing.manage", true, false},
};
}

QString permissionName(Permission permission)
{
    for (const Grant &grant : kGrants) {
        if (grant.permission == permission) {
            return QString::fromLatin1(grant.name);
        }
    }
    return QString();
}

bool hasPermission(Role role, Permission permission)
{
    for (const Grant &grant : kGrants) {
        if (grant.permission == permission) {
            return role == Role::Admin ? grant.admin : grant.helpdesk;
        }
    }
    return false;
}

QList<Permission> permissionsOf(Role role)
{
    QList<Permission> permissions;
    for (const Grant &grant : kGrants) {
        if (hasPermission(role, grant.permission)) {
            permissions.append(grant.permission);
        }
    }
    return permissions;
}

bool isWithin(Role role, Role limit)
{
    for (const Permission permission : permissionsOf(role)) {
        if (!hasPermission(limit, permission)) {
            return false;
        }
    }
    return true;
}

} // namespace steward::server
