// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace steward::agent
{

// steward-apt-scan --plan: what an update job would install, decided with libapt-pkg's depcache
// before anything is changed (README.md, "Update jobs"). Reads the cache without a lock and
// without root, like the scan. Free of Qt, like the rest of the helper.
class AptPlan
{
public:
    enum class Select {
        Packages, // the packages named, `name` or `name=version`
        Security, // every upgrade whose candidate comes from a security archive
        All, // every upgrade, new dependencies allowed, nothing removed
    };

    // Writes the plan to `out` as one JSON object (README.md, "Plan format"); a refused request
    // is still a plan (exit code Ok). apt's messages go to `errors`. Returns a
    // LibAptScan::ExitCode: CacheUnreadable, or Unresolvable for a system that is broken already.
    static int run(const std::string &root,
                   Select select,
                   const std::vector<std::string> &packages,
                   std::string &out,
                   std::string &errors);
};

} // namespace steward::agent
