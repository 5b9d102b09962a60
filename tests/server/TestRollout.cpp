// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/Rollout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace steward;
using namespace steward::server;

namespace
{
const QDateTime kNow = QDateTime(QDate(2024, 6, 5), QTime(12, 0), Qt::UTC);

RolloutJob queued(const QString &id)
{
    return RolloutJob{id, QStringLiteral("queued"), QDateTime()};
}

// Released `secondsAgo` before kNow, now in `state`.
RolloutJob released(const QString &id, const QString &state, int secondsAgo = 3600)
{
    return RolloutJob{id, state, kNow.addSecs(-secondsAgo)};
}

QList<RolloutJob> queuedJobs(const QStringList &ids)
{
    QList<RolloutJob> jobs;
    for (const QString &id : ids) {
        jobs.append(queued(id));
    }
    return jobs;
}

QStringList ids(const QString &prefix, int count)
{
    QStringList result;
    for (int i = 1; i <= count; ++i) {
        result.append(prefix + QString::number(i));
    }
    return result;
}

Rollout withPilot(const QStringList &pilot, double ratio)
{
    Rollout rollout;
    rollout.pilot = pilot;
    rollout.pilotSuccessRatio = ratio;
    return rollout;
}

Rollout fromJsonText(const QByteArray &json, const QStringList &targets)
{
    Result<Rollout> rollout = Rollout::fromJson(QJsonDocument::fromJson(json).object(), targets);
    if (!rollout) {
        qFatal("rollout %s refused: %s", json.constData(), qPrintable(rollout.error().message));
    }
    return rollout.value();
}
}

class TestRollout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutOptionsEverythingQueuedGoesAtOnce();
    void concurrency_data();
    void concurrency();
    void rateWindowIsSixtySeconds_data();
    void rateWindowIsSixtySeconds();
    void limitsCombined_data();
    void limitsCombined();
    void pilotGoesFirstAndTheRestWaits();
    void pilotFirstInTheOrderGiven();
    void pilotGate_data();
    void pilotGate();
    void pilotHeldByConcurrencyStillReportsThePilot();
    void failurePause_data();
    void failurePause();
    void failurePauseWording();
    void failedLikeStates();

    void jsonDefaults();
    void jsonRoundTrip();
    void jsonShape();
    void jsonRefused_data();
    void jsonRefused();
};

void TestRollout::withoutOptionsEverythingQueuedGoesAtOnce()
{
    QList<RolloutJob> jobs = queuedJobs(ids(QStringLiteral("d"), 4));
    jobs.insert(1, released(QStringLiteral("r1"), QStringLiteral("running")));
    jobs.append(released(QStringLiteral("r2"), QStringLiteral("queued"), 1)); // released, not delivered yet
    jobs.append(RolloutJob{QStringLiteral("c1"), QStringLiteral("cancelled"), QDateTime()});
    jobs.append(released(QStringLiteral("f1"), QStringLiteral("failed")));

    const RolloutDecision decision = planRelease(Rollout(), jobs, kNow);
    QCOMPARE(decision.release, ids(QStringLiteral("d"), 4));
    QVERIFY(!decision.pause);
    QVERIFY(decision.pilotGateOpen);
    QVERIFY(decision.waitingReason.isEmpty());

    QVERIFY(planRelease(Rollout(), {}, kNow).release.isEmpty());
}

