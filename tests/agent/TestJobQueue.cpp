// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobQueue.h"
#include "JobSigning.h"
#include "ResultDescription.h"
#include "Spool.h"
#include "jobs/MaintenanceWindow.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace steward;
using namespace steward::agent;
using steward::test::describe;
using steward::test::jobsigning::signedBy;
using steward::test::jobsigning::Signers;
using steward::test::jobsigning::wholeSeconds;

namespace
{
const QString kDevice = QStringLiteral("device-0001");
const QStringList kTargets{QStringLiteral("device-0001"), QStringLiteral("device-0002"), QStringLiteral("device-0003")};
const QStringList kAllowedKinds{QStringLiteral("patch")};
}

class TestJobQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signedJobIsStoredAsDelivered();
    void refusedJobNeverRuns_data();
    void refusedJobNeverRuns();
    void withoutPinnedRootEveryJobIsRefused();
    void withoutOperatorListEveryJobIsRefused();
    void expiredOperatorListRefusesJobs();
    void documentNamingNoJobIsNotAcknowledged();
    void offeredAgainBeforeAckChangesNothing();
    void finishedJobIsNeverRunAgain();
    void anotherJobWithAKnownIdIsRefused();
    void olderOperatorListIsRefused();
    void operatorListFromAnotherRootIsRefused();
    void transitionWritesStateAndEventTogether();
    void failedTransitionSpoolsNothing();
    void restartsAreCounted();
    void pruneForgetsOnlyLongEndedJobs();

private:
    Result<JobQueue::Received> receive(const protocol::JobOffer &offer)
    {
        return m_queue->receive(offer, m_now);
    }
    // The job's row as the spool keeps it: {state, reason}, empty when there is none.
    QStringList stored(const QString &id) const;
    // The spooled job events, oldest first.
    QList<protocol::JobEvent> events() const;
    steward::jobs::JobEnvelope patchJob() const
    {
        return m_signers->patchJob(kTargets, m_now);
    }
    protocol::JobOffer offer(const steward::jobs::JobEnvelope &envelope) const
    {
        return m_signers->offer(envelope, kTargets, kDevice);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Spool> m_spool;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<Signers> m_signers;
    QDateTime m_now = wholeSeconds(QDateTime::currentDateTimeUtc());
};

void TestJobQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_spool = std::make_unique<Spool>();
    QVERIFY(m_spool->open(m_dir->filePath(QStringLiteral("spool.db"))).ok());
    m_signers = std::make_unique<Signers>();
    m_queue = std::make_unique<JobQueue>(*m_spool, kDevice, m_signers->rootFingerprint(), kAllowedKinds);
    QVERIFY(m_queue->open().ok());
    const Status accepted = m_queue->acceptOperators(m_signers->signedList(m_signers->list(m_now)), m_now);
    QVERIFY2(accepted.ok(), describe(accepted).constData());
    QCOMPARE(m_queue->operatorListVersion(), 1);
}

void TestJobQueue::cleanup()
{
    m_queue.reset();
    m_spool.reset();
    m_dir.reset();
}

