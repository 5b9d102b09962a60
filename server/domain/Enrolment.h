// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace steward::server
{

// A device about to be recorded together with its first certificate.
struct NewDevice {
    QString id;
    QString hostname;
    quint64 serial = 0;
    QString fingerprint; // SHA-256 of the certificate, hex
    QDateTime notAfter;
    QByteArray certificatePem; // as issued (job receipts are checked against it)
};

// What a client certificate presented at the agent port belongs to.
struct CertificateStatus {
    QString deviceId;
    bool revoked = false;
};

} // namespace steward::server
