// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QString>
#include <QStringList>

namespace steward::agent::jobs
{

// What is kept of a job's output (docs/patching.md, "Output"): its first and last bytes, its
// size and its SHA-256, all of the text after secrets were redacted, so that neither what is
// kept nor the hash (which goes into the signed receipt) depends on a secret.
class JobOutput
{
public:
    static constexpr qsizetype DefaultHeadBytes = 4 * 1024;
    static constexpr qsizetype DefaultTailBytes = 4 * 1024;

    // `secrets` are strings that must never leave the machine whatever surrounds them (a
    // licence key the job was given); empty strings are ignored. Output that is not UTF-8 is
    // kept with U+FFFD in place of the invalid bytes. An output that fits in head + tail is
    // kept whole in head, and tail is empty.
    static JobOutput bound(const QByteArray &output,
                           const QStringList &secrets = {},
                           qsizetype headBytes = DefaultHeadBytes,
                           qsizetype tailBytes = DefaultTailBytes);

    // Replaces with "[redacted]": every occurrence of each of `secrets`; PEM private key
    // blocks (to the end of the text when the END line is missing); the rest of the line after
    // "Authorization:" (and Proxy-Authorization); the value after a key containing
    // password, passwd, passphrase, secret, token or api-key followed by '=' (one word, or a
    // quoted string) or ':' (the rest of the line); the password in a URL ("://user:…@").
    static QString redact(const QString &text, const QStringList &secrets);

    // The longest prefix of `text` of at most `maxBytes` that ends on a character boundary,
    // and the same for a suffix. `text` is UTF-8.
    static QByteArray utf8Head(const QByteArray &text, qsizetype maxBytes);
    static QByteArray utf8Tail(const QByteArray &text, qsizetype maxBytes);

    const QByteArray &head() const
    {
        return m_head;
    }
    const QByteArray &tail() const
    {
        return m_tail;
    }
    qint64 totalBytes() const
    {
        return m_totalBytes;
    }
    // SHA-256 of the whole redacted text, 32 raw bytes.
    const QByteArray &sha256() const
    {
        return m_sha256;
    }
    // Whether bytes between head and tail were dropped.
    bool truncated() const
    {
        return m_totalBytes > m_head.size() + m_tail.size();
    }

    // {head: text, tail: text, totalBytes: integer, sha256: bytes}. Head and tail stay plain
    // text: the agent channel is compact CBOR already.
    QCborMap toCbor() const;
    static JobOutput fromCbor(const QCborMap &map);

private:
    QByteArray m_head;
    QByteArray m_tail;
    qint64 m_totalBytes = 0;
    QByteArray m_sha256;
};

} // namespace steward::agent::jobs
