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
// identities signed by it. A second TestSite is a stranger CA. Made in-process with the site's own
// pki code, so every test side (agent, server, console) gets the certificates a real site has.
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
    // A server certificate for these subjectAltNames (CN = the first of them), signed by this
    // site's CA: another name than `server`'s, to test hostname checks.
    tls::Identity issueServer(const QStringList &dnsNames, const QStringList &ipAddresses, quint64 serial) const;
    // Writes ca.pem and ca.key into `directory`, as the console and stewardctl find a site's CA
    // file; returns the path of ca.pem, empty if a file could not be written.
    QString writeCaFiles(const QString &directory) const;

    static tls::Identity identityFrom(const QByteArray &keyPem, const QByteArray &certificatePem);
};

// Reads frames from a socket in tests: waits until one whole message arrived or the socket closed.
std::optional<QCborMap> readMessage(QSslSocket &socket, FrameDecoder *decoder = nullptr, int timeoutMs = 5000);

// Waits, spinning the event loop, until the TLS handshake is done; false if it failed.
bool waitForEncrypted(QSslSocket &socket, int timeoutMs = 5000);

} // namespace steward::test
