// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace steward::app::test
{

// A loopback HTTPS server speaking the admin API from docs/protocol.md with
// canned answers; records what clients send. Two people exist: `admin` (role
// admin) and `helper` (role helpdesk); one API token (admin's) until revoked.
class FakeAdminServer : public QObject
{
    Q_OBJECT

public:
    static constexpr auto user = "admin";
    static constexpr auto password = "secret";
    static constexpr auto sessionToken = "session-token-for-tests";
    static constexpr auto knownDeviceId = "d-0001";
    static constexpr auto revokedDeviceId = "d-0002"; // the one device DELETE removes
    static constexpr auto largeDeviceId = "d-big"; // largeSoftwareCount packages
    static constexpr auto unreadableDeviceId = "d-odd"; // sections of unexpected types
    static constexpr auto unreportedDeviceId = "d-0003"; // enrolled, never reported
    static constexpr int largeSoftwareCount = 10000;
    static constexpr auto helpdeskUser = "helper";
    static constexpr auto helpdeskPassword = "helper-secret";
    static constexpr auto helpdeskSessionToken = "helpdesk-session-token-for-tests";
    static constexpr auto apiToken = "api-token-for-tests";
    static constexpr auto apiTokenId = "t-0001";
    static constexpr auto createdApiToken = "new-api-token-secret";

    explicit FakeAdminServer(QObject *parent = nullptr);

    // Listens on 127.0.0.1 on a free port; false when that failed.
    bool start(const QSslConfiguration &tls);
    quint16 port() const;
    QUrl url(const QString &host = QStringLiteral("127.0.0.1")) const;

    // Forget every session, as a server restart or expiry would.
    void dropSessions();
    // Every request is answered 503 server.unavailable with Retry-After: 5, as when the
    // database is down.
    void setUnavailable(bool unavailable);
    // audit/verify reports a chain broken at row 42.
    void setAuditBroken(bool broken);
    // GET /api/v1/devices/{id} answers 404 device.unknown from now on, as after someone else
    // deleted the device.
    void deleteDevice(const QString &id);

    static QJsonArray sampleDevices();
    // The org units of sampleDevices(), counted as the server counts them.
    static QJsonArray sampleOrgUnits();
    static QJsonObject sampleDetail();
    // GET /api/v1/devices/{id}'s answer for each device above; empty for an unknown id.
    static QJsonObject detail(const QString &id);
    // sampleDetail() with largeSoftwareCount packages "pkg-00000"… (every tenth published by
    // "Contoso Ltd", the rest by "Fabrikam").
    static QJsonObject largeDetail();
    // Readable os (but not its users), hardware (but not its disks), compliance; every other
    // section of a type no agent sends.
    static QJsonObject unreadableDetail();
    // Every section null, software [] as the server sends it.
    static QJsonObject unreportedDetail();
    // The audit log GET /api/v1/audit pages through, newest first: rows auditRows down to 1, ten
    // minutes apart from 2024-05-01T00:00Z; actors, actions and outcomes in turn (every 7th
    // refused). The route filters by actor, action (a prefix ending in '*' too), target, outcome, from, to
    // and before (an id), as the server does.
    static constexpr int auditRows = 250;
    static QJsonArray sampleAudit();

    // Signed jobs. The fake takes any operator list whose root signed it (the first one registers
    // its root, later ones need that root and a higher version) and any job envelope that decodes,
    // and keeps them; one job, sampleJobId, is there from the start.
    static constexpr auto sampleJobId = "7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e";
    // GET /api/v1/jobs/{sampleJobId}: d-0001 succeeded (two packages upgraded, exit 0, a receipt),
    // d-0002 failed (one of two packages, exit 100, output), d-0003 still queued.
    static QJsonObject sampleJob();
    // The SHA-256 of a device entry's itemsCbor: what its device's receipt signs as itemsDigest.
    static QByteArray itemsDigest(const QJsonObject &device);
    // GET /api/v1/signing/operators's answer; empty before the first upload.
    QJsonObject operatorList() const;
    // GET /api/v1/jobs/{id}'s answer; empty for an unknown job.
    QJsonObject job(const QString &id) const;
    // Every device of the job to `state`, as their agents would report.
    void setJobDeviceStates(const QString &jobId, const QString &state);
    // Merges `fields` into one device of the job (state, exitCode, receipt, certificate, ...).
    void updateJobDevice(const QString &jobId, const QString &deviceId, const QJsonObject &fields);
    // Adds `detail` (GET /api/v1/jobs/{id}'s answer, counts are recomputed) as the newest job.
    // GET /api/v1/devices/{id}/jobs lists every job's entry for the device, newest job first.
    void addJob(const QJsonObject &detail);

    QStringList requests; // "POST /api/v1/login"
    QList<QByteArray> authorizationHeaders; // as received, for authenticated paths
    QList<QByteArray> bodies; // every request's body, in order
    QList<QUrlQuery> auditQueries; // every GET /api/v1/audit's query, in order

private:
    // The caller's role ("admin", "helpdesk"), or empty when not authorized.
    QString authorizedRole(const QHttpServerRequest &request);
    bool authorized(const QHttpServerRequest &request);
    // 401 or 403 unless the caller is an admin.
    std::optional<QHttpServerResponse> refuseUnlessAdmin(const QHttpServerRequest &request);
    void record(const QHttpServerRequest &request);
    void addPeopleRoutes();
    void addJobRoutes();

    QHttpServer m_server;
    quint16 m_port = 0;
    QHash<QByteArray, QString> m_sessions; // bearer token -> role
    bool m_apiTokenRevoked = false;
    bool m_unavailable = false;
    bool m_auditBroken = false;
    QSet<QString> m_deleted;
    QList<QJsonObject> m_users;
    QJsonObject m_operatorList; // the GET answer, empty: none yet
    QMap<QString, QJsonObject> m_jobs; // id -> detail
    QStringList m_jobOrder; // newest first
};

} // namespace steward::app::test
