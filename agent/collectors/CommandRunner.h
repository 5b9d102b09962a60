// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>

namespace steward::agent
{

struct CommandResult {
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    bool timedOut = false;
    bool failedToStart = false;

    bool succeeded() const
    {
        return !timedOut && !failedToStart && exitCode == 0;
    }
};

// The seam between collectors and the programs they run: production uses
// ProcessCommandRunner, tests replay recorded output.
class CommandRunner
{
public:
    virtual ~CommandRunner();

    // Must return within roughly `timeout`, whatever the program does.
    virtual CommandResult run(const QString &program, const QStringList &args, std::chrono::milliseconds timeout) = 0;

protected:
    CommandRunner() = default;
    CommandRunner(const CommandRunner &) = default;
    CommandRunner &operator=(const CommandRunner &) = default;
};

} // namespace steward::agent
