// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibAptScan.h"

#include "AptInputs.h"
#include "AptScanReuseFile.h"

#include <apt-pkg/algorithms.h>
#include <apt-pkg/cachefile.h>
#include <apt-pkg/configuration.h>
#include <apt-pkg/depcache.h>
#include <apt-pkg/error.h>
#include <apt-pkg/init.h>
#include <apt-pkg/pkgcache.h>
#include <apt-pkg/pkgsystem.h>
#include <apt-pkg/upgrade.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace steward::agent
{

namespace
{
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

bool isSecurityFile(const pkgCache::PkgFileIterator &file)
{
    const char *label = file.Label();
    return endsWithSecurity(file.Archive()) || endsWithSecurity(file.Codename())
        || (label && std::string_view(label) == "Debian-Security");
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

int scan(std::string &out, std::string &errors)
{
    // No lock: reading never needs one, so a running apt or dpkg does not
    // block the scan.
    pkgCacheFile cacheFile;
    if (!cacheFile.Open(nullptr, false) || _error->PendingError()) {
        return fail(LibAptScan::CacheUnreadable, errors);
    }
    pkgDepCache &cache = *cacheFile.GetDepCache();

    // apt-get's CheckDeps(): half-installed packages, then refuse a broken system.
    if (!pkgApplyStatus(cache)) {
        return fail(LibAptScan::Unresolvable, errors);
    }
    if (cache.BrokenCount() != 0) {
        drainMessages(errors);
        errors += "E: Unmet dependencies. Try 'apt --fix-broken install' with no packages (or specify a solution).\n";
        return LibAptScan::Unresolvable;
    }

    // apt-get dist-upgrade (apt-private/private-install.cc, apt 2.6).
    cache.MarkAndSweep();
    {
        pkgDepCache::ActionGroup group(cache);
        if (!APT::Upgrade::Upgrade(cache, APT::Upgrade::ALLOW_EVERYTHING, nullptr) && cache.BrokenCount() == 0) {
            return fail(LibAptScan::Unresolvable, errors);
        }
        if (cache.BrokenCount() != 0) {
            drainMessages(errors);
            errors += "E: Broken packages\n";
            return LibAptScan::Unresolvable;
        }
    }
    dropGarbageNewInstalls(cache);
    if (cache.BrokenCount() != 0) {
        drainMessages(errors);
        errors += "E: Internal Error, AutoRemover broke stuff\n";
        return LibAptScan::Unresolvable;
    }

    out = "steward-apt-scan 1\n";
    unsigned long count = 0;
    for (pkgCache::PkgIterator pkg = cache.PkgBegin(); !pkg.end(); ++pkg) {
        pkgDepCache::StateCache &state = cache[pkg];
        if (!state.Install()) {
            continue;
        }
        const pkgCache::VerIterator candidate = state.InstVerIter(cache);
        if (candidate.end()) {
            continue;
        }
        const pkgCache::VerIterator current = pkg.CurrentVer();

        std::string origin = candidate.RelStr();
        const std::string archSuffix = std::string(" [") + candidate.Arch() + "]";
        if (origin.size() >= archSuffix.size()
            && origin.compare(origin.size() - archSuffix.size(), archSuffix.size(), archSuffix) == 0) {
            origin.resize(origin.size() - archSuffix.size());
        }

        bool security = false;
        pkgCache::PkgFileIterator release; // the file that names archive and codename
        for (pkgCache::VerFileIterator file = candidate.FileList(); !file.end(); ++file) {
            const pkgCache::PkgFileIterator packageFile = file.File();
            if (packageFile.Flagged(pkgCache::Flag::NotSource)) {
                continue;
            }
            if (isSecurityFile(packageFile)) {
                security = true;
                release = packageFile;
                break;
            }
            if (release.end()) {
                release = packageFile;
            }
        }

        out += "P\t" + field(pkg.FullName(true).c_str()) + '\t' + field(current.end() ? "" : current.VerStr()) + '\t'
            + field(candidate.VerStr()) + '\t' + field(origin.c_str()) + '\t'
            + field(release.end() ? "" : release.Archive()) + '\t' + field(release.end() ? "" : release.Codename())
            + '\t' + (security ? "1" : "0") + '\n';
        ++count;
    }
    out += "E\t" + std::to_string(count) + '\n';
    drainMessages(errors);
    return LibAptScan::Ok;
}
} // namespace

int LibAptScan::run(const std::string &root, const std::string &reuseFile, std::string &out, std::string &errors)
{
    if (const int code = initialize(root, errors); code != Ok) {
        return code;
    }
    if (reuseFile.empty()) {
        return scan(out, errors);
    }

    const AptScanKey key = AptInputs::scanKey();
    if (key.reusable()) {
        if (const std::optional<AptScanReuseFile> previous = AptScanReuseFile::read(reuseFile);
            previous && previous->key == key.text()) {
            out = previous->output;
            errors += "I: reused the scan of " + field(reuseFile.c_str()) + ": APT's inputs are unchanged\n";
            return Ok;
        }
    }
    const int code = scan(out, errors);
    if (code == Ok && key.reusable()) {
        // Only an answer is kept: an error is always looked at again.
        std::string problem;
        if (!AptScanReuseFile{key.text(), out}.write(reuseFile, problem)) {
            errors += "W: the scan is not kept for reuse: " + field(problem.c_str()) + '\n';
        }
    }
    return code;
}

} // namespace steward::agent
