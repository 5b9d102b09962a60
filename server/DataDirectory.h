// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

namespace steward::server
{

// Where a site server keeps its state. Private keys live under private/ with mode 0600.
class DataDirectory
{
public:
    explicit DataDirectory(QString root);

    QString root() const
    {
        return m_root;
    }
    QString caCertificate() const;
    QString caKey() const;
    QString serverCertificate() const;
    QString serverKey() const;
    QString database() const;

    bool isInitialised() const;

    struct InitOptions {
        QString adminUser = QStringLiteral("admin");
        QString adminPassword;
        QStringList subjectAltNames; // beyond localhost, 127.0.0.1, ::1 and this host's name
    };
    // Creates CA, server certificate, database and the first admin. Refuses an initialised
    // directory without touching it.
    Status initialise(const InitOptions &options) const;

private:
    QString m_root;
};

} // namespace steward::server
