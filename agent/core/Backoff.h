// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

#include <chrono>

namespace steward::agent
{

// Reconnect delays: doubling from `initial` up to `maximum`, each drawn uniformly from
// [delay/2, delay] ("equal jitter") so thousands of agents cut off by one outage do not
// all come back in the same second.
class Backoff
{
public:
    Backoff(std::chrono::milliseconds initial,
            std::chrono::milliseconds maximum,
            quint32 seed = QRandomGenerator::global()->generate());

    std::chrono::milliseconds next();
    void reset();
    int attempts() const
    {
        return m_attempts;
    }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_maximum;
    std::chrono::milliseconds m_current;
    QRandomGenerator m_random;
    int m_attempts = 0;
};

} // namespace steward::agent
