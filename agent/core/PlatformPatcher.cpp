// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlatformPatcher.h"

#include "apt/AptPatcher.h"
#include "dnf/DnfPatcher.h"

#include <QFileInfo>

namespace steward::agent
{

std::unique_ptr<jobs::Patcher> platformPatcher(CommandRunner &runner)
{
    // The same test the collectors use to pick a package manager: the one whose tool is here.
    if (QFileInfo::exists(QStringLiteral("/usr/bin/apt-get"))) {
        return std::make_unique<jobs::AptPatcher>(runner);
    }
    if (QFileInfo::exists(QStringLiteral("/usr/bin/dnf"))) {
        return std::make_unique<jobs::DnfPatcher>(runner);
    }
    return nullptr;
}

} // namespace steward::agent
