// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoginThrottle.h"

#include <algorithm>

namespace steward::server
{

LoginThrottle::LoginThrottle()
    : LoginThrottle(Limits{})
{
}

LoginThrottle::LoginThrottle(Limits limits)
    : m_limits(limits)
    , m_tokens(limits.burst)
{
}

LoginThrottle::Verdict LoginThrottle::admit(const QString &source, const QDateTime &now)
{
    const auto it = m_failures.constFind(source);
    if (it != m_failures.constEnd() && it->count >= m_limits.failuresPerSource && it->windowStart.secsTo(now) < m_limits.windowSeconds) {
        return Verdict::SourceLocked;
    }
    if (m_lastRefill.isValid()) {
        const double elapsed = std::max<qint64>(0, m_lastRefill.msecsTo(now)) / 1000.0;
        m_tokens = std::min<double>(m_limits.burst, m_tokens + elapsed * m_limits.checksPerSecond);
    }
    m_lastRefill = now;
    if (m_tokens < 1.0) {
        return Verdict::Busy;
    }
    m_tokens -= 1.0;
    return Verdict::Allowed;
}

bool LoginThrottle::recordFailure(const QString &source, const QDateTime &now)
{
    if (m_failures.size() >= m_limits.maxTrackedSources) {
        forgetExpired(now);
    }
    Failures &failures = m_failures[source];
    if (!failures.windowStart.isValid() || failures.windowStart.secsTo(now) >= m_limits.windowSeconds) {
        failures = Failures{0, now};
    }
    ++failures.count;
    return failures.count == m_limits.failuresPerSource;
}

void LoginThrottle::recordSuccess(const QString &source)
{
    m_failures.remove(source);
}

void LoginThrottle::forgetExpired(const QDateTime &now)
{
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        it = it->windowStart.secsTo(now) >= m_limits.windowSeconds ? m_failures.erase(it) : std::next(it);
    }
}

} // namespace steward::server
