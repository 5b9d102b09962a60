// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnrolmentRepository.h"

#include "Database.h"
#include "SqlTransaction.h"

#include <QSqlQuery>

namespace steward::server
{

namespace
{
const QString kInsertCertificate = QStringLiteral(
    "INSERT INTO certificates (serial, device_id, fingerprint, issued_at, not_after, pem) VALUES (?, ?, ?, ?, ?, ?)");
}

EnrolmentRepository::EnrolmentRepository(Database &database)
    : m_db(database)
{
}

Status EnrolmentRepository::addToken(const QByteArray &tokenHash,
                                     int uses,
                                     const QDateTime &expires,
                                     const QString &createdBy,
                                     const QDateTime &now,
                                     qint64 orgUnitId)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO enrollment_tokens (token_hash, uses_left, expires_at, created_by, "
                                 "created_at, org_unit_id) VALUES (?, ?, ?, ?, ?, ?)"),
                  {sql::hashText(tokenHash), uses, sql::epoch(expires), createdBy, sql::epoch(now), orgUnitId})) {
        return m_db.failure(query.lastError(), QStringLiteral("adding enrolment token"));
    }
    return Ok{};
}

Error EnrolmentRepository::tokenRejection(const QByteArray &tokenHash, const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT uses_left, expires_at FROM enrollment_tokens WHERE token_hash = ?"),
                  {sql::hashText(tokenHash)})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading enrolment token"));
    }
    if (!query.next()) {
        return makeError(QStringLiteral("token.unknown"),
                         QStringLiteral("the enrolment token is not known to this server"));
    }
    if (query.value(1).toLongLong() <= now.toSecsSinceEpoch()) {
        return makeError(QStringLiteral("token.expired"), QStringLiteral("the enrolment token has expired"));
    }
    if (query.value(0).toInt() <= 0) {
        return makeError(QStringLiteral("token.used-up"), QStringLiteral("the enrolment token has no uses left"));
    }
    return makeError(QStringLiteral("token.invalid"), QStringLiteral("the enrolment token cannot be used"));
}

Status EnrolmentRepository::checkToken(const QByteArray &tokenHash, const QDateTime &now)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(
            query,
            QStringLiteral("SELECT 1 FROM enrollment_tokens WHERE token_hash = ? AND uses_left > 0 AND expires_at > ?"),
            {sql::hashText(tokenHash), sql::epoch(now)})) {
        return m_db.failure(query.lastError(), QStringLiteral("checking enrolment token"));
    }
    if (query.next()) {
        return Ok{};
    }
    return tokenRejection(tokenHash, now);
}

Result<quint64> EnrolmentRepository::nextSerial()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(
            query,
            QStringLiteral("UPDATE counters SET value = value + 1 WHERE name = 'certificate_serial' RETURNING value"))
        || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("reserving a certificate serial"));
    }
    return query.value(0).toULongLong();
}

Status EnrolmentRepository::enrollDevice(const QByteArray &tokenHash, const NewDevice &device, const QDateTime &now)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting enrolment"));
    }
    QSqlQuery query(db);
    if (!sql::run(query,
                  QStringLiteral("UPDATE enrollment_tokens SET uses_left = uses_left - 1 WHERE token_hash = ? AND "
                                 "uses_left > 0 AND expires_at > ?"),
                  {sql::hashText(tokenHash), sql::epoch(now)})) {
        return m_db.failure(query.lastError(), QStringLiteral("consuming enrolment token"));
    }
    if (query.numRowsAffected() != 1) {
        return tokenRejection(tokenHash, now);
    }
    if (!sql::run(query,
                  QStringLiteral("INSERT INTO devices (id, hostname, enrolled_at, org_unit_id) VALUES (?, ?, ?, "
                                 "COALESCE((SELECT org_unit_id FROM enrollment_tokens WHERE token_hash = ?), 1))"),
                  {device.id, device.hostname, sql::epoch(now), sql::hashText(tokenHash)})) {
        return m_db.failure(query.lastError(), QStringLiteral("adding device"));
    }
    if (!sql::run(query,
                  kInsertCertificate,
                  {qint64(device.serial),
                   device.id,
                   device.fingerprint,
                   sql::epoch(now),
                   sql::epoch(device.notAfter),
                   QString::fromLatin1(device.certificatePem)})) {
        return m_db.failure(query.lastError(), QStringLiteral("recording certificate"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing enrolment"));
    }
    return Ok{};
}

Status EnrolmentRepository::addCertificate(const QString &deviceId,
                                           quint64 serial,
                                           const QString &fingerprint,
                                           const QDateTime &notAfter,
                                           const QDateTime &now,
                                           const QByteArray &certificatePem)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  kInsertCertificate,
                  {qint64(serial),
                   deviceId,
                   fingerprint,
                   sql::epoch(now),
                   sql::epoch(notAfter),
                   QString::fromLatin1(certificatePem)})) {
        return m_db.failure(query.lastError(), QStringLiteral("recording renewed certificate"));
    }
    return Ok{};
}

Result<QDateTime> EnrolmentRepository::lastCertificateIssuedAt(const QString &deviceId)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("SELECT MAX(issued_at) FROM certificates WHERE device_id = ?"), {deviceId})
        || !query.next()) {
        return m_db.failure(query.lastError(), QStringLiteral("reading certificates"));
    }
    return sql::fromEpoch(query.value(0));
}

Result<std::optional<CertificateStatus>> EnrolmentRepository::certificateStatus(const QString &fingerprint)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT d.id, d.revoked FROM certificates c JOIN devices d ON d.id = c.device_id "
                                 "WHERE c.fingerprint = ?"),
                  {fingerprint})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading certificate"));
    }
    if (!query.next()) {
        return std::optional<CertificateStatus>();
    }
    return std::optional<CertificateStatus>(CertificateStatus{query.value(0).toString(), query.value(1).toInt() != 0});
}

} // namespace steward::server
