// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credentials.h"

#include <QCryptographicHash>
#include <QSet>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace steward::server::credentials
{

namespace
{
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1) {
        // Without randomness there is no safe secret to hand out; refuse loudly.
        ERR_clear_error();
        qFatal("OpenSSL could not produce random bytes");
    }
    return bytes;
}

QByteArray pbkdf2(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray out(kHashBytes, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(utf8.constData(),
                          int(utf8.size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()),
                          int(salt.size()),
                          iterations,
                          EVP_sha256(),
                          kHashBytes,
                          reinterpret_cast<unsigned char *>(out.data()))
        != 1) {
        ERR_clear_error();
        return {};
    }
    return out;
}
}

QString hashPassword(const QString &password, int iterations)
{
    const QByteArray salt = randomBytes(kSaltBytes);
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(pbkdf2(password, salt, iterations).toBase64()));
}

bool verifyPassword(const QString &password, const QString &encoded)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != QLatin1String("pbkdf2-sha256")) {
        return false;
    }
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1) {
        return false;
    }
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    const QByteArray actual = pbkdf2(password, salt, iterations);
    return expected.size() == kHashBytes && actual.size() == kHashBytes
        && CRYPTO_memcmp(expected.constData(), actual.constData(), kHashBytes) == 0;
}

Status checkPasswordRules(const QString &password, const QString &userName)
{
    const auto weak = [](const QString &why) {
        return makeError(QStringLiteral("password.weak"), why);
    };
    if (password.size() < kMinPasswordLength) {
        return weak(QStringLiteral("a password needs at least %1 characters").arg(kMinPasswordLength));
    }
    if (password.size() > kMaxPasswordLength) {
        return weak(QStringLiteral("a password may have at most %1 characters").arg(kMaxPasswordLength));
    }
    QSet<QChar> distinct;
    for (const QChar c : password) {
        distinct.insert(c);
    }
    if (distinct.size() < 5) {
        return weak(QStringLiteral("a password needs at least 5 different characters"));
    }
    if (userName.size() >= 3 && password.contains(userName, Qt::CaseInsensitive)) {
        return weak(QStringLiteral("a password must not contain the user name"));
    }
    return Ok{};
}

QString randomToken()
{
    return QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace steward::server::credentials
