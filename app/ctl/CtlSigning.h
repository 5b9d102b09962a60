// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/JobKeys.h"
#include "jobs/OperatorList.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// The key files stewardctl makes and the operator lists it signs (docs/jobs.md); the job
// envelope, reading a key file and checking receipts are shared with the console
// (app/deployments). Keys never leave this machine and never appear in an error or on the
// terminal; the server only sees signed documents.
namespace steward::app::signing
{

inline constexpr int kOperatorListValidDays = 365;

// deployment::readKey() (app/deployments/OperatorKeyFile.h) in stewardctl's words: a missing
// passphrase points at --passphrase-file.
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

} // namespace steward::app::signing
