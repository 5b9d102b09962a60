// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminApi.h"

#include "Clock.h"
#include "StewardApiLogging.h"
#include "auth/Credentials.h"
#include "api/DeviceJson.h"

#include <QJsonArray>
#include <QSslServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace steward::server
{

namespace
{
using HttpStatus = QHttpServerResponse::StatusCode;

QHttpServerResponse errorResponse(HttpStatus status, const QString &code, const QString &message)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}},
                               status);
}

QHttpServerResponse unauthorized()
{
    return errorResponse(HttpStatus::Unauthorized, QStringLiteral("auth.required"), QStringLiteral("log in first: missing, invalid or expired session"));
}

// A store failure as the API reports it: "try again" when the database is locked or gone, so
// that no client mistakes it for a wrong password or a missing device.
QHttpServerResponse storeFailure(const Error &error)
{
    qCWarning(lcApi).noquote() << "database:" << error.message;
    if (error.code == QLatin1String("store.unavailable")) {
        QHttpServerResponse response = errorResponse(HttpStatus::ServiceUnavailable, QStringLiteral("server.unavailable"),
                                                     QStringLiteral("the site database is unavailable; try again shortly"));
        response.setHeader("Retry-After", "5");
        return response;
    }
    return errorResponse(HttpStatus::InternalServerError, QStringLiteral("server.error"), QStringLiteral("the server could not complete the request"));
}

QHttpServerResponse forbidden(const QString &what)
{
    return errorResponse(HttpStatus::Forbidden, QStringLiteral("auth.forbidden"), QStringLiteral("your role may not %1").arg(what));
}

std::optional<QJsonObject> jsonBody(const QHttpServerRequest &request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    return document.object();
}

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}
}

