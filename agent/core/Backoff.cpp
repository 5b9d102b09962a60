// SPDX-License-Identifier: GPL-3.0-or-later
#include "Backoff.h"

#include <algorithm>

namespace steward::agent
{

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum, quint32 seed)
    : m_initial(initial)
    , m_maximum(std::max(initial, maximum))
    , m_current(initial)
    , m_random(seed)
{
}

std::chrono::milliseconds Backoff::next()
{
    const qint64 ceiling = m_current.count();
    const qint64 floor = ceiling / 2;
    const qint64 delay = floor + qint64(m_random.bounded(quint64(ceiling - floor + 1)));
    m_current = std::min(m_maximum, m_current * 2);
    ++m_attempts;
    return std::chrono::milliseconds(delay);
}

void Backoff::reset()
{
    m_current = m_initial;
    m_attempts = 0;
}

} // namespace steward::agent
