// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Pki.h"
#include "TlsConfig.h"

#include <QCborMap>
#include <QSslSocket>

namespace steward
{
class FrameDecoder;
}

namespace steward::test
{

// A throwaway site PKI for tests: a CA, a server identity for localhost/127.0.0.1, and client
// identities signed by it (or by a stranger CA).
class TestSite
{
public:
    TestSite();

    pki::KeyAndCertificate ca;
    tls::Identity server;
    QString caFingerprint;

    QSslCertificate caCertificate() const;
    // A device certificate with CN = `deviceId`, signed by this site's CA.
    tls::Identity issueClient(const QString &deviceId, quint64 serial) const;

    static tls::Identity identityFrom(const QByteArray &keyPem, const QByteArray &certificatePem);
};

// Reads frames from a socket in tests: waits until one whole message arrived or the socket closed.
std::optional<QCborMap> readMessage(QSslSocket &socket, FrameDecoder *decoder = nullptr, int timeoutMs = 5000);

// Waits, spinning the event loop, until the TLS handshake is done; false if it failed.
bool waitForEncrypted(QSslSocket &socket, int timeoutMs = 5000);

} // namespace steward::test
