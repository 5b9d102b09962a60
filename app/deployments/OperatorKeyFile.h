// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/JobKeys.h"

#include <QByteArray>
#include <QString>

// A key file made by stewardctl (an operator's or the root's), read where the operator signs: the key never leaves this
// machine and never appears in an error or a log (docs/jobs.md).
namespace steward::app::deployment
{

inline constexpr qint64 kMaxKeyFileBytes = 64 * 1024;

// A key file: PKCS#8 PEM, decrypted with `passphrase` when encrypted. Error codes "key.file"
// (unreadable), "key.passphrase" (missing when `passphrase` is empty, else wrong) and
// "key.invalid"; each message names the file.
Result<jobs::SigningKey> readKey(const QString &path, const QByteArray &passphrase);

} // namespace steward::app::deployment
