// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QUrlQuery;

namespace steward::app
{

// Which audit rows GET /api/v1/audit returns; empty fields do not filter. `action` is exact or,
// ending in '*', a prefix ("device.*"); `from` and `to` are inclusive; `before` is an audit id
// (0: none), so the next page of a listing is `before` = the last row's id.
struct AuditQuery {
    QString actor, action, target, outcome;
    QDateTime from, to;
    qint64 before = 0;
    int limit = 100;
};

// Client of the server's admin REST API (docs/protocol.md, "Admin API").
//
// The connection trusts exactly one CA: the site CA from ca.pem. The system
// trust store is never consulted, so a certificate from any other CA (public
// or not) is refused; hostname verification stays on. Every call is
// asynchronous and reports through a callback that receives the decoded JSON
// body (null for 204) or an Error whose message is fit to show to a person.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<QJsonValue> &)>;

    static constexpr quint16 defaultPort = 8731;
    static constexpr qint64 maxResponseBytes = 64 * 1024 * 1024;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // Accepts "host", "host:port" or an https URL; no port means 8731.
    static Result<QUrl> parseServerUrl(const QString &text);

    // Sets the server and loads the only CA trusted for it. Fails on a
    // non-https URL or a CA file without a readable PEM certificate. Drops
    // any session held for a previous server.
    Status configure(const QUrl &baseUrl, const QString &caFile);

    QUrl baseUrl() const;
    QString caFile() const;
    bool isConfigured() const;

    // Per-request inactivity timeout (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const;

    // Authenticates every call with an API token (POST /api/v1/api-tokens) instead of a
    // login session: no login, and logout() only forgets the token locally, since a token is
    // revoked, not logged out. The token is never logged.
    void useApiToken(const QString &token);
    bool usesApiToken() const;

    bool isLoggedIn() const;
    // Drops the session locally, without asking the server (it has expired there already).
    void forgetSession();
    QString user() const;
    QString role() const;
    QDateTime sessionExpiresAt() const;

    // Every call takes a context object: when it is destroyed before the
    // reply arrives, the callback is not invoked (the request is aborted).
    void login(const QString &user, const QString &password, QObject *context, Callback done);
    void logout(QObject *context, Callback done);
    void devices(QObject *context, Callback done);
    void device(const QString &id, QObject *context, Callback done);
    // Devices enrolled with the token land in the org unit `orgUnit` (a path; empty: the root).
    void createEnrollmentToken(int uses, qint64 ttlSeconds, const QString &orgUnit, QObject *context, Callback done);
    void revokeDevice(const QString &id, QObject *context, Callback done);
    // Takes a device out of service: revoked, its history kept (POST /api/v1/devices/{id}/retire).
    void retireDevice(const QString &id, const QString &reason, QObject *context, Callback done);
    // Only a revoked device can be deleted (else device.not-revoked); the answer is null (204).
    void deleteDevice(const QString &id, QObject *context, Callback done);
    // Org units: the tree with each unit's device and compliance counts, creating and deleting
    // units (by id), and moving a device to another unit (by path).
    // The help-desk lookup: devices found by name, address, serial or user (GET /api/v1/search).
    void searchDevices(const QString &text, int limit, QObject *context, Callback done);
    void orgUnits(QObject *context, Callback done);
    void createOrgUnit(const QString &path, QObject *context, Callback done);
    void deleteOrgUnit(qint64 id, QObject *context, Callback done);
    void moveDevice(const QString &id, const QString &orgUnit, QObject *context, Callback done);
    // Device groups (docs/groups.md): static ones list their devices, query groups select them
    // by a query the server evaluates; queryDevices evaluates a query without keeping it.
    void groups(QObject *context, Callback done);
    void group(const QString &name, QObject *context, Callback done);
    void createGroup(const QString &name,
                     const QString &query,
                     const QString &description,
                     QObject *context,
                     Callback done);
    void deleteGroup(const QString &name, QObject *context, Callback done);
    void changeGroupMembers(const QString &name,
                            const QStringList &add,
                            const QStringList &remove,
                            QObject *context,
                            Callback done);
    void queryDevices(const QString &query, QObject *context, Callback done);
    // An org unit's compliance policy, each rule with where its value comes from; and changes
    // to the rules a unit sets (unset: follow the unit above again).
    void policy(const QString &orgUnit, QObject *context, Callback done);
    void changePolicy(const QString &orgUnit,
                      const QJsonObject &set,
                      const QStringList &unset,
                      QObject *context,
                      Callback done);
    void audit(const AuditQuery &query, QObject *context, Callback done);
    void audit(int limit, QObject *context, Callback done);
    void verifyAudit(QObject *context, Callback done);

    // People: admin-only on the server except changeOwnPassword.
    void users(QObject *context, Callback done);
    void createUser(const QString &name, const QString &role, const QString &password, QObject *context, Callback done);
    void setUserDisabled(const QString &name, bool disabled, QObject *context, Callback done);
    void resetUserPassword(const QString &name, const QString &password, QObject *context, Callback done);
    void changeOwnPassword(const QString &currentPassword, const QString &newPassword, QObject *context, Callback done);

    // API tokens. ttlSeconds <= 0 and an empty role leave the server's defaults (its own
    // role, 90 days).
    void createApiToken(const QString &name, qint64 ttlSeconds, const QString &role, QObject *context, Callback done);
    void apiTokens(QObject *context, Callback done);
    void revokeApiToken(const QString &id, QObject *context, Callback done);

    // Signed jobs (docs/jobs.md). Signed documents travel as {document, signature} in base64;
    // the operator list is signed by the root key and jobs by an operator key, both offline
    // (stewardctl signing, stewardctl job create): the server only stores and forwards them.
    void operatorList(QObject *context, Callback done);
    void uploadOperatorList(const QByteArray &document, const QByteArray &signature, QObject *context, Callback done);
    // `rollout`: the server's release schedule (docs/jobs.md, "Rollout"); empty for none.
    void createJob(const QByteArray &document,
                   const QByteArray &signature,
                   const QStringList &targets,
                   const QJsonObject &rollout,
                   QObject *context,
                   Callback done);
    void jobs(QObject *context, Callback done);
    void job(const QString &id, QObject *context, Callback done);
    void cancelJob(const QString &id, QObject *context, Callback done);
    // Hold back and let go a rollout's further releases.
    void pauseJob(const QString &id, QObject *context, Callback done);
    void resumeJob(const QString &id, QObject *context, Callback done);
    // GET /api/v1/devices/{id}/jobs: the device's jobs, newest first (device.unknown when gone).
    void deviceJobs(const QString &deviceId, QObject *context, Callback done);

Q_SIGNALS:
    void loggedIn(const QString &user, const QString &role);
    void loggedOut();
    // The server rejected our session token (expired or revoked server-side).
    void sessionRejected();

private:
    enum class Method { Get, Post, Put, Delete };
    struct Call;
    void send(Method method,
              const QString &path,
              const QUrlQuery &query,
              const QJsonValue &body,
              bool authenticated,
              QObject *context,
              Callback done);
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    Result<QJsonValue> decode(QNetworkReply *reply, const Call &call);
    Error transportError(QNetworkReply *reply, const Call &call) const;
    void clearSession();

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
    QString m_caFile;
    QList<QSslCertificate> m_caCertificates;
    std::chrono::milliseconds m_timeout{30000};
    QByteArray m_token;
    bool m_apiToken = false;
    QString m_user;
    QString m_role;
    QDateTime m_expiresAt;
};

} // namespace steward::app
