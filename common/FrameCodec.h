// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborMap>

#include <optional>

namespace steward
{

// Length-prefixed CBOR frames for the agent channel (docs/protocol.md, "Framing").
// Header: 4 bytes big-endian; bit 31 = zlib-compressed, bits 0-30 = payload length.
namespace FrameCodec
{
inline constexpr qsizetype kDefaultMaxFrameSize = 4 * 1024 * 1024;
inline constexpr qsizetype kCompressThreshold = 1024;
inline constexpr qsizetype kHeaderSize = 4;

QByteArray encode(const QCborMap &message, qsizetype compressThreshold = kCompressThreshold);
}

// Incremental decoder for one connection: feed bytes as they arrive, take whole messages out.
// After an error the decoder stays failed; the caller closes the connection.
class FrameDecoder
{
public:
    explicit FrameDecoder(qsizetype maxFrameSize = FrameCodec::kDefaultMaxFrameSize);

    void append(const QByteArray &bytes);

    // The next complete message; std::nullopt when more bytes are needed.
    // An Error means the stream is unusable (oversized, corrupt, not a CBOR map).
    Result<std::optional<QCborMap>> next();

    void setMaxFrameSize(qsizetype maxFrameSize)
    {
        m_maxFrameSize = maxFrameSize;
    }

    qsizetype bufferedBytes() const
    {
        return m_buffer.size();
    }

private:
    qsizetype m_maxFrameSize;
    QByteArray m_buffer;
    std::optional<Error> m_failure;
};

} // namespace steward
