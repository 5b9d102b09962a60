// SPDX-License-Identifier: GPL-3.0-or-later
// steward-apt-scan [--root DIR] [--reuse FILE]: what `apt-get dist-upgrade`
// would install, read from APT's own data through libapt-pkg. Run by
// AptCollector. --reuse: keep the answer in FILE and give it again while
// APT's inputs are unchanged.
// steward-apt-scan [--root DIR] --plan (--security | --all | PKG[=VERSION]...):
// what an update job would install, as JSON (AptPlan, README.md). Run by
// AptPatcher.
#include "AptPlan.h"
#include "LibAptScan.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace
{
int usage()
{
    std::fputs(
        "usage: steward-apt-scan [--root DIR] [--reuse FILE]\n"
        "       steward-apt-scan [--root DIR] --plan (--security | --all | PKG[=VERSION]...)\n",
        stderr);
    return steward::agent::LibAptScan::Usage;
}
} // namespace

int main(int argc, char **argv)
{
    using steward::agent::AptPlan;
    std::string root = "/";
    std::string reuseFile;
    bool plan = false;
    AptPlan::Select select = AptPlan::Select::Packages;
    std::vector<std::string> packages;
    for (int i = 1; i < argc; ++i) {
        if (plan) {
            // Everything after --plan is the selection; a package name never starts with '-'.
            if (std::strcmp(argv[i], "--security") == 0 && argc == i + 1 && packages.empty()) {
                select = AptPlan::Select::Security;
            } else if (std::strcmp(argv[i], "--all") == 0 && argc == i + 1 && packages.empty()) {
                select = AptPlan::Select::All;
            } else if (argv[i][0] != '-' && argv[i][0] != '\0') {
                packages.emplace_back(argv[i]);
            } else {
                return usage();
            }
        } else if (std::strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            root = argv[++i];
        } else if (std::strcmp(argv[i], "--reuse") == 0 && i + 1 < argc && argv[i + 1][0] != '\0') {
            reuseFile = argv[++i];
        } else if (std::strcmp(argv[i], "--plan") == 0 && reuseFile.empty()) {
            plan = true;
        } else {
            return usage();
        }
    }
    if (plan && select == AptPlan::Select::Packages && packages.empty()) {
        return usage();
    }

    std::string out;
    std::string errors;
    const int code = plan ? AptPlan::run(root, select, packages, out, errors)
                          : steward::agent::LibAptScan::run(root, reuseFile, out, errors);
    std::fwrite(errors.data(), 1, errors.size(), stderr);
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
        return 1;
    }
    return code;
}
