// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/DatabaseUrl.h"

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
    // The default database: a SQLite file in the directory.
    QString database() const;
    // Where `init --database` recorded the site database (owner-only: it may hold a password).
    QString databaseUrlFile() const;
    // The site database this directory uses: the recorded URL, else the SQLite file.
    Result<DatabaseUrl> databaseUrl() const;

    bool isInitialised() const;

    struct InitOptions {
        QString adminUser = QStringLiteral("admin");
        QString adminPassword;
        QStringList subjectAltNames; // beyond localhost, 127.0.0.1, ::1 and this host's name
        QString databaseUrl; // empty: a SQLite file in the directory (DatabaseUrl::parse)
    };
    // Creates CA, server certificate, database and the first admin. Refuses an initialised
    // directory, or a PostgreSQL database that already has users, without touching it.
    Status initialise(const InitOptions &options) const;

private:
    QString m_root;
};

} // namespace steward::server
