// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiContext.h"
#include "ApiRouter.h"
#include "Result.h"
#include "TlsConfig.h"
#include "auth/LoginThrottle.h"
#include "compliance/CompliancePolicy.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

namespace steward
{
class Clock;
}

namespace steward::server
{
struct Repositories;

// The admin REST API (docs/openapi.yaml): HTTPS + JSON, login sessions and personal API
// tokens, permissions checked by the router on every route. The routes of each resource live
// in one file under routes/ and are all added here, in one place.
class AdminApi : public QObject
{
    Q_OBJECT
public:
    using Options = ApiOptions;

    AdminApi(Repositories &store,
             const Clock &clock,
             CompliancePolicy policy,
             Options options,
             QObject *parent = nullptr);
    ~AdminApi() override;

    Status listen(const QHostAddress &address, quint16 port, const tls::Identity &identity, const QSslCertificate &ca);
    quint16 port() const
    {
        return m_router.port();
    }
    // Expires what is due and takes each rollout's next step; the timer runs it every ten seconds
    // on a worker, tests call it directly.
    void advanceJobs();

Q_SIGNALS:
    // An admin revoked the device: its live agent sessions must end now, not at reconnect.
    // Emitted on a worker thread; connections to the gateway are queued.
    void deviceRevoked(const QString &deviceId);
    // Jobs were released to these devices (a new deployment, or a rollout step): connected
    // agents get them now. Emitted on a worker thread.
    void jobsReleased(const QStringList &deviceIds);
    // A deployment was cancelled: connected agents among its devices are told at once.
    void jobCancelled(const QString &jobId, const QStringList &deviceIds);

private:
    LoginThrottle m_throttle;
    ApiRouter m_router;
    ApiContext m_context;
    QTimer m_jobExpiry; // advanceJobs() every ten seconds
};

} // namespace steward::server
