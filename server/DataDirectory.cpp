// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataDirectory.h"

#include "Files.h"
#include "Pki.h"
#include "StewardServerLogging.h"
#include "auth/Credentials.h"
#include "store/Database.h"
#include "store/Repositories.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>

namespace steward::server
{

namespace
{
constexpr int kCaValidityDays = 3650;
constexpr int kServerCertificateValidityDays = 825;
}

DataDirectory::DataDirectory(QString root)
    : m_root(QDir(root).absolutePath())
{
}

QString DataDirectory::caCertificate() const
{
    return m_root + QStringLiteral("/ca.pem");
}

QString DataDirectory::caKey() const
{
    return m_root + QStringLiteral("/private/ca.key");
}

QString DataDirectory::serverCertificate() const
{
    return m_root + QStringLiteral("/server.pem");
}

QString DataDirectory::serverKey() const
{
    return m_root + QStringLiteral("/private/server.key");
}

QString DataDirectory::database() const
{
    return m_root + QStringLiteral("/steward.db");
}

QString DataDirectory::databaseUrlFile() const
{
    return m_root + QStringLiteral("/private/database.url");
}

Result<DatabaseUrl> DataDirectory::databaseUrl() const
{
    if (!QFileInfo::exists(databaseUrlFile())) {
        return DatabaseUrl::sqlite(database());
    }
    Result<QByteArray> text = files::read(databaseUrlFile(), 4096);
    if (!text) {
        return text.error();
    }
    return DatabaseUrl::parse(QString::fromUtf8(text.value()).trimmed(), database());
}

bool DataDirectory::isInitialised() const
{
    return QFileInfo::exists(caCertificate()) || QFileInfo::exists(database()) || QFileInfo::exists(caKey());
}

Status DataDirectory::initialise(const InitOptions &options) const
{
    if (isInitialised()) {
        return makeError(QStringLiteral("init.exists"),
                         QStringLiteral("%1 is already initialised; nothing was changed").arg(m_root));
    }
    if (Status rules = credentials::checkPasswordRules(options.adminPassword, options.adminUser); !rules) {
        return makeError(QStringLiteral("init.weak-password"),
                         QStringLiteral("the admin password is too weak: %1").arg(rules.error().message));
    }
    Result<DatabaseUrl> url = DatabaseUrl::parse(options.databaseUrl, database());
    if (!url) {
        return url.error();
    }
    if (Status status = files::makePrivateDirectory(m_root + QStringLiteral("/private")); !status) {
        return status;
    }
    // An empty file is a valid new SQLite database; creating it here sets its mode (and so that
    // of its -wal and -shm companions) to owner-only, since it holds password hashes.
    if (url.value().dialect == Dialect::Sqlite) {
        if (Status status = files::writeNew(url.value().path, QByteArray(), files::kPrivate); !status) {
            return status;
        }
    }
    Result<std::unique_ptr<Database>> db = Database::open(url.value());
    if (!db) {
        return db.error();
    }
    Repositories store(*db.value());
    Result<QList<User>> users = store.users.list();
    if (!users) {
        return users.error();
    }
    if (!users.value().isEmpty()) {
        return makeError(QStringLiteral("init.exists"),
                         QStringLiteral("the database %1 already holds a Steward site; nothing was changed")
                             .arg(url.value().toString()));
    }

    Result<pki::KeyAndCertificate> ca = pki::createCa(QStringLiteral("Steward site CA"), kCaValidityDays);
    if (!ca) {
        return ca.error();
    }
    Result<pki::KeyAndCsr> serverKeyAndCsr = pki::createKeyAndCsr(QStringLiteral("steward-server"));
    if (!serverKeyAndCsr) {
        return serverKeyAndCsr.error();
    }
    pki::SigningRequest request;
    request.csrPem = serverKeyAndCsr.value().csrPem;
    request.commonName = QHostInfo::localHostName();
    request.serial = 1;
    request.validDays = kServerCertificateValidityDays;
    request.usage = pki::Usage::Server;
    request.dnsNames = {QStringLiteral("localhost")};
    request.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    const QString hostName = QHostInfo::localHostName();
    if (!hostName.isEmpty() && hostName != QLatin1String("localhost")) {
        request.dnsNames << hostName;
    }
    for (const QString &name : options.subjectAltNames) {
        QHostAddress address;
        if (address.setAddress(name)) {
            request.ipAddresses << address.toString();
        } else {
            request.dnsNames << name;
        }
    }
    request.dnsNames.removeDuplicates();
    request.ipAddresses.removeDuplicates();
    Result<QByteArray> issued = pki::signCsr(request, ca.value());
    if (!issued) {
        return issued.error();
    }

    // Keys first and owner-only; the CA certificate last, since its presence marks "initialised".
    for (const auto &[path, data, mode] : {std::tuple{caKey(), ca.value().keyPem, files::kPrivate},
                                           std::tuple{serverKey(), serverKeyAndCsr.value().keyPem, files::kPrivate},
                                           std::tuple{serverCertificate(), issued.value(), files::kPublic}}) {
        if (Status status = files::writeNew(path, data, mode); !status) {
            return status;
        }
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (Status status =
            store.users.add(User{options.adminUser, Role::Admin, credentials::hashPassword(options.adminPassword)},
                            now);
        !status) {
        return status;
    }
    if (Status status =
            store.audit.append(AuditEntry{now,
                                          options.adminUser,
                                          QStringLiteral("server.init"),
                                          m_root,
                                          QStringLiteral("ok"),
                                          QStringLiteral("local"),
                                          QStringLiteral("created CA, server certificate and first admin")});
        !status) {
        return status;
    }
    if (Status status = files::writeNew(databaseUrlFile(), url.value().toString(true).toUtf8() + '\n', files::kPrivate);
        !status) {
        return status;
    }
    if (Status status = files::writeNew(caCertificate(), ca.value().certificatePem, files::kPublic); !status) {
        return status;
    }
    Result<QString> fingerprint = pki::fingerprint(ca.value().certificatePem);
    qCInfo(lcServer) << "initialised" << m_root << "CA fingerprint" << (fingerprint ? fingerprint.value() : QString());
    return Ok{};
}

} // namespace steward::server
