// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSite.h"

#include "Files.h"
#include "FrameCodec.h"

#include <QDir>
#include <QTest>

namespace steward::test
{

TestSite::TestSite()
{
    ca = pki::createCa(QStringLiteral("Test CA"), 30).value();
    caFingerprint = pki::fingerprint(ca.certificatePem).value();
    server = issueServer({QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")}, 2);
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

tls::Identity TestSite::issueServer(const QStringList &dnsNames, const QStringList &ipAddresses, quint64 serial) const
{
    const pki::KeyAndCsr key = pki::createKeyAndCsr(QStringLiteral("server")).value();
    pki::SigningRequest request;
    request.csrPem = key.csrPem;
    request.commonName = dnsNames.isEmpty() ? ipAddresses.value(0) : dnsNames.first();
    request.serial = serial;
    request.usage = pki::Usage::Server;
    request.dnsNames = dnsNames;
    request.ipAddresses = ipAddresses;
    return identityFrom(key.keyPem, pki::signCsr(request, ca).value());
}

QString TestSite::writeCaFiles(const QString &directory) const
{
    const QDir dir(directory);
    const QString certificatePath = dir.filePath(QStringLiteral("ca.pem"));
    if (!files::replace(certificatePath, ca.certificatePem, files::kPublic)
        || !files::replace(dir.filePath(QStringLiteral("ca.key")), ca.keyPem, files::kPrivate)) {
        return {};
    }
    return certificatePath;
}

tls::Identity TestSite::identityFrom(const QByteArray &keyPem, const QByteArray &certificatePem)
{
    return tls::Identity{QSslCertificate(certificatePem, QSsl::Pem),
                         QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey)};
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
