// SPDX-License-Identifier: GPL-3.0-or-later
// steward-apt-scan [--root DIR] [--reuse FILE]: what `apt-get dist-upgrade`
// would install, read from APT's own data through libapt-pkg. Run by
// AptCollector. --reuse: keep the answer in FILE and give it again while
// APT's inputs are unchanged.
#include "LibAptScan.h"

#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char **argv)
{
    std::string root = "/";
    std::string reuseFile;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            root = argv[++i];
        } else if (std::strcmp(argv[i], "--reuse") == 0 && i + 1 < argc && argv[i + 1][0] != '\0') {
            reuseFile = argv[++i];
        } else {
            std::fputs("usage: steward-apt-scan [--root DIR] [--reuse FILE]\n", stderr);
            return steward::agent::LibAptScan::Usage;
        }
    }

    std::string out;
    std::string errors;
    const int code = steward::agent::LibAptScan::run(root, reuseFile, out, errors);
    std::fwrite(errors.data(), 1, errors.size(), stderr);
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
        return 1;
    }
    return code;
}
