// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobOutput.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace steward::agent::jobs
{

namespace
{
const QString s_redacted = QStringLiteral("[redacted]");

// A key whose value is a secret: "token" also catches "access_token", "X-Auth-Token", and a
// closing quote lets JSON keys in.
QString secretKey()
{
    return QStringLiteral(R"([\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key)[\w.-]*["']?)");
}

bool isContinuation(char byte)
{
    return (uchar(byte) & 0xC0) == 0x80;
}
} // namespace

QString JobOutput::redact(const QString &text, const QStringList &secrets)
{
    QString result = text;
    // Literal secrets first, before the patterns below rewrite what surrounds them.
    for (const QString &secret : secrets) {
        if (!secret.isEmpty()) {
            result.replace(secret, s_redacted);
        }
    }

    static const QRegularExpression privateKey(
        QStringLiteral(
            R"(-----BEGIN [^\r\n-]*PRIVATE KEY[^\r\n-]*-----(?:.*?-----END [^\r\n-]*PRIVATE KEY[^\r\n-]*-----|.*))"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression urlPassword(QStringLiteral(R"(\b([a-z][a-z0-9+.-]*://[^\s/:@]+:)[^\s/@]+@)"),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression authorization(
        QStringLiteral(R"(\b((?:proxy-)?authorization["']?\s*[:=][ \t]*)[^\r\n]+)"),
        QRegularExpression::CaseInsensitiveOption);
    // key=value: one word (up to a separator a URL or a command line would have) or a quoted string.
    static const QRegularExpression keyEquals(
        QStringLiteral(R"(\b()") + secretKey() + QStringLiteral(R"(\s*=\s*)(?:"[^"\r\n]*"|'[^'\r\n]*'|[^\s"'&;,]+))"),
        QRegularExpression::CaseInsensitiveOption);
    // "Password: hunter2": the rest of the line. The blank after the colon keeps an epoch in a
    // package version ("passwdqc-1:2.0.2") from looking like a key.
    static const QRegularExpression keyColon(QStringLiteral(R"(\b()") + secretKey()
                                                 + QStringLiteral(R"(\s*:[ \t]+)[^\r\n]+)"),
                                             QRegularExpression::CaseInsensitiveOption);

    result.replace(privateKey, s_redacted);
    result.replace(urlPassword, QStringLiteral("\\1[redacted]@"));
    result.replace(authorization, QStringLiteral("\\1[redacted]"));
    result.replace(keyEquals, QStringLiteral("\\1[redacted]"));
    result.replace(keyColon, QStringLiteral("\\1[redacted]"));
    return result;
}

QByteArray JobOutput::utf8Head(const QByteArray &text, qsizetype maxBytes)
{
    if (text.size() <= maxBytes) {
        return text;
    }
    qsizetype end = std::max<qsizetype>(0, maxBytes);
    // The first byte left out must start a character, or that character would be cut.
    while (end > 0 && isContinuation(text.at(end))) {
        --end;
    }
    return text.left(end);
}

QByteArray JobOutput::utf8Tail(const QByteArray &text, qsizetype maxBytes)
{
    if (text.size() <= maxBytes) {
        return text;
    }
    qsizetype start = text.size() - std::max<qsizetype>(0, maxBytes);
    while (start < text.size() && isContinuation(text.at(start))) {
        ++start;
    }
    return text.mid(start);
}

JobOutput JobOutput::bound(const QByteArray &output,
                           const QStringList &secrets,
                           qsizetype headBytes,
                           qsizetype tailBytes)
{
    // Decoding also replaces invalid bytes, so that what is kept is valid UTF-8 text.
    const QByteArray text = redact(QString::fromUtf8(output), secrets).toUtf8();
    JobOutput bounded;
    bounded.m_totalBytes = text.size();
    bounded.m_sha256 = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    if (text.size() <= headBytes + tailBytes) {
        bounded.m_head = text;
    } else {
        bounded.m_head = utf8Head(text, headBytes);
        bounded.m_tail = utf8Tail(text, tailBytes);
    }
    return bounded;
}

QCborMap JobOutput::toCbor() const
{
    return QCborMap{{QStringLiteral("head"), QString::fromUtf8(m_head)},
                    {QStringLiteral("tail"), QString::fromUtf8(m_tail)},
                    {QStringLiteral("totalBytes"), m_totalBytes},
                    {QStringLiteral("sha256"), m_sha256}};
}

JobOutput JobOutput::fromCbor(const QCborMap &map)
{
    JobOutput output;
    output.m_head = map.value(QLatin1String("head")).toString().toUtf8();
    output.m_tail = map.value(QLatin1String("tail")).toString().toUtf8();
    output.m_totalBytes = map.value(QLatin1String("totalBytes")).toInteger();
    output.m_sha256 = map.value(QLatin1String("sha256")).toByteArray();
    return output;
}

} // namespace steward::agent::jobs
