// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace steward::agent
{

// The only code that touches libapt-pkg. It lives in the steward-apt-scan
// helper, never in the agent: libapt keeps process-global state (_config,
// _system, _error) and a 40–80 MB cache while it works, and a child process
// gives both back to the system when it exits (see apt/README.md).
//
// Deliberately free of Qt so that the helper stays small.
class LibAptScan
{
public:
    enum ExitCode {
        Ok = 0,
        Usage = 2,
        CacheUnreadable = 3, // status file, lists or configuration could not be read or parsed
        Unresolvable = 4, // unmet dependencies, or the upgrade could not be computed
    };

    // Computes what `apt-get dist-upgrade` would install for the system
    // below `root` ("/" for this machine) and writes it to `out` in the
    // format AptCollector::parseScan() reads; apt's messages go to `errors`
    // as "E: …"/"W: …" lines. Returns an ExitCode.
    // When `reuseFile` holds a scan whose inputs (AptInputs) are unchanged,
    // that scan's output is given without building APT's cache; a successful
    // scan is kept there. A file that cannot be read or written is no error:
    // a rescan, or a "W: " line. Empty `reuseFile`: always scan, keep nothing.
    static int run(const std::string &root, const std::string &reuseFile, std::string &out, std::string &errors);
};

} // namespace steward::agent
