// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/JobEnvelope.h"

#include "Pki.h"
#include "jobs/Merkle.h"
#include "jobs/OperatorList.h"
#include "jobs/StrictCbor.h"

#include <limits>

namespace steward::jobs
{

namespace
{
const QLatin1String kV("v");
const QLatin1String kId("id");
const QLatin1String kKind("kind");
const QLatin1String kContent("content");
const QLatin1String kTargetsRoot("targetsRoot");
const QLatin1String kTargetCount("targetCount");
const QLatin1String kNotBefore("notBefore");
const QLatin1String kDeadline("deadline");
const QLatin1String kExpiresAt("expiresAt");
const QLatin1String kIssuedAt("issuedAt");
const QLatin1String kSigner("signer");
const QLatin1String kOptions("options");

constexpr int kFormat = 1;
constexpr qsizetype kUuidLength = 36;
constexpr qsizetype kFingerprintLength = 64;
}

QByteArray JobEnvelope::encode() const
{
    QCborMap map;
    map.insert(kV, kFormat);
    map.insert(kId, id);
    map.insert(kKind, kind);
    map.insert(kContent, content);
    map.insert(kTargetsRoot, targetsRoot);
    map.insert(kTargetCount, targetCount);
    map.insert(kNotBefore, detail::timeToCbor(notBefore));
    // No deadline travels as 0 (the epoch), so the map always has the same keys.
    map.insert(kDeadline, deadline.isValid() ? detail::timeToCbor(deadline) : QCborValue(0));
    map.insert(kExpiresAt, detail::timeToCbor(expiresAt));
    map.insert(kIssuedAt, detail::timeToCbor(issuedAt));
    map.insert(kSigner, signer);
    map.insert(kOptions, options);
    return QCborValue(map).toCbor();
}

Result<JobEnvelope> JobEnvelope::decode(const QByteArray &bytes)
{
    const std::optional<QCborValue> value = detail::parseCbor(bytes, kMaxDocumentBytes);
    detail::MapReader reader(value.value_or(QCborValue()),
                             {kV,
                              kId,
                              kKind,
                              kContent,
                              kTargetsRoot,
                              kTargetCount,
                              kNotBefore,
                              kDeadline,
                              kExpiresAt,
                              kIssuedAt,
                              kSigner,
                              kOptions});
    reader.integer(kV, kFormat, kFormat);
    JobEnvelope envelope;
    envelope.id = reader.text(kId, kUuidLength);
    envelope.kind = reader.text(kKind, kMaxKindLength);
    envelope.content = reader.map(kContent);
    envelope.targetsRoot = reader.bytes(kTargetsRoot, merkle::kHashBytes, merkle::kHashBytes);
    envelope.targetCount = int(reader.integer(kTargetCount, 1, std::numeric_limits<int>::max()));
    envelope.notBefore = reader.time(kNotBefore);
    envelope.deadline = reader.time(kDeadline);
    if (envelope.deadline.isValid() && envelope.deadline.toSecsSinceEpoch() == 0) {
        envelope.deadline = QDateTime(); // none
    }
    envelope.expiresAt = reader.time(kExpiresAt);
    envelope.issuedAt = reader.time(kIssuedAt);
    envelope.signer = reader.text(kSigner, kFingerprintLength);
    envelope.options = reader.map(kOptions);
    if (!reader.ok() || !detail::isCanonicalUuid(envelope.id)
        || pki::normalizeFingerprint(envelope.signer) != envelope.signer) {
        return makeError(QStringLiteral("job.malformed"),
                         QStringLiteral("the job envelope is not {v: 1, id, kind, content, targetsRoot, targetCount, "
                                        "notBefore, deadline, expiresAt, issuedAt, signer, options}"));
    }
    return envelope;
}

} // namespace steward::jobs
