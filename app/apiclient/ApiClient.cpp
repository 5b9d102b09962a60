// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiClient.h"

#include "StewardApiLogging.h"

#include "TlsConfig.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <QSslConfiguration>
#include <QSslError>
#include <QUrlQuery>

#include <memory>

namespace steward::app
{

namespace
{
constexpr qint64 maxCaFileBytes = 1024 * 1024;

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// Seconds from a Retry-After header (delta-seconds form only; dates are not worth it here).
QString retryAfter(QNetworkReply *reply)
{
    bool ok = false;
    const qint64 seconds = reply->rawHeader("Retry-After").trimmed().toLongLong(&ok);
    return ok && seconds > 0 && seconds < 24 * 3600 ? QStringLiteral(" in %1 s").arg(seconds) : QString();
}

QString hostPort(const QUrl &url)
{
    return url.host() + QLatin1Char(':') + QString::number(url.port(ApiClient::defaultPort));
}

QString describeTlsError(const QSslError &error, const QUrl &url, const QString &caFile, QString *code)
{
    switch (error.error()) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateSignatureFailed:
        *code = QStringLiteral("tls.untrusted");
        return QStringLiteral("the server's certificate is not issued by the trusted CA %1").arg(caFile);
    case QSslError::HostNameMismatch:
        *code = QStringLiteral("tls.hostname-mismatch");
        return QStringLiteral("the server's certificate is not valid for the name %1").arg(url.host());
    case QSslError::CertificateExpired:
        *code = QStringLiteral("tls.expired");
        return QStringLiteral("the server's certificate has expired");
    case QSslError::CertificateNotYetValid:
        *code = QStringLiteral("tls.not-yet-valid");
        return QStringLiteral("the server's certificate is not valid yet (check the clocks)");
    case QSslError::CertificateRevoked:
        *code = QStringLiteral("tls.revoked");
        return QStringLiteral("the server's certificate is revoked");
    default:
        *code = QStringLiteral("tls.error");
        return error.errorString();
    }
}
} // namespace

// What one request needs to remember until its reply is decoded.
struct ApiClient::Call {
    bool authenticated = false;
    bool tooLarge = false;
    QList<QSslError> sslErrors;
};

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

ApiClient::~ApiClient() = default;

Result<QUrl> ApiClient::parseServerUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return makeError(QStringLiteral("config.server"), QStringLiteral("no server given"));
    }
    QUrl url(trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("https://") + trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return makeError(QStringLiteral("config.server"), QStringLiteral("invalid server URL: %1").arg(trimmed));
    }
    if (url.scheme() != QLatin1String("https")) {
        return makeError(QStringLiteral("config.server"),
                         QStringLiteral("the server URL must start with https:// (got %1)").arg(trimmed));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return makeError(QStringLiteral("config.server"),
                         QStringLiteral("the server URL must not carry credentials, a query or a fragment"));
    }
    if (url.port() == -1) {
        url.setPort(defaultPort);
    }
    return url;
}

Status ApiClient::configure(const QUrl &baseUrl, const QString &caFile)
{
    if (!baseUrl.isValid() || baseUrl.scheme() != QLatin1String("https") || baseUrl.host().isEmpty()) {
        return makeError(QStringLiteral("config.server"), QStringLiteral("the server URL must be https://HOST[:PORT]"));
    }
    QFile file(caFile);
    if (caFile.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("config.ca"), QStringLiteral("cannot read the CA file %1").arg(caFile));
    }
    if (file.size() > maxCaFileBytes) {
        return makeError(QStringLiteral("config.ca"), QStringLiteral("the CA file %1 is too large").arg(caFile));
    }
    QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    certificates.removeIf([](const QSslCertificate &certificate) {
        return certificate.isNull();
    });
    if (certificates.isEmpty()) {
        return makeError(QStringLiteral("config.ca"),
                         QStringLiteral("the CA file %1 holds no PEM certificate").arg(caFile));
    }

    if (baseUrl != m_baseUrl) {
        clearSession();
    }
    m_baseUrl = baseUrl;
    if (m_baseUrl.port() == -1) {
        m_baseUrl.setPort(defaultPort);
    }
    m_caFile = caFile;
    m_caCertificates = certificates;
    // A new trust anchor must not reuse a connection verified against the old one.
    m_network->clearConnectionCache();
    qCDebug(lcApi) << "configured for" << m_baseUrl.toDisplayString() << "trusting"
                   << certificates.constFirst().subjectDisplayName() << "from" << caFile;
    return Ok{};
}

