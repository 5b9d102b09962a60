// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiRouter.h"

#include "ApiContext.h"
#include "Clock.h"
#include "StewardApiLogging.h"
#include "auth/Credentials.h"
#include "store/Repositories.h"

#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace steward::server
{

namespace
{
Error noCredentials()
{
    return makeError(QStringLiteral("auth.required"),
                     QStringLiteral("log in first: missing, invalid or expired session or API token"));
}

// The Content-Length of a request whose headers are all in `head`; -1 when it has none.
QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "request";
    }
}

constexpr qint64 kMaxLingerBytes = 64 * 1024 * 1024;
constexpr int kLingerMs = 5000;

qint64 contentLength(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 length = line.mid(colon + 1).trimmed().toLongLong(&ok);
            return ok ? length : std::numeric_limits<qint64>::max();
        }
    }
    return -1;
}
}

ApiRouter::ApiRouter(Repositories &store, const Clock &clock, Limits limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_limits(limits)
{
    m_pool.setMaxThreadCount(limits.workerThreads);
    // Workers live as long as the server: each keeps its database connection open.
    m_pool.setExpiryTimeout(-1);
}

ApiRouter::~ApiRouter()
{
    waitForHandlers();
}

void ApiRouter::waitForHandlers()
{
    m_pool.waitForDone();
}

Status ApiRouter::listen(const QHostAddress &address,
                         quint16 port,
                         const tls::Identity &identity,
                         const QSslCertificate &ca)
{
    // Our own QSslServer rather than QHttpServer::sslSetup(), to lift its pending-connection
    // limit: connections still handshaking count against it, and the default of 30 let a few
    // idle TCP connections lock every admin out.
    auto *server = new QSslServer(this);
    server->setSslConfiguration(tls::apiServer(identity, ca));
    server->setMaxPendingConnections(1024);
    server->setHandshakeTimeout(5000);
    connect(server, &QSslServer::startedEncryptionHandshake, this, &ApiRouter::watchRequestSize);
    m_http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        respond(watched(std::move(responder)),
                ApiReply::notFound(
                    QStringLiteral("request.unknown-route"),
                    QStringLiteral("the API has no %1 %2")
                        .arg(QString::fromLatin1(methodName(request.method())), logSafe(request.url().path(), 128))));
    });
    if (!server->listen(address, port)) {
        return makeError(QStringLiteral("api.listen"),
                         QStringLiteral("cannot listen for the admin API on %1:%2: %3")
                             .arg(address.toString())
                             .arg(port)
                             .arg(server->errorString()));
    }
    m_http.bind(server);
    m_port = server->serverPort();
    qCInfo(lcApi).noquote() << "admin API listening on"
                            << address.toString() + QLatin1Char(':') + QString::number(m_port);
    return Ok{};
}

// Runs before Qt's HTTP parser on every read (it is connected first, at the handshake), so an
// oversized request is answered from its headers alone and its body is never buffered.
void ApiRouter::watchRequestSize(QSslSocket *socket)
{
    // Whatever the request's shape (headers spread over many reads, a chunked body), the socket
    // never holds more than one largest allowed request.
    socket->setReadBufferSize(m_limits.maxHeaderBytes + m_limits.maxBodyBytes + 16 * 1024);
    connect(socket, &QIODevice::readyRead, this, [this, socket] {
        const QByteArray head = socket->peek(m_limits.maxHeaderBytes + 4);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (head.size() > m_limits.maxHeaderBytes) {
                refuseOversized(socket,
                                "431 Request Header Fields Too Large",
                                QByteArrayLiteral("the request headers are too large"));
            }
            return;
        }
        const qint64 length = contentLength(head.left(end));
        if (length > m_limits.maxBodyBytes || socket->bytesAvailable() > end + 4 + m_limits.maxBodyBytes) {
            qCWarning(lcApi).noquote() << "refused a request body of" << length << "bytes from"
                                       << socket->peerAddress().toString();
            refuseOversized(socket,
                            "413 Content Too Large",
                            QByteArrayLiteral("the request body is larger than ")
                                + QByteArray::number(m_limits.maxBodyBytes) + QByteArrayLiteral(" bytes"));
        }
    });
}

void ApiRouter::refuseOversized(QSslSocket *socket, const QByteArray &status, const QByteArray &message)
{
    // From here on this connection is ours alone: Qt's parser never sees the rest of it.
    disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    if (socket->isTransactionStarted()) {
        socket->rollbackTransaction();
    }
    socket->readAll();
    const QByteArray body = R"({"error":{"code":"request.too-large","message":")" + message + R"("}})";
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    // A lingering close: what the client is still sending is read and dropped for a while, so
    // that it gets to read the answer instead of a connection reset. Bounded in bytes and time.
    auto discarded = std::make_shared<qint64>(0);
    connect(socket, &QIODevice::readyRead, socket, [socket, discarded] {
        *discarded += socket->readAll().size();
        if (*discarded > kMaxLingerBytes) {
            socket->abort();
        }
    });
    QTimer::singleShot(kLingerMs, socket, [socket] {
        socket->disconnectFromHost();
    });
}

