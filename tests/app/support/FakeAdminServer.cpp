// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeAdminServer.h"

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
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("code"), QLatin1String(code)},
                                 {QStringLiteral("message"), QLatin1String(message)}}}},
        status);
}

QHttpServerResponse unauthorized()
{
    return error(QHttpServerResponse::StatusCode::Unauthorized, "auth.required", "missing or invalid session token");
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

    m_server.route(QStringLiteral("/api/v1/login"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        if (body.value(QStringLiteral("user")).toString() != QLatin1String(user)
            || body.value(QStringLiteral("password")).toString() != QLatin1String(password)) {
            return error(Status::Unauthorized, "auth.invalid", "wrong user name or password");
        }
        m_sessionValid = true;
        return QHttpServerResponse(QJsonObject{{QStringLiteral("token"), QLatin1String(sessionToken)},
                                               {QStringLiteral("user"), QLatin1String(user)},
                                               {QStringLiteral("role"), QStringLiteral("admin")},
                                               {QStringLiteral("expiresAt"), QStringLiteral("2030-01-01T00:00:00Z")}});
    });
    m_server.route(QStringLiteral("/api/v1/logout"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        m_sessionValid = false;
        return QHttpServerResponse(Status::NoContent);
    });
    m_server.route(QStringLiteral("/api/v1/devices"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        return QHttpServerResponse(sampleDevices());
    });
    m_server.route(QStringLiteral("/api/v1/devices/<arg>"), Method::Get,
                   [this](const QString &id, const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       if (id != QLatin1String(knownDeviceId)) {
                           return error(Status::NotFound, "device.unknown", "no such device");
                       }
                       return QHttpServerResponse(sampleDetail());
                   });
    m_server.route(QStringLiteral("/api/v1/devices/<arg>/revoke"), Method::Post,
                   [this](const QString &id, const QHttpServerRequest &request) {
                       record(request);
                       if (!authorized(request)) {
                           return unauthorized();
                       }
                       return QHttpServerResponse(
                           QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
                   });
    m_server.route(QStringLiteral("/api/v1/enrollment-tokens"), Method::Post, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("token"), QStringLiteral("enroll-abc123")},
                        {QStringLiteral("caFingerprint"), QStringLiteral("AB:CD:EF:01")},
                        {QStringLiteral("uses"), body.value(QStringLiteral("uses"))},
                        {QStringLiteral("expiresAt"), QStringLiteral("2030-01-02T00:00:00Z")}},
            Status::Created);
    });
    m_server.route(QStringLiteral("/api/v1/audit"), Method::Get, [this](const QHttpServerRequest &request) {
        record(request);
        if (!authorized(request)) {
            return unauthorized();
        }
        const int limit = request.query().queryItemValue(QStringLiteral("limit")).toInt();
        QJsonArray entries;
        for (int i = 0; i < limit && i < 3; ++i) {
            entries.append(QJsonObject{{QStringLiteral("at"), QStringLiteral("2024-05-01T10:0%1:00Z").arg(i)},
                                       {QStringLiteral("actor"), QStringLiteral("admin")},
                                       {QStringLiteral("action"), QStringLiteral("device.revoke")},
                                       {QStringLiteral("target"), QStringLiteral("d-%1").arg(i)},
                                       {QStringLiteral("outcome"), QStringLiteral("ok")},
                                       {QStringLiteral("sourceIp"), QStringLiteral("127.0.0.1")}});
        }
        return QHttpServerResponse(entries);
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
    m_sessionValid = false;
}

void FakeAdminServer::record(const QHttpServerRequest &request)
{
    const auto method = request.method() == QHttpServerRequest::Method::Post ? QStringLiteral("POST ")
                                                                             : QStringLiteral("GET ");
    requests.append(method + request.url().path());
}

bool FakeAdminServer::authorized(const QHttpServerRequest &request)
{
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    authorizationHeaders.append(header);
    return m_sessionValid && header == QByteArrayLiteral("Bearer ") + QByteArray(sessionToken);
}

QJsonArray FakeAdminServer::sampleDevices()
{
    return QJsonDocument::fromJson(QByteArray(R"json([
        {"id": "d-0001", "hostname": "pc-finance-01", "os": "Debian GNU/Linux 12 (bookworm)",
         "lastSeen": "2024-05-01T09:00:00Z", "pendingUpdates": 5, "securityUpdates": 2,
         "antivirus": "ClamAV", "definitionsAgeDays": 9, "compliant": false},
        {"id": "d-0002", "hostname": "srv-mail", "os": "Ubuntu 22.04.4 LTS",
         "lastSeen": "2024-05-01T11:59:30Z", "pendingUpdates": 0, "securityUpdates": 0,
         "antivirus": "ClamAV", "definitionsAgeDays": 0, "compliant": true},
        {"id": "d-0003", "hostname": "laptop-dg", "os": "Windows 11 Pro",
         "lastSeen": null, "pendingUpdates": null, "securityUpdates": null,
         "antivirus": null, "definitionsAgeDays": null, "compliant": null}
    ])json")).array();
}

QJsonObject FakeAdminServer::sampleDetail()
{
    return parse(R"json({
        "id": "d-0001", "hostname": "pc-finance-01",
        "os": {"name": "Debian GNU/Linux", "version": "12 (bookworm)", "id": "debian", "versionId": "12",
               "prettyName": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-18-amd64", "arch": "x86_64",
               "hostname": "pc-finance-01"},
        "hardware": {"manufacturer": "Dell Inc.", "model": "OptiPlex 7090", "serial": "ABC123",
                     "biosVersion": "1.2.3", "cpuModel": "Intel Core i5-10500", "cpuCores": 6,
                     "memoryBytes": 17179869184},
        "software": [{"name": "openssl", "version": "3.0.11-1", "arch": "amd64", "source": "dpkg"}],
        "patches": {"manager": "apt", "securityCount": 1, "pending": [
            {"name": "openssl", "installedVersion": "3.0.11-1", "candidateVersion": "3.0.13-1",
             "origin": "Debian-Security", "security": true},
            {"name": "vim", "installedVersion": "9.0.1", "candidateVersion": "9.0.2",
             "origin": "Debian", "security": false}]},
        "antivirus": {"products": [{"name": "ClamAV", "definitionsVersion": "27250",
                                    "definitionsTime": "2024-04-22T12:00:00Z", "realTimeProtection": false,
                                    "serviceRunning": true, "databases": []}]},
        "lastSeen": "2024-05-01T09:00:00Z", "enrolledAt": "2024-01-15T08:30:00Z", "revoked": false,
        "compliance": {"compliant": false, "evaluatedAt": "2024-05-01T09:00:05Z", "reasons": [
            {"code": "antivirus.definitions-old", "text": "ClamAV definitions are 9 days old (limit 7)",
             "since": "2024-04-29T12:00:00Z"},
            {"code": "patches.security-pending", "text": "1 security update pending for 10 days (limit 7)",
             "since": null}]}
    })json");
}

} // namespace steward::app::test
