// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlsConfig.h"

#include "Files.h"
#include "Pki.h"

#include <QCryptographicHash>

namespace steward::tls
{

namespace
{
QSslConfiguration tls13()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_3OrLater);
    // Session tickets would let a revoked device resume without a fresh certificate check.
    config.setSslOption(QSsl::SslOptionDisableSessionTickets, true);
    return config;
}

}

Result<QSslCertificate> loadCertificate(const QString &path)
{
    Result<QByteArray> pem = files::read(path);
    if (!pem) {
        return pem.error();
    }
    QSslCertificate certificate(pem.value(), QSsl::Pem);
    if (certificate.isNull()) {
        return makeError(QStringLiteral("tls.certificate-invalid"),
                         QStringLiteral("%1 holds no PEM certificate").arg(path));
    }
    return certificate;
}

Result<Identity> loadIdentity(const QString &certificatePath, const QString &keyPath)
{
    Result<QSslCertificate> certificate = loadCertificate(certificatePath);
    if (!certificate) {
        return certificate.error();
    }
    Result<QByteArray> keyPem = files::read(keyPath);
    if (!keyPem) {
        return keyPem.error();
    }
    QSslKey key(keyPem.value(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) {
        return makeError(QStringLiteral("tls.key-invalid"), QStringLiteral("%1 holds no EC private key").arg(keyPath));
    }
    return Identity{certificate.value(), key};
}

QSslConfiguration agentGateway(const Identity &server, const QSslCertificate &ca)
{
    QSslConfiguration config = tls13();
    config.setLocalCertificateChain({server.certificate, ca});
    config.setPrivateKey(server.key);
    config.setCaCertificates({ca});
    config.setPeerVerifyMode(QSslSocket::QueryPeer);
    return config;
}

QSslConfiguration apiServer(const Identity &server, const QSslCertificate &ca)
{
    QSslConfiguration config = tls13();
    config.setLocalCertificateChain({server.certificate, ca});
    config.setPrivateKey(server.key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

QSslConfiguration agentClient(const std::optional<Identity> &device)
{
    QSslConfiguration config = tls13();
    if (device) {
        config.setLocalCertificate(device->certificate);
        config.setPrivateKey(device->key);
    }
    // Verification is verifyPinnedPeer(): the trust anchor is a pinned fingerprint, not a CA store.
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setCaCertificates({});
    return config;
}

QSslConfiguration apiClient(const QList<QSslCertificate> &caCertificates)
{
    QSslConfiguration config = tls13();
    config.setCaCertificates(caCertificates);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

Result<QSslCertificate> verifyPinnedPeer(const QList<QSslCertificate> &chain,
                                         const QString &pinnedFingerprint,
                                         const QString &host,
                                         const QDateTime &now)
{
    const QString pin = pki::normalizeFingerprint(pinnedFingerprint);
    if (chain.isEmpty() || pin.isEmpty()) {
        return makeError(QStringLiteral("tls.no-peer-certificate"),
                         QStringLiteral("the server presented no certificate"));
    }
    for (const QSslCertificate &candidate : chain) {
        if (QString::fromLatin1(candidate.digest(QCryptographicHash::Sha256).toHex()) != pin) {
            continue;
        }
        const QByteArray caPem = candidate.toPem();
        const QByteArray leafPem = chain.first().toPem();
        Status issued = pki::verifyIssuedBy(leafPem, caPem, now, pki::Usage::Server);
        if (!issued) {
            return makeError(
                QStringLiteral("tls.untrusted"),
                QStringLiteral("server certificate not issued by the pinned CA: %1").arg(issued.error().message));
        }
        if (!pki::matchesHost(leafPem, host)) {
            return makeError(QStringLiteral("tls.wrong-host"),
                             QStringLiteral("server certificate does not name %1").arg(host));
        }
        return candidate;
    }
    return makeError(QStringLiteral("tls.pin-mismatch"),
                     QStringLiteral("the server's CA does not match the pinned fingerprint"));
}

} // namespace steward::tls