AdminApi::AdminApi(Repositories &store, const Clock &clock, CompliancePolicy policy, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_policy(policy)
    , m_options(std::move(options))
    , m_throttle(m_options.loginLimits)
{
    setupRoutes();
}

Status AdminApi::listen(const QHostAddress &address, quint16 port, const tls::Identity &identity, const QSslCertificate &ca)
{
    // Our own QSslServer rather than QHttpServer::sslSetup(), to lift its pending-connection
    // limit: connections still handshaking count against it, and the default of 30 let a few
    // idle TCP connections lock every admin out.
    auto *server = new QSslServer(this);
    server->setSslConfiguration(tls::apiServer(identity, ca));
    server->setMaxPendingConnections(1024);
    server->setHandshakeTimeout(5000);
    if (!server->listen(address, port)) {
        return makeError(QStringLiteral("api.listen"),
                         QStringLiteral("cannot listen for the admin API on %1:%2: %3").arg(address.toString()).arg(port).arg(server->errorString()));
    }
    m_http.bind(server);
    m_port = server->serverPort();
    qCInfo(lcApi).noquote() << "admin API listening on" << address.toString() + QLatin1Char(':') + QString::number(m_port);
    return Ok{};
}

void AdminApi::setupRoutes()
{
    using Method = QHttpServerRequest::Method;
    m_http.route(QStringLiteral("/api/v1/login"), Method::Post, [this](const QHttpServerRequest &request) {
        return login(request);
    });
    m_http.route(QStringLiteral("/api/v1/logout"), Method::Post, [this](const QHttpServerRequest &request) {
        return logout(request);
    });
    m_http.route(QStringLiteral("/api/v1/devices"), Method::Get, [this](const QHttpServerRequest &request) {
        return listDevices(request);
    });
    m_http.route(QStringLiteral("/api/v1/devices/<arg>"), Method::Get, [this](const QString &id, const QHttpServerRequest &request) {
        return showDevice(id, request);
    });
    m_http.route(QStringLiteral("/api/v1/devices/<arg>/revoke"), Method::Post, [this](const QString &id, const QHttpServerRequest &request) {
        return revokeDevice(id, request);
    });
    m_http.route(QStringLiteral("/api/v1/enrollment-tokens"), Method::Post, [this](const QHttpServerRequest &request) {
        return createEnrollmentToken(request);
    });
    m_http.route(QStringLiteral("/api/v1/audit"), Method::Get, [this](const QHttpServerRequest &request) {
        return listAudit(request);
    });
    m_http.afterRequest([](QHttpServerResponse &&response) {
        response.setHeader("Cache-Control", "no-store");
        return std::move(response);
    });
}

void AdminApi::audit(const QString &actor, const QString &action, const QString &target, const QString &outcome, const QString &source,
                     const QString &detail)
{
    if (Status written = m_store.audit.append(AuditEntry{m_clock.now(), actor, action, target, outcome, source, detail}); !written) {
        qCWarning(lcApi).noquote() << "audit row for" << action << "by" << actor << "not written:" << written.error().message;
    }
}

Result<AdminApi::Caller> AdminApi::authenticate(const QHttpServerRequest &request)
{
    const QByteArray header = request.value("Authorization");
    const auto noSession = makeError(QStringLiteral("auth.required"), QString());
    if (!header.startsWith("Bearer ")) {
        return noSession;
    }
    const QString token = QString::fromLatin1(header.mid(7).trimmed());
    Result<std::optional<User>> user = m_store.users.sessionUser(credentials::tokenHash(token), m_clock.now());
    if (!user) {
        return user.error();
    }
    if (!user.value()) {
        return noSession;
    }
    return Caller{*user.value(), request.remoteAddress().toString()};
}

QHttpServerResponse AdminApi::refusal(const Error &error)
{
    return error.code == QLatin1String("auth.required") ? unauthorized() : storeFailure(error);
}

QHttpServerResponse AdminApi::login(const QHttpServerRequest &request)
{
    const QString source = request.remoteAddress().toString();
    const std::optional<QJsonObject> body = jsonBody(request);
    if (!body || !body->value(QLatin1String("user")).isString() || !body->value(QLatin1String("password")).isString()) {
        return errorResponse(HttpStatus::BadRequest, QStringLiteral("request.invalid"), QStringLiteral("expected a JSON object with \"user\" and \"password\""));
    }
    const QString name = body->value(QLatin1String("user")).toString().left(128);
    const QDateTime now = m_clock.now();
    switch (m_throttle.admit(source, now)) {
    case LoginThrottle::Verdict::SourceLocked:
        return errorResponse(HttpStatus::TooManyRequests, QStringLiteral("auth.locked"),
                             QStringLiteral("too many failed logins from %1; try again later").arg(source));
    case LoginThrottle::Verdict::Busy:
        return errorResponse(HttpStatus::TooManyRequests, QStringLiteral("auth.busy"), QStringLiteral("too many logins right now; try again in a moment"));
    case LoginThrottle::Verdict::Allowed:
        break;
    }
    Result<std::optional<User>> found = m_store.users.find(name);
    if (!found) {
        return storeFailure(found.error());
    }
    const std::optional<User> &user = found.value();
    // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
    static const QString dummy = credentials::hashPassword(QStringLiteral("steward-dummy-password"));
    const bool valid = credentials::verifyPassword(body->value(QLatin1String("password")).toString(), user ? user->passwordHash : dummy) && user;
    if (!valid) {
        const bool nowLocked = m_throttle.recordFailure(source, now);
        audit(name, QStringLiteral("login"), name, QStringLiteral("denied"), source,
              nowLocked ? QStringLiteral("wrong user name or password; source locked out for a while") : QStringLiteral("wrong user name or password"));
        qCWarning(lcApi).noquote() << "failed login for" << name << "from" << source;
        return errorResponse(HttpStatus::Unauthorized, QStringLiteral("auth.invalid"), QStringLiteral("wrong user name or password"));
    }
    m_throttle.recordSuccess(source);
    const QString token = credentials::randomToken();
    const QDateTime expires = now.addSecs(qint64(m_options.sessionHours) * 3600);
    if (Status added = m_store.users.addSession(credentials::tokenHash(token), user->name, now, expires); !added) {
        return storeFailure(added.error());
    }
    audit(user->name, QStringLiteral("login"), user->name, QStringLiteral("ok"), source);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("token"), token},
                                           {QStringLiteral("user"), user->name},
                                           {QStringLiteral("role"), roleName(user->role)},
                                           {QStringLiteral("expiresAt"), iso(expires)}});
}

QHttpServerResponse AdminApi::logout(const QHttpServerRequest &request)
{
    const Result<Caller> caller = authenticate(request);
    if (!caller) {
        return refusal(caller.error());
    }
    const QString token = QString::fromLatin1(request.value("Authorization").mid(7).trimmed());
    if (Status removed = m_store.users.removeSession(credentials::tokenHash(token)); !removed) {
        return storeFailure(removed.error());
    }
    audit(caller.value().user.name, QStringLiteral("logout"), caller.value().user.name, QStringLiteral("ok"), caller.value().source);
    return QHttpServerResponse(HttpStatus::NoContent);
}

QHttpServerResponse AdminApi::listDevices(const QHttpServerRequest &request)
{
    if (const Result<Caller> caller = authenticate(request); !caller) {
        return refusal(caller.error());
    }
    const Result<QList<Device>> listed = m_store.devices.list();
    if (!listed) {
        return storeFailure(listed.error());
    }
    const QDateTime now = m_clock.now();
    QJsonArray devices;
    for (const Device &device : listed.value()) {
        devices.append(deviceSummaryJson(device, m_policy.evaluate(device.sections, device.lastSeen, now), now));
    }
    return QHttpServerResponse(devices);
}

