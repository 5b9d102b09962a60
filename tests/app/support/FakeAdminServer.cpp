// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeAdminServer.h"

#include "jobs/JobStates.h"

#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/OperatorList.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QUrlQuery>

namespace steward::app::test
{

namespace
{
QHttpServerResponse error(QHttpServerResponse::StatusCode status, const char *code, const char *message)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"),
                                            QJsonObject{{QStringLiteral("code"), QLatin1String(code)},
                                                        {QStringLiteral("message"), QLatin1String(message)}}}},
                               status);
}

QHttpServerResponse unauthorized()
{
    return error(QHttpServerResponse::StatusCode::Unauthorized, "auth.required", "missing or invalid session token");
}

QHttpServerResponse forbidden()
{
    return error(QHttpServerResponse::StatusCode::Forbidden,
                 "auth.forbidden",
                 "your role (helpdesk) may not do this (users.manage)");
}

QHttpServerResponse unavailable()
{
    QHttpServerResponse response = error(QHttpServerResponse::StatusCode::ServiceUnavailable,
                                         "server.unavailable",
                                         "the site database is unavailable; try again shortly");
    response.addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
    return response;
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}
} // namespace

FakeAdminServer::FakeAdminServer(QObject *parent)
    : QObject(parent)
{
    using Method = QHttpServerRequest::Method;
    using Status = QHttpServerResponse::StatusCode;

    m_users = {QJsonObject{{QStringLiteral("name"), QLatin1String(user)},
                           {QStringLiteral("role"), QStringLiteral("admin")},
                           {QStringLiteral("disabled"), false},
                           {QStringLiteral("createdAt"), QStringLiteral("2024-01-15T08:00:00Z")},
                           {QStringLiteral("passwordChangedAt"), QJsonValue()}},
               QJsonObject{{QStringLiteral("name"), QLatin1String(helpdeskUser)},
                           {QStringLiteral("role"), QStringLiteral("helpdesk")},
                           {QStringLiteral("disabled"), false},
                           {QStringLiteral("createdAt"), QStringLiteral("2024-02-01T09:30:00Z")},
                           {QStringLiteral("passwordChangedAt"), QStringLiteral("2024-04-01T10:00:00Z")}}};

    m_server.route(QStringLiteral("/api/v1/login"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        if (m_unavailable) {
            return unavailable();
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QString name = body.value(QStringLiteral("user")).toString();
        const QString secret = body.value(QStringLiteral("password")).toString();
        const bool admin = name == QLatin1String(user) && secret == QLatin1String(password);
        const bool helpdesk = name == QLatin1String(helpdeskUser) && secret == QLatin1String(helpdeskPassword);
        if (!admin && !helpdesk) {
            return error(Status::Unauthorized, "auth.invalid", "wrong user name or password");
        }
        const QString role = admin ? QStringLiteral("admin") : QStringLiteral("helpdesk");
        const QByteArray token(admin ? sessionToken : helpdeskSessionToken);
        m_sessions.insert(token, role);
        return QHttpServerResponse(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                                               {QStringLiteral("user"), name},
                                               {QStringLiteral("role"), role},
                                               {QStringLiteral("expiresAt"), QStringLiteral("2030-01-01T00:00:00Z")}});
    });
    m_server.route(QStringLiteral("/api/v1/logout"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
        if (!m_sessions.remove(header.mid(7))) {
            return error(Status::BadRequest, "request.invalid", "an API token is not logged out; revoke it instead");
        }
        return QHttpServerResponse(Status::NoContent);
    });
    m_server.route(QStringLiteral("/api/v1/devices"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        if (m_unavailable) {
            return unavailable();
        }
        return QHttpServerResponse(sampleDevices());
    });
    m_server.route(QStringLiteral("/api/v1/org-units"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        if (m_unavailable) {
            return unavailable();
        }
        return QHttpServerResponse(sampleOrgUnits());
    });
    m_server.route(QStringLiteral("/api/v1/devices/<arg>"),
                   Method::Get,
                   [this](const QString &id, const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       if (m_unavailable) {
                           return unavailable();
                       }
                       const QJsonObject device = detail(id);
                       if (device.isEmpty() || m_deleted.contains(id)) {
                           return error(Status::NotFound, "device.unknown", "no such device");
                       }
                       return QHttpServerResponse(device);
                   });
    m_server.route(QStringLiteral("/api/v1/devices/<arg>"),
                   Method::Delete,
                   [this](const QString &id, const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       if (id == QLatin1String(knownDeviceId)) {
                           return error(Status::Conflict,
                                        "device.not-revoked",
                                        "the device is not revoked; revoke it before deleting it");
                       }
                       if (id != QLatin1String(revokedDeviceId) || m_deleted.contains(id)) {
                           return error(Status::NotFound, "device.unknown", "no such device");
                       }
                       m_deleted.insert(id);
                       return QHttpServerResponse(Status::NoContent);
                   });
    m_server.route(
        QStringLiteral("/api/v1/devices/<arg>/revoke"),
        Method::Post,
        [this](const QString &id, const QHttpServerRequest &request) {
            record(request);
            if (!authorized(request)) {
                return unauthorized();
            }
            return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
        });
    m_server.route(QStringLiteral("/api/v1/enrollment-tokens"),
                   Method::Post,
                   [this](const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
                       const QJsonValue jobRoot = m_operatorList.value(QStringLiteral("rootFingerprint"));
                       return QHttpServerResponse(
                           QJsonObject{{QStringLiteral("token"), QStringLiteral("enroll-abc123")},
                                       {QStringLiteral("caFingerprint"), QStringLiteral("AB:CD:EF:01")},
                                       {QStringLiteral("jobRootFingerprint"),
                                        jobRoot.isString() ? jobRoot : QJsonValue(QJsonValue::Null)},
                                       {QStringLiteral("uses"), body.value(QStringLiteral("uses"))},
                                       {QStringLiteral("expiresAt"), QStringLiteral("2030-01-02T00:00:00Z")}},
                           Status::Created);
                   });
    m_server.route(QStringLiteral("/api/v1/audit"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (m_unavailable) {
            return unavailable();
        }
        if (!authorized(request)) {
            return unauthorized();
        }
        const QUrlQuery query = request.query();
        auditQueries.append(query);
        const auto parameter = [&query](const char *name) {
            return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
        };
        const int limit = query.hasQueryItem(QStringLiteral("limit")) ? parameter("limit").toInt() : 100;
        const qint64 before = parameter("before").toLongLong();
        const QDateTime from = QDateTime::fromString(parameter("from"), Qt::ISODate);
        const QDateTime to = QDateTime::fromString(parameter("to"), Qt::ISODate);
        if (limit < 1 || limit > 10000 || (!parameter("from").isEmpty() && !from.isValid())
            || (!parameter("to").isEmpty() && !to.isValid())) {
            return error(Status::BadRequest, "request.invalid", "limit, from or to is not valid");
        }
        const QString action = parameter("action");
        const auto matches = [&](const QJsonObject &entry) {
            const auto field = [&entry](const char *name) {
                return entry.value(QLatin1String(name)).toString();
            };
            const QDateTime at = QDateTime::fromString(field("at"), Qt::ISODate);
            const bool actionMatches = action.endsWith(QLatin1Char('*'))
                ? field("action").startsWith(action.chopped(1))
                : action.isEmpty() || field("action") == action;
            return actionMatches && (parameter("actor").isEmpty() || field("actor") == parameter("actor"))
                && (parameter("target").isEmpty() || field("target") == parameter("target"))
                && (parameter("outcome").isEmpty() || field("outcome") == parameter("outcome"))
                && (before <= 0 || qint64(entry.value(QStringLiteral("id")).toDouble()) < before)
                && (!from.isValid() || at >= from) && (!to.isValid() || at <= to);
        };
        QJsonArray entries;
        for (const QJsonValue &entry : sampleAudit()) {
            if (entries.size() < limit && matches(entry.toObject())) {
                entries.append(entry);
            }
        }
        return QHttpServerResponse(entries);
    });
    m_server.route(QStringLiteral("/api/v1/audit/verify"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (m_unavailable) {
            return unavailable();
        }
        if (!authorized(request)) {
            return unauthorized();
        }
        if (m_auditBroken) {
            return QHttpServerResponse(
                QJsonObject{{QStringLiteral("intact"), false},
                            {QStringLiteral("rows"), 57},
                            {QStringLiteral("unchainedRows"), 0},
                            {QStringLiteral("firstBrokenId"), 42},
                            {QStringLiteral("problem"), QStringLiteral("row 42 does not match its hash")},
                            {QStringLiteral("headHash"), QStringLiteral("9f2c")}});
        }
        return QHttpServerResponse(QJsonObject{{QStringLiteral("intact"), true},
                                               {QStringLiteral("rows"), 57},
                                               {QStringLiteral("unchainedRows"), 0},
                                               {QStringLiteral("firstBrokenId"), QJsonValue()},
                                               {QStringLiteral("problem"), QJsonValue()},
                                               {QStringLiteral("headHash"), QStringLiteral("5e1d0c7a")}});
    });
    addPeopleRoutes();
    addJobRoutes();
}

