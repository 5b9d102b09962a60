// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestPki.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>

namespace steward::app::test
{

TestPki::TestPki(QString directory)
    : m_directory(std::move(directory))
{
}

QString TestPki::certificatePath(const QString &name) const
{
    return QDir(m_directory).filePath(name + QStringLiteral(".pem"));
}

QString TestPki::keyPath(const QString &name) const
{
    return QDir(m_directory).filePath(name + QStringLiteral(".key"));
}

QString TestPki::lastError() const
{
    return m_lastError;
}

bool TestPki::writeConfig(const QString &subjectAltName)
{
    // Own config: the system openssl.cnf could add CA:TRUE to every -x509 certificate.
    QFile config(QDir(m_directory).filePath(QStringLiteral("openssl.cnf")));
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_lastError = config.errorString();
        return false;
    }
    QByteArray text = QByteArrayLiteral(
        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n"
        "[ca_ext]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n"
        "subjectKeyIdentifier = hash\n"
        "[server_ext]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n"
        "extendedKeyUsage = serverAuth\n");
    if (!subjectAltName.isEmpty()) {
        text += QByteArrayLiteral("subjectAltName = ") + subjectAltName.toUtf8() + '\n';
    }
    config.write(text);
    return true;
}

bool TestPki::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_lastError = QStringLiteral("openssl %1: %2 %3")
                          .arg(arguments.join(QLatin1Char(' ')), process.errorString(),
                               QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool TestPki::makeCa(const QString &name)
{
    return writeConfig({})
        && openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"),
                    QDir(m_directory).filePath(QStringLiteral("openssl.cnf")), QStringLiteral("-extensions"),
                    QStringLiteral("ca_ext"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    keyPath(name), QStringLiteral("-out"), certificatePath(name), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Steward Test CA %1").arg(name)});
}

bool TestPki::makeServer(const QString &name, const QString &caName, const QString &subjectAltName)
{
    return writeConfig(subjectAltName)
        && openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"),
                    QDir(m_directory).filePath(QStringLiteral("openssl.cnf")), QStringLiteral("-extensions"),
                    QStringLiteral("server_ext"), QStringLiteral("-CA"), certificatePath(caName), QStringLiteral("-CAkey"),
                    keyPath(caName), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    keyPath(name), QStringLiteral("-out"), certificatePath(name), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")});
}

QSslConfiguration TestPki::serverConfiguration(const QString &name) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QFile certificate(certificatePath(name));
    QFile key(keyPath(name));
    if (certificate.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly)) {
        configuration.setLocalCertificate(QSslCertificate(&certificate, QSsl::Pem));
        configuration.setPrivateKey(QSslKey(&key, QSsl::Ec, QSsl::Pem));
    }
    configuration.setProtocol(QSsl::TlsV1_3OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace steward::app::test
