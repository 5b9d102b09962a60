// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptScanReuseFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <vector>

namespace steward::agent
{

namespace
{
constexpr std::string_view Magic = "steward-apt-scan reuse 1\n";
constexpr std::string_view ChecksumTag = "fnv1a64 ";

std::string checksum(std::string_view data)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

// Consumes "<tag> <decimal length>\n<payload>\n" from the front of `data`.
std::optional<std::string_view> takeBlock(std::string_view &data, std::string_view tag)
{
    if (data.substr(0, tag.size()) != tag || data.size() <= tag.size() || data[tag.size()] != ' ') {
        return std::nullopt;
    }
    data.remove_prefix(tag.size() + 1);
    const std::size_t end = data.find('\n');
    if (end == std::string_view::npos || end == 0 || end > 10) {
        return std::nullopt;
    }
    std::size_t length = 0;
    const auto [rest, error] = std::from_chars(data.data(), data.data() + end, length);
    if (error != std::errc() || rest != data.data() + end) {
        return std::nullopt;
    }
    data.remove_prefix(end + 1);
    if (length >= data.size() || data[length] != '\n') {
        return std::nullopt;
    }
    const std::string_view payload = data.substr(0, length);
    data.remove_prefix(length + 1);
    return payload;
}

std::string describe(const char *what, const std::string &path)
{
    return std::string(what) + ' ' + path + ": " + std::strerror(errno);
}

bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return false;
        }
        data.remove_prefix(std::size_t(written));
    }
    return true;
}
} // namespace

std::string AptScanReuseFile::encode() const
{
    std::string data(Magic);
    data += "key " + std::to_string(key.size()) + '\n' + key + '\n';
    data += "output " + std::to_string(output.size()) + '\n' + output + '\n';
    data += std::string(ChecksumTag) + checksum(data) + '\n';
    return data;
}

std::optional<AptScanReuseFile> AptScanReuseFile::decode(std::string_view data)
{
    const std::string_view whole = data;
    if (data.substr(0, Magic.size()) != Magic) {
        return std::nullopt;
    }
    data.remove_prefix(Magic.size());
    const std::optional<std::string_view> key = takeBlock(data, "key");
    if (!key) {
        return std::nullopt;
    }
    const std::optional<std::string_view> output = takeBlock(data, "output");
    if (!output) {
        return std::nullopt;
    }
    const std::string_view covered = whole.substr(0, whole.size() - data.size());
    if (data != std::string(ChecksumTag) + checksum(covered) + '\n') {
        return std::nullopt;
    }
    return AptScanReuseFile{std::string(*key), std::string(*output)};
}

std::optional<AptScanReuseFile> AptScanReuseFile::read(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string data;
    struct stat info = {};
    bool ok = fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size <= MaxBytes;
    if (ok) {
        // One byte more than the size: a file that grew meanwhile reads as damaged.
        data.resize(std::size_t(info.st_size) + 1);
        std::size_t filled = 0;
        while (filled < data.size()) {
            const ssize_t got = ::read(fd, data.data() + filled, data.size() - filled);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                ok = got == 0;
                break;
            }
            filled += std::size_t(got);
        }
        data.resize(filled);
    }
    ::close(fd);
    if (!ok) {
        return std::nullopt;
    }
    return decode(data);
}

bool AptScanReuseFile::write(const std::string &path, std::string &error) const
{
    // mkstemp creates the temporary with mode 0600 and a name nobody else uses,
    // so concurrent scans never write into each other's file.
    std::vector<char> temporary(path.begin(), path.end());
    const std::string_view suffix = ".XXXXXX";
    temporary.insert(temporary.end(), suffix.begin(), suffix.end());
    temporary.push_back('\0');
    const int fd = mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) {
        error = describe("cannot create a temporary file next to", path);
        return false;
    }
    const std::string name = temporary.data();
    const std::string data = encode();
    bool ok = fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    ok = ok && writeAll(fd, data);
    ok = ok && fsync(fd) == 0;
    if (!ok) {
        error = describe("cannot write", name);
    }
    if (::close(fd) != 0 && ok) {
        error = describe("cannot write", name);
        ok = false;
    }
    if (ok && std::rename(name.c_str(), path.c_str()) != 0) {
        error = describe("cannot replace", path);
        ok = false;
    }
    if (!ok) {
        ::unlink(name.c_str());
    }
    return ok;
}

} // namespace steward::agent
