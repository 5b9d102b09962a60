// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiTokenRepository.h"
#include "AuditLog.h"
#include "DeviceRepository.h"
#include "EnrolmentRepository.h"
#include "GroupRepository.h"
#include "JobRepository.h"
#include "OrgUnitRepository.h"
#include "PolicyRepository.h"
#include "SigningRepository.h"
#include "UserRepository.h"

namespace steward::server
{
class Database;

// The repositories over one database, for the parts of the server that use several. Each keeps
// only a reference to the database, so any thread may use them: every call runs on the calling
// thread's own connection.
struct Repositories {
    explicit Repositories(Database &database)
        : users(database)
        , apiTokens(database)
        , enrolment(database)
        , devices(database)
        , audit(database)
        , jobs(database)
        , signing(database)
        , orgUnits(database)
        , groups(database)
        , policies(database)
    {
    }

    UserRepository users;
    ApiTokenRepository apiTokens;
    EnrolmentRepository enrolment;
    DeviceRepository devices;
    AuditLog audit;
    JobRepository jobs;
    SigningRepository signing;
    OrgUnitRepository orgUnits;
    GroupRepository groups;
    PolicyRepository policies;
};

} // namespace steward::server
