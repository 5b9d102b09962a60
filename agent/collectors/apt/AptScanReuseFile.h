// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace steward::agent
{

// A successful scan kept with the key of the inputs it read
// (steward-apt-scan --reuse FILE). Free of Qt and libapt.
//
// Format, binary-safe, every payload length-prefixed:
//
//     steward-apt-scan reuse 1\n
//     key <bytes>\n<key>\n
//     output <bytes>\n<output>\n
//     fnv1a64 <16 hex digits of FNV-1a over everything above>\n
//
// and nothing after it. A short, padded or flipped file fails to decode: the
// lengths catch truncation, the checksum a changed byte (FNV-1a changes with
// every single-byte change), so a damaged file is rescanned, never reused.
struct AptScanReuseFile {
    std::string key;
    std::string output;

    // Larger files are not ours: read() does not allocate for them.
    static constexpr std::int64_t MaxBytes = 32 * 1024 * 1024;

    std::string encode() const;
    static std::optional<AptScanReuseFile> decode(std::string_view data);

    // nullopt when the file is missing, unreadable, too large, foreign or damaged.
    static std::optional<AptScanReuseFile> read(const std::string &path);
    // Replaces `path` atomically with mode 0600: a temporary in the same
    // directory, fsync, rename. On failure says why in `error`.
    bool write(const std::string &path, std::string &error) const;
};

} // namespace steward::agent
