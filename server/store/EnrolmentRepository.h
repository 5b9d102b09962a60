// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Enrolment.h"
#include "domain/OrgUnit.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace steward::server
{
class Database;

// Enrolment tokens, certificate serials and the certificates issued to devices.
class EnrolmentRepository
{
public:
    explicit EnrolmentRepository(Database &database);

    // Devices enrolled with the token land in the org unit `orgUnitId` (domain/OrgUnit.h).
    Status addToken(const QByteArray &tokenHash,
                    int uses,
                    const QDateTime &expires,
                    const QString &createdBy,
                    const QDateTime &now,
                    qint64 orgUnitId = orgunit::kRootId);
    // Checks a token without consuming it (so a CSR is only signed for a usable token). The
    // error code says why a token cannot be used: token.unknown, token.expired, token.used-up,
    // or store.* when the database could not be asked.
    Status checkToken(const QByteArray &tokenHash, const QDateTime &now);

    // Reserves the next certificate serial number.
    Result<quint64> nextSerial();

    // Consumes one use of the token and records the device and its certificate, atomically:
    // a token is never spent without a device, nor a device added without a valid token.
    Status enrollDevice(const QByteArray &tokenHash, const NewDevice &device, const QDateTime &now);

    // Records a further certificate for an enrolled device (renewal); the old one stays valid
    // until it expires, so an agent that misses the answer can still connect and try again.
    Status addCertificate(const QString &deviceId,
                          quint64 serial,
                          const QString &fingerprint,
                          const QDateTime &notAfter,
                          const QDateTime &now,
                          const QByteArray &certificatePem = {});

    // When the device's newest certificate was issued (renewals are rate-limited on it); null
    // when it has none.
    Result<QDateTime> lastCertificateIssuedAt(const QString &deviceId);

    // The device a certificate was issued to; empty when no device has it.
    Result<std::optional<CertificateStatus>> certificateStatus(const QString &fingerprint);

private:
    Error tokenRejection(const QByteArray &tokenHash, const QDateTime &now);

    Database &m_db;
};

} // namespace steward::server
