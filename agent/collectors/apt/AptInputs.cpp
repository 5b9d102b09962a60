// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptInputs.h"

#include <apt-pkg/configuration.h>
#include <apt-pkg/fileutl.h>
#include <apt-pkg/init.h>

#include <dlfcn.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace steward::agent
{

namespace
{
std::string runningProgram()
{
    char path[4096];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path);
    return length > 0 && std::size_t(length) < sizeof path ? std::string(path, std::size_t(length)) : std::string();
}

std::string loadedLibAptPkg()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void *>(&pkgInitConfig), &info) == 0 || !info.dli_fname) {
        return {};
    }
    return info.dli_fname;
}

// APT::Configuration::isChroot() in apt 2.6, which libapt-pkg does not
// export: whether `ischroot -t` succeeds.
bool isChroot()
{
    const std::string ischroot = _config->FindFile("Dir::Bin::ischroot", "/usr/bin/ischroot");
    char *const args[] = {const_cast<char *>(ischroot.c_str()), const_cast<char *>("-t"), nullptr};
    pid_t child = 0;
    if (posix_spawnp(&child, ischroot.c_str(), nullptr, nullptr, args, environ) != 0) {
        return false;
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            return false;
        }
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// APT::Configuration::getMachineID() in apt 2.6: the configured id, else
// the first line of this file.
std::string machineIdFile()
{
    const std::string file = _config->FindFile("Dir::Etc::machine-id");
    return file.empty() ? flCombine(_config->FindDir("Dir::Etc"), "../machine-id") : file;
}
} // namespace

AptScanKey AptInputs::scanKey()
{
    AptScanKey key;
    // A new steward-apt-scan or libapt-pkg may answer differently from the same
    // files; a version string alone does not change with a rebuild or a patch.
    key.addValue("format", "steward-apt-scan 1");
    if (const std::string program = runningProgram(); !program.empty()) {
        key.addFile("program", program);
    } else {
        key.addUnknown("program", "/proc/self/exe cannot be read");
    }
    key.addValue("libapt-pkg", std::string(pkgLibVersion) + ' ' + pkgVersion);
    if (const std::string library = loadedLibAptPkg(); !library.empty()) {
        key.addFile("libapt-pkg", library);
    } else {
        key.addUnknown("libapt-pkg", "the loaded library has no file name");
    }

    // Phased updates are all included when SOURCE_DATE_EPOCH is set or in a
    // chroot (apt-pkg/upgrade.cc); otherwise they depend on the machine id.
    const char *sourceDateEpoch = std::getenv("SOURCE_DATE_EPOCH");
    key.addValue("SOURCE_DATE_EPOCH", sourceDateEpoch ? std::string("set ") + sourceDateEpoch : "unset");
    key.addValue("chroot", isChroot() ? "yes" : "no");
    if (_config->Find("APT::Machine-ID").empty()) {
        key.addFile("machine-id", machineIdFile());
    }

    // apt.conf, apt.conf.d, APT_CONFIG, Binary::apt-get, every Dir::*, pins
    // given as options, architectures, phasing options. %F/%V quote
    // newlines and quotes, so every line is one option.
    std::ostringstream dump;
    _config->Dump(dump, nullptr, "%F \"%V\";\n", true);
    std::istringstream lines(dump.str());
    for (std::string line; std::getline(lines, line);) {
        key.addValue("config", line);
    }

    // dpkg: the database, its journal of changes not yet merged into the
    // status file, and the foreign architectures.
    const std::string status = _config->FindFile("Dir::State::status");
    key.addFile("dpkg status", status);
    key.addDirectory("dpkg updates", flCombine(flNotFile(status), "updates"));
    key.addFile("dpkg arch", flCombine(flNotFile(status), "arch"));
    key.addFile("extended states", _config->FindFile("Dir::State::extended_states"));
    key.addDirectory("lists", _config->FindDir("Dir::State::lists"));

    key.addFile("sources", _config->FindFile("Dir::Etc::sourcelist"));
    key.addDirectory("sources", _config->FindDir("Dir::Etc::sourceparts"));
    key.addFile("preferences", _config->FindFile("Dir::Etc::preferences"));
    key.addDirectory("preferences", _config->FindDir("Dir::Etc::preferencesparts"));
    key.addFile("apt.conf", _config->FindFile("Dir::Etc::main"));
    key.addDirectory("apt.conf", _config->FindDir("Dir::Etc::parts"));
    return key;
}

} // namespace steward::agent
