// SPDX-License-Identifier: GPL-3.0-or-later
// The smallest Qt program that does what the idle agent does: one mutual-TLS 1.3 connection
// through QSslSocket, held open. Its resident memory is the floor under steward-agent's with this
// Qt, OpenSSL and kernel; footprint.sh prints both, so the agent's own share is the difference.
//
// Usage: steward-bench-tls-floor HOST PORT CERT KEY   (prints VmRSS in KiB after 3 s idle)
#include <QCoreApplication>
#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include <cstdio>

namespace
{
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fputs("usage: steward-bench-tls-floor HOST PORT CERT KEY\n", stderr);
        return 2;
    }
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // only the memory is measured, not trust
    tls.setLocalCertificate(QSslCertificate(readAll(args.at(3))));
    tls.setPrivateKey(QSslKey(readAll(args.at(4)), QSsl::Ec));
    socket.setSslConfiguration(tls);
    int exitCode = 1;
    QObject::connect(&socket, &QSslSocket::encrypted, &app, [&] {
        QTimer::singleShot(3000, &app, [&] {
            std::printf("%ld\n", residentKiB());
            exitCode = 0;
            QCoreApplication::quit();
        });
    });
    QObject::connect(&socket, &QSslSocket::errorOccurred, &app, [&] {
        if (exitCode != 0) {
            std::fprintf(stderr, "steward-bench-tls-floor: %s\n", qPrintable(socket.errorString()));
            QCoreApplication::exit(1);
        }
    });
    socket.connectToHostEncrypted(args.at(1), quint16(args.at(2).toUInt()));
    app.exec();
    return exitCode;
}
