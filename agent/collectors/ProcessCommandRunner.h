// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CommandRunner.h"

namespace steward::agent
{

// Runs real programs with QProcess, synchronously. Output is parsed by
// collectors, so the child runs under LC_ALL=C; a child that outlives its
// timeout is killed rather than waited for.
class ProcessCommandRunner : public CommandRunner
{
public:
    // Children run this much nicer than the agent.
    static constexpr int kNiceIncrement = 10;

    // No command runs longer than `limit` (agent.conf's limits/collector-timeout), whatever
    // its collector allows it.
    explicit ProcessCommandRunner(std::chrono::milliseconds limit = std::chrono::milliseconds::max())
        : m_limit(limit)
    {
    }

    CommandResult run(const QString &program, const QStringList &args, std::chrono::milliseconds timeout) override;

private:
    std::chrono::milliseconds m_limit;
};

} // namespace steward::agent
