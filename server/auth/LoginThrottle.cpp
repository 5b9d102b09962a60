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
{
}

int LoginThrottle::failuresOf(const QHash<QString, Failures> &table, const QString &key, const QDateTime &now) const
{
    const auto it = table.constFind(key);
    if (it == table.constEnd() || it->windowStart.secsTo(now) >= m_limits.windowSeconds) {
        return 0;
    }
    return it->count;
}

int LoginThrottle::delayFor(int failures, int capMs) const
{
    const int over = failures - m_limits.freeFailures;
    if (over < 0) {
        return 0;
    }
    return int(std::min<qint64>(capMs, 1000LL << std::min(over, 20)));
}

LoginThrottle::Admission LoginThrottle::admit(const QString &user, const QString &source, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    int &inFlight = m_inFlight[source];
    if (inFlight >= m_limits.maxInFlightPerSource) {
        return Admission{false, 0};
    }
    ++inFlight;
    const int delay = std::max(delayFor(failuresOf(m_sourceFailures, source, now), m_limits.maxSourceDelayMs),
                               delayFor(failuresOf(m_userFailures, user, now), m_limits.maxUserDelayMs));
    return Admission{true, delay};
}

void LoginThrottle::finish(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_inFlight.find(source);
    if (it != m_inFlight.end() && --*it <= 0) {
        m_inFlight.erase(it);
    }
}

void LoginThrottle::addFailure(QHash<QString, Failures> &table, const QString &key, const QDateTime &now)
{
    if (table.size() >= m_limits.maxTracked && !table.contains(key)) {
        for (auto it = table.begin(); it != table.end();) {
            it = it->windowStart.secsTo(now) >= m_limits.windowSeconds ? table.erase(it) : std::next(it);
        }
        if (table.size() >= m_limits.maxTracked) {
            table.erase(table.begin()); // still full: forget someone rather than grow without bound
        }
    }
    Failures &failures = table[key];
    if (!failures.windowStart.isValid() || failures.windowStart.secsTo(now) >= m_limits.windowSeconds) {
        failures = Failures{0, now};
    }
    ++failures.count;
}

bool LoginThrottle::recordFailure(const QString &user, const QString &source, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    addFailure(m_sourceFailures, source, now);
    addFailure(m_userFailures, user, now);
    return m_sourceFailures.value(source).count == m_limits.freeFailures;
}

void LoginThrottle::recordSuccess(const QString &user, const QString &source)
{
    QMutexLocker lock(&m_mutex);
    m_sourceFailures.remove(source);
    m_userFailures.remove(user);
}

} // namespace steward::server
