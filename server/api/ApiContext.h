// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiRouter.h"
#include "auth/LoginThrottle.h"
#include "compliance/CompliancePolicy.h"

#include <QJsonValue>

namespace steward
{
class Clock;
}

namespace steward::server
{
class AdminApi;
struct Repositories;

struct ApiOptions {
    QString caFingerprint;
    int sessionHours = 8;
    int maxEnrolmentTokenUses = 10000;
    qint64 maxEnrolmentTokenTtlSeconds = 90LL * 24 * 3600;
    qint64 defaultApiTokenTtlSeconds = 90LL * 24 * 3600;
    qint64 maxApiTokenTtlSeconds = 366LL * 24 * 3600;
    LoginThrottle::Limits loginLimits;
    ApiRouter::Limits routerLimits;
};

// What route handlers share. Handlers run on worker threads: everything here is either
// immutable or thread-safe (repositories open a connection per thread; the throttle locks).
struct ApiContext {
    Repositories &store;
    const Clock &clock;
    const CompliancePolicy policy;
    const ApiOptions options;
    LoginThrottle &throttle;
    ApiRouter &router;
    AdminApi &api; // its signals tell the rest of the server what changed
};

// Each file under routes/ adds the routes of one resource (docs/openapi.yaml).
namespace routes
{
void addSessionRoutes(ApiContext &context);
void addDeviceRoutes(ApiContext &context);
void addEnrolmentTokenRoutes(ApiContext &context);
void addAuditRoutes(ApiContext &context);
void addUserRoutes(ApiContext &context);
void addApiTokenRoutes(ApiContext &context);
void addSigningRoutes(ApiContext &context);
void addJobRoutes(ApiContext &context);
// Org units, and moving devices between them.
void addOrgUnitRoutes(ApiContext &context);
// The help-desk lookup.
void addSearchRoutes(ApiContext &context);
void addGroupRoutes(ApiContext &context);
// Compliance policies per org unit.
void addPolicyRoutes(ApiContext &context);
// Expires the deployments whose time has come (JobRoutes.cpp); AdminApi runs it every minute on
// a worker, and job reads run it first.
void expireJobs(ApiContext &context);
// Releases the device jobs that rollouts let go now (pilot first, concurrency, rate) and pauses
// deployments above their failure ratio (JobRoutes.cpp, jobs/Rollout.h); AdminApi runs it every
// few seconds on a worker.
void releaseJobs(ApiContext &context);
}

// Text from a client, made safe for one log line or audit detail: control characters replaced,
// bounded in length.
QString logSafe(const QString &text, int maxLength = 64);
// ISO 8601 UTC, or empty for an invalid time.
QString isoTime(const QDateTime &time);
// ISO 8601 UTC, or JSON null for an invalid time.
QJsonValue isoTimeOrNull(const QDateTime &time);

} // namespace steward::server
