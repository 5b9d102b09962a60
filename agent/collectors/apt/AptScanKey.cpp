// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptScanKey.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <vector>

namespace steward::agent
{

namespace
{
std::int64_t nanoseconds(const timespec &time)
{
    return std::int64_t(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

std::int64_t currentTimeNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return nanoseconds(now);
}

std::string timestamp(const timespec &time)
{
    char text[40];
    std::snprintf(text, sizeof text, "%lld.%09ld", static_cast<long long>(time.tv_sec), time.tv_nsec);
    return text;
}

struct CloseDirectory {
    void operator()(DIR *directory) const
    {
        closedir(directory);
    }
};

std::string line(std::string_view kind, const std::string &path, const std::string &state)
{
    return std::string(kind) + '\t' + AptScanKey::escape(path) + '\t' + state + '\n';
}
} // namespace

AptScanKey::AptScanKey()
    : AptScanKey(currentTimeNs())
{
}

AptScanKey::AptScanKey(std::int64_t nowNs)
    : m_nowNs(nowNs)
{
}

std::string AptScanKey::escape(std::string_view text)
{
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f || c == '%') {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02x", byte);
            escaped += hex;
        } else {
            escaped += c;
        }
    }
    return escaped;
}

void AptScanKey::markUnreusable(const std::string &reason)
{
    if (m_unreusableReason.empty()) {
        m_unreusableReason = reason;
    }
}

void AptScanKey::addValue(std::string_view kind, std::string_view value)
{
    m_text += std::string(kind) + '\t' + escape(value) + '\n';
}

void AptScanKey::addUnknown(std::string_view kind, const std::string &why)
{
    m_text += std::string(kind) + "\tunknown\n";
    markUnreusable(std::string(kind) + ": " + why);
}

void AptScanKey::addFile(std::string_view kind, const std::string &path)
{
    struct stat info = {};
    if (stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            m_text += line(kind, path, "missing");
        } else {
            const int error = errno;
            m_text += line(kind, path, "unreadable " + std::to_string(error));
            markUnreusable(path + ": " + std::strerror(error));
        }
        return;
    }
    m_text += line(kind,
                   path,
                   std::to_string(info.st_size) + '\t' + timestamp(info.st_mtim) + '\t' + timestamp(info.st_ctim) + '\t'
                       + std::to_string(info.st_ino));

    const std::int64_t settle = info.st_ctim.tv_nsec == 0 ? CoarseSettleNs : FineSettleNs;
    if (nanoseconds(info.st_ctim) > m_nowNs - settle) {
        markUnreusable(path + " changed too recently to tell a further change apart");
    }
}

void AptScanKey::addDirectory(std::string_view kind, const std::string &path)
{
    const std::unique_ptr<DIR, CloseDirectory> directory(opendir(path.c_str()));
    if (!directory) {
        if (errno == ENOENT) {
            m_text += line(kind, path, "missing");
        } else if (errno == ENOTDIR) {
            addFile(kind, path);
        } else {
            const int error = errno;
            m_text += line(kind, path, "unreadable " + std::to_string(error));
            markUnreusable(path + ": " + std::strerror(error));
        }
        return;
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent *entry = readdir(directory.get())) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..") {
            names.emplace_back(name);
        }
    }
    if (errno != 0) {
        markUnreusable(path + ": " + std::strerror(errno));
    }
    std::sort(names.begin(), names.end());

    m_text += line(kind, path, "directory " + std::to_string(names.size()));
    const std::string prefix = !path.empty() && path.back() == '/' ? path : path + '/';
    for (const std::string &name : names) {
        addFile(kind, prefix + name);
    }
}

} // namespace steward::agent
