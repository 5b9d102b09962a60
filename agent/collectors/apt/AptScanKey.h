// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace steward::agent
{

// A textual description of the inputs a computation read: values, and for
// files what stat() says (size, mtime and ctime in ns, inode). Two keys are
// compared byte for byte, so a key is exact where a hash would only be
// probable. Free of Qt and libapt (AptInputs decides what goes in).
//
// A file rewritten in place within one tick of the file-system clock keeps
// its ctime, so a file that changed just before it was examined could change
// again unseen. Such a key is not reusable(): its result is neither reused
// nor kept.
class AptScanKey
{
public:
    // `nowNs`: the wall-clock time (ns since the epoch) before the first
    // file is examined; AptScanKey() takes the current time.
    AptScanKey();
    explicit AptScanKey(std::int64_t nowNs);

    void addValue(std::string_view kind, std::string_view value);
    // "missing" when `path` does not exist.
    void addFile(std::string_view kind, const std::string &path);
    // An input that cannot be described (its file could not be found): the
    // key is not reusable.
    void addUnknown(std::string_view kind, const std::string &why);
    // The directory as apt lists it (missing, or not a directory), then every
    // entry sorted by name, each with addFile().
    void addDirectory(std::string_view kind, const std::string &path);

    const std::string &text() const
    {
        return m_text;
    }
    // False when an input changed too recently for its timestamps to show a
    // later change, or could not be examined; unreusableReason() says which.
    bool reusable() const
    {
        return m_unreusableReason.empty();
    }
    const std::string &unreusableReason() const
    {
        return m_unreusableReason;
    }

    // How long after its last change a file's ctime is trusted to move with
    // the next change: a few ticks of the coarse kernel clock when timestamps
    // have nanoseconds, two seconds where they only have seconds (FAT: 2 s).
    static constexpr std::int64_t FineSettleNs = 100'000'000;
    static constexpr std::int64_t CoarseSettleNs = 2'000'000'000;

    // Percent-escapes '%', control characters and DEL, so that a tab or a
    // newline in a name cannot forge another field or line of the key.
    static std::string escape(std::string_view text);

private:
    void markUnreusable(const std::string &reason);

    std::int64_t m_nowNs;
    std::string m_text;
    std::string m_unreusableReason;
};

} // namespace steward::agent
