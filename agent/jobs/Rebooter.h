// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

#include <chrono>

namespace steward::agent::jobs
{

// The seam between a reboot decision and the machine: production uses SystemRebooter, tests a
// fake that records what would have happened. Nothing else in the agent restarts the machine.
class Rebooter
{
public:
    virtual ~Rebooter();

    // Schedules a restart `delay` from now (zero: now) and tells logged-in users `message`.
    // Returns once the restart is scheduled, not when it happens.
    virtual Status reboot(std::chrono::seconds delay, const QString &message) = 0;

protected:
    Rebooter() = default;
    Rebooter(const Rebooter &) = default;
    Rebooter &operator=(const Rebooter &) = default;
};

} // namespace steward::agent::jobs
