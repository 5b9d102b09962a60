// SPDX-License-Identifier: GPL-3.0-or-later
#include "Rebooter.h"

namespace steward::agent::jobs
{

Rebooter::~Rebooter() = default;

} // namespace steward::agent::jobs