template<typename... Args>
void ApiRouter::bind(Method method, const QString &path, Work work)
{
    m_http.route(path,
                 method,
                 [this, work](Args... arguments, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     dispatch(ApiRequest::from(request, QStringList{arguments...}), std::move(responder), work);
                 });
}

void ApiRouter::addPublicRoute(Method method, const QString &path, PublicHandler handler)
{
    const Work work = [handler](const ApiRequest &request) {
        return handler(request);
    };
    switch (path.count(QLatin1String("<arg>"))) {
    case 0:
        bind<>(method, path, work);
        break;
    case 1:
        bind<const QString &>(method, path, work);
        break;
    default:
        bind<const QString &, const QString &>(method, path, work);
        break;
    }
}

void ApiRouter::addRoute(Method method,
                         const QString &path,
                         Permission permission,
                         const QString &action,
                         Handler handler)
{
    addPublicRoute(method, path, [this, permission, action, handler](const ApiRequest &request) {
        return guarded(request, permission, action, handler);
    });
}

ApiRouter::Pending ApiRouter::watched(QHttpServerResponder &&responder)
{
    // Watched from now on, while the socket certainly exists: the responder itself keeps only a
    // raw pointer, which dangles once a client that went away has its socket deleted.
    QPointer<QTcpSocket> socket(responder.socket());
    return Pending{std::make_shared<QHttpServerResponder>(std::move(responder)), socket};
}

void ApiRouter::dispatch(ApiRequest request, QHttpServerResponder &&responder, Work work)
{
    m_pool.start([this, request = std::move(request), pending = watched(std::move(responder)), work = std::move(work)] {
        const ApiReply reply = work(request);
        QMetaObject::invokeMethod(
            this,
            [this, pending, reply] {
                respond(pending, reply);
            },
            Qt::QueuedConnection);
    });
}

void ApiRouter::respond(const Pending &pending, const ApiReply &reply)
{
    if (reply.delayMs > 0) {
        ApiReply now = reply;
        now.delayMs = 0;
        QTimer::singleShot(reply.delayMs, this, [this, pending, now] {
            respond(pending, now);
        });
        return;
    }
    if (reply.onSent) {
        reply.onSent();
    }
    // The client may have gone while the handler ran; its socket is then closed or deleted.
    if (!pending.socket || pending.socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    QHttpServerResponder *responder = pending.responder.get();
    const QByteArray body = reply.encodedBody();
    responder->writeStatusLine(reply.status);
    responder->writeHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (!body.isEmpty()) {
        responder->writeHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    }
    for (const auto &[name, value] : reply.headers) {
        responder->writeHeader(name, value);
    }
    responder->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    responder->writeBody(body);
}

Result<ApiCaller> ApiRouter::authenticate(const ApiRequest &request)
{
    if (!request.authorization.startsWith("Bearer ")) {
        return noCredentials();
    }
    const QByteArray hash = credentials::tokenHash(QString::fromLatin1(request.authorization.mid(7).trimmed()));
    const QDateTime now = m_clock.now();
    Result<std::optional<User>> session = m_store.users.sessionUser(hash, now);
    if (!session) {
        return session.error();
    }
    if (session.value()) {
        return ApiCaller{*session.value(), session.value()->role, request.source, QString(), hash};
    }
    Result<std::optional<ApiTokenRepository::Holder>> token = m_store.apiTokens.authenticate(hash, now);
    if (!token) {
        return token.error();
    }
    if (!token.value()) {
        return noCredentials();
    }
    const ApiTokenRepository::Holder &holder = *token.value();
    const Role role = isWithin(holder.token.role, holder.owner.role) ? holder.token.role : holder.owner.role;
    return ApiCaller{holder.owner, role, request.source, holder.token.id, QByteArray()};
}

ApiReply ApiRouter::guarded(const ApiRequest &request,
                            Permission permission,
                            const QString &action,
                            const Handler &handler)
{
    const Result<ApiCaller> caller = authenticate(request);
    if (!caller) {
        if (caller.error().code == QLatin1String("auth.required")) {
            return ApiReply::error(ApiReply::Status::Unauthorized, caller.error().code, caller.error().message);
        }
        return ApiReply::storeFailure(caller.error());
    }
    if (!hasPermission(caller.value().role, permission)) {
        audit(caller.value().user.name,
              action,
              request.arguments.value(0),
              QStringLiteral("denied"),
              request.source,
              QStringLiteral("role %1 lacks %2").arg(roleName(caller.value().role), permissionName(permission)));
        return ApiReply::error(ApiReply::Status::Forbidden,
                               QStringLiteral("auth.forbidden"),
                               QStringLiteral("your role (%1) may not do this (%2)")
                                   .arg(roleName(caller.value().role), permissionName(permission)));
    }
    return handler(request, caller.value());
}

void ApiRouter::runInBackground(std::function<void()> work)
{
    m_pool.start(std::move(work));
}

void ApiRouter::audit(const QString &actor,
                      const QString &action,
                      const QString &target,
                      const QString &outcome,
                      const QString &source,
                      const QString &detail)
{
    if (Status written =
            m_store.audit.append(AuditEntry{m_clock.now(), actor, action, target, outcome, source, detail});
        !written) {
        qCWarning(lcApi).noquote() << "audit row for" << action << "by" << actor
                                   << "not written:" << written.error().message;
    }
}

} // namespace steward::server
