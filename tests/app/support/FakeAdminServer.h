// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

namespace steward::app::test
{

// A loopback HTTPS server speaking the admin API from docs/protocol.md with
// canned answers; records what clients send.
class FakeAdminServer : public QObject
{
    Q_OBJECT

public:
    static constexpr auto user = "admin";
    static constexpr auto password = "secret";
    static constexpr auto sessionToken = "session-token-for-tests";
    static constexpr auto knownDeviceId = "d-0001";

    explicit FakeAdminServer(QObject *parent = nullptr);

    // Listens on 127.0.0.1 on a free port; false when that failed.
    bool start(const QSslConfiguration &tls);
    quint16 port() const;
    QUrl url(const QString &host = QStringLiteral("127.0.0.1")) const;

    // Forget every session, as a server restart or expiry would.
    void dropSessions();

    static QJsonArray sampleDevices();
    static QJsonObject sampleDetail();

    QStringList requests;                  // "POST /api/v1/login"
    QList<QByteArray> authorizationHeaders; // as received, for authenticated paths

private:
    bool authorized(const QHttpServerRequest &request);
    void record(const QHttpServerRequest &request);

    QHttpServer m_server;
    quint16 m_port = 0;
    bool m_sessionValid = false;
};

} // namespace steward::app::test
