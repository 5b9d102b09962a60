// SPDX-License-Identifier: GPL-3.0-or-later
// Deployments, device jobs and job events in the store, on SQLite and PostgreSQL.
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "auth/Credentials.h"
#include "store/DeviceRepository.h"
#include "store/EnrolmentRepository.h"
#include "store/JobRepository.h"

#include <QJsonArray>
#include <QTest>

#include <limits>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

Q_DECLARE_METATYPE(steward::server::JobEventOutcome)

namespace
{
Deployment deployment(const QString &id, const QDateTime &createdAt, const QDateTime &expiresAt)
{
    Deployment deployment;
    deployment.id = id;
    deployment.kind = QStringLiteral("patch");
    deployment.envelope = QByteArray("envelope of ") + id.toUtf8();
    deployment.signature = QByteArray(64, '\x5a');
    deployment.signer = QString(64, QLatin1Char('a'));
    deployment.createdBy = QStringLiteral("alice");
    deployment.createdAt = createdAt;
    deployment.notBefore = createdAt;
    deployment.deadline = createdAt.addSecs(kDay);
    deployment.expiresAt = expiresAt;
    deployment.summary = QJsonObject{{QStringLiteral("select"), QStringLiteral("security")},
                                     {QStringLiteral("reboot"), QStringLiteral("if-required")}};
    return deployment;
}

QList<JobTarget> targets(const QStringList &ids)
{
    QList<JobTarget> result;
    for (const QString &id : ids) {
        result.append(JobTarget{id, QByteArray("proof of ") + id.toUtf8()});
    }
    return result;
}

// An event as a device reports it; the server hears of it 5 seconds later.
JobEvent jobEvent(const char *state, const QDateTime &at)
{
    JobEvent event;
    event.state = QLatin1String(state);
    event.at = at;
    event.receivedAt = at.addSecs(5);
    event.data = QByteArray("event ") + state;
    return event;
}

QMap<QString, qint64> counts(std::initializer_list<std::pair<const char *, qint64>> entries)
{
    QMap<QString, qint64> result;
    for (const auto &[state, count] : entries) {
        result.insert(QLatin1String(state), count);
    }
    return result;
}
}

class TestJobRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void createStoresDeploymentAndQueuedJobs();
    void createRefusesTakenIdsAndBadTargets();
    void listCountsStatesNewestFirst();
    void cancelLeavesFinalJobsAlone();
    void expireEndsOnlyWhatIsDue();
    void expireLeavesWhatDevicesHoldUnknown();
    void eventsAreIdempotent_data();
    void eventsAreIdempotent();
    void eventSequenceMayNotJumpTooFar();
    void finalStatesStay();
    void unknownGivesWayToALateResult();
    void undeliveredIsWhatWaitsForTheDevice();
    void undeliveredLeavesOutWhatMayNotGo_data();
    void undeliveredLeavesOutWhatMayNotGo();
    void revokedDeviceEventsAreRefused();
    void heldBackJobCannotBeAcknowledged();
    void deviceReportReplacesAMissedCancel();
    void markDeliveredOnlyTakesQueuedJobs();
    void rolloutHoldsJobsUntilReleased();
    void pauseAndResume();
    void eventsCarryTheirResults();
    void eventsOutsideAnyJob();
    void lastJobToFinishCompletesTheDeployment();
    void forDeviceIsTheDeviceHistory();
    void deletingADeviceTakesItsJobs();

private:
    Status enrol(const QStringList &ids);
    // The deployment ids undelivered() hands the device at `now`, in its order.
    QStringList undeliveredIds(const QString &deviceId, const QDateTime &now, int limit = 64)
    {
        QStringList ids;
        const Result<QList<PendingJob>> pending = m_jobs->undelivered(deviceId, now, limit);
        if (!pending) {
            return {QStringLiteral("error: ") + pending.error().message};
        }
        for (const PendingJob &job : pending.value()) {
            ids.append(job.deploymentId);
        }
        return ids;
    }
    DeviceJob deviceJob(const QString &deploymentId, const QString &deviceId)
    {
        for (const DeviceJob &job : stored(deploymentId).devices) {
            if (job.deviceId == deviceId) {
                return job;
            }
        }
        return DeviceJob{};
    }
    Deployment stored(const QString &id)
    {
        return m_jobs->find(id).value().value();
    }
    QString stateOf(const QString &deploymentId, const QString &deviceId)
    {
        for (const DeviceJob &job : stored(deploymentId).devices) {
            if (job.deviceId == deviceId) {
                return job.state;
            }
        }
        return QString();
    }

    StoreFixture m_fixture;
    std::unique_ptr<JobRepository> m_jobs;
};

void TestJobRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestJobRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_jobs.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_jobs = std::make_unique<JobRepository>(m_fixture.database());
}

Status TestJobRepository::enrol(const QStringList &ids)
{
    EnrolmentRepository enrolment(m_fixture.database());
    const QByteArray hash = credentials::tokenHash(QStringLiteral("enrol-helper-token"));
    if (Status added = enrolment.addToken(hash, 100, kNow.addSecs(kDay), QStringLiteral("admin"), kNow); !added) {
        return added;
    }
    quint64 serial = 5000;
    for (const QString &id : ids) {
        if (Status enrolled = enrolment.enrollDevice(hash, newDevice(id, ++serial), kNow); !enrolled) {
            return enrolled;
        }
    }
    return Ok{};
}

