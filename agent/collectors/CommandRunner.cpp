// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"

namespace steward::agent
{

// Out of line so the vtable has a single home.
CommandRunner::~CommandRunner() = default;

} // namespace steward::agent