QHttpServerResponse AdminApi::showDevice(const QString &id, const QHttpServerRequest &request)
{
    if (const Result<Caller> caller = authenticate(request); !caller) {
        return refusal(caller.error());
    }
    const Result<std::optional<Device>> found = m_store.devices.find(id);
    if (!found) {
        return storeFailure(found.error());
    }
    const std::optional<Device> &device = found.value();
    if (!device) {
        return errorResponse(HttpStatus::NotFound, QStringLiteral("device.unknown"), QStringLiteral("no device with id %1").arg(id));
    }
    const QDateTime now = m_clock.now();
    return QHttpServerResponse(deviceDetailJson(*device, m_policy.evaluate(device->sections, device->lastSeen, now)));
}

QHttpServerResponse AdminApi::revokeDevice(const QString &id, const QHttpServerRequest &request)
{
    const Result<Caller> caller = authenticate(request);
    if (!caller) {
        return refusal(caller.error());
    }
    if (caller.value().user.role != Role::Admin) {
        audit(caller.value().user.name, QStringLiteral("device.revoke"), id, QStringLiteral("denied"), caller.value().source, QStringLiteral("role"));
        return forbidden(QStringLiteral("revoke devices"));
    }
    Result<bool> revoked = m_store.devices.revoke(id);
    if (!revoked) {
        return storeFailure(revoked.error());
    }
    if (!revoked.value()) {
        return errorResponse(HttpStatus::NotFound, QStringLiteral("device.unknown"), QStringLiteral("no device with id %1").arg(id));
    }
    audit(caller.value().user.name, QStringLiteral("device.revoke"), id, QStringLiteral("ok"), caller.value().source);
    Q_EMIT deviceRevoked(id);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
}

QHttpServerResponse AdminApi::createEnrollmentToken(const QHttpServerRequest &request)
{
    const Result<Caller> caller = authenticate(request);
    if (!caller) {
        return refusal(caller.error());
    }
    if (caller.value().user.role != Role::Admin) {
        audit(caller.value().user.name, QStringLiteral("enrollment-token.create"), QString(), QStringLiteral("denied"), caller.value().source, QStringLiteral("role"));
        return forbidden(QStringLiteral("create enrolment tokens"));
    }
    const QJsonObject body = jsonBody(request).value_or(QJsonObject());
    const int uses = body.value(QLatin1String("uses")).toInt(1);
    const qint64 ttl = qint64(body.value(QLatin1String("ttlSeconds")).toDouble(24 * 3600));
    if (uses < 1 || uses > m_options.maxTokenUses) {
        return errorResponse(HttpStatus::BadRequest, QStringLiteral("request.invalid"),
                             QStringLiteral("uses must be between 1 and %1").arg(m_options.maxTokenUses));
    }
    if (ttl < 60 || ttl > m_options.maxTokenTtlSeconds) {
        return errorResponse(HttpStatus::BadRequest, QStringLiteral("request.invalid"),
                             QStringLiteral("ttlSeconds must be between 60 and %1").arg(m_options.maxTokenTtlSeconds));
    }
    const QString token = credentials::randomToken();
    const QDateTime now = m_clock.now();
    const QDateTime expires = now.addSecs(ttl);
    if (Status added = m_store.enrolment.addToken(credentials::tokenHash(token), uses, expires, caller.value().user.name, now); !added) {
        return storeFailure(added.error());
    }
    audit(caller.value().user.name, QStringLiteral("enrollment-token.create"), QString(), QStringLiteral("ok"), caller.value().source,
          QStringLiteral("uses %1, expires %2").arg(uses).arg(iso(expires)));
    return QHttpServerResponse(QJsonObject{{QStringLiteral("token"), token},
                                           {QStringLiteral("caFingerprint"), m_options.caFingerprint},
                                           {QStringLiteral("uses"), uses},
                                           {QStringLiteral("expiresAt"), iso(expires)}},
                               HttpStatus::Created);
}

QHttpServerResponse AdminApi::listAudit(const QHttpServerRequest &request)
{
    const Result<Caller> caller = authenticate(request);
    if (!caller) {
        return refusal(caller.error());
    }
    if (caller.value().user.role != Role::Admin) {
        audit(caller.value().user.name, QStringLiteral("audit.read"), QString(), QStringLiteral("denied"), caller.value().source, QStringLiteral("role"));
        return forbidden(QStringLiteral("read the audit log"));
    }
    const int limit = std::clamp(QUrlQuery(request.url()).queryItemValue(QStringLiteral("limit")).toInt(), 0, 10000);
    const Result<QList<AuditEntry>> newest = m_store.audit.newest(limit > 0 ? limit : 100);
    if (!newest) {
        return storeFailure(newest.error());
    }
    QJsonArray entries;
    for (const AuditEntry &entry : newest.value()) {
        entries.append(QJsonObject{{QStringLiteral("at"), iso(entry.at)},
                                   {QStringLiteral("actor"), entry.actor},
                                   {QStringLiteral("action"), entry.action},
                                   {QStringLiteral("target"), entry.target},
                                   {QStringLiteral("outcome"), entry.outcome},
                                   {QStringLiteral("sourceIp"), entry.source},
                                   {QStringLiteral("detail"), entry.detail}});
    }
    return QHttpServerResponse(entries);
}

} // namespace steward::server
