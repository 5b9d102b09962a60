// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodec.h"

#include <QCborValue>
#include <QtEndian>

#include <zlib.h>

namespace steward
{

namespace
{
constexpr quint32 kCompressedBit = 0x80000000u;
constexpr quint32 kLengthMask = 0x7fffffffu;
// qCompress prefixes the zlib stream with the plain size as 4 bytes big-endian.
constexpr qsizetype kQCompressSizePrefix = 4;
}

QByteArray FrameCodec::encode(const QCborMap &message, qsizetype compressThreshold)
{
    QByteArray payload = message.toCborValue().toCbor();
    quint32 flags = 0;
    if (payload.size() >= compressThreshold) {
        QByteArray compressed = qCompress(payload, 6);
        if (compressed.size() < payload.size()) {
            payload = std::move(compressed);
            flags = kCompressedBit;
        }
    }
    QByteArray frame(kHeaderSize, Qt::Uninitialized);
    qToBigEndian<quint32>(flags | quint32(payload.size()), frame.data());
    frame.append(payload);
    return frame;
}

FrameDecoder::FrameDecoder(qsizetype maxFrameSize)
    : m_maxFrameSize(maxFrameSize)
{
}

void FrameDecoder::append(const QByteArray &bytes)
{
    if (!m_failure) {
        m_buffer.append(bytes);
    }
}

Result<std::optional<QCborMap>> FrameDecoder::next()
{
    if (m_failure) {
        return *m_failure;
    }
    if (m_buffer.size() < FrameCodec::kHeaderSize) {
        return std::optional<QCborMap>();
    }
    const quint32 header = qFromBigEndian<quint32>(m_buffer.constData());
    const bool compressed = header & kCompressedBit;
    const qsizetype length = header & kLengthMask;
    if (length > m_maxFrameSize) {
        m_failure =
            makeError(QStringLiteral("frame.too-large"),
                      QStringLiteral("frame of %1 bytes exceeds the cap of %2 bytes").arg(length).arg(m_maxFrameSize));
        m_buffer.clear();
        return *m_failure;
    }
    if (m_buffer.size() < FrameCodec::kHeaderSize + length) {
        return std::optional<QCborMap>();
    }
    QByteArray payload = m_buffer.mid(FrameCodec::kHeaderSize, length);
    m_buffer.remove(0, FrameCodec::kHeaderSize + length);

    if (compressed) {
        // Check the declared plain size before inflating so a tiny frame cannot claim gigabytes.
        if (payload.size() < kQCompressSizePrefix) {
            m_failure =
                makeError(QStringLiteral("frame.corrupt"), QStringLiteral("compressed frame without size prefix"));
            return *m_failure;
        }
        const qsizetype plainSize = qFromBigEndian<quint32>(payload.constData());
        if (plainSize > m_maxFrameSize) {
            m_failure = makeError(QStringLiteral("frame.too-large"),
                                  QStringLiteral("compressed frame inflates to %1 bytes, over the cap of %2 bytes")
                                      .arg(plainSize)
                                      .arg(m_maxFrameSize));
            return *m_failure;
        }
        // Inflate into exactly the declared size: qUncompress would grow its buffer past the
        // declaration until the stream fits, so a lying frame could still claim gigabytes.
        QByteArray plain(plainSize, Qt::Uninitialized);
        uLongf inflated = uLongf(plainSize);
        const int status = ::uncompress(reinterpret_cast<Bytef *>(plain.data()),
                                        &inflated,
                                        reinterpret_cast<const Bytef *>(payload.constData()) + kQCompressSizePrefix,
                                        uLong(payload.size() - kQCompressSizePrefix));
        if (status != Z_OK || qsizetype(inflated) != plainSize || plainSize == 0) {
            m_failure = makeError(QStringLiteral("frame.corrupt"),
                                  QStringLiteral("compressed frame does not inflate to its declared size"));
            return *m_failure;
        }
        payload = std::move(plain);
    }

    QCborParserError parseError;
    const QCborValue value = QCborValue::fromCbor(payload, &parseError);
    if (parseError.error != QCborError::NoError) {
        m_failure = makeError(QStringLiteral("frame.malformed"),
                              QStringLiteral("malformed CBOR: %1").arg(parseError.errorString()));
        return *m_failure;
    }
    if (parseError.offset != payload.size()) {
        m_failure = makeError(QStringLiteral("frame.malformed"), QStringLiteral("trailing bytes after the CBOR item"));
        return *m_failure;
    }
    if (!value.isMap()) {
        m_failure = makeError(QStringLiteral("frame.malformed"), QStringLiteral("frame is not a CBOR map"));
        return *m_failure;
    }
    return std::optional<QCborMap>(value.toMap());
}

} // namespace steward
