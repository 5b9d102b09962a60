// SPDX-License-Identifier: GPL-3.0-or-later
#include "Collector.h"

namespace steward::agent
{

// Out of line so the vtable has a single home.
Collector::~Collector() = default;

} // namespace steward::agent