QStringList TestJobQueue::stored(const QString &id) const
{
    QSqlQuery query(m_spool->database());
    query.prepare(QStringLiteral("SELECT state, reason FROM jobs WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return {};
    }
    return {query.value(0).toString(), query.value(1).toString()};
}

QList<protocol::JobEvent> TestJobQueue::events() const
{
    QList<protocol::JobEvent> events;
    for (std::optional<Spool::Entry> entry = m_spool->oldest(); entry; entry = m_spool->after(entry->sequence)) {
        if (protocol::typeOf(entry->message) == protocol::MessageType::JobEvent) {
            Result<protocol::JobEvent> event = protocol::JobEvent::fromCbor(entry->message);
            if (event) {
                events.append(event.value());
            }
        }
    }
    return events;
}

void TestJobQueue::signedJobIsStoredAsDelivered()
{
    const steward::jobs::JobEnvelope envelope = patchJob();
    Result<JobQueue::Received> received = receive(offer(envelope));
    QVERIFY2(received.ok(), describe(received).constData());
    QCOMPARE(received.value().id, envelope.id);
    QVERIFY(received.value().accepted);
    QVERIFY(!received.value().known);
    QCOMPARE(received.value().reason, QString());

    const std::optional<StoredJob> job = m_queue->find(envelope.id);
    QVERIFY(job.has_value());
    QCOMPARE(job->state, QStringLiteral("delivered"));
    QCOMPARE(job->envelope.id, envelope.id);
    QCOMPARE(job->envelope.kind, QStringLiteral("patch"));
    QCOMPARE(job->envelope.content, envelope.content);
    QCOMPARE(job->receivedAt, m_now);
    QVERIFY(!job->startedAt.isValid());
    QCOMPARE(job->reboots, 0);
    QCOMPARE(m_queue->unfinished().size(), 1);
    QCOMPARE(m_queue->unfinished().first().id, envelope.id);
    // The acknowledgement tells the server; nothing else is spooled.
    QCOMPARE(m_spool->count(), 0);
}

void TestJobQueue::refusedJobNeverRuns_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("reason");
    QTest::newRow("signature broken") << QStringLiteral("bad-signature") << QStringLiteral("job.signature");
    QTest::newRow("signed by a key the root never certified")
        << QStringLiteral("uncertified-signer") << QStringLiteral("job.signer-unknown");
    QTest::newRow("signed by another key than it names")
        << QStringLiteral("other-key") << QStringLiteral("job.signature");
    QTest::newRow("operator expired") << QStringLiteral("operator-expired") << QStringLiteral("job.signer-expired");
    QTest::newRow("operator not granted the kind")
        << QStringLiteral("operator-kind") << QStringLiteral("job.signer-kind");
    QTest::newRow("device not among the targets")
        << QStringLiteral("not-targeted") << QStringLiteral("job.not-targeted");
    QTest::newRow("another device's proof") << QStringLiteral("wrong-proof") << QStringLiteral("job.not-targeted");
    QTest::newRow("proof malformed") << QStringLiteral("malformed-proof") << QStringLiteral("job.not-targeted");
    QTest::newRow("job expired") << QStringLiteral("expired") << QStringLiteral("job.expired");
    QTest::newRow("kind not allowed on this machine")
        << QStringLiteral("local-kind") << QStringLiteral("job.kind-not-allowed");
    QTest::newRow("maintenance window unreadable") << QStringLiteral("bad-window") << QStringLiteral("job.malformed");
}

void TestJobQueue::refusedJobNeverRuns()
{
    QFETCH(QString, variant);
    QFETCH(QString, reason);

    steward::jobs::JobEnvelope envelope = patchJob();
    protocol::JobOffer offered;
    if (variant == QLatin1String("bad-signature")) {
        offered = offer(envelope);
        offered.job.signature[5] = char(offered.job.signature.at(5) ^ 0x01);
    } else if (variant == QLatin1String("uncertified-signer")) {
        const steward::jobs::SigningKey stranger = steward::test::jobsigning::newKey();
        envelope.signer = steward::jobs::fingerprint(stranger.publicKey);
        offered = m_signers->offer(envelope, kTargets, kDevice, stranger);
    } else if (variant == QLatin1String("other-key")) {
        offered = m_signers->offer(envelope, kTargets, kDevice, steward::test::jobsigning::newKey());
    } else if (variant == QLatin1String("operator-expired") || variant == QLatin1String("operator-kind")) {
        // A newer list (versions only grow) that no longer lets the operator sign this.
        const steward::jobs::OperatorList list = variant == QLatin1String("operator-expired")
            ? m_signers->list(m_now, 2, {QStringLiteral("patch")}, m_now.addSecs(-1))
            : m_signers->list(m_now, 2, {QStringLiteral("licence")});
        QVERIFY(m_queue->acceptOperators(m_signers->signedList(list), m_now).ok());
        offered = offer(envelope);
    } else if (variant == QLatin1String("not-targeted")) {
        const QStringList others{QStringLiteral("device-0002"), QStringLiteral("device-0003")};
        envelope.targetsRoot = steward::jobs::merkle::root(others);
        envelope.targetCount = 2;
        offered = m_signers->offer(envelope, others, QStringLiteral("device-0002"));
    } else if (variant == QLatin1String("wrong-proof")) {
        offered = m_signers->offer(envelope, kTargets, QStringLiteral("device-0002"));
    } else if (variant == QLatin1String("malformed-proof")) {
        offered = offer(envelope);
        offered.proof = QByteArray("\xa1\x61x\x01", 4);
    } else if (variant == QLatin1String("expired")) {
        envelope.issuedAt = m_now.addDays(-8);
        envelope.notBefore = m_now.addDays(-8);
        envelope.deadline = m_now.addDays(-7);
        envelope.expiresAt = m_now.addSecs(-1);
        offered = offer(envelope);
    } else if (variant == QLatin1String("local-kind")) {
        const QStringList kinds{QStringLiteral("patch"), QStringLiteral("script")};
        QVERIFY(m_queue->acceptOperators(m_signers->signedList(m_signers->list(m_now, 2, kinds)), m_now).ok());
        envelope.kind = QStringLiteral("script");
        offered = offer(envelope);
    } else if (variant == QLatin1String("bad-window")) {
        QCborMap window = steward::jobs::MaintenanceWindow::parse(QStringLiteral("Sat 22:00+2h")).value().toCbor();
        window.insert(QStringLiteral("recurrence"), QStringLiteral("fortnightly"));
        envelope.options.insert(QStringLiteral("windows"), QCborArray{window});
        offered = offer(envelope);
    } else {
        QFAIL("unknown variant");
    }

    Result<JobQueue::Received> received = receive(offered);
    QVERIFY2(received.ok(), describe(received).constData());
    QCOMPARE(received.value().id, envelope.id); // acknowledged, so the server stops offering it
    QVERIFY(!received.value().accepted);
    QCOMPARE(received.value().reason, reason);

    QCOMPARE(stored(envelope.id), (QStringList{QStringLiteral("rejected"), reason}));
    QVERIFY(m_queue->unfinished().isEmpty());
    const QList<protocol::JobEvent> spooled = events();
    QCOMPARE(spooled.size(), 1);
    QCOMPARE(spooled.first().id, envelope.id);
    QCOMPARE(spooled.first().state, QStringLiteral("rejected"));
    QCOMPARE(spooled.first().reason, reason);
    QCOMPARE(spooled.first().at, m_now.toSecsSinceEpoch());

    // Nor later, as a job under the same id that verifies.
    QVERIFY(m_queue->acceptOperators(m_signers->signedList(m_signers->list(m_now, 9)), m_now).ok());
    steward::jobs::JobEnvelope sameId = patchJob();
    sameId.id = envelope.id;
    const Result<JobQueue::Received> replayed = receive(offer(sameId));
    QVERIFY(replayed.ok());
    QVERIFY(!replayed.value().accepted);
    QCOMPARE(replayed.value().reason, QStringLiteral("job.replayed"));
    QCOMPARE(stored(envelope.id).value(0), QStringLiteral("rejected"));
    for (const StoredJob &job : m_queue->unfinished()) {
        QVERIFY(job.id != envelope.id);
    }
}