void TestRollout::concurrency_data()
{
    QTest::addColumn<QList<RolloutJob>>("others"); // besides the 5 queued d1..d5
    QTest::addColumn<QStringList>("release");
    QTest::addColumn<QString>("waiting");

    const QString held = QStringLiteral("rollout.concurrency");
    QTest::newRow("none in flight") << QList<RolloutJob>() << ids(QStringLiteral("d"), 3) << held;
    QTest::newRow("running and waiting count")
        << QList<RolloutJob>{released(QStringLiteral("a"), QStringLiteral("running")),
                             released(QStringLiteral("b"), QStringLiteral("waiting"))}
        << QStringList{QStringLiteral("d1")} << held;
    QTest::newRow("released but undelivered counts")
        << QList<RolloutJob>{released(QStringLiteral("a"), QStringLiteral("queued")),
                             released(QStringLiteral("b"), QStringLiteral("delivered"))}
        << QStringList{QStringLiteral("d1")} << held;
    QTest::newRow("full") << QList<RolloutJob>{released(QStringLiteral("a"), QStringLiteral("running")),
                                               released(QStringLiteral("b"), QStringLiteral("running")),
                                               released(QStringLiteral("c"), QStringLiteral("delivered"))}
                          << QStringList() << held;
    QTest::newRow("final ones do not count")
        << QList<RolloutJob>{released(QStringLiteral("a"), QStringLiteral("succeeded")),
                             released(QStringLiteral("b"), QStringLiteral("failed")),
                             released(QStringLiteral("c"), QStringLiteral("not-applicable")),
                             released(QStringLiteral("e"), QStringLiteral("timed-out")),
                             released(QStringLiteral("f"), QStringLiteral("running"))}
        << ids(QStringLiteral("d"), 2) << held;
    QTest::newRow("unknown does not count (a silent device cannot block)")
        << QList<RolloutJob>{released(QStringLiteral("a"), QStringLiteral("unknown")),
                             released(QStringLiteral("b"), QStringLiteral("unknown")),
                             released(QStringLiteral("c"), QStringLiteral("unknown"))}
        << ids(QStringLiteral("d"), 3) << held;
    QTest::newRow("on the device without a release time counts")
        << QList<RolloutJob>{RolloutJob{QStringLiteral("a"), QStringLiteral("running"), QDateTime()},
                             RolloutJob{QStringLiteral("b"), QStringLiteral("delivered"), QDateTime()}}
        << QStringList{QStringLiteral("d1")} << held;
}

void TestRollout::concurrency()
{
    QFETCH(QList<RolloutJob>, others);
    QFETCH(QStringList, release);
    QFETCH(QString, waiting);

    Rollout rollout;
    rollout.maxConcurrent = 3;
    const RolloutDecision decision = planRelease(rollout, others + queuedJobs(ids(QStringLiteral("d"), 5)), kNow);
    QCOMPARE(decision.release, release);
    QCOMPARE(decision.waitingReason, waiting);
    QVERIFY(!decision.pause);

    // Room for all of them: nothing waits.
    rollout.maxConcurrent = 100;
    const RolloutDecision roomy = planRelease(rollout, others + queuedJobs(ids(QStringLiteral("d"), 5)), kNow);
    QCOMPARE(roomy.release, ids(QStringLiteral("d"), 5));
    QVERIFY(roomy.waitingReason.isEmpty());
}

void TestRollout::rateWindowIsSixtySeconds_data()
{
    QTest::addColumn<QList<int>>("releasedSecondsAgo"); // jobs now succeeded, so concurrency is not involved
    QTest::addColumn<int>("released");

    QTest::newRow("none before") << QList<int>() << 2;
    QTest::newRow("two within the minute") << QList<int>{59, 30} << 0;
    QTest::newRow("one just now") << QList<int>{0} << 1;
    QTest::newRow("one exactly 60 s ago has left the window") << QList<int>{60, 30} << 1;
    QTest::newRow("both over a minute ago") << QList<int>{61, 3600} << 2;
    QTest::newRow("many long ago") << QList<int>{61, 62, 63, 64, 65} << 2;
}

void TestRollout::rateWindowIsSixtySeconds()
{
    QFETCH(QList<int>, releasedSecondsAgo);
    QFETCH(int, released);

    QList<RolloutJob> jobs;
    for (int i = 0; i < releasedSecondsAgo.size(); ++i) {
        jobs.append(::released(QStringLiteral("old%1").arg(i), QStringLiteral("succeeded"), releasedSecondsAgo.at(i)));
    }
    jobs += queuedJobs(ids(QStringLiteral("d"), 4));
    Rollout rollout;
    rollout.perMinute = 2;
    const RolloutDecision decision = planRelease(rollout, jobs, kNow);
    QCOMPARE(decision.release, ids(QStringLiteral("d"), released));
    QCOMPARE(decision.waitingReason, QStringLiteral("rollout.rate"));
}

