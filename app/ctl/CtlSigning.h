// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CtlJobArguments.h"
#include "Result.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/OperatorList.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// What stewardctl signs, and the key files it signs with (docs/jobs.md). Keys never leave this
// machine and never appear in an error or on the terminal; the server only sees signed documents.
namespace steward::app::signing
{

inline constexpr qint64 kMaxKeyFileBytes = 64 * 1024;
inline constexpr int kOperatorListValidDays = 365;

// A key file: PKCS#8 PEM, decrypted with `passphrase` when encrypted. Error codes "key.file"
// (unreadable), "key.passphrase" (missing or wrong), "key.invalid"; each names the file.
Result<jobs::SigningKey> readKey(const QString &path, const QByteArray &passphrase);

// The file must not exist yet: stewardctl never overwrites a key. Error code "key.exists".
Status checkNewKeyFile(const QString &path);

// Creates the key file, owner-only (0600) from its first byte, encrypted when `passphrase` is not
// empty; never replaces an existing file. Error codes "key.exists", "key.file", "key.passphrase".
Status writeKey(const QString &path, const jobs::SigningKey &key, const QByteArray &passphrase);

// The operator list in GET /api/v1/signing/operators's answer, checked against the root with
// `rootFingerprint`: a list signed by another root, or whose signature does not verify, is refused
// ("signing.root-mismatch", "signing.signature", "signing.malformed"). A list that has merely
// expired is accepted: the root is what renews it.
Result<jobs::OperatorList> verifiedList(const QJsonObject &answer,
                                        const QString &rootFingerprint,
                                        const QDateTime &now);

// The answer with what the root signed in place of the server's reading of it: version, issuedAt,
// expiresAt and operators [{name, fingerprint, kinds, notAfter}].
QJsonObject withSignedContent(QJsonObject answer, const jobs::OperatorList &list);

// The list to upload: `current` (none: the site's first) with `added` appended, its version one
// higher, issued `now` and valid kOperatorListValidDays. An operator name or key already listed
// is refused ("signing.operator-exists"), as is a list beyond jobs::kMaxOperators.
Result<jobs::OperatorList> nextList(const std::optional<jobs::OperatorList> &current,
                                    const jobs::SigningKey &root,
                                    const jobs::OperatorEntry &added,
                                    const QDateTime &now);

// The envelope of a patch job: content {select, packages: [{name, version}]}, options {reboot,
// maxRuntimeSeconds, maxConcurrent when given}, the Merkle root over the devices, issued `now`
// by the operator key `signer` (its fingerprint). No deadline is encoded as 0 (the epoch).
jobs::JobEnvelope patchEnvelope(const jobargs::PatchJob &job,
                                const QString &id,
                                const QString &signer,
                                const QDateTime &now);

// What can be said of one device's signed receipt in GET /api/v1/jobs/{id}'s answer:
// "none" (no receipt), "not-checked" (no device certificate to check it with: the server does not
// send one), "verified" (the device's certificate, issued by the site CA `caPem`, signed this
// receipt for this job and device, and it says the state and exit code the server shows) or
// "invalid" (anything else).
QString receiptCheck(const QJsonObject &device, const QString &jobId, const QByteArray &caPem);

} // namespace steward::app::signing
