// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptPlan.h"

#include "LibAptCommon.h"
#include "LibAptScan.h"

#include <apt-pkg/algorithms.h>
#include <apt-pkg/cachefile.h>
#include <apt-pkg/configuration.h>
#include <apt-pkg/depcache.h>
#include <apt-pkg/error.h>
#include <apt-pkg/pkgcache.h>
#include <apt-pkg/upgrade.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>
#include <utility>

namespace steward::agent
{

namespace
{
using namespace libapt;

using PkgId = decltype(pkgCache::Package::ID);

struct Item {
    std::string name;
    std::string before;
    std::string target;
    std::string result = "planned";
    std::string message;
    bool isNew = false;
    bool requested = false;
    bool security = false;
};

Item makeItem(std::string name, std::string before, std::string target)
{
    Item item;
    item.name = std::move(name);
    item.before = std::move(before);
    item.target = std::move(target);
    return item;
}

struct Plan {
    std::vector<Item> items;
    std::string refusal;
    std::string message;

    // The first reason found refuses the whole request; each refused item keeps its own.
    void refuse(const char *code, const std::string &why)
    {
        if (refusal.empty()) {
            refusal = code;
            message = why;
        }
    }
    void refuse(Item &item, const char *code, const std::string &why)
    {
        item.result = "refused";
        item.message = why;
        refuse(code, why);
    }
};

std::string versionText(const pkgCache::VerIterator &version)
{
    return version.end() ? std::string() : std::string(version.VerStr());
}

std::string join(const std::vector<std::string> &names)
{
    std::string text;
    for (const std::string &name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

// JSON string; the agent's JSON reader wants UTF-8, and nothing APT names here is anything but
// ASCII, so other bytes (from a request on the command line) become '?'.
std::string quoted(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += byte < 0x80 ? c : '?';
        }
    }
    return out + '"';
}

std::string toJson(const Plan &plan, AptPlan::Select select)
{
    static const char *const selects[] = {"packages", "security", "all"};
    std::string out = "{\"steward-apt-plan\":1,\"select\":\"";
    out += selects[static_cast<int>(select)];
    out += "\",\"architecture\":" + quoted(_config->Find("APT::Architecture"));
    out += ",\"refusal\":";
    out += plan.refusal.empty() ? "null"
                                : "{\"code\":" + quoted(plan.refusal) + ",\"message\":" + quoted(plan.message) + '}';
    out += ",\"items\":[";
    bool first = true;
    for (const Item &item : plan.items) {
        out += first ? "{" : ",{";
        first = false;
        out += "\"name\":" + quoted(item.name) + ",\"before\":" + quoted(item.before)
            + ",\"target\":" + quoted(item.target) + ",\"result\":" + quoted(item.result)
            + ",\"new\":" + (item.isNew ? "true" : "false") + ",\"requested\":" + (item.requested ? "true" : "false")
            + ",\"security\":" + (item.security ? "true" : "false") + ",\"message\":" + quoted(item.message) + '}';
    }
    return out + "]}\n";
}

bool isHeld(const pkgCache::PkgIterator &pkg)
{
    return pkg->SelectedState == pkgCache::State::Hold;
}

// Why a package the plan needs stays broken: a dependency that only a held package could
// satisfy, else the package itself.
std::string brokenBecause(pkgDepCache &cache, const pkgCache::PkgIterator &pkg, bool &held)
{
    const pkgCache::VerIterator version = cache[pkg].InstVerIter(cache);
    if (!version.end()) {
        for (pkgCache::DepIterator dep = version.DependsList(); !dep.end(); ++dep) {
            if (!cache.IsImportantDep(dep) || (cache[dep] & pkgDepCache::DepGInstall) != 0) {
                continue;
            }
            const pkgCache::PkgIterator target = dep.TargetPkg();
            if (!target.end() && isHeld(target)) {
                held = true;
                const std::string wanted =
                    dep.TargetVer() ? " (" + std::string(dep.CompType()) + " " + dep.TargetVer() + ")" : std::string();
                return pkg.FullName(true) + " " + version.VerStr() + " needs " + target.FullName(true) + wanted
                    + ", which is held (dpkg selection hold)";
            }
        }
    }
    return pkg.FullName(true);
}

// Every package the marks change that is not an item yet, and the refusals they imply: the plan
// never removes, downgrades, changes a held package or leaves anything broken.
void collectChanges(pkgDepCache &cache, const std::set<PkgId> &listed, Plan &plan)
{
    std::vector<std::string> removed;
    std::vector<std::string> downgraded;
    std::vector<std::string> held;
    std::vector<std::string> broken;
    bool brokenByHold = false;
    for (pkgCache::PkgIterator pkg = cache.PkgBegin(); !pkg.end(); ++pkg) {
        pkgDepCache::StateCache &state = cache[pkg];
        const pkgCache::VerIterator current = pkg.CurrentVer();
        if (state.InstBroken()) {
            bool byHold = false;
            broken.push_back(brokenBecause(cache, pkg, byHold));
            brokenByHold = brokenByHold || byHold;
        }
        if (state.Delete()) {
            Item item = makeItem(pkg.FullName(true), versionText(current), std::string());
            item.result = "refused";
            item.message = "would be removed";
            removed.push_back(item.name);
            plan.items.push_back(item);
            continue;
        }
        if (!state.Install()) {
            continue;
        }
        const pkgCache::VerIterator target = state.InstVerIter(cache);
        if (target.end() || target == current || listed.count(pkg->ID) != 0) {
            continue;
        }
        Item item = makeItem(pkg.FullName(true), versionText(current), target.VerStr());
        item.isNew = current.end();
        item.security = isSecurityVersion(target);
        if (state.Downgrade()) {
            item.result = "refused";
            item.message = "would be downgraded";
            downgraded.push_back(item.name);
        } else if (isHeld(pkg)) {
            item.result = "refused";
            item.message = "held (dpkg selection hold)";
            held.push_back(item.name);
        }
        plan.items.push_back(item);
    }
    if (!removed.empty()) {
        plan.refuse("apt.would-remove", "the plan would remove " + join(removed));
    }
    if (!downgraded.empty()) {
        plan.refuse("apt.downgrade", "the plan would downgrade " + join(downgraded));
    }
    if (!held.empty()) {
        plan.refuse("apt.held", "the plan would change held packages: " + join(held));
    }
    if (!broken.empty()) {
        plan.refuse(brokenByHold ? "apt.held" : "apt.unresolvable", "unmet dependencies: " + join(broken));
    }
}

// The packages named, as `apt-get install name=version ...` resolves them: the exact versions
// become candidates, then MarkInstall with automatic dependencies and apt-get's resolver.
void planPackages(pkgDepCache &cache, const std::vector<std::string> &specs, Plan &plan, std::set<PkgId> &listed)
{
    std::vector<std::pair<pkgCache::PkgIterator, pkgCache::VerIterator>> installs;
    std::vector<std::pair<PkgId, std::string>> seen; // package and the version asked for
    for (const std::string &spec : specs) {
        const std::size_t equals = spec.find('=');
        const std::string name = spec.substr(0, equals);
        const bool pinned = equals != std::string::npos;
        const std::string version = pinned ? spec.substr(equals + 1) : std::string();

        Item item;
        item.name = name;
        item.target = version;
        item.requested = true;
        const pkgCache::PkgIterator pkg = cache.FindPkg(name);
        if (name.empty() || pkg.end() || pkg.VersionList().end()) {
            plan.refuse(item,
                        "apt.package-unknown",
                        "no package " + name + " is installed or in the configured sources");
            plan.items.push_back(item);
            continue;
        }
        item.name = pkg.FullName(true);
        const auto previous = std::find_if(seen.begin(), seen.end(), [&pkg](const auto &entry) {
            return entry.first == pkg->ID;
        });
        if (previous != seen.end()) {
            if (previous->second == version) {
                continue;
            }
            plan.refuse(item, "apt.version-unavailable", item.name + " is asked for at two versions");
            plan.items.push_back(item);
            continue;
        }
        seen.emplace_back(pkg->ID, version);
        listed.insert(pkg->ID);

        const pkgCache::VerIterator current = pkg.CurrentVer();
        item.before = versionText(current);
        pkgCache::VerIterator target;
        if (pinned) {
            for (pkgCache::VerIterator candidate = pkg.VersionList(); !candidate.end(); ++candidate) {
                if (version == candidate.VerStr()) {
                    target = candidate;
                    break;
                }
            }
            // Only the status file knows a version that is installed but no longer published.
            if (target.end() || (target != current && !target.Downloadable())) {
                plan.refuse(item,
                            "apt.version-unavailable",
                            item.name + " " + version + " is not available from the configured sources");
                plan.items.push_back(item);
                continue;
            }
        } else {
            target = cache[pkg].CandidateVerIter(cache);
            if (target.end()) {
                target = current; // installed, but no longer published: already the newest there is
            }
            if (target.end()) {
                plan.refuse(item, "apt.version-unavailable", item.name + " has no installation candidate");
                plan.items.push_back(item);
                continue;
            }
        }
        item.target = target.VerStr();
        item.isNew = current.end();
        item.security = isSecurityVersion(target);
        if (target == current) {
            item.result = "already-installed";
        } else if (!current.end() && target.CompareVer(current) < 0) {
            plan.refuse(item,
                        "apt.downgrade",
                        item.name + " " + item.target + " is older than the installed " + item.before);
        } else if (isHeld(pkg)) {
            plan.refuse(item, "apt.held", item.name + " is held (dpkg selection hold)");
        } else {
            installs.emplace_back(pkg, target);
        }
        plan.items.push_back(item);
    }
    if (!plan.refusal.empty() || installs.empty()) {
        return;
    }

    {
        pkgDepCache::ActionGroup group(cache);
        for (const auto &[pkg, version] : installs) {
            cache.SetCandidateVersion(version);
        }
        // As apt-get: every named package first, then their dependencies, then its resolver,
        // which must not touch what was named.
        for (const auto &[pkg, version] : installs) {
            cache.MarkInstall(pkg, false, 0, true);
        }
        for (const auto &[pkg, version] : installs) {
            cache.MarkInstall(pkg, true, 0, true);
        }
        if (cache.BrokenCount() != 0) {
            pkgProblemResolver resolver(&cache);
            for (const auto &[pkg, version] : installs) {
                resolver.Protect(pkg);
            }
            resolver.Resolve(true);
        }
    }
    dropGarbageNewInstalls(cache);
    for (const auto &[pkg, version] : installs) {
        if (!cache[pkg].Install() || cache[pkg].InstVerIter(cache) != version) {
            plan.refuse("apt.unresolvable", pkg.FullName(true) + " " + version.VerStr() + " cannot be installed");
        }
    }
}

// Every upgradable package (security: whose candidate comes from a security archive). Held and
// kept-back packages are items of their own, refused, and do not refuse the plan.
void planUpgrades(pkgDepCache &cache, AptPlan::Select select, Plan &plan, std::set<PkgId> &listed)
{
    std::vector<pkgCache::PkgIterator> selected;
    cache.MarkAndSweep();
    {
        pkgDepCache::ActionGroup group(cache);
        for (pkgCache::PkgIterator pkg = cache.PkgBegin(); !pkg.end(); ++pkg) {
            const pkgCache::VerIterator current = pkg.CurrentVer();
            const pkgCache::VerIterator candidate = cache[pkg].CandidateVerIter(cache);
            if (current.end() || candidate.end() || candidate == current || candidate.CompareVer(current) <= 0) {
                continue;
            }
            if (select == AptPlan::Select::Security && !isSecurityVersion(candidate)) {
                continue;
            }
            selected.push_back(pkg);
        }
        if (select == AptPlan::Select::All) {
            // `apt upgrade`: new dependencies allowed, removals not.
            APT::Upgrade::Upgrade(cache, APT::Upgrade::FORBID_REMOVE_PACKAGES, nullptr);
        } else {
            // As unattended-upgrades: each one with its dependencies, holds respected
            // (FromUser false), and what would break others kept back, never removed.
            for (const pkgCache::PkgIterator &pkg : selected) {
                if (!isHeld(pkg)) {
                    cache.MarkInstall(pkg, true, 0, false);
                }
            }
            if (cache.BrokenCount() != 0) {
                pkgProblemResolver resolver(&cache);
                resolver.ResolveByKeep();
            }
        }
    }
    dropGarbageNewInstalls(cache);

    for (const pkgCache::PkgIterator &pkg : selected) {
        const pkgCache::VerIterator candidate = cache[pkg].CandidateVerIter(cache);
        Item item = makeItem(pkg.FullName(true), versionText(pkg.CurrentVer()), versionText(candidate));
        item.requested = true;
        item.security = isSecurityVersion(candidate);
        if (!cache[pkg].Install() || cache[pkg].InstVerIter(cache) != candidate) {
            item.result = "refused";
            item.message = isHeld(pkg) ? "held (dpkg selection hold)"
                                       : "kept back: the upgrade needs packages removed or is not installable";
        }
        plan.items.push_back(item);
        listed.insert(pkg->ID);
    }
}
} // namespace

int AptPlan::run(const std::string &root,
                 Select select,
                 const std::vector<std::string> &packages,
                 std::string &out,
                 std::string &errors)
{
    if (const int code = initialize(root, errors); code != LibAptScan::Ok) {
        return code;
    }
    // No lock, as the scan: planning only reads, so it needs no root and never waits.
    pkgCacheFile cacheFile;
    if (!cacheFile.Open(nullptr, false) || _error->PendingError()) {
        return fail(LibAptScan::CacheUnreadable, errors);
    }
    pkgDepCache &cache = *cacheFile.GetDepCache();
    if (const int code = checkDeps(cache, errors); code != LibAptScan::Ok) {
        return code;
    }

    Plan plan;
    std::set<PkgId> listed;
    if (select == Select::Packages) {
        planPackages(cache, packages, plan, listed);
    } else {
        planUpgrades(cache, select, plan, listed);
    }
    // Named packages keep the order they were asked in; everything else is sorted by name.
    const auto firstUnordered = static_cast<std::ptrdiff_t>(select == Select::Packages ? plan.items.size() : 0);
    if (select != Select::Packages || plan.refusal.empty()) {
        collectChanges(cache, listed, plan);
    }
    std::stable_sort(plan.items.begin() + firstUnordered, plan.items.end(), [](const Item &a, const Item &b) {
        return a.name < b.name;
    });
    // Messages from the resolver are kept on stderr; the plan says what matters.
    drainMessages(errors);
    out = toJson(plan, select);
    return LibAptScan::Ok;
}

} // namespace steward::agent
