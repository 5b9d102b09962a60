// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

// The one place where Steward's TLS settings live: TLS 1.3 only on every endpoint.
namespace steward::tls
{

struct Identity {
    QSslCertificate certificate;
    QSslKey key;
};

Result<Identity> loadIdentity(const QString &certificatePath, const QString &keyPath);
Result<QSslCertificate> loadCertificate(const QString &path);

// Agent gateway: presents [server certificate, CA] so agents can find the CA they pin, and asks
// for a client certificate without requiring one, because enrolling agents have none yet. The
// gateway checks the client certificate itself once the handshake is done (AgentSession).
QSslConfiguration agentGateway(const Identity &server, const QSslCertificate &ca);

// Admin API: server authentication only; users log in with a password over it.
QSslConfiguration apiServer(const Identity &server, const QSslCertificate &ca);

// Agent side: presents its device certificate when it has one. The server is verified after the
// handshake by verifyPinnedPeer(), against the pinned CA fingerprint, before anything is sent.
QSslConfiguration agentClient(const std::optional<Identity> &device);

// Console and stewardctl: trust exactly the site CA (from ca.pem), normal hostname checks.
QSslConfiguration apiClient(const QList<QSslCertificate> &caCertificates);

// The peer chain contains a CA whose SHA-256 fingerprint equals `pinnedFingerprint`, the leaf
// is issued by that CA, valid at `now`, and names `host`. Returns the pinned CA certificate.
Result<QSslCertificate> verifyPinnedPeer(const QList<QSslCertificate> &chain,
                                         const QString &pinnedFingerprint,
                                         const QString &host,
                                         const QDateTime &now);

} // namespace steward::tls
