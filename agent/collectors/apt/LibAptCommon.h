// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <apt-pkg/depcache.h>
#include <apt-pkg/pkgcache.h>

#include <string>

// What the scan (LibAptScan) and the plan (AptPlan) of steward-apt-scan share: reading APT's
// configuration as apt-get does, apt's messages, and the decisions both must make alike.
namespace steward::agent::libapt
{

// `text` with tabs and line breaks replaced by spaces: fields of the scan's output.
std::string field(const char *text);

// Moves apt's queued messages into `errors` as "E: "/"W: " lines; true when one is an error.
bool drainMessages(std::string &errors);

// drainMessages(), with a line of its own when apt gave no reason; returns `code`.
int fail(int code, std::string &errors);

// apt-get's configuration (pkgInitConfig, then Binary::apt-get) and system for the tree below
// `root`; another root is treated like a chroot. Returns a LibAptScan::ExitCode.
int initialize(const std::string &root, std::string &errors);

// apt-get's CheckDeps(): pkgApplyStatus, then a broken system is refused. Returns a
// LibAptScan::ExitCode.
int checkDeps(pkgDepCache &cache, std::string &errors);

// A release file of the security archive: archive or codename ending in "-security", or the
// label "Debian-Security".
bool isSecurityFile(const pkgCache::PkgFileIterator &file);
// Whether one of the files `version` is available from is a security release file.
bool isSecurityVersion(const pkgCache::VerIterator &version);

// The part of apt-get's DoAutomaticRemove() that changes the install set: a new install that is
// already garbage is dropped again unless something kept or installed depends on it.
void dropGarbageNewInstalls(pkgDepCache &cache);

} // namespace steward::agent::libapt