void TestJobQueue::withoutPinnedRootEveryJobIsRefused()
{
    JobQueue unpinned(*m_spool, kDevice, QString(), kAllowedKinds);
    QVERIFY(unpinned.open().ok());
    const steward::jobs::JobEnvelope envelope = patchJob();
    Result<JobQueue::Received> received = unpinned.receive(offer(envelope), m_now);
    QVERIFY(received.ok());
    QVERIFY(!received.value().accepted);
    QCOMPARE(received.value().reason, QStringLiteral("job.no-root"));
    QCOMPARE(stored(envelope.id).value(0), QStringLiteral("rejected"));
    QVERIFY(unpinned.unfinished().isEmpty());
    // Nor can a list be brought in without one.
    QCOMPARE(unpinned.acceptOperators(m_signers->signedList(m_signers->list(m_now, 3)), m_now).ok(), false);
}

void TestJobQueue::withoutOperatorListEveryJobIsRefused()
{
    Spool spool;
    QVERIFY(spool.open(m_dir->filePath(QStringLiteral("fresh.db"))).ok());
    JobQueue queue(spool, kDevice, m_signers->rootFingerprint(), kAllowedKinds);
    QVERIFY(queue.open().ok());
    QCOMPARE(queue.operatorListVersion(), 0);
    Result<JobQueue::Received> received = queue.receive(offer(patchJob()), m_now);
    QVERIFY(received.ok());
    QVERIFY(!received.value().accepted);
    QCOMPARE(received.value().reason, QStringLiteral("operators.missing"));
    QVERIFY(queue.unfinished().isEmpty());
}

void TestJobQueue::expiredOperatorListRefusesJobs()
{
    steward::jobs::OperatorList shortLived = m_signers->list(m_now, 2);
    shortLived.expiresAt = m_now.addDays(1);
    QVERIFY(m_queue->acceptOperators(m_signers->signedList(shortLived), m_now).ok());
    // The job itself would still be valid for days; the list it is checked against is not.
    const QDateTime later = m_now.addDays(2);
    steward::jobs::JobEnvelope envelope = m_signers->patchJob(kTargets, later);
    Result<JobQueue::Received> received = m_queue->receive(offer(envelope), later);
    QVERIFY(received.ok());
    QCOMPARE(received.value().reason, QStringLiteral("operators.expired"));
    QVERIFY(m_queue->unfinished().isEmpty());
}

