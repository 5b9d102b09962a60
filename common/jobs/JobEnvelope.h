// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QString>

// The job envelope (docs/jobs.md, "Keys and documents"): what an operator signs for one
// deployment. Its targets are only the Merkle root over the device ids (jobs/Merkle.h).
namespace steward::jobs
{

struct JobEnvelope {
    QString id; // QUuid::toString(QUuid::WithoutBraces)
    QString kind; // "patch", ...
    QCborMap content; // for "patch": {select, packages: [{name, version}]}
    QByteArray targetsRoot; // 32 bytes
    int targetCount = 0;
    QDateTime notBefore;
    QDateTime deadline; // invalid: none (encoded as 0)
    QDateTime expiresAt;
    QDateTime issuedAt;
    QString signer; // the operator key's fingerprint, 64 lowercase hex digits
    QCborMap options; // for "patch": {reboot, maxRuntimeSeconds}

    // {v: 1, id, kind, content, targetsRoot, targetCount, notBefore, deadline, expiresAt,
    // issuedAt, signer, options}, times in epoch seconds UTC.
    QByteArray encode() const;
    // Strict: exactly those keys; v is 1; id a UUID in the form above (one spelling per id);
    // kind non-empty text of at most 64 characters; content and options maps; targetsRoot 32
    // bytes; targetCount at least 1; times integers; signer a fingerprint in the form above.
    // Error code "job.malformed".
    static Result<JobEnvelope> decode(const QByteArray &bytes);
};

} // namespace steward::jobs
