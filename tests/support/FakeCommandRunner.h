// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CommandRunner.h"

#include <QHash>
#include <QList>

namespace steward::test
{

// Replays canned results per program and records every call. A program
// without a canned result behaves as if it were not installed.
class FakeCommandRunner : public agent::CommandRunner
{
public:
    struct Call {
        QString program;
        QStringList args;
        std::chrono::milliseconds timeout;
    };

    static agent::CommandResult succeeding(const QByteArray &standardOutput)
    {
        agent::CommandResult result;
        result.exitCode = 0;
        result.standardOutput = standardOutput;
        return result;
    }

    static agent::CommandResult failing(int exitCode, const QByteArray &standardError)
    {
        agent::CommandResult result;
        result.exitCode = exitCode;
        result.standardError = standardError;
        return result;
    }

    static agent::CommandResult timingOut()
    {
        agent::CommandResult result;
        result.timedOut = true;
        return result;
    }

    void setResult(const QString &program, const agent::CommandResult &result)
    {
        m_results.insert(program, result);
    }

    const QList<Call> &calls() const
    {
        return m_calls;
    }

    agent::CommandResult run(const QString &program,
                             const QStringList &args,
                             std::chrono::milliseconds timeout) override
    {
        m_calls.append(Call{program, args, timeout});
        const auto it = m_results.constFind(program);
        if (it == m_results.cend()) {
            agent::CommandResult notFound;
            notFound.failedToStart = true;
            return notFound;
        }
        return *it;
    }

private:
    QHash<QString, agent::CommandResult> m_results;
    QList<Call> m_calls;
};

} // namespace steward::test