QUrl ApiClient::baseUrl() const
{
    return m_baseUrl;
}

QString ApiClient::caFile() const
{
    return m_caFile;
}

bool ApiClient::isConfigured() const
{
    return m_baseUrl.isValid() && !m_caCertificates.isEmpty();
}

void ApiClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

std::chrono::milliseconds ApiClient::timeout() const
{
    return m_timeout;
}

void ApiClient::useApiToken(const QString &token)
{
    clearSession();
    m_token = token.trimmed().toUtf8();
    m_apiToken = !m_token.isEmpty();
}

bool ApiClient::usesApiToken() const
{
    return m_apiToken;
}

bool ApiClient::isLoggedIn() const
{
    return !m_token.isEmpty();
}

QString ApiClient::user() const
{
    return m_user;
}

QString ApiClient::role() const
{
    return m_role;
}

QDateTime ApiClient::sessionExpiresAt() const
{
    return m_expiresAt;
}

void ApiClient::login(const QString &user, const QString &password, QObject *context, Callback done)
{
    const QJsonObject body{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}};
    send(Method::Post,
         QStringLiteral("/api/v1/login"),
         {},
         body,
         false,
         context,
         [this, done = std::move(done)](const Result<QJsonValue> &result) {
             if (!result) {
                 done(result);
                 return;
             }
             const QJsonObject session = result.value().toObject();
             const QString token = session.value(QStringLiteral("token")).toString();
             if (token.isEmpty()) {
                 done(makeError(QStringLiteral("api.bad-response"),
                                QStringLiteral("the server's login answer carries no session token")));
                 return;
             }
             m_token = token.toUtf8();
             m_apiToken = false;
             m_user = session.value(QStringLiteral("user")).toString();
             m_role = session.value(QStringLiteral("role")).toString();
             m_expiresAt = QDateTime::fromString(session.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
             qCDebug(lcApi) << "logged in to" << m_baseUrl.toDisplayString() << "as" << m_user << "role" << m_role;
             Q_EMIT loggedIn(m_user, m_role);
             done(result);
         });
}

void ApiClient::forgetSession()
{
    if (isLoggedIn()) {
        clearSession();
        Q_EMIT loggedOut();
    }
}

void ApiClient::logout(QObject *context, Callback done)
{
    if (!isLoggedIn()) {
        done(QJsonValue());
        return;
    }
    if (m_apiToken) {
        // The server refuses to log out a token; it stays valid until revoked or expired.
        clearSession();
        Q_EMIT loggedOut();
        done(QJsonValue());
        return;
    }
    send(Method::Post, QStringLiteral("/api/v1/logout"), {}, QJsonValue(), true, context, std::move(done));
    // The session is gone for us whatever the server answers.
    clearSession();
    Q_EMIT loggedOut();
}

void ApiClient::devices(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/devices"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::device(const QString &id, QObject *context, Callback done)
{
    send(Method::Get,
         QStringLiteral("/api/v1/devices/") + segment(id),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::createEnrollmentToken(int uses,
                                      qint64 ttlSeconds,
                                      const QString &orgUnit,
                                      QObject *context,
                                      Callback done)
{
    QJsonObject body{{QStringLiteral("uses"), uses}, {QStringLiteral("ttlSeconds"), ttlSeconds}};
    if (!orgUnit.isEmpty()) {
        body.insert(QStringLiteral("orgUnit"), orgUnit);
    }
    send(Method::Post, QStringLiteral("/api/v1/enrollment-tokens"), {}, body, true, context, std::move(done));
}

void ApiClient::searchDevices(const QString &text, int limit, QObject *context, Callback done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(text)));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    send(Method::Get, QStringLiteral("/api/v1/search"), query, QJsonValue(), true, context, std::move(done));
}

void ApiClient::orgUnits(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/org-units"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::createOrgUnit(const QString &path, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/org-units"),
         {},
         QJsonObject{{QStringLiteral("path"), path}},
         true,
         context,
         std::move(done));
}

