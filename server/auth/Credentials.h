// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Secrets the server hands out or checks: user passwords (PBKDF2-HMAC-SHA256, salted) and
// random bearer/enrolment tokens, of which only a SHA-256 hash is ever stored.
namespace steward::server::credentials
{

inline constexpr int kDefaultPbkdf2Iterations = 210000;

// "pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64"
QString hashPassword(const QString &password, int iterations = kDefaultPbkdf2Iterations);
bool verifyPassword(const QString &password, const QString &encoded);

// 32 random bytes, base64url without padding (43 characters).
QString randomToken();
QByteArray tokenHash(const QString &token);

} // namespace steward::server::credentials
