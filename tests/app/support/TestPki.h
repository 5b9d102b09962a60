// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslConfiguration>
#include <QString>

namespace steward::app::test
{

// Throwaway CAs and server certificates made with the openssl CLI, for
// loopback TLS tests. Files are NAME.pem and NAME.key inside one directory.
class TestPki
{
public:
    explicit TestPki(QString directory);

    bool makeCa(const QString &name);
    // subjectAltName like "IP:127.0.0.1,DNS:localhost".
    bool makeServer(const QString &name, const QString &caName, const QString &subjectAltName);

    QString certificatePath(const QString &name) const;
    QString keyPath(const QString &name) const;
    QSslConfiguration serverConfiguration(const QString &name) const;
    QString lastError() const;

private:
    bool openssl(const QStringList &arguments);
    bool writeConfig(const QString &subjectAltName);

    QString m_directory;
    QString m_lastError;
};

} // namespace steward::app::test