void TestRollout::limitsCombined_data()
{
    QTest::addColumn<int>("maxConcurrent");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("released");
    QTest::addColumn<QString>("waiting");

    // Besides the queued ones: one running released 10 s ago, one succeeded released 20 s ago.
    QTest::newRow("rate binds") << 5 << 3 << 1 << "rollout.rate";
    QTest::newRow("concurrency binds") << 2 << 10 << 1 << "rollout.concurrency";
    QTest::newRow("both allow all") << 20 << 20 << 6 << "";
    QTest::newRow("both exhausted") << 1 << 2 << 0 << "rollout.concurrency";
}

void TestRollout::limitsCombined()
{
    QFETCH(int, maxConcurrent);
    QFETCH(int, perMinute);
    QFETCH(int, released);
    QFETCH(QString, waiting);

    QList<RolloutJob> jobs{::released(QStringLiteral("a"), QStringLiteral("running"), 10),
                           ::released(QStringLiteral("b"), QStringLiteral("succeeded"), 20)};
    jobs += queuedJobs(ids(QStringLiteral("d"), 6));
    Rollout rollout;
    rollout.maxConcurrent = maxConcurrent;
    rollout.perMinute = perMinute;
    const RolloutDecision decision = planRelease(rollout, jobs, kNow);
    QCOMPARE(decision.release, ids(QStringLiteral("d"), released));
    QCOMPARE(decision.waitingReason, waiting);
}

void TestRollout::pilotGoesFirstAndTheRestWaits()
{
    const Rollout rollout = withPilot({QStringLiteral("p1"), QStringLiteral("p2")}, 1.0);
    QList<RolloutJob> jobs = queuedJobs({QStringLiteral("r1"), QStringLiteral("p1"), QStringLiteral("r2")});
    jobs.append(queued(QStringLiteral("p2")));

    const RolloutDecision first = planRelease(rollout, jobs, kNow);
    QCOMPARE(first.release, (QStringList{QStringLiteral("p1"), QStringLiteral("p2")}));
    QVERIFY(!first.pilotGateOpen);
    QVERIFY(!first.pilotGateUnreachable);
    QCOMPARE(first.waitingReason, QStringLiteral("rollout.pilot"));

    // The pilot runs: the rest still waits and nothing new is released.
    jobs[1] = released(QStringLiteral("p1"), QStringLiteral("running"));
    jobs[3] = released(QStringLiteral("p2"), QStringLiteral("succeeded"));
    const RolloutDecision running = planRelease(rollout, jobs, kNow);
    QVERIFY(running.release.isEmpty());
    QVERIFY(!running.pilotGateOpen);
    QCOMPARE(running.waitingReason, QStringLiteral("rollout.pilot"));

    // The pilot succeeded: the gate opens for the rest.
    jobs[1] = released(QStringLiteral("p1"), QStringLiteral("succeeded"));
    const RolloutDecision done = planRelease(rollout, jobs, kNow);
    QCOMPARE(done.release, (QStringList{QStringLiteral("r1"), QStringLiteral("r2")}));
    QVERIFY(done.pilotGateOpen);
    QVERIFY(done.waitingReason.isEmpty());
}