void TestJobRepository::createStoresDeploymentAndQueuedJobs()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-b"), QStringLiteral("dev-a"), QStringLiteral("dev-c")}));
    const Deployment created = deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(7 * kDay));
    QVERIFY_RESULT(m_jobs->create(created, targets({QStringLiteral("dev-b"), QStringLiteral("dev-a")})));

    const Result<std::optional<Deployment>> found = m_jobs->find(QStringLiteral("job-1"));
    QVERIFY_RESULT(found);
    QVERIFY(found.value().has_value());
    const Deployment &job = *found.value();
    QCOMPARE(job.kind, created.kind);
    QCOMPARE(job.envelope, created.envelope);
    QCOMPARE(job.signature, created.signature);
    QCOMPARE(job.signer, created.signer);
    QCOMPARE(job.createdBy, QStringLiteral("alice"));
    QCOMPARE(job.createdAt, kNow);
    QCOMPARE(job.notBefore, kNow);
    QCOMPARE(job.deadline, kNow.addSecs(kDay));
    QCOMPARE(job.expiresAt, kNow.addSecs(7 * kDay));
    QCOMPARE(job.state, QStringLiteral("active"));
    QCOMPARE(job.summary, created.summary);
    QVERIFY(job.cancelledBy.isEmpty());
    QVERIFY(!job.cancelledAt.isValid());
    QCOMPARE(job.counts, counts({{"queued", 2}}));
    // By hostname: host-dev-a, host-dev-b.
    QCOMPARE(job.devices.size(), 2);
    QCOMPARE(job.devices.at(0).deviceId, QStringLiteral("dev-a"));
    QCOMPARE(job.devices.at(0).hostname, QStringLiteral("host-dev-a"));
    QCOMPARE(job.devices.at(0).proof, QByteArray("proof of dev-a"));
    QCOMPARE(job.devices.at(0).state, QStringLiteral("queued"));
    QCOMPARE(job.devices.at(0).updatedAt, kNow);
    QVERIFY(!job.devices.at(0).exitCode.has_value());
    QVERIFY(job.devices.at(0).items.isNull());
    QVERIFY(job.devices.at(0).receipt.isEmpty());
    QCOMPARE(job.devices.at(1).deviceId, QStringLiteral("dev-b"));

    QVERIFY(!m_jobs->find(QStringLiteral("job-2")).value().has_value());
}

void TestJobRepository::createRefusesTakenIdsAndBadTargets()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    DeviceRepository devices(m_fixture.database());
    QVERIFY(devices.revoke(QStringLiteral("dev-2")).value());

    const Status taken = m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                        targets({QStringLiteral("dev-1")}));
    QCOMPARE(taken.error().code, QStringLiteral("job.exists"));
    const Status unknown = m_jobs->create(deployment(QStringLiteral("job-2"), kNow, kNow.addSecs(kDay)),
                                          targets({QStringLiteral("dev-1"), QStringLiteral("dev-9")}));
    QCOMPARE(unknown.error().code, QStringLiteral("job.target-unknown"));
    QVERIFY(unknown.error().message.contains(QLatin1String("dev-9")));
    const Status revoked = m_jobs->create(deployment(QStringLiteral("job-3"), kNow, kNow.addSecs(kDay)),
                                          targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QCOMPARE(revoked.error().code, QStringLiteral("job.target-revoked"));
    QVERIFY(revoked.error().message.contains(QLatin1String("dev-2")));

    // Nothing of the refused ones was kept.
    QCOMPARE(m_fixture.rowCount(QStringLiteral("deployments")), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_jobs")), 1);
}

void TestJobRepository::listCountsStatesNewestFirst()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")}));
    const QStringList all{QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")};
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("older"), kNow, kNow.addSecs(kDay)), targets(all)));
    QVERIFY_RESULT(
        m_jobs->create(deployment(QStringLiteral("newer"), kNow.addSecs(60), kNow.addSecs(kDay)), targets(all)));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("older"), jobEvent("running", kNow)));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("older"), jobEvent("running", kNow)));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-3"), 1, QStringLiteral("older"), jobEvent("failed", kNow)));
    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-1"), 2, QStringLiteral("newer"), jobEvent("delivered", kNow)));

    const Result<QList<Deployment>> listed = m_jobs->list();
    QVERIFY_RESULT(listed);
    QCOMPARE(listed.value().size(), 2);
    QCOMPARE(listed.value().at(0).id, QStringLiteral("newer"));
    QCOMPARE(listed.value().at(0).counts, counts({{"delivered", 1}, {"queued", 2}}));
    QCOMPARE(listed.value().at(1).id, QStringLiteral("older"));
    QCOMPARE(listed.value().at(1).counts, counts({{"running", 2}, {"failed", 1}}));
    QVERIFY(listed.value().at(1).devices.isEmpty()); // the list carries counts, not the jobs
    QCOMPARE(listed.value().at(1).summary, deployment(QStringLiteral("older"), kNow, kNow).summary);
}