void FakeAdminServer::addPeopleRoutes()
{
    using Method = QHttpServerRequest::Method;
    using Status = QHttpServerResponse::StatusCode;

    const auto find = [this](const QString &name) -> qsizetype {
        for (qsizetype i = 0; i < m_users.size(); ++i) {
            if (m_users.at(i).value(QStringLiteral("name")).toString() == name) {
                return i;
            }
        }
        return -1;
    };

    m_server.route(QStringLiteral("/api/v1/users"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        const QString role = authorizedRole(request);
        if (role.isEmpty()) {
            return unauthorized();
        }
        if (role != QLatin1String("admin")) {
            return forbidden();
        }
        QJsonArray users;
        for (const QJsonObject &user : std::as_const(m_users)) {
            users.append(user);
        }
        return QHttpServerResponse(users);
    });
    m_server.route(QStringLiteral("/api/v1/users"), Method::Post, [this, find](const QHttpServerRequest &request) {
        record(request);
        const QString role = authorizedRole(request);
        if (role.isEmpty()) {
            return unauthorized();
        }
        if (role != QLatin1String("admin")) {
            return forbidden();
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QString name = body.value(QStringLiteral("name")).toString();
        if (body.value(QStringLiteral("password")).toString().size() < 12) {
            return error(Status::BadRequest, "password.weak", "a password needs at least 12 characters");
        }
        if (find(name) >= 0) {
            return error(Status::Conflict, "user.exists", "a user with that name already exists");
        }
        const QJsonObject user{{QStringLiteral("name"), name},
                               {QStringLiteral("role"), body.value(QStringLiteral("role"))},
                               {QStringLiteral("disabled"), false},
                               {QStringLiteral("createdAt"), QStringLiteral("2024-05-01T11:00:00Z")},
                               {QStringLiteral("passwordChangedAt"), QJsonValue()}};
        m_users.append(user);
        return QHttpServerResponse(user, Status::Created);
    });
    for (const bool disable : {true, false}) {
        m_server.route(disable ? QStringLiteral("/api/v1/users/<arg>/disable")
                               : QStringLiteral("/api/v1/users/<arg>/enable"),
                       Method::Post,
                       [this, find, disable](const QString &name, const QHttpServerRequest &request) {
                           record(request);
                           const QString role = authorizedRole(request);
                           if (role.isEmpty()) {
                               return unauthorized();
                           }
                           if (role != QLatin1String("admin")) {
                               return forbidden();
                           }
                           const qsizetype index = find(name);
                           if (index < 0) {
                               return error(Status::NotFound, "user.unknown", "no such user");
                           }
                           if (disable && name == QLatin1String(user)) {
                               return error(Status::Conflict, "user.self", "you cannot disable yourself");
                           }
                           m_users[index].insert(QStringLiteral("disabled"), disable);
                           return QHttpServerResponse(m_users.at(index));
                       });
    }
    m_server.route(QStringLiteral("/api/v1/users/<arg>/password"),
                   Method::Post,
                   [this, find](const QString &name, const QHttpServerRequest &request) {
                       record(request);
                       const QString role = authorizedRole(request);
                       if (role.isEmpty()) {
                           return unauthorized();
                       }
                       if (role != QLatin1String("admin")) {
                           return forbidden();
                       }
                       // The body is checked before the user is looked up, as the server does.
                       const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
                       if (body.value(QStringLiteral("password")).toString().size() < 12) {
                           return error(Status::BadRequest, "password.weak", "a password needs at least 12 characters");
                       }
                       if (find(name) < 0) {
                           return error(Status::NotFound, "user.unknown", "no such user");
                       }
                       return QHttpServerResponse(Status::NoContent);
                   });
    m_server.route(QStringLiteral("/api/v1/account/password"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const bool admin =
            m_sessions.value(request.value(QByteArrayLiteral("Authorization")).mid(7)) == QLatin1String("admin");
        const QString current = body.value(QStringLiteral("currentPassword")).toString();
        if (current != QLatin1String(admin ? password : helpdeskPassword)) {
            return error(Status::Forbidden, "auth.invalid", "the current password is wrong");
        }
        return QHttpServerResponse(Status::NoContent);
    });
    m_server.route(QStringLiteral("/api/v1/api-tokens"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        const QString role = authorizedRole(request);
        if (role.isEmpty()) {
            return unauthorized();
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const qint64 ttl = qint64(body.value(QStringLiteral("ttlSeconds")).toDouble(90.0 * 24 * 3600));
        const QDateTime created(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("id"), QStringLiteral("t-0002")},
                        {QStringLiteral("user"), QLatin1String(user)},
                        {QStringLiteral("name"), body.value(QStringLiteral("name"))},
                        {QStringLiteral("role"), body.value(QStringLiteral("role")).toString(role)},
                        {QStringLiteral("createdAt"), created.toString(Qt::ISODate)},
                        {QStringLiteral("expiresAt"), created.addSecs(ttl).toString(Qt::ISODate)},
                        {QStringLiteral("lastUsedAt"), QJsonValue()},
                        {QStringLiteral("revokedAt"), QJsonValue()},
                        {QStringLiteral("token"), QLatin1String(createdApiToken)}},
            Status::Created);
    });
    m_server.route(QStringLiteral("/api/v1/api-tokens"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        return QHttpServerResponse(QJsonArray{
            QJsonObject{{QStringLiteral("id"), QLatin1String(apiTokenId)},
                        {QStringLiteral("user"), QLatin1String(user)},
                        {QStringLiteral("name"), QStringLiteral("nightly inventory export")},
                        {QStringLiteral("role"), QStringLiteral("admin")},
                        {QStringLiteral("createdAt"), QStringLiteral("2024-04-01T00:00:00Z")},
                        {QStringLiteral("expiresAt"), QStringLiteral("2024-06-30T00:00:00Z")},
                        {QStringLiteral("lastUsedAt"), QStringLiteral("2024-05-01T11:00:00Z")},
                        {QStringLiteral("revokedAt"),
                         m_apiTokenRevoked ? QJsonValue(QStringLiteral("2024-05-01T11:30:00Z")) : QJsonValue()}},
            QJsonObject{{QStringLiteral("id"), QStringLiteral("t-0000")},
                        {QStringLiteral("user"), QLatin1String(helpdeskUser)},
                        {QStringLiteral("name"), QStringLiteral("old script")},
                        {QStringLiteral("role"), QStringLiteral("helpdesk")},
                        {QStringLiteral("createdAt"), QStringLiteral("2024-01-01T00:00:00Z")},
                        {QStringLiteral("expiresAt"), QStringLiteral("2024-03-31T00:00:00Z")},
                        {QStringLiteral("lastUsedAt"), QJsonValue()},
                        {QStringLiteral("revokedAt"), QJsonValue()}}});
    });
    m_server.route(
        QStringLiteral("/api/v1/api-tokens/<arg>/revoke"),
        Method::Post,
        [this](const QString &id, const QHttpServerRequest &request) {
            record(request);
            if (!authorized(request)) {
                return unauthorized();
            }
            if (id != QLatin1String(apiTokenId)) {
                return error(Status::NotFound, "api-token.unknown", "no such API token");
            }
            m_apiTokenRevoked = true;
            return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
        });
}

