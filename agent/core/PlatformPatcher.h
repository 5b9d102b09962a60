// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PatchJob.h"

#include <memory>

namespace steward::agent
{
class CommandRunner;

// The patcher for this machine's package manager (APT, dnf, Windows Update); null when it has
// none Steward can drive.
std::unique_ptr<jobs::Patcher> platformPatcher(CommandRunner &runner);

} // namespace steward::agent
