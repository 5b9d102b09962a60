// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminApi.h"

namespace steward::server
{

AdminApi::AdminApi(Repositories &store, const Clock &clock, CompliancePolicy policy, Options options, QObject *parent)
    : QObject(parent)
    , m_throttle(options.loginLimits)
    , m_router(store, clock, options.routerLimits)
    , m_context{store, clock, policy, std::move(options), m_throttle, m_router, *this}
{
    routes::addSessionRoutes(m_context);
    routes::addDeviceRoutes(m_context);
    routes::addEnrolmentTokenRoutes(m_context);
    routes::addAuditRoutes(m_context);
    routes::addUserRoutes(m_context);
    routes::addApiTokenRoutes(m_context);
    routes::addSigningRoutes(m_context);
    routes::addJobRoutes(m_context);
    routes::addOrgUnitRoutes(m_context);
    routes::addSearchRoutes(m_context);
    routes::addGroupRoutes(m_context);
    routes::addPolicyRoutes(m_context);

    // On a worker, like every database write of the API; reads of jobs expire them first too.
    // Every ten seconds: a rollout's next step waits at most that long after a pilot result.
    m_jobExpiry.setInterval(10 * 1000);
    connect(&m_jobExpiry, &QTimer::timeout, this, [this] {
        m_router.runInBackground([this] {
            advanceJobs();
        });
    });
    m_jobExpiry.start();
}

void AdminApi::advanceJobs()
{
    routes::expireJobs(m_context);
    routes::releaseJobs(m_context);
}

AdminApi::~AdminApi()
{
    // Handlers use m_context, which goes before the router does.
    m_jobExpiry.stop();
    m_router.waitForHandlers();
}

Status AdminApi::listen(const QHostAddress &address,
                        quint16 port,
                        const tls::Identity &identity,
                        const QSslCertificate &ca)
{
    return m_router.listen(address, port, identity, ca);
}

} // namespace steward::server