namespace
{
QByteArray fromBase64(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

bool isFinal(const QString &state)
{
    return steward::jobs::isFinalDeviceJobState(state);
}

// A job's detail with its counts and state recomputed from its devices, as the server keeps them.
QJsonObject withCounts(QJsonObject job)
{
    QJsonObject counts;
    bool allFinal = true;
    for (const QJsonValue &device : job.value(QStringLiteral("devices")).toArray()) {
        const QString state = device.toObject().value(QStringLiteral("state")).toString();
        counts.insert(state, counts.value(state).toInt() + 1);
        allFinal = allFinal && isFinal(state);
    }
    job.insert(QStringLiteral("counts"), counts);
    if (allFinal && job.value(QStringLiteral("state")).toString() == QLatin1String("active")) {
        job.insert(QStringLiteral("state"), QStringLiteral("completed"));
    }
    return job;
}

// Each device's items also as the device sent them (itemsCbor), as the server keeps them.
QJsonObject withItemsCbor(QJsonObject job)
{
    QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    for (qsizetype i = 0; i < devices.size(); ++i) {
        QJsonObject device = devices.at(i).toObject();
        const QJsonValue items = device.value(QStringLiteral("items"));
        device.insert(QStringLiteral("itemsCbor"),
                      items.isArray() ? QJsonValue(QString::fromLatin1(
                          QCborValue(QCborArray::fromJsonArray(items.toArray())).toCbor().toBase64()))
                                      : QJsonValue());
        devices.replace(i, device);
    }
    job.insert(QStringLiteral("devices"), devices);
    return job;
}

// The job as listed: without its envelope and devices.
QJsonObject listed(QJsonObject job)
{
    job.remove(QStringLiteral("job"));
    job.remove(QStringLiteral("devices"));
    return job;
}

QString isoOrNull(const QDateTime &time)
{
    return time.toSecsSinceEpoch() > 0 ? time.toUTC().toString(Qt::ISODate) : QString();
}
} // namespace

QByteArray FakeAdminServer::itemsDigest(const QJsonObject &device)
{
    return QCryptographicHash::hash(
        QByteArray::fromBase64(device.value(QStringLiteral("itemsCbor")).toString().toLatin1()),
        QCryptographicHash::Sha256);
}

QJsonObject FakeAdminServer::sampleJob()
{
    return withItemsCbor(withCounts(parse(R"json({
        "id": "7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e", "kind": "patch", "state": "active",
        "createdAt": "2024-05-01T10:00:00Z", "createdBy": "admin",
        "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
        "notBefore": "2024-05-01T10:00:00Z", "deadline": null, "expiresAt": "2024-05-08T10:00:00Z",
        "cancelledBy": null, "cancelledAt": null,
        "summary": {"select": "security", "packages": [], "reboot": "if-required", "maxRuntimeSeconds": 3600},
        "job": {"document": "oA==", "signature": "AA=="},
        "devices": [
            {"id": "d-0001", "hostname": "pc-finance-01", "state": "succeeded", "reason": null, "exitCode": 0,
             "agentOutcome": "ok",
             "items": [{"name": "openssl", "before": "3.0.11-1", "after": "3.0.13-1", "result": "upgraded"},
                       {"name": "libssl3", "before": "3.0.11-1", "after": "3.0.13-1", "result": "upgraded"}],
             "output": {"head": "Reading package lists...", "tail": "Setting up openssl (3.0.13-1) ...",
                        "totalBytes": 2048, "sha256": "00"},
             "receipt": "oA==", "receiptSignature": "AA==",
             "deliveredAt": "2024-05-01T10:00:05Z", "startedAt": "2024-05-01T10:00:06Z",
             "finishedAt": "2024-05-01T10:02:00Z", "updatedAt": "2024-05-01T10:02:00Z"},
            {"id": "d-0002", "hostname": "srv-mail", "state": "failed", "reason": "dpkg-error", "exitCode": 100,
             "agentOutcome": "failed",
             "items": [{"name": "openssl", "before": "3.0.11-1", "after": "3.0.13-1", "result": "upgraded"},
                       {"name": "exim4", "before": "4.96-15", "after": "4.96-15", "result": "failed"}],
             "output": {"head": "Reading package lists...",
                        "tail": "Setting up exim4 ...\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n",
                        "totalBytes": 4321, "sha256": "00"},
             "receipt": null, "receiptSignature": null,
             "deliveredAt": "2024-05-01T10:00:05Z", "startedAt": "2024-05-01T10:00:07Z",
             "finishedAt": "2024-05-01T10:03:00Z", "updatedAt": "2024-05-01T10:03:00Z"},
            {"id": "d-0003", "hostname": "laptop-dg", "state": "queued", "reason": null, "exitCode": null,
             "agentOutcome": null, "items": null, "output": null, "receipt": null, "receiptSignature": null,
             "deliveredAt": null, "startedAt": null, "finishedAt": null, "updatedAt": "2024-05-01T10:00:00Z"}]
    })json")));
}

QJsonObject FakeAdminServer::operatorList() const
{
    return m_operatorList;
}

QJsonObject FakeAdminServer::job(const QString &id) const
{
    return m_jobs.value(id);
}

void FakeAdminServer::setJobDeviceStates(const QString &jobId, const QString &state)
{
    QJsonArray devices = m_jobs.value(jobId).value(QStringLiteral("devices")).toArray();
    for (qsizetype i = 0; i < devices.size(); ++i) {
        updateJobDevice(jobId,
                        devices.at(i).toObject().value(QStringLiteral("id")).toString(),
                        QJsonObject{{QStringLiteral("state"), state}});
    }
}

void FakeAdminServer::updateJobDevice(const QString &jobId, const QString &deviceId, const QJsonObject &fields)
{
    if (!m_jobs.contains(jobId)) {
        return;
    }
    QJsonObject job = m_jobs.value(jobId);
    QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    for (qsizetype i = 0; i < devices.size(); ++i) {
        QJsonObject device = devices.at(i).toObject();
        if (device.value(QStringLiteral("id")).toString() == deviceId) {
            for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
                device.insert(it.key(), it.value());
            }
            devices.replace(i, device);
        }
    }
    job.insert(QStringLiteral("devices"), devices);
    m_jobs.insert(jobId, withCounts(job));
}

void FakeAdminServer::addJob(const QJsonObject &detail)
{
    const QString id = detail.value(QStringLiteral("id")).toString();
    m_jobs.insert(id, withCounts(detail));
    m_jobOrder.removeAll(id);
    m_jobOrder.prepend(id);
}

void FakeAdminServer::addJobRoutes()
{
    using Method = QHttpServerRequest::Method;
    using Status = QHttpServerResponse::StatusCode;

    m_jobs.insert(QLatin1String(sampleJobId), sampleJob());
    m_jobOrder.append(QLatin1String(sampleJobId));

    m_server.route(QStringLiteral("/api/v1/signing/operators"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        if (m_operatorList.isEmpty()) {
            return error(Status::NotFound, "signing.none", "no operator list has been uploaded to this site yet");
        }
        return QHttpServerResponse(m_operatorList);
    });
    m_server.route(QStringLiteral("/api/v1/signing/operators"), Method::Put, [this](const QHttpServerRequest &request) {
        record(request);
        if (std::optional<QHttpServerResponse> refused = refuseUnlessAdmin(request)) {
            return std::move(*refused);
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const jobs::SignedDocument document{fromBase64(body.value(QStringLiteral("document"))),
                                            fromBase64(body.value(QStringLiteral("signature")))};
        const Result<jobs::OperatorList> decoded = jobs::OperatorList::decode(document.bytes);
        if (!decoded) {
            return error(Status::BadRequest, "signing.malformed", "the document is not an operator list");
        }
        const QString root = m_operatorList.isEmpty()
            ? jobs::fingerprint(decoded.value().rootPublicKey)
            : m_operatorList.value(QStringLiteral("rootFingerprint")).toString();
        const Result<jobs::OperatorList> verified = jobs::verifyOperatorList(document, root, decoded.value().issuedAt);
        if (!verified) {
            return verified.error().code == QLatin1String("operators.root-mismatch")
                ? error(Status::Conflict, "signing.root-mismatch", "the list is not signed by this site's root key")
                : error(Status::BadRequest, "signing.signature", "the root's signature over the list does not verify");
        }
        const jobs::OperatorList &list = verified.value();
        if (!m_operatorList.isEmpty() && list.version <= m_operatorList.value(QStringLiteral("version")).toInt()) {
            return error(Status::Conflict, "signing.rollback", "the list is not newer than the current one");
        }
        QJsonArray operators;
        for (const jobs::OperatorEntry &entry : list.operators) {
            operators.append(QJsonObject{{QStringLiteral("name"), entry.name},
                                         {QStringLiteral("fingerprint"), jobs::fingerprint(entry.publicKey)},
                                         {QStringLiteral("kinds"), QJsonArray::fromStringList(entry.kinds)},
                                         {QStringLiteral("notAfter"), entry.notAfter.toString(Qt::ISODate)}});
        }
        m_operatorList = QJsonObject{{QStringLiteral("version"), list.version},
                                     {QStringLiteral("rootFingerprint"), root},
                                     {QStringLiteral("issuedAt"), list.issuedAt.toString(Qt::ISODate)},
                                     {QStringLiteral("expiresAt"), list.expiresAt.toString(Qt::ISODate)},
                                     {QStringLiteral("uploadedBy"), QLatin1String(user)},
                                     {QStringLiteral("uploadedAt"), QStringLiteral("2024-05-01T12:00:00Z")},
                                     {QStringLiteral("document"), body.value(QStringLiteral("document"))},
                                     {QStringLiteral("signature"), body.value(QStringLiteral("signature"))},
                                     {QStringLiteral("operators"), operators}};
        return QHttpServerResponse(m_operatorList);
    });
    m_server.route(QStringLiteral("/api/v1/jobs"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        if (std::optional<QHttpServerResponse> refused = refuseUnlessAdmin(request)) {
            return std::move(*refused);
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QJsonObject signedJob = body.value(QStringLiteral("job")).toObject();
        const Result<jobs::JobEnvelope> decoded =
            jobs::JobEnvelope::decode(fromBase64(signedJob.value(QStringLiteral("document"))));
        if (!decoded) {
            return error(Status::BadRequest, "job.malformed", "the job envelope does not decode");
        }
        const jobs::JobEnvelope &envelope = decoded.value();
        if (m_jobs.contains(envelope.id)) {
            return error(Status::Conflict, "job.exists", "a job with this id exists");
        }
        QJsonObject summary = envelope.content.toJsonObject();
        const QJsonObject options = envelope.options.toJsonObject();
        for (auto it = options.constBegin(); it != options.constEnd(); ++it) {
            summary.insert(it.key(), it.value());
        }
        const QString created = QStringLiteral("2024-05-01T12:00:00Z");
        QJsonArray devices;
        for (const QJsonValue &target : body.value(QStringLiteral("targets")).toArray()) {
            const QString id = target.toString();
            devices.append(QJsonObject{{QStringLiteral("id"), id},
                                       {QStringLiteral("hostname"), detail(id).value(QStringLiteral("hostname"))},
                                       {QStringLiteral("state"), QStringLiteral("queued")},
                                       {QStringLiteral("reason"), QJsonValue()},
                                       {QStringLiteral("exitCode"), QJsonValue()},
                                       {QStringLiteral("agentOutcome"), QJsonValue()},
                                       {QStringLiteral("items"), QJsonValue()},
                                       {QStringLiteral("output"), QJsonValue()},
                                       {QStringLiteral("receipt"), QJsonValue()},
                                       {QStringLiteral("receiptSignature"), QJsonValue()},
                                       {QStringLiteral("deliveredAt"), QJsonValue()},
                                       {QStringLiteral("startedAt"), QJsonValue()},
                                       {QStringLiteral("finishedAt"), QJsonValue()},
                                       {QStringLiteral("updatedAt"), created}});
        }
        const auto time = [](const QDateTime &at) {
            const QString text = isoOrNull(at);
            return text.isEmpty() ? QJsonValue() : QJsonValue(text);
        };
        const QJsonObject job{{QStringLiteral("id"), envelope.id},
                              {QStringLiteral("kind"), envelope.kind},
                              {QStringLiteral("state"), QStringLiteral("active")},
                              {QStringLiteral("createdAt"), created},
                              {QStringLiteral("createdBy"), QLatin1String(user)},
                              {QStringLiteral("signer"), envelope.signer},
                              {QStringLiteral("notBefore"), time(envelope.notBefore)},
                              {QStringLiteral("deadline"), time(envelope.deadline)},
                              {QStringLiteral("expiresAt"), time(envelope.expiresAt)},
                              {QStringLiteral("cancelledBy"), QJsonValue()},
                              {QStringLiteral("cancelledAt"), QJsonValue()},
                              {QStringLiteral("summary"), summary},
                              {QStringLiteral("job"), signedJob},
                              {QStringLiteral("devices"), devices}};
        m_jobs.insert(envelope.id, withCounts(job));
        m_jobOrder.prepend(envelope.id);
        return QHttpServerResponse(listed(m_jobs.value(envelope.id)), Status::Created);
    });
    m_server.route(QStringLiteral("/api/v1/jobs"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        QJsonArray jobs;
        for (const QString &id : std::as_const(m_jobOrder)) {
            jobs.append(listed(m_jobs.value(id)));
        }
        return QHttpServerResponse(jobs);
    });
    m_server.route(QStringLiteral("/api/v1/jobs/<arg>"),
                   Method::Get,
                   [this](const QString &id, const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       if (m_unavailable) {
                           return unavailable();
                       }
                       if (!m_jobs.contains(id)) {
                           return error(Status::NotFound, "job.unknown", "no such job");
                       }
                       return QHttpServerResponse(m_jobs.value(id));
                   });
    m_server.route(QStringLiteral("/api/v1/devices/<arg>/jobs"),
                   Method::Get,
                   [this](const QString &deviceId, const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       if (m_unavailable) {
                           return unavailable();
                       }
                       if (detail(deviceId).isEmpty() || m_deleted.contains(deviceId)) {
                           return error(Status::NotFound, "device.unknown", "no such device");
                       }
                       // Each job's copy for the device, named by its job instead of its device.
                       QJsonArray history;
                       for (const QString &id : std::as_const(m_jobOrder)) {
                           const QJsonObject job = m_jobs.value(id);
                           for (const QJsonValue &value : job.value(QStringLiteral("devices")).toArray()) {
                               QJsonObject entry = value.toObject();
                               if (entry.value(QStringLiteral("id")).toString() != deviceId) {
                                   continue;
                               }
                               entry.remove(QStringLiteral("id"));
                               entry.remove(QStringLiteral("hostname"));
                               for (const char *key : {"kind", "summary", "createdAt"}) {
                                   entry.insert(QLatin1String(key), job.value(QLatin1String(key)));
                               }
                               entry.insert(QStringLiteral("jobId"), id);
                               history.append(entry);
                           }
                       }
                       return QHttpServerResponse(history);
                   });
    m_server.route(
        QStringLiteral("/api/v1/jobs/<arg>/cancel"),
        Method::Post,
        [this](const QString &id, const QHttpServerRequest &request) {
            record(request);
            if (std::optional<QHttpServerResponse> refused = refuseUnlessAdmin(request)) {
                return std::move(*refused);
            }
            if (!m_jobs.contains(id)) {
                return error(Status::NotFound, "job.unknown", "no such job");
            }
            QJsonObject job = m_jobs.value(id);
            if (job.value(QStringLiteral("state")).toString() != QLatin1String("active")) {
                return error(Status::Conflict, "job.final", "the job is already completed, cancelled or expired");
            }
            job.insert(QStringLiteral("state"), QStringLiteral("cancelled"));
            job.insert(QStringLiteral("cancelledBy"), QLatin1String(user));
            job.insert(QStringLiteral("cancelledAt"), QStringLiteral("2024-05-01T12:00:00Z"));
            QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
            for (qsizetype i = 0; i < devices.size(); ++i) {
                QJsonObject device = devices.at(i).toObject();
                if (!isFinal(device.value(QStringLiteral("state")).toString())) {
                    device.insert(QStringLiteral("state"), QStringLiteral("cancelled"));
                    devices.replace(i, device);
                }
            }
            job.insert(QStringLiteral("devices"), devices);
            m_jobs.insert(id, withCounts(job));
            return QHttpServerResponse(listed(m_jobs.value(id)));
        });
}

bool FakeAdminServer::start(const QSslConfiguration &tls)
{
    m_server.sslSetup(tls);
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

quint16 FakeAdminServer::port() const
{
    return m_port;
}

QUrl FakeAdminServer::url(const QString &host) const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPort(m_port);
    return url;
}

void FakeAdminServer::dropSessions()
{
    m_sessions.clear();
}

void FakeAdminServer::setUnavailable(bool unavailable)
{
    m_unavailable = unavailable;
}

void FakeAdminServer::deleteDevice(const QString &id)
{
    m_deleted.insert(id);
}

void FakeAdminServer::setAuditBroken(bool broken)
{
    m_auditBroken = broken;
}

void FakeAdminServer::record(const QHttpServerRequest &request)
{
    const auto method = request.method() == QHttpServerRequest::Method::Post ? QStringLiteral("POST ")
        : request.method() == QHttpServerRequest::Method::Put                ? QStringLiteral("PUT ")
        : request.method() == QHttpServerRequest::Method::Delete             ? QStringLiteral("DELETE ")
                                                                             : QStringLiteral("GET ");
    requests.append(method + request.url().path());
    bodies.append(request.body());
}

QString FakeAdminServer::authorizedRole(const QHttpServerRequest &request)
{
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    authorizationHeaders.append(header);
    if (!header.startsWith("Bearer ")) {
        return QString();
    }
    const QByteArray token = header.mid(7);
    if (token == apiToken && !m_apiTokenRevoked) {
        return QStringLiteral("admin");
    }
    return m_sessions.value(token);
}

bool FakeAdminServer::authorized(const QHttpServerRequest &request)
{
    return !authorizedRole(request).isEmpty();
}

std::optional<QHttpServerResponse> FakeAdminServer::refuseUnlessAdmin(const QHttpServerRequest &request)
{
    const QString role = authorizedRole(request);
    if (role.isEmpty()) {
        return unauthorized();
    }
    if (role != QLatin1String("admin")) {
        return forbidden();
    }
    return std::nullopt;
}

QJsonArray FakeAdminServer::sampleDevices()
{
    return QJsonDocument::fromJson(QByteArray(R"json([
        {"id": "d-0001", "hostname": "pc-finance-01", "orgUnit": "Ministry of Finance/Treasury", "assetTag": "MOF-004512",
         "os": "Debian GNU/Linux 12 (bookworm)",
         "lastSeen": "2024-05-01T09:00:00Z", "pendingUpdates": 5, "securityUpdates": 2,
         "antivirus": "ClamAV", "definitionsAgeDays": 9, "antivirusReported": true, "revoked": false,
         "state": "reporting", "compliant": false},
        {"id": "d-0002", "hostname": "srv-mail", "orgUnit": "Ministry of Health", "os": "Ubuntu 22.04.4 LTS",
         "lastSeen": "2024-05-01T11:59:30Z", "pendingUpdates": 0, "securityUpdates": 0,
         "antivirus": "ClamAV", "definitionsAgeDays": 0, "antivirusReported": true, "revoked": false,
         "state": "reporting", "compliant": true},
        {"id": "d-0003", "hostname": "laptop-dg", "orgUnit": "/", "os": "Windows 11 Pro",
         "lastSeen": null, "pendingUpdates": null, "securityUpdates": null,
         "antivirus": null, "definitionsAgeDays": null, "antivirusReported": false, "revoked": false,
         "state": "never-reported", "compliant": null}
    ])json"))
        .array();
}

QJsonArray FakeAdminServer::sampleOrgUnits()
{
    return QJsonDocument::fromJson(QByteArray(R"json([
        {"id": 1, "path": "/", "name": "", "parent": null, "ownDevices": 1, "devices": 3, "compliant": 1,
         "reasons": {"patches.security-pending": 1}, "createdAt": null},
        {"id": 2, "path": "Ministry of Finance", "name": "Ministry of Finance", "parent": "/", "ownDevices": 0,
         "devices": 1, "compliant": 0, "reasons": {"patches.security-pending": 1}, "createdAt": "2024-01-10T08:00:00Z"},
        {"id": 4, "path": "Ministry of Finance/Treasury", "name": "Treasury", "parent": "Ministry of Finance",
         "ownDevices": 1, "devices": 1, "compliant": 0, "reasons": {"patches.security-pending": 1},
         "createdAt": "2024-01-10T08:05:00Z"},
        {"id": 3, "path": "Ministry of Health", "name": "Ministry of Health", "parent": "/", "ownDevices": 1,
         "devices": 1, "compliant": 1, "reasons": {}, "createdAt": "2024-01-10T08:01:00Z"}
    ])json"))
        .array();
}

QJsonArray FakeAdminServer::sampleAudit()
{
    static const QStringList actors{QStringLiteral("admin"), QStringLiteral("helper"), QStringLiteral("agent")};
    static const QStringList actions{QStringLiteral("device.revoke"),
                                     QStringLiteral("login"),
                                     QStringLiteral("device.list"),
                                     QStringLiteral("user.create"),
                                     QStringLiteral("api-token.create")};
    const QDateTime start(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC);
    QJsonArray entries;
    for (int id = auditRows; id >= 1; --id) {
        const QString action = actions.at(id % actions.size());
        const QString target = action.startsWith(QLatin1String("device."))
            ? QStringLiteral("d-%1").arg(id % 4, 4, 10, QLatin1Char('0'))
            : action == QLatin1String("login") ? QString()
                                               : QStringLiteral("user-%1").arg(id);
        entries.append(
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("at"), start.addSecs(qint64(id) * 600).toString(Qt::ISODate)},
                        {QStringLiteral("actor"), actors.at(id % actors.size())},
                        {QStringLiteral("action"), action},
                        {QStringLiteral("target"), target},
                        {QStringLiteral("outcome"), id % 7 == 0 ? QStringLiteral("denied") : QStringLiteral("ok")},
                        {QStringLiteral("sourceIp"), QStringLiteral("127.0.0.1")},
                        {QStringLiteral("detail"), QString()}});
    }
    return entries;
}

QJsonObject FakeAdminServer::sampleDetail()
{
    return parse(R"json({
        "id": "d-0001", "hostname": "pc-finance-01", "orgUnit": "Ministry of Finance/Treasury",
        "os": {"name": "Debian GNU/Linux", "version": "12 (bookworm)", "id": "debian", "versionId": "12",
               "prettyName": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-18-amd64", "arch": "x86_64",
               "hostname": "pc-finance-01", "fqdn": "pc-finance-01.finance.example.gov",
               "domain": "finance.example.gov", "bootTime": 1714546800, "users": [
            {"user": "marie", "tty": "tty2", "host": "", "loginTime": 1714550400},
            {"user": "admin", "tty": "pts/0", "host": "10.20.30.5", "loginTime": 1714557600}]},
        "hardware": {"manufacturer": "Dell Inc.", "model": "OptiPlex 7090", "serial": "ABC123", "assetTag": "MOF-004512",
                     "chassisType": "Desktop", "biosVendor": "Dell Inc.", "biosDate": "2023-03-14",
                     "firmwareType": "uefi", "biosVersion": "1.2.3", "cpuModel": "Intel Core i5-10500",
                     "cpuCores": 6, "cpuPhysicalCores": 6, "cpuLogicalProcessors": 12, "cpuSockets": 1,
                     "memoryBytes": 17179869184, "virtualization": "physical", "hypervisor": "", "container": "",
                     "disks": [{"name": "nvme0n1", "model": "PC SN730 NVMe WDC 512GB", "serial": "WD-0042",
                                "sizeBytes": 512110190592, "rotational": false, "removable": false}],
                     "filesystems": [
            {"mountPoint": "/", "device": "/dev/nvme0n1p2", "type": "ext4", "sizeBytes": 500000000000,
             "freeBytes": 125000000000},
            {"mountPoint": "/boot/efi", "device": "/dev/nvme0n1p1", "type": "vfat", "sizeBytes": 535805952,
             "freeBytes": null}]},
        "network": {"interfaces": [
            {"name": "lo", "mac": "00:00:00:00:00:00", "type": "loopback", "virtual": true, "operState": "unknown",
             "linkUp": true, "speedMbps": null, "mtu": 65536, "ipv4": ["127.0.0.1/8"], "ipv6": ["::1/128"]},
            {"name": "enp0s31f6", "mac": "a4:bb:6d:12:34:56", "type": "ethernet", "virtual": false,
             "operState": "up", "linkUp": true, "speedMbps": 1000, "mtu": 1500, "ipv4": ["10.20.30.40/24"],
             "ipv6": ["fe80::a6bb:6dff:fe12:3456/64"]}]},
        "agent": {"version": "0.1.0", "droppedReports": 0},
        "errors": {},
        "lastSequence": 42, "reportsStored": 42,
        "software": [{"name": "openssl", "version": "3.0.11-1", "arch": "amd64", "source": "dpkg"}],
        "patches": {"manager": "apt", "securityCount": 1, "pending": [
            {"name": "openssl", "installedVersion": "3.0.11-1", "candidateVersion": "3.0.13-1",
             "origin": "Debian-Security", "security": true},
            {"name": "vim", "installedVersion": "9.0.1", "candidateVersion": "9.0.2",
             "origin": "Debian", "security": false}],
                    "lastRefresh": 1714543200, "lastInstall": 1714111200, "rebootRequired": true,
                    "rebootPackages": ["linux-image-6.1.0-18-amd64"]},
        "antivirus": {"products": [{"name": "ClamAV", "engineVersion": "1.0.5", "definitionsVersion": "27250",
                                    "definitionsTime": "2024-04-22T12:00:00Z", "realTimeProtection": false,
                                    "serviceRunning": true, "lastScan": null, "databases": []}]},
        "lastSeen": "2024-05-01T09:00:00Z", "enrolledAt": "2024-01-15T08:30:00Z", "revoked": false,
        "compliance": {"compliant": false, "evaluatedAt": "2024-05-01T09:00:05Z", "reasons": [
            {"code": "antivirus.definitions-old", "text": "ClamAV definitions are 9 days old (limit 7)",
             "since": "2024-04-29T12:00:00Z",
             "policy": {"rule": "antivirus.definitions-max-age", "value": "7d", "origin": "Ministry of Health/Mokhotlong"}},
            {"code": "patches.security-pending", "text": "1 security update pending for 10 days (limit 7)",
             "since": null, "policy": {"rule": "updates.security-max-age", "value": "0s", "origin": null}}]}
    })json");
}