void TestJobQueue::documentNamingNoJobIsNotAcknowledged()
{
    protocol::JobOffer garbage{protocol::SignedBytes{QByteArray("not cbor at all"), QByteArray(64, 'x')}, QByteArray()};
    Result<JobQueue::Received> received = receive(garbage);
    QVERIFY(received.ok());
    QCOMPARE(received.value().id, QString());
    QVERIFY(!received.value().accepted);
    QCOMPARE(m_spool->count(), 0);
    QVERIFY(m_queue->unfinished().isEmpty());
}

void TestJobQueue::offeredAgainBeforeAckChangesNothing()
{
    const protocol::JobOffer offered = offer(patchJob());
    QVERIFY(receive(offered).value().accepted);
    const Result<JobQueue::Received> again = receive(offered);
    QVERIFY(again.ok());
    QVERIFY(again.value().known);
    QVERIFY(!again.value().accepted);
    QCOMPARE(again.value().reason, QString());
    QCOMPARE(m_spool->count(), 0);
    QCOMPARE(m_queue->unfinished().size(), 1);
}

void TestJobQueue::finishedJobIsNeverRunAgain()
{
    const steward::jobs::JobEnvelope envelope = patchJob();
    const protocol::JobOffer offered = offer(envelope);
    QVERIFY(receive(offered).value().accepted);
    protocol::JobEvent done;
    done.state = QStringLiteral("succeeded");
    QVERIFY(m_queue->transition(envelope.id, done, m_now).ok());

    const Result<JobQueue::Received> replayed = receive(offered);
    QVERIFY(replayed.ok());
    QVERIFY(replayed.value().known);
    QVERIFY(!replayed.value().accepted);
    QCOMPARE(replayed.value().reason, QStringLiteral("job.replayed"));
    // The server hears why; the job keeps the state it ended in.
    const QList<protocol::JobEvent> spooled = events();
    QCOMPARE(spooled.size(), 2);
    QCOMPARE(spooled.last().state, QStringLiteral("rejected"));
    QCOMPARE(spooled.last().reason, QStringLiteral("job.replayed"));
    QCOMPARE(stored(envelope.id), (QStringList{QStringLiteral("succeeded"), QString()}));
    QVERIFY(m_queue->unfinished().isEmpty());
}

void TestJobQueue::anotherJobWithAKnownIdIsRefused()
{
    const steward::jobs::JobEnvelope first = patchJob();
    QVERIFY(receive(offer(first)).value().accepted);
    steward::jobs::JobEnvelope second = patchJob();
    second.id = first.id;
    second.content.insert(QStringLiteral("select"), QStringLiteral("all"));

    const Result<JobQueue::Received> received = receive(offer(second));
    QVERIFY(received.ok());
    QVERIFY(!received.value().accepted);
    QCOMPARE(received.value().reason, QStringLiteral("job.replayed"));
    // The job first stored is the one that runs.
    QCOMPARE(m_queue->find(first.id)->envelope.content, first.content);
    QCOMPARE(m_queue->find(first.id)->state, QStringLiteral("delivered"));
    QCOMPARE(events().size(), 1);
}

void TestJobQueue::olderOperatorListIsRefused()
{
    QVERIFY(m_queue->acceptOperators(m_signers->signedList(m_signers->list(m_now, 3)), m_now).ok());
    QCOMPARE(m_queue->operatorListVersion(), 3);

    // A list the root really signed, but older: the server could otherwise bring back revoked operators.
    const Status rolledBack = m_queue->acceptOperators(m_signers->signedList(m_signers->list(m_now, 2)), m_now);
    QVERIFY(!rolledBack.ok());
    QCOMPARE(rolledBack.error().code, QStringLiteral("operators.rollback"));
    QCOMPARE(m_queue->operatorListVersion(), 3);

    // The same version again is the same list delivered twice.
    QVERIFY(m_queue->acceptOperators(m_signers->signedList(m_signers->list(m_now, 3)), m_now).ok());
    QCOMPARE(m_queue->operatorListVersion(), 3);
}

void TestJobQueue::operatorListFromAnotherRootIsRefused()
{
    Signers impostor;
    impostor.operatorKey = m_signers->operatorKey;
    const Status refused = m_queue->acceptOperators(impostor.signedList(impostor.list(m_now, 5)), m_now);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("operators.root-mismatch"));
    QCOMPARE(m_queue->operatorListVersion(), 1);

    // Bytes changed after the root signed them.
    protocol::SignedBytes tampered = m_signers->signedList(m_signers->list(m_now, 6));
    tampered.signature[0] = char(tampered.signature.at(0) ^ 0x01);
    const Status forged = m_queue->acceptOperators(tampered, m_now);
    QVERIFY(!forged.ok());
    QCOMPARE(forged.error().code, QStringLiteral("operators.signature"));
    QCOMPARE(m_queue->operatorListVersion(), 1);
}