void TestJobRepository::cancelLeavesFinalJobsAlone()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")}));
    QVERIFY_RESULT(
        m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                       targets({QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")})));
    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("succeeded", kNow)));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("job-1"), jobEvent("running", kNow)));

    const QDateTime at = kNow.addSecs(kHour);
    const Result<JobCancellation> cancelled = m_jobs->cancel(QStringLiteral("job-1"), QStringLiteral("bob"), at);
    QVERIFY_RESULT(cancelled);
    QCOMPARE(cancelled.value(), JobCancellation::Cancelled);
    const Deployment job = stored(QStringLiteral("job-1"));
    QCOMPARE(job.state, QStringLiteral("cancelled"));
    QCOMPARE(job.cancelledBy, QStringLiteral("bob"));
    QCOMPARE(job.cancelledAt, at);
    QCOMPARE(job.counts, counts({{"succeeded", 1}, {"cancelled", 2}}));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("succeeded"));
    for (const DeviceJob &device : job.devices) {
        if (device.state == QLatin1String("cancelled")) {
            QCOMPARE(device.finishedAt, at);
            QCOMPARE(device.updatedAt, at);
        } else {
            QCOMPARE(device.finishedAt, kNow); // the success keeps its own time
        }
    }

    QCOMPARE(m_jobs->cancel(QStringLiteral("job-1"), QStringLiteral("bob"), at).value(), JobCancellation::Final);
    QCOMPARE(m_jobs->cancel(QStringLiteral("no-such-job"), QStringLiteral("bob"), at).value(),
             JobCancellation::Unknown);
    QCOMPARE(stored(QStringLiteral("job-1")).cancelledAt, at);
}

void TestJobRepository::expireEndsOnlyWhatIsDue()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    const QList<JobTarget> both = targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")});
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("due"), kNow, kNow.addSecs(kHour)), both));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("later"), kNow, kNow.addSecs(kDay)), both));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("done"), kNow, kNow.addSecs(kHour)), both));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("due"), jobEvent("failed", kNow)));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 2, QStringLiteral("done"), jobEvent("succeeded", kNow)));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("done"), jobEvent("succeeded", kNow)));
    QCOMPARE(stored(QStringLiteral("done")).state, QStringLiteral("completed"));

    // Not yet: expiry is the moment itself.
    QCOMPARE(m_jobs->expire(kNow.addSecs(kHour - 1)).value(), 0);
    QCOMPARE(stored(QStringLiteral("due")).state, QStringLiteral("active"));

    const QDateTime now = kNow.addSecs(kHour);
    const Result<int> expired = m_jobs->expire(now);
    QVERIFY_RESULT(expired);
    QCOMPARE(expired.value(), 1);
    const Deployment due = stored(QStringLiteral("due"));
    QCOMPARE(due.state, QStringLiteral("expired"));
    QCOMPARE(due.counts, counts({{"failed", 1}, {"expired", 1}}));
    QCOMPARE(stateOf(QStringLiteral("due"), QStringLiteral("dev-2")), QStringLiteral("expired"));
    QCOMPARE(stored(QStringLiteral("later")).state, QStringLiteral("active"));
    QCOMPARE(stored(QStringLiteral("later")).counts, counts({{"queued", 2}}));
    QCOMPARE(stored(QStringLiteral("done")).state, QStringLiteral("completed"));

    QCOMPARE(m_jobs->expire(now.addSecs(60)).value(), 0); // nothing twice
}

void TestJobRepository::expireLeavesWhatDevicesHoldUnknown()
{
    const QStringList ids{QStringLiteral("dev-queued"),
                          QStringLiteral("dev-delivered"),
                          QStringLiteral("dev-waiting"),
                          QStringLiteral("dev-running"),
                          QStringLiteral("dev-done")};
    QVERIFY_RESULT(enrol(ids));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kHour)), targets(ids)));
    // A rollout's job never released, in a paused deployment: paused ones expire as well.
    Deployment held = deployment(QStringLiteral("held"), kNow, kNow.addSecs(kHour));
    held.rollout = QJsonObject{{QStringLiteral("maxConcurrent"), 1}};
    QVERIFY_RESULT(m_jobs->create(held, targets({QStringLiteral("dev-queued")})));
    QVERIFY(m_jobs->setPaused(QStringLiteral("held"), true).value());

    QCOMPARE(
        m_jobs->markDelivered(QStringLiteral("dev-delivered"), {QStringLiteral("job-1")}, kNow.addSecs(10)).value(),
        1);
    JobEvent waiting = jobEvent("waiting", kNow.addSecs(20));
    waiting.reason = QStringLiteral("maintenance-window");
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-waiting"), 1, QStringLiteral("job-1"), waiting));
    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-running"), 1, QStringLiteral("job-1"), jobEvent("running", kNow)));
    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-done"), 1, QStringLiteral("job-1"), jobEvent("succeeded", kNow)));

    const QDateTime now = kNow.addSecs(kHour);
    const Result<int> expired = m_jobs->expire(now);
    QVERIFY_RESULT(expired);
    QCOMPARE(expired.value(), 2);
    const Deployment job = stored(QStringLiteral("job-1"));
    QCOMPARE(job.state, QStringLiteral("expired"));
    // What the devices hold may have run: unknown, not expired.
    QCOMPARE(job.counts, counts({{"expired", 1}, {"unknown", 3}, {"succeeded", 1}}));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-queued")), QStringLiteral("expired"));
    for (const char *id : {"dev-delivered", "dev-waiting", "dev-running"}) {
        const DeviceJob unknown = deviceJob(QStringLiteral("job-1"), QLatin1String(id));
        QCOMPARE(unknown.state, QStringLiteral("unknown"));
        QVERIFY(!unknown.finishedAt.isValid()); // not an end: a late result replaces it
        QCOMPARE(unknown.updatedAt, now);
    }
    QCOMPARE(deviceJob(QStringLiteral("job-1"), QStringLiteral("dev-waiting")).reason,
             QStringLiteral("maintenance-window"));
    QCOMPARE(deviceJob(QStringLiteral("job-1"), QStringLiteral("dev-queued")).finishedAt, now);
    const DeviceJob done = deviceJob(QStringLiteral("job-1"), QStringLiteral("dev-done"));
    QCOMPARE(done.state, QStringLiteral("succeeded"));
    QCOMPARE(done.finishedAt, kNow);
    QCOMPARE(done.updatedAt, kNow.addSecs(5));

    QCOMPARE(stored(QStringLiteral("held")).state, QStringLiteral("expired"));
    QCOMPARE(stored(QStringLiteral("held")).counts, counts({{"expired", 1}}));
    QCOMPARE(m_jobs->expire(now.addSecs(60)).value(), 0);
}

