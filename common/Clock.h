// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace steward
{

// Time source, injectable so tests can age definitions, certificates or contact times without
// sleeping. Whatever reads the wall clock takes a `const Clock &`; production code passes
// Clock::system(), tests a ManualClock (tests/support).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const
    {
        return QDateTime::currentDateTimeUtc();
    }

    // The real clock, shared: it has no state, so one instance outlives every user.
    static const Clock &system()
    {
        static const Clock clock{};
        return clock;
    }
};

} // namespace steward
