// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

namespace steward::server
{

// Slows down password guessing without locking anyone out. Failures are counted per source
// address and per user name within a window; past a few free failures, each further attempt
// is answered only after a delay that doubles with every failure (capped). The address's delay
// grows further than the user's, so someone hammering "admin" from one address waits up to half
// a minute per guess while the real admin, from another address, waits a few seconds at most.
// An address may have only a few attempts in flight at once (further ones get 429 for that
// address only), so parallel connections do not multiply its guessing rate either. Password
// checks run on the API's worker threads, so none of this holds up agents. Thread-safe.
class LoginThrottle
{
public:
    struct Limits {
        int freeFailures = 3;
        int windowSeconds = 900;
        int maxSourceDelayMs = 30000;
        int maxUserDelayMs = 5000;
        int maxInFlightPerSource = 2;
        int maxTracked = 10000; // addresses and names remembered at once
    };

    struct Admission {
        bool admitted = true; // false: too many attempts in flight from this address
        int delayMs = 0; // answer this attempt only after this long
    };

    LoginThrottle();
    explicit LoginThrottle(Limits limits);

    // Asks to check one password. When admitted, finish(source) must follow once the answer
    // has been sent.
    Admission admit(const QString &user, const QString &source, const QDateTime &now);
    void finish(const QString &source);
    // Returns true when this failure is the first to be slowed down (worth saying in the audit log).
    bool recordFailure(const QString &user, const QString &source, const QDateTime &now);
    void recordSuccess(const QString &user, const QString &source);

private:
    struct Failures {
        int count = 0;
        QDateTime windowStart;
    };
    int failuresOf(const QHash<QString, Failures> &table, const QString &key, const QDateTime &now) const;
    void addFailure(QHash<QString, Failures> &table, const QString &key, const QDateTime &now);
    int delayFor(int failures, int capMs) const;

    Limits m_limits;
    QMutex m_mutex;
    QHash<QString, Failures> m_sourceFailures;
    QHash<QString, Failures> m_userFailures;
    QHash<QString, int> m_inFlight;
};

} // namespace steward::server