void TestRollout::pilotFirstInTheOrderGiven()
{
    // A ratio of 0 opens the gate at once: the pilot only goes first.
    const Rollout rollout = withPilot({QStringLiteral("b"), QStringLiteral("a")}, 0.0);
    const QList<RolloutJob> jobs =
        queuedJobs({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("b")});
    const RolloutDecision decision = planRelease(rollout, jobs, kNow);
    QCOMPARE(decision.release,
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    QVERIFY(decision.pilotGateOpen);

    Rollout limited = rollout;
    limited.maxConcurrent = 3;
    QCOMPARE(planRelease(limited, jobs, kNow).release,
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

void TestRollout::pilotGate_data()
{
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QStringList>("pilotStates"); // of p1, p2, ...
    QTest::addColumn<bool>("open");
    QTest::addColumn<bool>("unreachable");

    const auto states = [](std::initializer_list<const char *> names) {
        QStringList list;
        for (const char *name : names) {
            list.append(QString::fromLatin1(name));
        }
        return list;
    };
    QTest::newRow("3 of 4 meets 0.75") << 0.75 << states({"succeeded", "succeeded", "succeeded", "running"}) << true
                                       << false;
    QTest::newRow("2 of 4, one may still succeed")
        << 0.75 << states({"succeeded", "succeeded", "failed", "running"}) << false << false;
    QTest::newRow("2 of 4, two failed: cannot reach")
        << 0.75 << states({"succeeded", "succeeded", "failed", "timed-out"}) << false << true;
    QTest::newRow("cancelled counts against")
        << 1.0 << states({"succeeded", "succeeded", "cancelled"}) << false << true;
    QTest::newRow("not-applicable is neutral")
        << 1.0 << states({"succeeded", "succeeded", "not-applicable"}) << true << false;
    QTest::newRow("all not-applicable") << 1.0 << states({"not-applicable", "not-applicable"}) << true << false;
    QTest::newRow("unknown may still succeed") << 1.0 << states({"succeeded", "unknown"}) << false << false;
    QTest::newRow("4 of 5 meets 0.8") << 0.8 << states({"succeeded", "succeeded", "succeeded", "succeeded", "failed"})
                                      << true << false;
    QTest::newRow("none finished yet") << 0.5 << states({"queued", "delivered"}) << false << false;
    QTest::newRow("ratio 0") << 0.0 << states({"queued", "failed"}) << true << false;
}

void TestRollout::pilotGate()
{
    QFETCH(double, ratio);
    QFETCH(QStringList, pilotStates);
    QFETCH(bool, open);
    QFETCH(bool, unreachable);

    QList<RolloutJob> jobs;
    QStringList pilot;
    for (int i = 0; i < pilotStates.size(); ++i) {
        const QString id = QStringLiteral("p%1").arg(i + 1);
        pilot.append(id);
        const QString &state = pilotStates.at(i);
        jobs.append(state == QLatin1String("queued") ? queued(id) : released(id, state));
    }
    jobs += queuedJobs(ids(QStringLiteral("r"), 2));

    const RolloutDecision decision = planRelease(withPilot(pilot, ratio), jobs, kNow);
    QCOMPARE(decision.pilotGateOpen, open);
    QCOMPARE(decision.pilotGateUnreachable, unreachable);
    QCOMPARE(decision.release.contains(QStringLiteral("r1")), open);
    QCOMPARE(decision.release.contains(QStringLiteral("r2")), open);
    QCOMPARE(decision.waitingReason, open ? QString() : QStringLiteral("rollout.pilot"));
    QVERIFY(!decision.pause);
}

void TestRollout::pilotHeldByConcurrencyStillReportsThePilot()
{
    Rollout rollout = withPilot(ids(QStringLiteral("p"), 3), 1.0);
    rollout.maxConcurrent = 2;
    const QList<RolloutJob> jobs = queuedJobs(ids(QStringLiteral("p"), 3) + ids(QStringLiteral("r"), 3));
    const RolloutDecision decision = planRelease(rollout, jobs, kNow);
    QCOMPARE(decision.release, ids(QStringLiteral("p"), 2));
    QVERIFY(!decision.pilotGateOpen);
    QCOMPARE(decision.waitingReason, QStringLiteral("rollout.pilot"));
}

void TestRollout::failurePause_data()
{
    QTest::addColumn<QStringList>("finalStates"); // each released, plus two queued jobs
    QTest::addColumn<int>("pilotSize"); // the first n of them form the pilot (ratio 0)
    QTest::addColumn<bool>("pause");

    QStringList threeOfTen = QStringList(7, QStringLiteral("succeeded"));
    threeOfTen += QStringList{QStringLiteral("failed"), QStringLiteral("timed-out"), QStringLiteral("rejected")};
    QTest::newRow("3 of 10 failed-like > 20%") << threeOfTen << 0 << true;
    QStringList oneOfFive = QStringList(4, QStringLiteral("succeeded")) << QStringLiteral("failed");
    QTest::newRow("1 of 5 is not above 20%") << oneOfFive << 0 << false;
    QTest::newRow("2 of 4 but fewer than 5 final") << QStringList{QStringLiteral("failed"),
                                                                  QStringLiteral("failed"),
                                                                  QStringLiteral("succeeded"),
                                                                  QStringLiteral("succeeded")}
                                                   << 0 << false;
    QTest::newRow("unknown and running are not final") << QStringList{QStringLiteral("failed"),
                                                                      QStringLiteral("failed"),
                                                                      QStringLiteral("unknown"),
                                                                      QStringLiteral("running"),
                                                                      QStringLiteral("succeeded")}
                                                       << 0 << false;
    QTest::newRow("cancelled and not-applicable are final, not failures")
        << QStringList{QStringLiteral("failed"),
                       QStringLiteral("cancelled"),
                       QStringLiteral("not-applicable"),
                       QStringLiteral("expired"),
                       QStringLiteral("succeeded")}
        << 0 << false;
    QTest::newRow("a pilot of 3 lowers the minimum")
        << QStringList{QStringLiteral("failed"), QStringLiteral("succeeded"), QStringLiteral("succeeded")} << 3 << true;
}

void TestRollout::failurePause()
{
    QFETCH(QStringList, finalStates);
    QFETCH(int, pilotSize);
    QFETCH(bool, pause);

    QList<RolloutJob> jobs;
    for (int i = 0; i < finalStates.size(); ++i) {
        jobs.append(released(QStringLiteral("f%1").arg(i + 1), finalStates.at(i)));
    }
    jobs += queuedJobs(ids(QStringLiteral("q"), 2));
    Rollout rollout = withPilot(ids(QStringLiteral("f"), pilotSize), 0.0);
    rollout.pauseFailureRatio = 0.2;

    const RolloutDecision decision = planRelease(rollout, jobs, kNow);
    QCOMPARE(decision.pause, pause);
    if (pause) {
        QVERIFY(decision.release.isEmpty());
        QVERIFY(!decision.pauseReason.isEmpty());
        QCOMPARE(decision.waitingReason, QStringLiteral("rollout.paused"));
    } else {
        QCOMPARE(decision.release, ids(QStringLiteral("q"), 2));
        QVERIFY(decision.pauseReason.isEmpty());
    }

    // Without a failure ratio nothing ever pauses.
    rollout.pauseFailureRatio.reset();
    QVERIFY(!planRelease(rollout, jobs, kNow).pause);
}

void TestRollout::failurePauseWording()
{
    QList<RolloutJob> jobs;
    for (int i = 0; i < 10; ++i) {
        jobs.append(
            released(QStringLiteral("f%1").arg(i), i < 3 ? QStringLiteral("failed") : QStringLiteral("succeeded")));
    }
    Rollout rollout;
    rollout.pauseFailureRatio = 0.2;
    const RolloutDecision decision = planRelease(rollout, jobs, kNow);
    QVERIFY(decision.pause);
    QCOMPARE(decision.pauseReason, QStringLiteral("3 of 10 finished device jobs failed (30% > 20%)"));
    QVERIFY(decision.waitingReason.isEmpty()); // nothing queued is held

    rollout.pauseMinimumFinal = 11;
    QVERIFY(!planRelease(rollout, jobs, kNow).pause);
    rollout.pauseMinimumFinal = 5;
    rollout.pauseFailureRatio = 0.3;
    QVERIFY(!planRelease(rollout, jobs, kNow).pause);
    rollout.pauseFailureRatio = 0.0;
    jobs.last().state = QStringLiteral("rejected");
    QCOMPARE(planRelease(rollout, jobs, kNow).pauseReason,
             QStringLiteral("4 of 10 finished device jobs failed (40% > 0%)"));
}

void TestRollout::failedLikeStates()
{
    for (const char *state : {"failed", "timed-out", "rejected"}) {
        QVERIFY2(isFailedLike(QString::fromLatin1(state)), state);
    }
    for (const char *state : {"succeeded", "not-applicable", "cancelled", "expired", "unknown", "running", "queued"}) {
        QVERIFY2(!isFailedLike(QString::fromLatin1(state)), state);
    }
}

void TestRollout::jsonDefaults()
{
    const QStringList targets = ids(QStringLiteral("d"), 3);
    for (const QJsonValue &value : {QJsonValue(QJsonValue::Undefined),
                                    QJsonValue(QJsonValue::Null),
                                    QJsonValue(QJsonObject()),
                                    QJsonValue(QJsonObject{{QStringLiteral("maxConcurrent"), QJsonValue::Null},
                                                           {QStringLiteral("pilot"), QJsonValue::Null},
                                                           {QStringLiteral("pilotSuccessRatio"), QJsonValue::Null}})}) {
        const Result<Rollout> rollout = Rollout::fromJson(value, targets);
        QVERIFY2(rollout.ok(), qPrintable(rollout.ok() ? QString() : rollout.error().message));
        QVERIFY(rollout.value() == Rollout());
    }
    const Rollout rollout;
    QVERIFY(!rollout.maxConcurrent);
    QVERIFY(!rollout.perMinute);
    QVERIFY(rollout.pilot.isEmpty());
    QCOMPARE(rollout.pilotSuccessRatio, 1.0);
    QVERIFY(!rollout.pauseFailureRatio);
    QCOMPARE(rollout.pauseMinimumFinal, 5);
    QCOMPARE(rollout.minimumFinalForPause(), 5);
    QCOMPARE(withPilot(ids(QStringLiteral("d"), 2), 1.0).minimumFinalForPause(), 2);
}

void TestRollout::jsonRoundTrip()
{
    const QStringList targets = ids(QStringLiteral("d"), 10);
    Rollout rollout;
    rollout.maxConcurrent = 50;
    rollout.perMinute = 20;
    rollout.pilot = {QStringLiteral("d7"), QStringLiteral("d2")};
    rollout.pilotSuccessRatio = 0.9;
    rollout.pauseFailureRatio = 0.15;
    rollout.pauseMinimumFinal = 8;
    const QByteArray text = QJsonDocument(rollout.toJson()).toJson(QJsonDocument::Compact);
    QVERIFY(fromJsonText(text, targets) == rollout);

    const QByteArray defaults = QJsonDocument(Rollout().toJson()).toJson(QJsonDocument::Compact);
    QVERIFY(fromJsonText(defaults, targets) == Rollout());

    const Rollout read =
        fromJsonText(R"({"maxConcurrent": 3, "pilot": ["d1"], "pauseFailureRatio": 0, "pilotSuccessRatio": 0.5})",
                     targets);
    QCOMPARE(read.maxConcurrent, std::optional<int>(3));
    QVERIFY(!read.perMinute);
    QCOMPARE(read.pilot, QStringList{QStringLiteral("d1")});
    QCOMPARE(read.pilotSuccessRatio, 0.5);
    QCOMPARE(read.pauseFailureRatio, std::optional<double>(0.0));
    QCOMPARE(read.pauseMinimumFinal, 5);
}

void TestRollout::jsonShape()
{
    const QJsonObject defaults{{QStringLiteral("pilot"), QJsonArray()},
                               {QStringLiteral("pilotSuccessRatio"), 1.0},
                               {QStringLiteral("pauseMinimumFinal"), 5}};
    QCOMPARE(Rollout().toJson(), defaults);

    Rollout rollout;
    rollout.maxConcurrent = 4;
    rollout.perMinute = 6;
    rollout.pilot = {QStringLiteral("a")};
    rollout.pauseFailureRatio = 0.25;
    const QJsonObject full{{QStringLiteral("maxConcurrent"), 4},
                           {QStringLiteral("perMinute"), 6},
                           {QStringLiteral("pilot"), QJsonArray{QStringLiteral("a")}},
                           {QStringLiteral("pilotSuccessRatio"), 1.0},
                           {QStringLiteral("pauseFailureRatio"), 0.25},
                           {QStringLiteral("pauseMinimumFinal"), 5}};
    QCOMPARE(rollout.toJson(), full);
}

void TestRollout::jsonRefused_data()
{
    QTest::addColumn<QByteArray>("json"); // the value of "rollout"
    QTest::addColumn<QString>("named");

    QTest::newRow("not an object") << QByteArray("[1]") << "\"rollout\"";
    QTest::newRow("a string") << QByteArray("\"fast\"") << "\"rollout\"";
    QTest::newRow("unknown field") << QByteArray(R"({"speed": 1})") << "\"rollout.speed\"";
    QTest::newRow("maxConcurrent 0") << QByteArray(R"({"maxConcurrent": 0})") << "\"rollout.maxConcurrent\"";
    QTest::newRow("maxConcurrent negative") << QByteArray(R"({"maxConcurrent": -3})") << "\"rollout.maxConcurrent\"";
    QTest::newRow("maxConcurrent fraction") << QByteArray(R"({"maxConcurrent": 2.5})") << "\"rollout.maxConcurrent\"";
    QTest::newRow("maxConcurrent text") << QByteArray(R"({"maxConcurrent": "5"})") << "\"rollout.maxConcurrent\"";
    QTest::newRow("maxConcurrent huge") << QByteArray(R"({"maxConcurrent": 1e12})") << "\"rollout.maxConcurrent\"";
    QTest::newRow("perMinute 0") << QByteArray(R"({"perMinute": 0})") << "\"rollout.perMinute\"";
    QTest::newRow("perMinute boolean") << QByteArray(R"({"perMinute": true})") << "\"rollout.perMinute\"";
    QTest::newRow("pauseMinimumFinal 0") << QByteArray(R"({"pauseMinimumFinal": 0})")
                                         << "\"rollout.pauseMinimumFinal\"";
    QTest::newRow("success ratio above 1")
        << QByteArray(R"({"pilotSuccessRatio": 1.5})") << "\"rollout.pilotSuccessRatio\"";
    QTest::newRow("success ratio negative")
        << QByteArray(R"({"pilotSuccessRatio": -0.1})") << "\"rollout.pilotSuccessRatio\"";
    QTest::newRow("success ratio text") << QByteArray(R"({"pilotSuccessRatio": "0.5"})")
                                        << "\"rollout.pilotSuccessRatio\"";
    QTest::newRow("failure ratio 2") << QByteArray(R"({"pauseFailureRatio": 2})") << "\"rollout.pauseFailureRatio\"";
    QTest::newRow("pilot not an array") << QByteArray(R"({"pilot": "d1"})") << "\"rollout.pilot\"";
    QTest::newRow("pilot id not text") << QByteArray(R"({"pilot": [1]})") << "\"rollout.pilot\"";
    QTest::newRow("pilot id not a target")
        << QByteArray(R"({"pilot": ["d1", "x9"]})") << "\"x9\", which is not a target";
    QTest::newRow("pilot id twice") << QByteArray(R"({"pilot": ["d2", "d1", "d2"]})") << "\"d2\" twice";
}

void TestRollout::jsonRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, named);

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("{\"rollout\": " + json + "}", &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const Result<Rollout> rollout =
        Rollout::fromJson(document.object().value(QStringLiteral("rollout")), ids(QStringLiteral("d"), 3));
    QVERIFY(!rollout.ok());
    QCOMPARE(rollout.error().code, QStringLiteral("request.invalid"));
    QVERIFY2(rollout.error().message.contains(named), qPrintable(rollout.error().message));
}

QTEST_GUILESS_MAIN(TestRollout)
#include "TestRollout.moc"
