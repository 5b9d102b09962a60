// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "TlsConfig.h"
#include "auth/LoginThrottle.h"
#include "compliance/CompliancePolicy.h"
#include "store/Repositories.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

namespace steward
{
class Clock;
}

namespace steward::server
{

// The admin REST API (docs/protocol.md, "Admin API"): HTTPS + JSON, bearer sessions, roles
// enforced here on every route, an audit row for every call that changes something.
class AdminApi : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString caFingerprint;
        int sessionHours = 8;
        int maxTokenUses = 10000;
        qint64 maxTokenTtlSeconds = 90LL * 24 * 3600;
        LoginThrottle::Limits loginLimits;
    };

    AdminApi(Repositories &store, const Clock &clock, CompliancePolicy policy, Options options, QObject *parent = nullptr);

    Status listen(const QHostAddress &address, quint16 port, const tls::Identity &identity, const QSslCertificate &ca);
    quint16 port() const
    {
        return m_port;
    }

Q_SIGNALS:
    // An admin revoked the device: its live agent sessions must end now, not at reconnect.
    void deviceRevoked(const QString &deviceId);

private:
    struct Caller {
        User user;
        QString source;
    };
    void setupRoutes();
    // The caller, or the response to give instead: 401 without a live session, 503 when the
    // database cannot say.
    Result<Caller> authenticate(const QHttpServerRequest &request);
    QHttpServerResponse refusal(const Error &error);
    QHttpServerResponse login(const QHttpServerRequest &request);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse listDevices(const QHttpServerRequest &request);
    QHttpServerResponse showDevice(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse revokeDevice(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse createEnrollmentToken(const QHttpServerRequest &request);
    QHttpServerResponse listAudit(const QHttpServerRequest &request);

    void audit(const QString &actor, const QString &action, const QString &target, const QString &outcome, const QString &source,
               const QString &detail = {});

    Repositories &m_store;
    const Clock &m_clock;
    CompliancePolicy m_policy;
    Options m_options;
    QHttpServer m_http;
    LoginThrottle m_throttle;
    quint16 m_port = 0;
};

} // namespace steward::server