void TestJobRepository::eventsAreIdempotent_data()
{
    QTest::addColumn<qint64>("sequence");
    QTest::newRow("same sequence") << qint64(5);
    QTest::newRow("older sequence") << qint64(4);
    QTest::newRow("zero") << qint64(0);
}

void TestJobRepository::eventsAreIdempotent()
{
    QFETCH(qint64, sequence);
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    const Result<JobEventOutcome> first =
        m_jobs->applyEvent(QStringLiteral("dev-1"), 5, QStringLiteral("job-1"), jobEvent("running", kNow));
    QVERIFY_RESULT(first);
    QCOMPARE(first.value(), JobEventOutcome::Applied);

    // The same event again, or an older one, however it reads, changes nothing.
    const Result<JobEventOutcome> again =
        m_jobs->applyEvent(QStringLiteral("dev-1"), sequence, QStringLiteral("job-1"), jobEvent("failed", kNow));
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), JobEventOutcome::Duplicate);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("running"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 1);
    QCOMPARE(m_jobs->lastEventSequence(QStringLiteral("dev-1")).value(), 5);
    QCOMPARE(m_jobs->lastEventSequence(QStringLiteral("nobody")).value(), 0);
}

void TestJobRepository::eventSequenceMayNotJumpTooFar()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    constexpr qint64 step = protocol::kMaxSequenceStep;

    // A stolen device key must not make every later event of the device a "duplicate".
    for (const qint64 sequence : {step + 1, std::numeric_limits<qint64>::max()}) {
        const Result<JobEventOutcome> jump =
            m_jobs->applyEvent(QStringLiteral("dev-1"), sequence, QStringLiteral("job-1"), jobEvent("running", kNow));
        QVERIFY(!jump.ok());
        QCOMPARE(jump.error().code, QStringLiteral("job.sequence-jump"));
    }
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 0);
    QCOMPARE(m_jobs->lastEventSequence(QStringLiteral("dev-1")).value(), 0);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("queued"));

    QCOMPARE(
        m_jobs->applyEvent(QStringLiteral("dev-1"), step, QStringLiteral("job-1"), jobEvent("waiting", kNow)).value(),
        JobEventOutcome::Applied);
    // Events and reports share one numbering: the step counts from the newer of the two.
    DeviceRepository devices(m_fixture.database());
    QVERIFY_RESULT(devices.ingestReport(QStringLiteral("dev-1"), step, {}, {}, kNow));
    QVERIFY_RESULT(devices.ingestReport(QStringLiteral("dev-1"), 2 * step, {}, {}, kNow));
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-1"), 3 * step, QStringLiteral("job-1"), jobEvent("running", kNow))
                 .value(),
             JobEventOutcome::Applied);
    QCOMPARE(m_jobs->lastEventSequence(QStringLiteral("dev-1")).value(), 3 * step);
}

void TestJobRepository::finalStatesStay()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    JobEvent failed = jobEvent("failed", kNow);
    failed.exitCode = 100;
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), failed).value(),
             JobEventOutcome::Applied);
    JobEvent running = jobEvent("running", kNow.addSecs(60));
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-1"), 2, QStringLiteral("job-1"), running).value(),
             JobEventOutcome::Ignored);
    JobEvent succeeded = jobEvent("succeeded", kNow.addSecs(120));
    succeeded.exitCode = 0;
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-1"), 3, QStringLiteral("job-1"), succeeded).value(),
             JobEventOutcome::Ignored);

    const DeviceJob job = stored(QStringLiteral("job-1")).devices.first();
    QCOMPARE(job.state, QStringLiteral("failed"));
    QCOMPARE(job.exitCode, std::optional<qint64>(100));
    QCOMPARE(job.finishedAt, kNow);
    // Ignored events are kept all the same, and count as received.
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 3);
    QCOMPARE(m_jobs->lastEventSequence(QStringLiteral("dev-1")).value(), 3);
}

