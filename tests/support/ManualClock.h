// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

namespace steward::test
{

// A clock that stands still until the test moves it, so that ages, expiries and "3 h ago" come out
// the same on every run and a test can let days pass without sleeping.
class ManualClock : public Clock
{
public:
    explicit ManualClock(QDateTime start)
        : m_now(std::move(start))
    {
    }

    QDateTime now() const override
    {
        return m_now;
    }
    void set(const QDateTime &now)
    {
        m_now = now;
    }
    void advance(qint64 seconds)
    {
        m_now = m_now.addSecs(seconds);
    }

private:
    QDateTime m_now;
};

} // namespace steward::test
