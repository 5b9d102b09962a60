// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/LoginThrottle.h"

#include <QTest>

using steward::server::LoginThrottle;

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourceIsLockedAfterRepeatedFailures();
    void lockExpiresWithTheWindow();
    void successClearsFailures();
    void otherSourcesAreUnaffected();
    void checksOverallAreRateLimited();

private:
    const QDateTime m_start = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    const QString m_a = QStringLiteral("10.0.0.1");
    const QString m_b = QStringLiteral("10.0.0.2");
};

void TestLoginThrottle::sourceIsLockedAfterRepeatedFailures()
{
    LoginThrottle throttle;
    for (int i = 1; i <= 5; ++i) {
        const QDateTime at = m_start.addSecs(i * 10); // slow enough for the overall rate
        QCOMPARE(throttle.admit(m_a, at), LoginThrottle::Verdict::Allowed);
        QCOMPARE(throttle.recordFailure(m_a, at), i == 5); // the fifth failure is the locking one
    }
    QCOMPARE(throttle.admit(m_a, m_start.addSecs(60)), LoginThrottle::Verdict::SourceLocked);
}

void TestLoginThrottle::lockExpiresWithTheWindow()
{
    LoginThrottle throttle;
    for (int i = 0; i < 5; ++i) {
        throttle.recordFailure(m_a, m_start);
    }
    QCOMPARE(throttle.admit(m_a, m_start.addSecs(299)), LoginThrottle::Verdict::SourceLocked);
    QCOMPARE(throttle.admit(m_a, m_start.addSecs(300)), LoginThrottle::Verdict::Allowed);
}

void TestLoginThrottle::successClearsFailures()
{
    LoginThrottle throttle;
    for (int i = 0; i < 4; ++i) {
        throttle.recordFailure(m_a, m_start);
    }
    throttle.recordSuccess(m_a);
    QCOMPARE(throttle.recordFailure(m_a, m_start), false);
    QCOMPARE(throttle.admit(m_a, m_start.addSecs(1)), LoginThrottle::Verdict::Allowed);
}

void TestLoginThrottle::otherSourcesAreUnaffected()
{
    LoginThrottle throttle;
    for (int i = 0; i < 5; ++i) {
        throttle.recordFailure(m_a, m_start);
    }
    QCOMPARE(throttle.admit(m_b, m_start), LoginThrottle::Verdict::Allowed);
}

void TestLoginThrottle::checksOverallAreRateLimited()
{
    LoginThrottle::Limits limits;
    limits.checksPerSecond = 2;
    limits.burst = 3;
    LoginThrottle throttle(limits);
    // The burst is spent at once, from any mix of sources...
    QCOMPARE(throttle.admit(m_a, m_start), LoginThrottle::Verdict::Allowed);
    QCOMPARE(throttle.admit(m_b, m_start), LoginThrottle::Verdict::Allowed);
    QCOMPARE(throttle.admit(m_a, m_start), LoginThrottle::Verdict::Allowed);
    QCOMPARE(throttle.admit(m_b, m_start), LoginThrottle::Verdict::Busy);
    // ...and refills at the configured rate.
    QCOMPARE(throttle.admit(m_b, m_start.addMSecs(400)), LoginThrottle::Verdict::Busy);
    QCOMPARE(throttle.admit(m_b, m_start.addMSecs(600)), LoginThrottle::Verdict::Allowed);
}

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "TestLoginThrottle.moc"