void ApiClient::deleteOrgUnit(qint64 id, QObject *context, Callback done)
{
    send(Method::Delete,
         QStringLiteral("/api/v1/org-units/") + QString::number(id),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::moveDevice(const QString &id, const QString &orgUnit, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/devices/") + segment(id) + QStringLiteral("/move"),
         {},
         QJsonObject{{QStringLiteral("orgUnit"), orgUnit}},
         true,
         context,
         std::move(done));
}

void ApiClient::groups(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/groups"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::group(const QString &name, QObject *context, Callback done)
{
    send(Method::Get,
         QStringLiteral("/api/v1/groups/") + segment(name),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::createGroup(const QString &name,
                            const QString &query,
                            const QString &description,
                            QObject *context,
                            Callback done)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!query.isEmpty()) {
        body.insert(QStringLiteral("query"), query);
    }
    if (!description.isEmpty()) {
        body.insert(QStringLiteral("description"), description);
    }
    send(Method::Post, QStringLiteral("/api/v1/groups"), {}, body, true, context, std::move(done));
}

void ApiClient::deleteGroup(const QString &name, QObject *context, Callback done)
{
    send(Method::Delete,
         QStringLiteral("/api/v1/groups/") + segment(name),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::changeGroupMembers(const QString &name,
                                   const QStringList &add,
                                   const QStringList &remove,
                                   QObject *context,
                                   Callback done)
{
    QJsonObject body;
    if (!add.isEmpty()) {
        body.insert(QStringLiteral("add"), QJsonArray::fromStringList(add));
    }
    if (!remove.isEmpty()) {
        body.insert(QStringLiteral("remove"), QJsonArray::fromStringList(remove));
    }
    send(Method::Post,
         QStringLiteral("/api/v1/groups/") + segment(name) + QStringLiteral("/members"),
         {},
         body,
         true,
         context,
         std::move(done));
}

void ApiClient::queryDevices(const QString &query, QObject *context, Callback done)
{
    QUrlQuery items;
    items.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(query)));
    send(Method::Get, QStringLiteral("/api/v1/query"), items, QJsonValue(), true, context, std::move(done));
}

void ApiClient::policy(const QString &orgUnit, QObject *context, Callback done)
{
    QUrlQuery items;
    items.addQueryItem(QStringLiteral("orgUnit"), QString::fromLatin1(QUrl::toPercentEncoding(orgUnit)));
    send(Method::Get, QStringLiteral("/api/v1/policies"), items, QJsonValue(), true, context, std::move(done));
}

void ApiClient::changePolicy(const QString &orgUnit,
                             const QJsonObject &set,
                             const QStringList &unset,
                             QObject *context,
                             Callback done)
{
    QJsonObject body{{QStringLiteral("orgUnit"), orgUnit}};
    if (!set.isEmpty()) {
        body.insert(QStringLiteral("set"), set);
    }
    if (!unset.isEmpty()) {
        body.insert(QStringLiteral("unset"), QJsonArray::fromStringList(unset));
    }
    send(Method::Post, QStringLiteral("/api/v1/policies"), {}, body, true, context, std::move(done));
}

void ApiClient::retireDevice(const QString &id, const QString &reason, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/devices/") + segment(id) + QStringLiteral("/retire"),
         {},
         reason.isEmpty() ? QJsonObject() : QJsonObject{{QStringLiteral("reason"), reason}},
         true,
         context,
         std::move(done));
}

void ApiClient::revokeDevice(const QString &id, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/devices/") + segment(id) + QStringLiteral("/revoke"),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::deleteDevice(const QString &id, QObject *context, Callback done)
{
    send(Method::Delete,
         QStringLiteral("/api/v1/devices/") + segment(id),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::audit(const AuditQuery &query, QObject *context, Callback done)
{
    QUrlQuery items;
    for (const auto &[name, value] : {std::pair{"actor", &query.actor},
                                      std::pair{"action", &query.action},
                                      std::pair{"target", &query.target},
                                      std::pair{"outcome", &query.outcome}}) {
        if (!value->isEmpty()) {
            // Encoded here, whole: QUrlQuery would take a '%' in a name for an escape.
            items.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(*value)));
        }
    }
    for (const auto &[name, time] : {std::pair{"from", &query.from}, std::pair{"to", &query.to}}) {
        if (time->isValid()) {
            items.addQueryItem(QLatin1String(name), time->toUTC().toString(Qt::ISODate));
        }
    }
    if (query.before > 0) {
        items.addQueryItem(QStringLiteral("before"), QString::number(query.before));
    }
    items.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    send(Method::Get, QStringLiteral("/api/v1/audit"), items, QJsonValue(), true, context, std::move(done));
}

void ApiClient::audit(int limit, QObject *context, Callback done)
{
    AuditQuery query;
    query.limit = limit;
    audit(query, context, std::move(done));
}

void ApiClient::verifyAudit(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/audit/verify"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::users(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/users"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::createUser(const QString &name,
                           const QString &role,
                           const QString &password,
                           QObject *context,
                           Callback done)
{
    const QJsonObject body{{QStringLiteral("name"), name},
                           {QStringLiteral("role"), role},
                           {QStringLiteral("password"), password}};
    send(Method::Post, QStringLiteral("/api/v1/users"), {}, body, true, context, std::move(done));
}

void ApiClient::setUserDisabled(const QString &name, bool disabled, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/users/") + segment(name)
             + (disabled ? QStringLiteral("/disable") : QStringLiteral("/enable")),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::resetUserPassword(const QString &name, const QString &password, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/users/") + segment(name) + QStringLiteral("/password"),
         {},
         QJsonObject{{QStringLiteral("password"), password}},
         true,
         context,
         std::move(done));
}

void ApiClient::changeOwnPassword(const QString &currentPassword,
                                  const QString &newPassword,
                                  QObject *context,
                                  Callback done)
{
    const QJsonObject body{{QStringLiteral("currentPassword"), currentPassword},
                           {QStringLiteral("newPassword"), newPassword}};
    send(Method::Post, QStringLiteral("/api/v1/account/password"), {}, body, true, context, std::move(done));
}

void ApiClient::createApiToken(const QString &name,
                               qint64 ttlSeconds,
                               const QString &role,
                               QObject *context,
                               Callback done)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (ttlSeconds > 0) {
        body.insert(QStringLiteral("ttlSeconds"), ttlSeconds);
    }
    if (!role.isEmpty()) {
        body.insert(QStringLiteral("role"), role);
    }
    send(Method::Post, QStringLiteral("/api/v1/api-tokens"), {}, body, true, context, std::move(done));
}

void ApiClient::apiTokens(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/api-tokens"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::revokeApiToken(const QString &id, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/api-tokens/") + segment(id) + QStringLiteral("/revoke"),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

namespace
{
QJsonObject signedDocument(const QByteArray &document, const QByteArray &signature)
{
    return QJsonObject{{QStringLiteral("document"), QString::fromLatin1(document.toBase64())},
                       {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())}};
}
} // namespace

void ApiClient::operatorList(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/signing/operators"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::uploadOperatorList(const QByteArray &document,
                                   const QByteArray &signature,
                                   QObject *context,
                                   Callback done)
{
    send(Method::Put,
         QStringLiteral("/api/v1/signing/operators"),
         {},
         signedDocument(document, signature),
         true,
         context,
         std::move(done));
}

void ApiClient::createJob(const QByteArray &document,
                          const QByteArray &signature,
                          const QStringList &targets,
                          const QJsonObject &rollout,
                          QObject *context,
                          Callback done)
{
    QJsonObject body{{QStringLiteral("job"), signedDocument(document, signature)},
                     {QStringLiteral("targets"), QJsonArray::fromStringList(targets)}};
    if (!rollout.isEmpty()) {
        body.insert(QStringLiteral("rollout"), rollout);
    }
    send(Method::Post, QStringLiteral("/api/v1/jobs"), {}, body, true, context, std::move(done));
}

void ApiClient::jobs(QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/jobs"), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::job(const QString &id, QObject *context, Callback done)
{
    send(Method::Get, QStringLiteral("/api/v1/jobs/") + segment(id), {}, QJsonValue(), true, context, std::move(done));
}

void ApiClient::cancelJob(const QString &id, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/jobs/") + segment(id) + QStringLiteral("/cancel"),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::pauseJob(const QString &id, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/jobs/") + segment(id) + QStringLiteral("/pause"),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::resumeJob(const QString &id, QObject *context, Callback done)
{
    send(Method::Post,
         QStringLiteral("/api/v1/jobs/") + segment(id) + QStringLiteral("/resume"),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

void ApiClient::deviceJobs(const QString &deviceId, QObject *context, Callback done)
{
    send(Method::Get,
         QStringLiteral("/api/v1/devices/") + segment(deviceId) + QStringLiteral("/jobs"),
         {},
         QJsonValue(),
         true,
         context,
         std::move(done));
}

QUrl ApiClient::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + path, QUrl::TolerantMode);
    url.setQuery(query);
    return url;
}

void ApiClient::send(Method method,
                     const QString &path,
                     const QUrlQuery &query,
                     const QJsonValue &body,
                     bool authenticated,
                     QObject *context,
                     Callback done)
{
    if (!isConfigured()) {
        done(makeError(QStringLiteral("config.missing"), QStringLiteral("no server configured")));
        return;
    }
    if (authenticated && !isLoggedIn()) {
        done(makeError(QStringLiteral("auth.required"), QStringLiteral("not logged in")));
        return;
    }

    QNetworkRequest request(endpoint(path, query));
    // Replacing the CA list also switches off on-demand loading of the system roots.
    request.setSslConfiguration(tls::apiClient(m_caCertificates));
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Accept", "application/json");
    if (authenticated) {
        request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_token);
    }

    QNetworkReply *reply = nullptr;
    if (method == Method::Post || method == Method::Put) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QByteArray payload = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
            : body.isArray()                       ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                                   : QByteArray();
        reply = method == Method::Post ? m_network->post(request, payload) : m_network->put(request, payload);
    } else if (method == Method::Delete) {
        reply = m_network->deleteResource(request);
    } else {
        reply = m_network->get(request);
    }
    qCDebug(lcApi) << (method == Method::Post         ? "POST"
                           : method == Method::Put    ? "PUT"
                           : method == Method::Delete ? "DELETE"
                                                      : "GET")
                   << path;

    auto call = std::make_shared<Call>();
    call->authenticated = authenticated;
    connect(reply, &QNetworkReply::sslErrors, this, [call](const QList<QSslError> &errors) {
        // Never ignored: the reply fails with SslHandshakeFailedError and we explain why.
        call->sslErrors = errors;
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [call, reply](qint64 received, qint64) {
        if (received > maxResponseBytes && !call->tooLarge) {
            call->tooLarge = true;
            reply->abort();
        }
    });
    const bool hasContext = context != nullptr && context != this;
    if (hasContext) {
        connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
    }
    connect(reply,
            &QNetworkReply::finished,
            this,
            [this, reply, call, hasContext, guard = QPointer<QObject>(context), done = std::move(done)]() {
                reply->deleteLater();
                Result<QJsonValue> result = decode(reply, *call);
                if (hasContext && guard.isNull()) {
                    return;
                }
                done(result);
            });
}

Result<QJsonValue> ApiClient::decode(QNetworkReply *reply, const Call &call)
{
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (call.tooLarge) {
        return makeError(QStringLiteral("api.response-too-large"),
                         QStringLiteral("the server's answer exceeds %1 MiB").arg(maxResponseBytes / (1024 * 1024)));
    }
    if (!statusAttribute.isValid()) {
        const Error error = transportError(reply, call);
        qCDebug(lcApi) << "request to" << reply->url().path() << "failed:" << error.code << error.message;
        return error;
    }

    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    QJsonParseError parseError{};
    const QJsonDocument document = body.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(body, &parseError);
    const bool bodyIsJson = !body.isEmpty() && parseError.error == QJsonParseError::NoError;

    if (status >= 200 && status < 300) {
        if (status == 204 || body.isEmpty()) {
            return QJsonValue();
        }
        if (!bodyIsJson) {
            return makeError(QStringLiteral("api.bad-response"),
                             QStringLiteral("the server's answer is not valid JSON: %1").arg(parseError.errorString()));
        }
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }

    if (status == 401 && call.authenticated) {
        clearSession();
        Q_EMIT sessionRejected();
    }

    QString code = QStringLiteral("http.%1").arg(status);
    QString message;
    if (bodyIsJson) {
        const QJsonObject error = document.object().value(QStringLiteral("error")).toObject();
        if (!error.value(QStringLiteral("code")).toString().isEmpty()) {
            code = error.value(QStringLiteral("code")).toString();
        }
        message = error.value(QStringLiteral("message")).toString();
    }
    if (status == 503) {
        // Never to be mistaken for a refused password: nothing was checked.
        if (code == QLatin1String("http.503")) {
            code = QStringLiteral("server.unavailable");
        }
        message = QStringLiteral("server unavailable, try again%1").arg(retryAfter(reply))
            + (message.isEmpty() ? QString() : QStringLiteral(": ") + message);
    } else if (status == 429) {
        message = QStringLiteral("too many requests, try again%1").arg(retryAfter(reply))
            + (message.isEmpty() ? QString() : QStringLiteral(": ") + message);
    }
    if (message.isEmpty()) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        message = status >= 300 && status < 400 ? QStringLiteral("unexpected redirect")
            : reason.isEmpty()                  ? QStringLiteral("request failed")
                                                : reason;
    }
    qCDebug(lcApi) << "request to" << reply->url().path() << "answered" << status << code;
    return makeError(code, QStringLiteral("%1 (HTTP %2)").arg(message).arg(status));
}