QJsonObject FakeAdminServer::detail(const QString &id)
{
    if (id == QLatin1String(knownDeviceId)) {
        return sampleDetail();
    }
    if (id == QLatin1String(revokedDeviceId)) {
        QJsonObject device = sampleDetail();
        device.insert(QStringLiteral("id"), id);
        device.insert(QStringLiteral("hostname"), QStringLiteral("srv-mail"));
        device.insert(QStringLiteral("revoked"), true);
        return device;
    }
    if (id == QLatin1String(largeDeviceId)) {
        return largeDetail();
    }
    if (id == QLatin1String(unreadableDeviceId)) {
        return unreadableDetail();
    }
    if (id == QLatin1String(unreportedDeviceId)) {
        return unreportedDetail();
    }
    return {};
}

QJsonObject FakeAdminServer::largeDetail()
{
    QJsonObject device = sampleDetail();
    device.insert(QStringLiteral("id"), QLatin1String(largeDeviceId));
    device.insert(QStringLiteral("hostname"), QStringLiteral("dev-workstation"));
    QJsonArray software;
    for (int i = 0; i < largeSoftwareCount; ++i) {
        software.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("pkg-%1").arg(i, 5, 10, QLatin1Char('0'))},
            {QStringLiteral("version"), QStringLiteral("1.%1.%2").arg(i / 100).arg(i % 100)},
            {QStringLiteral("arch"), QStringLiteral("amd64")},
            {QStringLiteral("source"), QStringLiteral("registry")},
            {QStringLiteral("publisher"), i % 10 == 0 ? QStringLiteral("Contoso Ltd") : QStringLiteral("Fabrikam")}});
    }
    device.insert(QStringLiteral("software"), software);
    return device;
}