void TestJobRepository::unknownGivesWayToALateResult()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kHour)),
                                  targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("running", kNow)));
    QCOMPARE(m_jobs->expire(kNow.addSecs(kHour)).value(), 1);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("unknown"));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-2")), QStringLiteral("expired"));

    // The device comes back after the expiry with what happened meanwhile.
    const JobEvent done = succeededJobEvent(kNow.addSecs(2 * kHour));
    const Result<JobEventOutcome> late = m_jobs->applyEvent(QStringLiteral("dev-1"), 2, QStringLiteral("job-1"), done);
    QVERIFY_RESULT(late);
    QCOMPARE(late.value(), JobEventOutcome::Applied);
    const DeviceJob job = deviceJob(QStringLiteral("job-1"), QStringLiteral("dev-1"));
    QCOMPARE(job.state, QStringLiteral("succeeded"));
    QCOMPARE(job.exitCode, std::optional<qint64>(0));
    QCOMPARE(job.receipt, done.receipt);
    QCOMPARE(job.startedAt, kNow);
    QCOMPARE(job.finishedAt, kNow.addSecs(2 * kHour));
    QCOMPARE(stored(QStringLiteral("job-1")).state, QStringLiteral("expired")); // an ended deployment stays so
    QCOMPARE(stored(QStringLiteral("job-1")).counts, counts({{"succeeded", 1}, {"expired", 1}}));

    // A result is final: nothing replaces it, and a job that expired before it reached its device
    // is final too.
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-1"), 3, QStringLiteral("job-1"), jobEvent("failed", kNow)).value(),
             JobEventOutcome::Ignored);
    QCOMPARE(
        m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("job-1"), jobEvent("succeeded", kNow)).value(),
        JobEventOutcome::Ignored);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("succeeded"));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-2")), QStringLiteral("expired"));
}

void TestJobRepository::eventsCarryTheirResults()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    JobEvent waiting = jobEvent("waiting", kNow);
    waiting.reason = QStringLiteral("not-before");
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), waiting));
    DeviceJob job = stored(QStringLiteral("job-1")).devices.first();
    QCOMPARE(job.state, QStringLiteral("waiting"));
    QCOMPARE(job.reason, QStringLiteral("not-before"));
    QCOMPARE(job.deliveredAt, kNow); // an event of the job shows it arrived
    QVERIFY(!job.startedAt.isValid());
    QCOMPARE(job.updatedAt, kNow.addSecs(5)); // when the server heard of it

    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-1"), 2, QStringLiteral("job-1"), jobEvent("running", kNow.addSecs(60))));
    const JobEvent done = succeededJobEvent(kNow.addSecs(600));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 3, QStringLiteral("job-1"), done));

    job = stored(QStringLiteral("job-1")).devices.first();
    QCOMPARE(job.state, QStringLiteral("succeeded"));
    QVERIFY(job.reason.isEmpty()); // no longer waiting
    QCOMPARE(job.exitCode, std::optional<qint64>(0));
    QCOMPARE(job.agentOutcome, QStringLiteral("ok"));
    QCOMPARE(job.items, QJsonValue(done.items));
    QCOMPARE(job.output, QJsonValue(done.output));
    QCOMPARE(job.receipt, done.receipt);
    QCOMPARE(job.receiptSignature, done.receiptSignature);
    QCOMPARE(job.deliveredAt, kNow);
    QCOMPARE(job.startedAt, kNow.addSecs(60));
    QCOMPARE(job.finishedAt, kNow.addSecs(600));
    QCOMPARE(job.updatedAt, kNow.addSecs(605));
}

void TestJobRepository::eventsOutsideAnyJob()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("nobody"), 1, QStringLiteral("job-1"), jobEvent("running", kNow))
                 .error()
                 .code,
             QStringLiteral("device.unknown"));
    QCOMPARE(
        m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("queued", kNow)).error().code,
        QStringLiteral("job.state-invalid"));
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("no-such-job"), jobEvent("running", kNow))
                 .value(),
             JobEventOutcome::Ignored);
    // A job of another device: this one's event changes nothing of it.
    QCOMPARE(
        m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("job-1"), jobEvent("succeeded", kNow)).value(),
        JobEventOutcome::Ignored);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("queued"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 2);
}

void TestJobRepository::lastJobToFinishCompletesTheDeployment()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("not-applicable", kNow)));
    QCOMPARE(stored(QStringLiteral("job-1")).state, QStringLiteral("active"));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("job-1"), jobEvent("rejected", kNow)));
    QCOMPARE(stored(QStringLiteral("job-1")).state, QStringLiteral("completed"));
    QCOMPARE(m_jobs->cancel(QStringLiteral("job-1"), QStringLiteral("alice"), kNow).value(), JobCancellation::Final);
}

void TestJobRepository::undeliveredIsWhatWaitsForTheDevice()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    const Deployment older = deployment(QStringLiteral("older"), kNow, kNow.addSecs(kDay));
    QVERIFY_RESULT(m_jobs->create(older, targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("newer"), kNow.addSecs(60), kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("other"), kNow.addSecs(30), kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-2")})));
    const QDateTime now = kNow.addSecs(120);

    const Result<QList<PendingJob>> pending = m_jobs->undelivered(QStringLiteral("dev-1"), now);
    QVERIFY_RESULT(pending);
    QCOMPARE(pending.value().size(), 2);
    // Oldest first, each as the operator signed it, with this device's own proof.
    const PendingJob &first = pending.value().first();
    QCOMPARE(first.deploymentId, QStringLiteral("older"));
    QCOMPARE(first.envelope, older.envelope);
    QCOMPARE(first.signature, older.signature);
    QCOMPARE(first.proof, QByteArray("proof of dev-1"));
    QCOMPARE(pending.value().at(1).deploymentId, QStringLiteral("newer"));
    QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), now, 1), QStringList{QStringLiteral("older")});
    QCOMPARE(undeliveredIds(QStringLiteral("dev-2"), now),
             (QStringList{QStringLiteral("older"), QStringLiteral("other")}));
    QCOMPARE(m_jobs->undelivered(QStringLiteral("dev-2"), now).value().first().proof, QByteArray("proof of dev-2"));
    QVERIFY(undeliveredIds(QStringLiteral("nobody"), now).isEmpty());

    // Acknowledged jobs are not offered again, nor is one the device already reports on.
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-1"), {QStringLiteral("older")}, now).value(), 1);
    QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), now), QStringList{QStringLiteral("newer")});
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("older"), jobEvent("running", now)));
    QCOMPARE(undeliveredIds(QStringLiteral("dev-2"), now), QStringList{QStringLiteral("other")});
}

