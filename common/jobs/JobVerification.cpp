// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/JobVerification.h"

#include "jobs/JobKeys.h"

namespace steward::jobs
{

Result<JobEnvelope> verifyJob(const SignedDocument &job,
                              const merkle::Proof &proof,
                              const QString &deviceId,
                              const OperatorList &operators,
                              const QDateTime &now,
                              const QStringList &allowedKinds)
{
    if (now >= operators.expiresAt) {
        return makeError(
            QStringLiteral("operators.expired"),
            QStringLiteral("the operator list expired at %1").arg(operators.expiresAt.toString(Qt::ISODate)));
    }
    Result<JobEnvelope> decoded = JobEnvelope::decode(job.bytes);
    if (!decoded) {
        return decoded;
    }
    const JobEnvelope &envelope = decoded.value();
    const OperatorEntry *signer = operators.find(envelope.signer);
    if (!signer) {
        return makeError(QStringLiteral("job.signer-unknown"),
                         QStringLiteral("the signer %1 is not in the operator list").arg(envelope.signer));
    }
    if (now >= signer->notAfter) {
        return makeError(QStringLiteral("job.signer-expired"),
                         QStringLiteral("the operator key of %1 expired at %2")
                             .arg(signer->name, signer->notAfter.toString(Qt::ISODate)));
    }
    if (!signer->kinds.contains(envelope.kind)) {
        return makeError(QStringLiteral("job.signer-kind"),
                         QStringLiteral("%1 may not sign jobs of kind \"%2\"").arg(signer->name, envelope.kind));
    }
    if (!verifySignature(signer->publicKey, job.bytes, job.signature)) {
        return makeError(QStringLiteral("job.signature"), QStringLiteral("the job's signature does not verify"));
    }
    if (!merkle::verify(deviceId, proof, envelope.targetsRoot)) {
        return makeError(QStringLiteral("job.not-targeted"), QStringLiteral("the job does not target this device"));
    }
    if (now >= envelope.expiresAt) {
        return makeError(QStringLiteral("job.expired"),
                         QStringLiteral("the job expired at %1").arg(envelope.expiresAt.toString(Qt::ISODate)));
    }
    if (!allowedKinds.contains(envelope.kind)) {
        return makeError(QStringLiteral("job.kind-not-allowed"),
                         QStringLiteral("local policy does not allow jobs of kind \"%1\"").arg(envelope.kind));
    }
    return decoded;
}

} // namespace steward::jobs
