// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiReply.h"
#include "ApiRequest.h"
#include "Permissions.h"
#include "Result.h"
#include "TlsConfig.h"
#include "domain/User.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>

#include <functional>

class QSslSocket;

namespace steward
{
class Clock;
}

namespace steward::server
{
struct Repositories;

// Who is calling: the person, and the rights this call carries.
struct ApiCaller {
    User user;
    Role role = Role::Helpdesk; // a token's role, capped by its owner's current one
    QString source;
    QString tokenId; // the API token used; empty for a login session
    QByteArray sessionHash; // the login session used; empty for an API token
};

// The admin API's one door. For every route it authenticates the caller (a login session or a
// personal API token), checks the route's permission and writes an audit row when it refuses,
// then runs the handler on a worker thread, so that password checks and database reads never
// hold up the event loop that serves agents. It writes the reply back on the event loop, only
// if the client is still there. Bodies above a cap are refused before they are read into memory.
class ApiRouter : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ApiReply(const ApiRequest &, const ApiCaller &)>;
    using PublicHandler = std::function<ApiReply(const ApiRequest &)>;
    using Method = QHttpServerRequest::Method;

    struct Limits {
        qsizetype maxBodyBytes = 1024 * 1024; // docs/openapi.yaml states it
        qsizetype maxHeaderBytes = 64 * 1024;
        int workerThreads = 4;
    };

    ApiRouter(Repositories &store, const Clock &clock, Limits limits, QObject *parent = nullptr);
    ~ApiRouter() override;

    // Waits for every handler still running. Whoever owns what the handlers use calls it before
    // taking that away.
    void waitForHandlers();

    // A route anyone may call (logging in). `path` may hold up to two <arg> placeholders.
    void addPublicRoute(Method method, const QString &path, PublicHandler handler);
    // A route for a caller holding `permission`; `action` names it in the audit log.
    void addRoute(Method method, const QString &path, Permission permission, const QString &action, Handler handler);

    Status listen(const QHostAddress &address, quint16 port, const tls::Identity &identity, const QSslCertificate &ca);
    quint16 port() const
    {
        return m_port;
    }

    // Runs `work` on a worker thread of the API, as handlers run: housekeeping that must not
    // hold up the event loop (expiring jobs). waitForHandlers() waits for it too.
    void runInBackground(std::function<void()> work);

    // Writes an audit row; a failed write is logged, never silent. Any thread.
    void audit(const QString &actor,
               const QString &action,
               const QString &target,
               const QString &outcome,
               const QString &source,
               const QString &detail = {});

private:
    using Work = std::function<ApiReply(const ApiRequest &)>;
    template<typename... Args>
    void bind(Method method, const QString &path, Work work);
    // A reply still to be written, and whether its client is still there.
    struct Pending {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
    };
    static Pending watched(QHttpServerResponder &&responder);
    void dispatch(ApiRequest request, QHttpServerResponder &&responder, Work work);
    void respond(const Pending &pending, const ApiReply &reply);
    Result<ApiCaller> authenticate(const ApiRequest &request);
    ApiReply guarded(const ApiRequest &request, Permission permission, const QString &action, const Handler &handler);
    void watchRequestSize(QSslSocket *socket);
    void refuseOversized(QSslSocket *socket, const QByteArray &status, const QByteArray &message);

    Repositories &m_store;
    const Clock &m_clock;
    Limits m_limits;
    QHttpServer m_http;
    QThreadPool m_pool;
    quint16 m_port = 0;
};

} // namespace steward::server