void TestJobRepository::undeliveredLeavesOutWhatMayNotGo_data()
{
    QTest::addColumn<QString>("situation");
    QTest::newRow("expiry passed, not yet expired") << QStringLiteral("expiry passed");
    QTest::newRow("expired") << QStringLiteral("expired");
    QTest::newRow("cancelled") << QStringLiteral("cancelled");
    QTest::newRow("paused") << QStringLiteral("paused");
    QTest::newRow("device revoked") << QStringLiteral("revoked");
    QTest::newRow("held back by its rollout") << QStringLiteral("held");
}

void TestJobRepository::undeliveredLeavesOutWhatMayNotGo()
{
    QFETCH(QString, situation);
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    Deployment job = deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kHour));
    if (situation == QLatin1String("held")) {
        job.rollout = QJsonObject{{QStringLiteral("pilot"), QJsonArray{QStringLiteral("dev-2")}}};
    }
    QVERIFY_RESULT(m_jobs->create(job, targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QDateTime at = kNow.addSecs(60);
    if (situation != QLatin1String("held")) {
        QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), at), QStringList{QStringLiteral("job-1")});
    }

    if (situation == QLatin1String("expiry passed")) {
        at = kNow.addSecs(kHour); // no expire() has run yet: the time alone keeps it back
    } else if (situation == QLatin1String("expired")) {
        QCOMPARE(m_jobs->expire(kNow.addSecs(kHour)).value(), 1);
    } else if (situation == QLatin1String("cancelled")) {
        QCOMPARE(m_jobs->cancel(QStringLiteral("job-1"), QStringLiteral("bob"), at).value(),
                 JobCancellation::Cancelled);
    } else if (situation == QLatin1String("paused")) {
        QVERIFY(m_jobs->setPaused(QStringLiteral("job-1"), true).value());
    } else if (situation == QLatin1String("revoked")) {
        QVERIFY(DeviceRepository(m_fixture.database()).revoke(QStringLiteral("dev-1")).value());
        // The other device still gets its copy.
        QCOMPARE(undeliveredIds(QStringLiteral("dev-2"), at), QStringList{QStringLiteral("job-1")});
    }
    QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), at), QStringList());
}

// A revoked device's session may linger on another server: its events change nothing.
void TestJobRepository::revokedDeviceEventsAreRefused()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("running", kNow)));
    QVERIFY(DeviceRepository(m_fixture.database()).revoke(QStringLiteral("dev-1")).value());
    const Result<JobEventOutcome> refused =
        m_jobs->applyEvent(QStringLiteral("dev-1"), 2, QStringLiteral("job-1"), jobEvent("succeeded", kNow));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("device.revoked"));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("running"));
}

// A rollout holds dev-1's copy back: the server never offered it, so an ack for it changes nothing.
void TestJobRepository::heldBackJobCannotBeAcknowledged()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    Deployment job = deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay));
    job.rollout = QJsonObject{{QStringLiteral("pilot"), QJsonArray{QStringLiteral("dev-2")}}};
    QVERIFY_RESULT(m_jobs->create(job, targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-1"), {QStringLiteral("job-1")}, kNow).value(), 0);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("queued"));
}

// dev-1 stored the job, then went offline; the operator cancelled. It is told again until it
// reports, and what it reports it did replaces the server's `cancelled`; that it waits does not.
void TestJobRepository::deviceReportReplacesAMissedCancel()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-1"), {QStringLiteral("job-1")}, kNow).value(), 1);
    QCOMPARE(m_jobs->cancel(QStringLiteral("job-1"), QStringLiteral("bob"), kNow.addSecs(60)).value(),
             JobCancellation::Cancelled);
    QCOMPARE(m_jobs->cancelledOnDevice(QStringLiteral("dev-1"), kNow.addSecs(90)).value(),
             QStringList{QStringLiteral("job-1")});
    // dev-2 never had it: nothing to tell it, and nothing it says changes its `cancelled`.
    QVERIFY(m_jobs->cancelledOnDevice(QStringLiteral("dev-2"), kNow.addSecs(90)).value().isEmpty());
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("job-1"), jobEvent("running", kNow)));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-2")), QStringLiteral("cancelled"));

    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("waiting", kNow)));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("cancelled"));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"),
                                      2,
                                      QStringLiteral("job-1"),
                                      jobEvent("succeeded", kNow.addSecs(120))));
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-1")), QStringLiteral("succeeded"));
    QVERIFY(m_jobs->cancelledOnDevice(QStringLiteral("dev-1"), kNow.addSecs(150)).value().isEmpty());
}

