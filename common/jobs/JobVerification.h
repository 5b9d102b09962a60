// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/JobEnvelope.h"
#include "jobs/Merkle.h"
#include "jobs/OperatorList.h"
#include "jobs/SignedDocument.h"

#include <QDateTime>
#include <QStringList>

namespace steward::jobs
{

// What the agent checks before it runs a job (docs/jobs.md, "What the agent checks"), in order;
// the first failure is the `reason` the device job is rejected with:
//  1. `operators` came from verifyOperatorList (and checkNotOlder) when it was received; here it
//     must still not have expired at `now`: "operators.expired";
//     the envelope must decode: "job.malformed";
//  2. the envelope's signer is in the list ("job.signer-unknown"), `now` is before its notAfter
//     ("job.signer-expired") and its kinds include the job's ("job.signer-kind");
//  3. the signer's signature over the envelope's bytes verifies: "job.signature";
//  4. `proof` leads from `deviceId` to targetsRoot: "job.not-targeted";
//  5. `now` is before expiresAt: "job.expired";
//  6. (replay: the spool's, not checked here);
//  7. `allowedKinds` (agent.conf jobs.allowed-kinds) contains the kind: "job.kind-not-allowed".
// Returns the decoded envelope of a job that passed all of them.
Result<JobEnvelope> verifyJob(const SignedDocument &job,
                              const merkle::Proof &proof,
                              const QString &deviceId,
                              const OperatorList &operators,
                              const QDateTime &now,
                              const QStringList &allowedKinds);

} // namespace steward::jobs
