// SPDX-License-Identifier: GPL-3.0-or-later
#include "CertificateRenewal.h"

#include "Files.h"
#include "Pki.h"

#include <QFile>

namespace steward::agent
{

CertificateRenewal::CertificateRenewal(AgentState &state)
    : m_state(state)
{
}

bool CertificateRenewal::isDue(const QByteArray &certificatePem, const QDateTime &now)
{
    const Result<pki::CertificateInfo> info = pki::inspect(certificatePem);
    if (!info || !info.value().notBefore.isValid() || !info.value().notAfter.isValid()) {
        return false;
    }
    const qint64 life = info.value().notBefore.secsTo(info.value().notAfter);
    return info.value().notBefore.secsTo(now) >= life * 2 / 3;
}

bool CertificateRenewal::isDue(const QDateTime &now) const
{
    const Result<QByteArray> pem = files::read(m_state.certificatePath());
    return pem && isDue(pem.value(), now);
}

Result<protocol::Renew> CertificateRenewal::begin()
{
    Result<pki::KeyAndCsr> keyAndCsr = pki::createKeyAndCsr(m_state.deviceId);
    if (!keyAndCsr) {
        return keyAndCsr.error();
    }
    m_pendingKey = keyAndCsr.value().keyPem;
    return protocol::Renew{keyAndCsr.value().csrPem};
}

Status CertificateRenewal::complete(const protocol::Renewed &renewed, const QDateTime &now)
{
    if (m_pendingKey.isEmpty()) {
        return makeError(QStringLiteral("renew.unexpected"),
                         QStringLiteral("the server sent a certificate that was not asked for"));
    }
    const QByteArray key = std::exchange(m_pendingKey, QByteArray());
    const QByteArray &certificate = renewed.certificatePem;
    Result<QByteArray> ca = files::read(m_state.caPath());
    if (!ca) {
        return ca.error();
    }
    if (Status issued = pki::verifyIssuedBy(certificate, ca.value(), now, pki::Usage::Client); !issued) {
        return makeError(QStringLiteral("renew.untrusted"),
                         QStringLiteral("renewed certificate refused: %1").arg(issued.error().message));
    }
    const Result<pki::CertificateInfo> info = pki::inspect(certificate);
    if (!info || info.value().commonName != m_state.deviceId) {
        return makeError(QStringLiteral("renew.wrong-device"),
                         QStringLiteral("renewed certificate is not for device %1").arg(m_state.deviceId));
    }
    if (!pki::certificateMatchesKey(certificate, key)) {
        return makeError(QStringLiteral("renew.wrong-key"),
                         QStringLiteral("renewed certificate does not certify the new key"));
    }

    // New files first, then one atomic switch of agent.state; only then are the old ones removed.
    AgentState next = m_state;
    next.keyFile = QStringLiteral("agent-%1.key").arg(info.value().serial);
    next.certificateFile = QStringLiteral("agent-%1.pem").arg(info.value().serial);
    if (Status written = files::replace(next.keyPath(), key, files::kPrivate); !written) {
        return written;
    }
    if (Status written = files::replace(next.certificatePath(), certificate, files::kPublic); !written) {
        return written;
    }
    if (Status saved = next.save(); !saved) {
        return saved;
    }
    const QString oldKey = m_state.keyPath();
    const QString oldCertificate = m_state.certificatePath();
    m_state = next;
    QFile::remove(oldKey);
    QFile::remove(oldCertificate);
    return Ok{};
}

} // namespace steward::agent
