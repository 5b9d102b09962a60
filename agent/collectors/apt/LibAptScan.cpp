// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibAptScan.h"

#include "AptInputs.h"
#include "AptScanReuseFile.h"
#include "LibAptCommon.h"

#include <apt-pkg/cachefile.h>
#include <apt-pkg/depcache.h>
#include <apt-pkg/error.h>
#include <apt-pkg/pkgcache.h>
#include <apt-pkg/upgrade.h>

#include <optional>

namespace steward::agent
{

namespace
{
using namespace libapt;

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
    if (const int code = checkDeps(cache, errors); code != LibAptScan::Ok) {
        return code;
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
