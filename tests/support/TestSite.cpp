// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSite.h"

#include "FrameCodec.h"

#include <QTest>

namespace steward::test
{

TestSite::TestSite()
{
    ca = pki::createCa(QStringLiteral("Test CA"), 30).value();
    caFingerprint = pki::fingerprint(ca.certificatePem).value();
    const pki::KeyAndCsr serverKey = pki::createKeyAndCsr(QStringLiteral("server")).value();
    pki::SigningRequest request;
    request.csrPem = serverKey.csrPem;
    request.commonName = QStringLiteral("localhost");
    request.serial = 2;
    request.usage = pki::Usage::Server;
    request.dnsNames = {QStringLiteral("localhost")};
    request.ipAddresses = {QStringLiteral("127.0.0.1")};
    server = identityFrom(serverKey.keyPem, pki::signCsr(request, ca).value());
}

QSslCertificate TestSite::caCertificate() const
{
    return QSslCertificate(ca.certificatePem, QSsl::Pem);
}

tls::Identity TestSite::issueClient(const QString &deviceId, quint64 serial) const
{
    const pki::KeyAndCsr key = pki::createKeyAndCsr(deviceId).value();
    pki::SigningRequest request;
    request.csrPem = key.csrPem;
    request.commonName = deviceId;
    request.serial = serial;
    request.usage = pki::Usage::Client;
    return identityFrom(key.keyPem, pki::signCsr(request, ca).value());
}

tls::Identity TestSite::identityFrom(const QByteArray &keyPem, const QByteArray &certificatePem)
{
    return tls::Identity{QSslCertificate(certificatePem, QSsl::Pem), QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey)};
}

std::optional<QCborMap> readMessage(QSslSocket &socket, FrameDecoder *decoder, int timeoutMs)
{
    FrameDecoder local;
    FrameDecoder &frames = decoder ? *decoder : local;
    std::optional<QCborMap> message;
    // qWaitFor spins the event loop, so a server living in this same thread keeps working.
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            frames.append(socket.readAll());
            Result<std::optional<QCborMap>> next = frames.next();
            if (!next) {
                return true;
            }
            if (next.value()) {
                message = next.value();
                return true;
            }
            return socket.state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs);
    return message;
}

bool waitForEncrypted(QSslSocket &socket, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs)
        && socket.isEncrypted();
}

} // namespace steward::test
