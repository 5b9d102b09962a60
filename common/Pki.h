// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

#include <optional>

// The site's private PKI on OpenSSL libcrypto: one EC P-256 CA per site, server and device
// certificates signed from CSRs. Keys and certificates travel as PEM.
namespace steward::pki
{

struct KeyAndCertificate {
    QByteArray keyPem;
    QByteArray certificatePem;
};

struct KeyAndCsr {
    QByteArray keyPem;
    QByteArray csrPem;
};

enum class Usage {
    Server,
    Client,
};

struct SigningRequest {
    QByteArray csrPem;
    QString commonName; // replaces whatever subject the CSR asked for
    quint64 serial = 0;
    int validDays = 30;
    Usage usage = Usage::Client;
    QStringList dnsNames; // subjectAltName entries (server certificates)
    QStringList ipAddresses;
};

Result<KeyAndCertificate> createCa(const QString &commonName, int validDays);
Result<KeyAndCsr> createKeyAndCsr(const QString &commonName);

// Checks the CSR's self-signature, then issues a certificate under the CA.
Result<QByteArray> signCsr(const SigningRequest &request, const KeyAndCertificate &ca);

// SHA-256 of the DER certificate, 64 lowercase hex digits.
Result<QString> fingerprint(const QByteArray &certificatePem);

// Accepts "AB:CD:…" or "abcd…" forms; returns lowercase hex without separators, empty if invalid.
QString normalizeFingerprint(const QString &fingerprint);

// The certificate chains to `caPem` (and only to it), is valid at `at` and, when `usage` is
// given, was issued for that use (a device certificate cannot pose as a server).
Status verifyIssuedBy(const QByteArray &certificatePem,
                      const QByteArray &caPem,
                      const QDateTime &at,
                      std::optional<Usage> usage = std::nullopt);

// The certificate's subjectAltNames match the host (DNS name or IP address literal); the
// subject's common name is never used as a host name.
bool matchesHost(const QByteArray &certificatePem, const QString &host);

// The certificate certifies the public half of this private key.
bool certificateMatchesKey(const QByteArray &certificatePem, const QByteArray &keyPem);

struct CertificateInfo {
    QString commonName;
    quint64 serial = 0;
    QDateTime notBefore;
    QDateTime notAfter;
};
Result<CertificateInfo> inspect(const QByteArray &certificatePem);

} // namespace steward::pki