Error ApiClient::transportError(QNetworkReply *reply, const Call &call) const
{
    const QUrl url = reply->url();
    const QString where = hostPort(url);
    if (!call.sslErrors.isEmpty()) {
        QString code;
        const QString reason = describeTlsError(call.sslErrors.constFirst(), url, m_caFile, &code);
        return makeError(code, QStringLiteral("TLS error with %1: %2").arg(where, reason));
    }
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return makeError(QStringLiteral("network.refused"),
                         QStringLiteral("connection refused by %1 (is steward-server running?)").arg(where));
    case QNetworkReply::HostNotFoundError:
        return makeError(QStringLiteral("network.host-not-found"), QStringLiteral("host %1 not found").arg(url.host()));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return makeError(QStringLiteral("network.timeout"),
                         QStringLiteral("no answer from %1 within %2 s").arg(where).arg(m_timeout.count() / 1000.0));
    case QNetworkReply::RemoteHostClosedError:
        return makeError(
            QStringLiteral("network.closed"),
            QStringLiteral("%1 closed the connection (is it a steward-server admin port with TLS 1.3?)").arg(where));
    case QNetworkReply::SslHandshakeFailedError:
        return makeError(QStringLiteral("tls.handshake"),
                         QStringLiteral("TLS handshake with %1 failed: %2").arg(where, reply->errorString()));
    default:
        return makeError(QStringLiteral("network.error"),
                         QStringLiteral("cannot reach %1: %2").arg(where, reply->errorString()));
    }
}

void ApiClient::clearSession()
{
    m_token.clear();
    m_apiToken = false;
    m_user.clear();
    m_role.clear();
    m_expiresAt = QDateTime();
}

} // namespace steward::app