void TestJobQueue::transitionWritesStateAndEventTogether()
{
    const steward::jobs::JobEnvelope envelope = patchJob();
    QVERIFY(receive(offer(envelope)).value().accepted);
    const QCborArray plan{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                   {QStringLiteral("target"), QStringLiteral("3.0.13-1")}}};
    protocol::JobEvent running;
    running.state = QStringLiteral("running");
    running.items = plan;
    const QDateTime started = m_now.addSecs(90);
    const Status moved = m_queue->transition(envelope.id, running, started, plan);
    QVERIFY2(moved.ok(), describe(moved).constData());

    const std::optional<StoredJob> job = m_queue->find(envelope.id);
    QCOMPARE(job->state, QStringLiteral("running"));
    QCOMPARE(job->startedAt, started);
    QCOMPARE(job->plan, plan);
    const QList<protocol::JobEvent> spooled = events();
    QCOMPARE(spooled.size(), 1);
    QCOMPARE(spooled.first().sequence, 1);
    QCOMPARE(spooled.first().id, envelope.id);
    QCOMPARE(spooled.first().state, QStringLiteral("running"));
    QCOMPARE(spooled.first().at, started.toSecsSinceEpoch());
    QCOMPARE(spooled.first().items, QCborValue(plan));

    // A later state keeps the plan and the start.
    protocol::JobEvent failed;
    failed.state = QStringLiteral("failed");
    failed.reason = QStringLiteral("interrupted");
    QVERIFY(m_queue->transition(envelope.id, failed, started.addSecs(60)).ok());
    QCOMPARE(m_queue->find(envelope.id)->plan, plan);
    QCOMPARE(m_queue->find(envelope.id)->startedAt, started);
    QCOMPARE(stored(envelope.id), (QStringList{QStringLiteral("failed"), QStringLiteral("interrupted")}));
    QCOMPARE(events().last().sequence, 2);
    QVERIFY(m_queue->unfinished().isEmpty());
}

void TestJobQueue::failedTransitionSpoolsNothing()
{
    protocol::JobEvent running;
    running.state = QStringLiteral("running");
    const Status moved = m_queue->transition(QStringLiteral("9b2f6c1e-0000-4000-8000-000000000000"), running, m_now);
    QVERIFY(!moved.ok());
    QCOMPARE(moved.error().code, QStringLiteral("job.unknown"));
    QCOMPARE(m_spool->count(), 0);
    // The event and its number went with the failed update: the next one is still the first.
    const steward::jobs::JobEnvelope envelope = patchJob();
    QVERIFY(receive(offer(envelope)).value().accepted);
    QVERIFY(m_queue->transition(envelope.id, running, m_now).ok());
    QCOMPARE(m_spool->oldest()->sequence, 1);
    QCOMPARE(m_spool->count(), 1);
}

void TestJobQueue::restartsAreCounted()
{
    const steward::jobs::JobEnvelope envelope = patchJob();
    QVERIFY(receive(offer(envelope)).value().accepted);
    const QDateTime at = m_now.addSecs(600);
    QVERIFY(m_queue->countReboot(envelope.id, at).ok());
    QCOMPARE(m_queue->find(envelope.id)->reboots, 1);
    QCOMPARE(m_queue->find(envelope.id)->rebootAt, at);
    QCOMPARE(m_queue->countReboot(QStringLiteral("9b2f6c1e-0000-4000-8000-000000000000"), at).ok(), false);
}

void TestJobQueue::pruneForgetsOnlyLongEndedJobs()
{
    const steward::jobs::JobEnvelope ended = patchJob();
    const steward::jobs::JobEnvelope waiting = patchJob();
    QVERIFY(receive(offer(ended)).value().accepted);
    QVERIFY(receive(offer(waiting)).value().accepted);
    protocol::JobEvent done;
    done.state = QStringLiteral("succeeded");
    QVERIFY(m_queue->transition(ended.id, done, m_now).ok());

    QVERIFY(m_queue->prune(m_now.addDays(7)).ok()); // expired, but less than a day ago
    QVERIFY(m_queue->find(ended.id).has_value());
    QVERIFY(m_queue->prune(m_now.addDays(9)).ok());
    QVERIFY(!m_queue->find(ended.id).has_value());
    QVERIFY(m_queue->find(waiting.id).has_value()); // not over: kept whatever its age
}

QTEST_GUILESS_MAIN(TestJobQueue)
#include "TestJobQueue.moc"
