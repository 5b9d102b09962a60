// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

namespace steward::server
{

// Bounds password checks. Each PBKDF2 check costs tens of milliseconds on the one thread that
// also serves agents, so unbounded login attempts would stall every agent. A source address
// that failed too often in a window is refused without a check, and all sources together get a
// token bucket of checks per second.
class LoginThrottle
{
public:
    struct Limits {
        int failuresPerSource = 5;
        int windowSeconds = 300;
        int checksPerSecond = 5;
        int burst = 10;
        int maxTrackedSources = 10000;
    };

    enum class Verdict {
        Allowed,
        SourceLocked, // too many failures from this address
        Busy, // too many checks overall right now
    };

    LoginThrottle();
    explicit LoginThrottle(Limits limits);

    // Reserves one password check at `now`, or says why not.
    Verdict admit(const QString &source, const QDateTime &now);
    // Returns true when this failure is the one that locks the source (worth one audit row).
    bool recordFailure(const QString &source, const QDateTime &now);
    void recordSuccess(const QString &source);

private:
    struct Failures {
        int count = 0;
        QDateTime windowStart;
    };
    void forgetExpired(const QDateTime &now);

    Limits m_limits;
    QHash<QString, Failures> m_failures;
    double m_tokens;
    QDateTime m_lastRefill;
};

} // namespace steward::server
