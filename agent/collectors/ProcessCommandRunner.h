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

    ProcessCommandRunner() = default;

    CommandResult run(const QString &program, const QStringList &args, std::chrono::milliseconds timeout) override;
};

} // namespace steward::agent
