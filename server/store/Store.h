// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace steward::server
{

enum class Role {
    Admin,
    Helpdesk,
};
QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

struct User {
    QString name;
    Role role = Role::Helpdesk;
    QString passwordHash;
};

struct Device {
    QString id;
    QString hostname;
    QDateTime enrolledAt;
    QDateTime lastSeen; // null when never reported
    qint64 lastSequence = 0;
    qint64 reportsStored = 0; // applied reports, duplicates excluded
    bool revoked = false;
    QCborMap sections; // name -> decoded section value
};

struct NewDevice {
    QString id;
    QString hostname;
    quint64 serial = 0;
    QString fingerprint;
    QDateTime notAfter;
};

struct CertificateStatus {
    QString deviceId;
    bool revoked = false;
};

enum class IngestOutcome {
    Stored,
    Duplicate, // sequence already stored: ack again, change nothing
    StoredNeedsResync, // stored, but an unchanged section's hash disagrees with ours
};

struct AuditEntry {
    QDateTime at;
    QString actor;
    QString action;
    QString target;
    QString outcome;
    QString source;
    QString detail;
};

// The site database (SQLite, WAL, synchronous=FULL so that a committed report survives power
// loss before it is acknowledged). One Store per thread: it owns one named connection.
class Store
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    Status open(const QString &path);
    int schemaVersion() const;

    Status addUser(const User &user, const QDateTime &now);
    std::optional<User> user(const QString &name) const;

    Status addSession(const QByteArray &tokenHash, const QString &userName, const QDateTime &now, const QDateTime &expires);
    std::optional<User> sessionUser(const QByteArray &tokenHash, const QDateTime &now) const;
    Status removeSession(const QByteArray &tokenHash);

    Status addEnrollmentToken(const QByteArray &tokenHash, int uses, const QDateTime &expires, const QString &createdBy, const QDateTime &now);

    // Reserves the next certificate serial number.
    Result<quint64> nextSerial();

    // Consumes one use of the token and records the device and its certificate, atomically:
    // a token is never spent without a device, nor a device added without a valid token.
    Status enrollDevice(const QByteArray &tokenHash, const NewDevice &device, const QDateTime &now);
    // Checks a token without consuming it (so a CSR is only signed for a usable token).
    Status checkEnrollmentToken(const QByteArray &tokenHash, const QDateTime &now) const;

    // Records a further certificate for an enrolled device (renewal); the old one stays valid
    // until it expires, so an agent that misses the answer can still connect and try again.
    Status addCertificate(const QString &deviceId, quint64 serial, const QString &fingerprint, const QDateTime &notAfter, const QDateTime &now);

    std::optional<CertificateStatus> certificateStatus(const QString &fingerprint) const;
    Result<bool> revokeDevice(const QString &deviceId);

    // Applies one report in one transaction; returns only after commit.
    Result<IngestOutcome> ingestReport(const QString &deviceId, qint64 sequence, const QCborMap &sections, const QCborMap &hashes,
                                       const QDateTime &now);
    Status touchDevice(const QString &deviceId, const QDateTime &now);
    qint64 lastSequence(const QString &deviceId) const;

    QList<Device> devices() const;
    std::optional<Device> device(const QString &id) const;

    // Failures are logged, never silent; the audit table lives in the same database as the change.
    void audit(const AuditEntry &entry);
    QList<AuditEntry> auditEntries(int limit) const;

private:
    Status migrate();
    Status exec(const QString &sql);
    QSqlDatabase db() const;

    QString m_connectionName;
};

} // namespace steward::server
