// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibAptCommon.h"

#include "LibAptScan.h"

#include <apt-pkg/algorithms.h>
#include <apt-pkg/configuration.h>
#include <apt-pkg/error.h>
#include <apt-pkg/init.h>
#include <apt-pkg/pkgsystem.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string_view>
#include <vector>

namespace steward::agent::libapt
{

namespace
{
bool endsWithSecurity(const char *text)
{
    static constexpr std::string_view suffix = "-security";
    const std::string_view value = text ? text : "";
    if (value.size() < suffix.size()) {
        return false;
    }
    const std::string_view tail = value.substr(value.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
}
} // namespace

// Fields are tab-separated and records end with a newline; release files are
// outside our control, so neither may appear inside a field.
std::string field(const char *text)
{
    std::string value = text ? text : "";
    std::replace_if(
        value.begin(),
        value.end(),
        [](char c) {
            return c == '\t' || c == '\n' || c == '\r';
        },
        ' ');
    return value;
}

bool isSecurityFile(const pkgCache::PkgFileIterator &file)
{
    const char *label = file.Label();
    return endsWithSecurity(file.Archive()) || endsWithSecurity(file.Codename())
        || (label && std::string_view(label) == "Debian-Security");
}

bool isSecurityVersion(const pkgCache::VerIterator &version)
{
    for (pkgCache::VerFileIterator file = version.FileList(); !file.end(); ++file) {
        const pkgCache::PkgFileIterator packageFile = file.File();
        if (!packageFile.Flagged(pkgCache::Flag::NotSource) && isSecurityFile(packageFile)) {
            return true;
        }
    }
    return false;
}

// Moves apt's queued messages into `errors`; true when one of them is an error.
bool drainMessages(std::string &errors)
{
    bool failed = false;
    while (!_error->empty()) {
        std::string message;
        const bool isError = _error->PopMessage(message);
        failed = failed || isError;
        errors += (isError ? "E: " : "W: ") + field(message.c_str()) + '\n';
    }
    return failed;
}

int fail(int code, std::string &errors)
{
    if (!drainMessages(errors)) {
        errors += "E: libapt-pkg reported a failure without a message\n";
    }
    return code;
}

// apt-get's DoAutomaticRemove() runs after the upgrade even without
// --autoremove: a *new* install that is already garbage is dropped again
// (unless a package that stays or gets installed needs it). Replicated so
// that new installs match `apt-get -s dist-upgrade` exactly.
void dropGarbageNewInstalls(pkgDepCache &cache)
{
    const bool autoRemove = _config->FindB("APT::Get::AutomaticRemove", false);
    const bool purge = _config->FindB("APT::Get::Purge", false);
    cache.MarkAndSweep();

    std::vector<pkgCache::PkgIterator> dropped;
    for (pkgCache::PkgIterator pkg = cache.PkgBegin(); !pkg.end(); ++pkg) {
        if (!cache[pkg].Garbage) {
            continue;
        }
        if (autoRemove) {
            if (!pkg.CurrentVer().end() && pkg->CurrentState != pkgCache::State::ConfigFiles) {
                cache.MarkDelete(pkg, purge, 0, false);
            } else {
                cache.MarkKeep(pkg, false, false);
            }
        } else if (cache[pkg].Install() && pkg.CurrentVer().end()) {
            dropped.push_back(pkg);
            cache.MarkDelete(pkg, false, 0, false);
        }
    }

    if (dropped.empty() || (cache.BrokenCount() == 0 && cache.PolicyBrokenCount() == 0)) {
        return;
    }
    // Something that stays or gets installed depends on it: install it after all.
    const auto isNeeded = [&cache](const pkgCache::PkgIterator &pkg) {
        std::vector<pkgCache::PkgIterator> provided{pkg};
        for (pkgCache::PrvIterator prv = cache[pkg].CandidateVerIter(cache).ProvidesList(); !prv.end(); ++prv) {
            provided.push_back(prv.ParentPkg());
        }
        for (const pkgCache::PkgIterator &target : provided) {
            for (pkgCache::DepIterator dep = target.RevDependsList(); !dep.end(); ++dep) {
                if (dep.IsNegative() || !cache.IsImportantDep(dep)) {
                    continue;
                }
                const pkgCache::VerIterator depender = dep.ParentVer();
                if (depender.end()) {
                    continue;
                }
                const pkgCache::PkgIterator owner = depender.ParentPkg();
                if (owner.CurrentVer() == depender) {
                    if (cache[owner].Keep()) {
                        return true;
                    }
                } else if (cache[owner].CandidateVerIter(cache) == depender) {
                    if (cache[owner].NewInstall() || cache[owner].Upgrade()) {
                        return true;
                    }
                }
            }
        }
        return false;
    };
    bool changed = true;
    while (changed) {
        changed = false;
        for (std::size_t i = 0; i < dropped.size(); ++i) {
            if (isNeeded(dropped[i])) {
                cache.MarkInstall(dropped[i], false, 0, false);
                dropped.erase(dropped.begin() + std::ptrdiff_t(i));
                changed = true;
                break;
            }
        }
    }
}

// As apt-get: configuration files, binary-specific settings, then the
// system (dpkg paths below Dir). Another root is treated like a chroot: its
// own etc/apt configuration applies, not this machine's, so that a fixture
// tree gives the same answer everywhere.
int initialize(const std::string &root, std::string &errors)
{
    const bool otherRoot = !root.empty() && root != "/";
    if (otherRoot) {
        _config->Set("Dir", root);
    }
    if (!pkgInitConfig(*_config)) {
        return fail(LibAptScan::CacheUnreadable, errors);
    }
    _config->Set("Binary", "apt-get");
    _config->MoveSubTree("Binary::apt-get", nullptr);
    if (otherRoot) {
        _config->Set("Dir", root);
    }
    if (!pkgInitSystem(*_config, _system)) {
        return fail(LibAptScan::CacheUnreadable, errors);
    }
    return LibAptScan::Ok;
}

int checkDeps(pkgDepCache &cache, std::string &errors)
{
    if (!pkgApplyStatus(cache)) {
        return fail(LibAptScan::Unresolvable, errors);
    }
    if (cache.BrokenCount() != 0) {
        drainMessages(errors);
        errors += "E: Unmet dependencies. Try 'apt --fix-broken install' with no packages (or specify a solution).\n";
        return LibAptScan::Unresolvable;
    }
    return LibAptScan::Ok;
}

} // namespace steward::agent::libapt
