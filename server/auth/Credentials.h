// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "Result.h"

// Secrets the server hands out or checks: user passwords (PBKDF2-HMAC-SHA256, salted) and
// random bearer/enrolment tokens, of which only a SHA-256 hash is ever stored.
namespace steward::server::credentials
{

inline constexpr int kDefaultPbkdf2Iterations = 210000;

// "pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64"
QString hashPassword(const QString &password, int iterations = kDefaultPbkdf2Iterations);
bool verifyPassword(const QString &password, const QString &encoded);

inline constexpr int kMinPasswordLength = 12;
inline constexpr int kMaxPasswordLength = 1024;
// The site's password rules, for every way a password is set (init, create, reset, change):
// 12 to 1024 characters, at least 5 different ones, and not containing the user's name. The
// error (code "password.weak") says which rule failed and never echoes the password.
Status checkPasswordRules(const QString &password, const QString &userName);

// 32 random bytes, base64url without padding (43 characters).
QString randomToken();
QByteArray tokenHash(const QString &token);

} // namespace steward::server::credentials
