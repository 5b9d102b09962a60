// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CtlCommandLine.h"

#include <QDateTime>

#include <chrono>

class QProcessEnvironment;
class QTextStream;

namespace steward
{
class Clock;
}

namespace steward::app
{

// Runs one stewardctl invocation: log in, run the command, print, log out.
// Returns the process exit status; errors go to `err` as one line.
class CtlRunner
{
public:
    // Ages in the output ("3 h ago") are relative to `clock`'s now.
    CtlRunner(QTextStream &out, QTextStream &err, const Clock &clock);

    void setTimeout(std::chrono::milliseconds timeout);

    // The whole program, for main(): parse, run, exit status.
    int main(const QStringList &arguments, const QProcessEnvironment &environment, const QString &version);
    int run(const CtlCommandLine::Invocation &invocation);

    static Result<QString> readPassword(const QString &path);

private:
    int fail(int status, const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
    const Clock &m_clock;
    std::chrono::milliseconds m_timeout{30000};
};

} // namespace steward::app
