// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/LoginThrottle.h"

#include <QTest>

using steward::server::LoginThrottle;

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstFailuresAreFree();
    void delaysDoubleUpToTheirCaps();
    void anotherAddressIsBarelySlowedForTheSameUser();
    void failuresExpireWithTheWindow();
    void successClearsFailures();
    void attemptsInFlightAreBoundedPerAddress();
    void trackingIsBounded();

private:
    // One failed attempt, as the login route makes it; returns the delay that attempt got.
    int fail(LoginThrottle &throttle, const QString &user, const QString &source, const QDateTime &at)
    {
        const LoginThrottle::Admission admission = throttle.admit(user, source, at);
        throttle.recordFailure(user, source, at);
        throttle.finish(source);
        return admission.delayMs;
    }

    const QDateTime m_start = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    const QString m_a = QStringLiteral("10.0.0.1");
    const QString m_b = QStringLiteral("10.0.0.2");
    const QString m_admin = QStringLiteral("admin");
};

void TestLoginThrottle::firstFailuresAreFree()
{
    LoginThrottle throttle;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(fail(throttle, m_admin, m_a, m_start), 0);
    }
    // The third failure is the one after which attempts are slowed down.
    LoginThrottle other;
    other.recordFailure(m_admin, m_a, m_start);
    other.recordFailure(m_admin, m_a, m_start);
    QCOMPARE(other.recordFailure(m_admin, m_a, m_start), true);
    QCOMPARE(other.recordFailure(m_admin, m_a, m_start), false);
}

void TestLoginThrottle::delaysDoubleUpToTheirCaps()
{
    LoginThrottle throttle;
    QList<int> delays;
    for (int i = 0; i < 10; ++i) {
        delays.append(fail(throttle, m_admin, m_a, m_start));
    }
    QCOMPARE(delays, (QList<int>{0, 0, 0, 1000, 2000, 4000, 8000, 16000, 30000, 30000}));
}

void TestLoginThrottle::anotherAddressIsBarelySlowedForTheSameUser()
{
    LoginThrottle throttle;
    for (int i = 0; i < 20; ++i) {
        fail(throttle, m_admin, m_a, m_start);
    }
    // The hammering address waits the longest; the real admin elsewhere only the user's cap.
    QCOMPARE(throttle.admit(m_admin, m_a, m_start).delayMs, 30000);
    throttle.finish(m_a);
    const LoginThrottle::Admission elsewhere = throttle.admit(m_admin, m_b, m_start);
    QVERIFY(elsewhere.admitted);
    QCOMPARE(elsewhere.delayMs, 5000);
    throttle.finish(m_b);
    // Another user from the other address is not slowed at all.
    QCOMPARE(throttle.admit(QStringLiteral("alice"), m_b, m_start).delayMs, 0);
}

void TestLoginThrottle::failuresExpireWithTheWindow()
{
    LoginThrottle throttle;
    for (int i = 0; i < 5; ++i) {
        fail(throttle, m_admin, m_a, m_start);
    }
    QCOMPARE(throttle.admit(m_admin, m_a, m_start.addSecs(899)).delayMs, 4000);
    throttle.finish(m_a);
    QCOMPARE(throttle.admit(m_admin, m_a, m_start.addSecs(900)).delayMs, 0);
}

void TestLoginThrottle::successClearsFailures()
{
    LoginThrottle throttle;
    for (int i = 0; i < 6; ++i) {
        fail(throttle, m_admin, m_a, m_start);
    }
    throttle.recordSuccess(m_admin, m_a);
    QCOMPARE(throttle.admit(m_admin, m_a, m_start).delayMs, 0);
}

void TestLoginThrottle::attemptsInFlightAreBoundedPerAddress()
{
    LoginThrottle throttle;
    QVERIFY(throttle.admit(m_admin, m_a, m_start).admitted);
    QVERIFY(throttle.admit(m_admin, m_a, m_start).admitted);
    QVERIFY(!throttle.admit(m_admin, m_a, m_start).admitted);
    // Only that address: no global refusal.
    QVERIFY(throttle.admit(m_admin, m_b, m_start).admitted);
    throttle.finish(m_a);
    QVERIFY(throttle.admit(m_admin, m_a, m_start).admitted);
}

void TestLoginThrottle::trackingIsBounded()
{
    LoginThrottle::Limits limits;
    limits.maxTracked = 100;
    LoginThrottle throttle(limits);
    for (int i = 0; i < 1000; ++i) {
        fail(throttle,
             QStringLiteral("user-%1").arg(i),
             QStringLiteral("10.1.%1.%2").arg(i / 256).arg(i % 256),
             m_start);
    }
    // Still answers, and the newest offender is still remembered.
    for (int i = 0; i < 4; ++i) {
        fail(throttle, QStringLiteral("user-x"), m_a, m_start);
    }
    QCOMPARE(throttle.admit(QStringLiteral("user-x"), m_a, m_start).delayMs, 2000);
}

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "TestLoginThrottle.moc"