QJsonObject FakeAdminServer::unreadableDetail()
{
    return parse(R"json({
        "id": "d-odd", "hostname": "pc-odd",
        "os": {"prettyName": "Debian GNU/Linux 13 (trixie)", "kernel": "6.12.0", "arch": "x86_64",
               "users": {"marie": "tty2"}},
        "hardware": {"manufacturer": "Lenovo", "model": "ThinkPad T14", "serial": "PF-1",
                     "disks": [{"name": "sda", "sizeBytes": "512 GB"}],
                     "filesystems": [{"mountPoint": "/", "device": "/dev/sda2", "type": "ext4",
                                      "sizeBytes": 100000000000, "freeBytes": 50000000000}]},
        "network": {"interfaces": {"eth0": {"mac": "a4:bb:6d:00:00:01"}}},
        "software": {"openssl": "3.0.11-1"},
        "patches": {"manager": "apt", "pending": "none", "securityCount": 0},
        "antivirus": {"products": [{"name": "ClamAV", "realTimeProtection": "yes"}]},
        "agent": {"version": 2, "droppedReports": 0},
        "errors": ["network: permission denied"],
        "lastSeen": "2024-05-01T11:00:00Z", "enrolledAt": "2024-04-01T08:00:00Z", "revoked": false,
        "lastSequence": 7, "reportsStored": 7,
        "compliance": {"compliant": true, "evaluatedAt": "2024-05-01T11:00:02Z", "reasons": []}
    })json");
}

QJsonObject FakeAdminServer::unreportedDetail()
{
    return parse(R"json({
        "id": "d-0003", "hostname": "laptop-dg",
        "os": null, "hardware": null, "network": null, "software": [], "patches": null, "antivirus": null,
        "agent": null, "errors": null,
        "lastSeen": null, "enrolledAt": "2024-04-30T08:00:00Z", "revoked": false,
        "lastSequence": 0, "reportsStored": 0,
        "compliance": {"compliant": false, "evaluatedAt": "2024-05-01T12:00:00Z", "reasons": [
            {"code": "contact.never", "text": "never reported since enrolment", "since": "2024-04-30T08:00:00Z"},
            {"code": "antivirus.not-reported", "text": "no antivirus section reported", "since": null},
            {"code": "patches.not-reported", "text": "no patches section reported", "since": null}]}
    })json");
}

} // namespace steward::app::test
