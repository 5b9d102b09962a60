// SPDX-License-Identifier: GPL-3.0-or-later
#include "Backoff.h"

#include <QList>
#include <QTest>

using namespace steward::agent;
using namespace std::chrono_literals;

namespace
{
QList<qint64> draw(Backoff &backoff, int count)
{
    QList<qint64> delays;
    for (int i = 0; i < count; ++i) {
        delays << backoff.next().count();
    }
    return delays;
}
}

class TestBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delaysDoubleWithinJitterBounds_data();
    void delaysDoubleWithinJitterBounds();
    void reset();
    void sameSeedSameSequence();
    void differentSeedsDiffer();
    void jitterSpreadsOverTheWholeRange();
    void maximumBelowInitial();
};

void TestBackoff::delaysDoubleWithinJitterBounds_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 42u, 0xdeadbeefu}) {
        QTest::addRow("seed %u", seed) << seed;
    }
}

void TestBackoff::delaysDoubleWithinJitterBounds()
{
    QFETCH(quint32, seed);

    Backoff backoff(1000ms, 30000ms, seed);
    // Ceilings: 1, 2, 4, 8, 16 s, then capped at 30 s for good.
    const QList<qint64> ceilings{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000};
    for (qsizetype i = 0; i < ceilings.size(); ++i) {
        const qint64 delay = backoff.next().count();
        const qint64 ceiling = ceilings.at(i);
        QVERIFY2(
            delay >= ceiling / 2 && delay <= ceiling,
            qPrintable(
                QStringLiteral("attempt %1: %2 ms outside [%3, %4]").arg(i).arg(delay).arg(ceiling / 2).arg(ceiling)));
        QCOMPARE(backoff.attempts(), int(i + 1));
    }
}

void TestBackoff::reset()
{
    Backoff backoff(1000ms, 60000ms, 7);
    (void)draw(backoff, 6); // ceiling now 60 s
    QCOMPARE(backoff.attempts(), 6);
    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    const qint64 first = backoff.next().count();
    QVERIFY2(first >= 500 && first <= 1000, qPrintable(QString::number(first)));
    const qint64 second = backoff.next().count();
    QVERIFY2(second >= 1000 && second <= 2000, qPrintable(QString::number(second)));
}

void TestBackoff::sameSeedSameSequence()
{
    Backoff a(1000ms, 300000ms, 12345);
    Backoff b(1000ms, 300000ms, 12345);
    const QList<qint64> first = draw(a, 20);
    QCOMPARE(draw(b, 20), first);

    // reset() restarts the doubling, not the random stream, so it stays in lockstep with a twin.
    a.reset();
    b.reset();
    QCOMPARE(draw(a, 5), draw(b, 5));
}

void TestBackoff::differentSeedsDiffer()
{
    Backoff a(1000ms, 300000ms, 1);
    Backoff b(1000ms, 300000ms, 2);
    const QList<qint64> first = draw(a, 20);
    const QList<qint64> second = draw(b, 20);
    QVERIFY(first != second);
    int equal = 0;
    for (qsizetype i = 0; i < first.size(); ++i) {
        equal += first.at(i) == second.at(i) ? 1 : 0;
    }
    QVERIFY2(equal <= 3, qPrintable(QStringLiteral("%1 of 20 delays identical").arg(equal)));
}

void TestBackoff::jitterSpreadsOverTheWholeRange()
{
    // A fixed ceiling of 10 s: the draws must cover [5 s, 10 s], not cluster.
    Backoff backoff(10000ms, 10000ms, 99);
    const QList<qint64> delays = draw(backoff, 1000);
    const qint64 lowest = *std::min_element(delays.cbegin(), delays.cend());
    const qint64 highest = *std::max_element(delays.cbegin(), delays.cend());
    QVERIFY(lowest >= 5000);
    QVERIFY(highest <= 10000);
    QVERIFY2(lowest < 5100, qPrintable(QString::number(lowest)));
    QVERIFY2(highest > 9900, qPrintable(QString::number(highest)));
    int lowerHalf = 0;
    for (qint64 delay : delays) {
        lowerHalf += delay < 7500 ? 1 : 0;
    }
    QVERIFY2(lowerHalf > 400 && lowerHalf < 600, qPrintable(QString::number(lowerHalf)));
}

void TestBackoff::maximumBelowInitial()
{
    Backoff backoff(5000ms, 1000ms, 3);
    for (qint64 delay : draw(backoff, 5)) {
        QVERIFY2(delay >= 2500 && delay <= 5000, qPrintable(QString::number(delay)));
    }
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "TestBackoff.moc"