void TestJobRepository::markDeliveredOnlyTakesQueuedJobs()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-2"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-3"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-2"), jobEvent("running", kNow)));

    const QDateTime at = kNow.addSecs(30);
    const Result<int> marked =
        m_jobs->markDelivered(QStringLiteral("dev-1"),
                              {QStringLiteral("job-1"), QStringLiteral("job-2"), QStringLiteral("no-such-job")},
                              at);
    QVERIFY_RESULT(marked);
    QCOMPARE(marked.value(), 1);
    const DeviceJob delivered = deviceJob(QStringLiteral("job-1"), QStringLiteral("dev-1"));
    QCOMPARE(delivered.state, QStringLiteral("delivered"));
    QCOMPARE(delivered.deliveredAt, at);
    QCOMPARE(delivered.updatedAt, at);
    // A late acknowledgement never takes a job back from what the device reported.
    QCOMPARE(stateOf(QStringLiteral("job-2"), QStringLiteral("dev-1")), QStringLiteral("running"));
    QCOMPARE(deviceJob(QStringLiteral("job-2"), QStringLiteral("dev-1")).deliveredAt, kNow);
    QCOMPARE(stateOf(QStringLiteral("job-1"), QStringLiteral("dev-2")), QStringLiteral("queued"));

    // Acknowledged again (the agent could not know we heard it): nothing changes.
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-1"), {QStringLiteral("job-1")}, at.addSecs(60)).value(), 0);
    QCOMPARE(deviceJob(QStringLiteral("job-1"), QStringLiteral("dev-1")).deliveredAt, at);
    // A device acknowledges only its own copies.
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-2"), {QStringLiteral("job-3")}, at).value(), 0);
    QCOMPARE(stateOf(QStringLiteral("job-3"), QStringLiteral("dev-1")), QStringLiteral("queued"));
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-1"), {}, at).value(), 0);
    QCOMPARE(stored(QStringLiteral("job-1")).counts, counts({{"delivered", 1}, {"queued", 1}}));
}

void TestJobRepository::rolloutHoldsJobsUntilReleased()
{
    const QStringList ids{QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3")};
    QVERIFY_RESULT(enrol(ids));
    Deployment held = deployment(QStringLiteral("held"), kNow, kNow.addSecs(kDay));
    held.rollout = QJsonObject{{QStringLiteral("maxConcurrent"), 2},
                               {QStringLiteral("pilot"), QJsonArray{QStringLiteral("dev-1")}}};
    QVERIFY_RESULT(m_jobs->create(held, targets(ids)));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("open"), kNow.addSecs(60), kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));

    // Without rollout options a job goes at once; with them it waits for the dispatcher.
    QCOMPARE(deviceJob(QStringLiteral("open"), QStringLiteral("dev-1")).releasedAt, kNow.addSecs(60));
    QVERIFY(!deviceJob(QStringLiteral("held"), QStringLiteral("dev-1")).releasedAt.isValid());
    QCOMPARE(stored(QStringLiteral("held")).rollout, held.rollout);
    QVERIFY(stored(QStringLiteral("open")).rollout.isEmpty());
    const QDateTime at = kNow.addSecs(120);
    QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), at), QStringList{QStringLiteral("open")});

    Result<QList<JobRepository::RolloutState>> rollouts = m_jobs->activeRollouts();
    QVERIFY_RESULT(rollouts);
    QCOMPARE(rollouts.value().size(), 1); // "open" has nothing to hold back
    QCOMPARE(rollouts.value().first().deploymentId, QStringLiteral("held"));
    QCOMPARE(rollouts.value().first().rollout, held.rollout);
    QStringList devices;
    for (const DeviceJob &job : rollouts.value().first().jobs) {
        devices.append(job.deviceId);
        QCOMPARE(job.state, QStringLiteral("queued"));
        QVERIFY(!job.releasedAt.isValid());
    }
    devices.sort();
    QCOMPARE(devices, ids);

    const Result<int> released =
        m_jobs->release(QStringLiteral("held"), {QStringLiteral("dev-1"), QStringLiteral("dev-2")}, at);
    QVERIFY_RESULT(released);
    QCOMPARE(released.value(), 2);
    QCOMPARE(deviceJob(QStringLiteral("held"), QStringLiteral("dev-1")).releasedAt, at);
    QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), at),
             (QStringList{QStringLiteral("held"), QStringLiteral("open")}));
    QCOMPARE(undeliveredIds(QStringLiteral("dev-2"), at), QStringList{QStringLiteral("held")});
    QVERIFY(undeliveredIds(QStringLiteral("dev-3"), at).isEmpty());

    // Released once: again changes neither the count nor the time.
    QCOMPARE(m_jobs->release(QStringLiteral("held"), {QStringLiteral("dev-1")}, at.addSecs(60)).value(), 0);
    QCOMPARE(deviceJob(QStringLiteral("held"), QStringLiteral("dev-1")).releasedAt, at);
    // A job that ended before its turn, or one of no such device, is not released.
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-3"), 1, QStringLiteral("held"), jobEvent("rejected", at)));
    QCOMPARE(m_jobs->release(QStringLiteral("held"), {QStringLiteral("dev-3"), QStringLiteral("nobody")}, at).value(),
             0);
    QCOMPARE(m_jobs->release(QStringLiteral("open"), {QStringLiteral("dev-1")}, at).value(), 0);

    rollouts = m_jobs->activeRollouts();
    QVERIFY_RESULT(rollouts);
    for (const DeviceJob &job : rollouts.value().first().jobs) {
        if (job.deviceId == QLatin1String("dev-3")) {
            QCOMPARE(job.state, QStringLiteral("rejected"));
            QVERIFY(!job.releasedAt.isValid());
        } else {
            QCOMPARE(job.releasedAt, at);
        }
    }
    // Only active deployments are the dispatcher's.
    QVERIFY(m_jobs->setPaused(QStringLiteral("held"), true).value());
    QVERIFY(m_jobs->activeRollouts().value().isEmpty());
}

void TestJobRepository::pauseAndResume()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QCOMPARE(m_jobs->markDelivered(QStringLiteral("dev-2"), {QStringLiteral("job-1")}, kNow).value(), 1);
    const QDateTime at = kNow.addSecs(60);

    const Result<bool> paused = m_jobs->setPaused(QStringLiteral("job-1"), true);
    QVERIFY_RESULT(paused);
    QVERIFY(paused.value());
    QCOMPARE(stored(QStringLiteral("job-1")).state, QStringLiteral("paused"));
    QVERIFY(!m_jobs->setPaused(QStringLiteral("job-1"), true).value()); // not active any more
    QVERIFY(undeliveredIds(QStringLiteral("dev-1"), at).isEmpty());
    // Jobs already on devices go on, and their results land.
    QCOMPARE(m_jobs->applyEvent(QStringLiteral("dev-2"), 1, QStringLiteral("job-1"), jobEvent("running", at)).value(),
             JobEventOutcome::Applied);

    QVERIFY(m_jobs->setPaused(QStringLiteral("job-1"), false).value());
    QCOMPARE(stored(QStringLiteral("job-1")).state, QStringLiteral("active"));
    QVERIFY(!m_jobs->setPaused(QStringLiteral("job-1"), false).value()); // not paused any more
    QCOMPARE(undeliveredIds(QStringLiteral("dev-1"), at), QStringList{QStringLiteral("job-1")});
    QVERIFY(!m_jobs->setPaused(QStringLiteral("no-such-job"), true).value());

    // An ended deployment neither pauses nor resumes.
    QCOMPARE(m_jobs->cancel(QStringLiteral("job-1"), QStringLiteral("bob"), at).value(), JobCancellation::Cancelled);
    QVERIFY(!m_jobs->setPaused(QStringLiteral("job-1"), true).value());
    QVERIFY(!m_jobs->setPaused(QStringLiteral("job-1"), false).value());
    QCOMPARE(stored(QStringLiteral("job-1")).state, QStringLiteral("cancelled"));
}

void TestJobRepository::forDeviceIsTheDeviceHistory()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("first"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1")})));
    Deployment second = deployment(QStringLiteral("second"), kNow.addSecs(60), kNow.addSecs(kDay));
    second.summary = QJsonObject{{QStringLiteral("select"), QStringLiteral("all")}};
    QVERIFY_RESULT(m_jobs->create(second, targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QVERIFY_RESULT(
        m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("first"), jobEvent("succeeded", kNow)));

    const Result<std::optional<QList<DeviceJob>>> history = m_jobs->forDevice(QStringLiteral("dev-1"));
    QVERIFY_RESULT(history);
    QVERIFY(history.value().has_value());
    const QList<DeviceJob> &jobs = *history.value();
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(0).deploymentId, QStringLiteral("second"));
    QCOMPARE(jobs.at(0).kind, QStringLiteral("patch"));
    QCOMPARE(jobs.at(0).summary, second.summary);
    QCOMPARE(jobs.at(0).createdAt, kNow.addSecs(60));
    QCOMPARE(jobs.at(0).state, QStringLiteral("queued"));
    QCOMPARE(jobs.at(1).deploymentId, QStringLiteral("first"));
    QCOMPARE(jobs.at(1).state, QStringLiteral("succeeded"));

    QCOMPARE(m_jobs->forDevice(QStringLiteral("dev-2")).value()->size(), 1);
    QVERIFY(!m_jobs->forDevice(QStringLiteral("nobody")).value().has_value());
}

void TestJobRepository::deletingADeviceTakesItsJobs()
{
    QVERIFY_RESULT(enrol({QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QVERIFY_RESULT(m_jobs->create(deployment(QStringLiteral("job-1"), kNow, kNow.addSecs(kDay)),
                                  targets({QStringLiteral("dev-1"), QStringLiteral("dev-2")})));
    QVERIFY_RESULT(m_jobs->applyEvent(QStringLiteral("dev-1"), 1, QStringLiteral("job-1"), jobEvent("running", kNow)));
    DeviceRepository devices(m_fixture.database());
    QVERIFY(devices.revoke(QStringLiteral("dev-1")).value());
    QCOMPARE(devices.deleteRevoked(QStringLiteral("dev-1")).value(), DeviceDeletion::Deleted);

    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_jobs")), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("job_events")), 0);
    QCOMPARE(stored(QStringLiteral("job-1")).counts, counts({{"queued", 1}}));
}

QTEST_GUILESS_MAIN(TestJobRepository)
#include "TestJobRepository.moc"
