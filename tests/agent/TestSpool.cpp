// SPDX-License-Identifier: GPL-3.0-or-later
#include "Messages.h"
#include "Spool.h"

#include <QCborArray>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include <sys/stat.h>

#include <memory>

using namespace steward;
using namespace steward::agent;

namespace
{
constexpr qint64 kCollectedAt = 1714564800; // 2024-05-01 12:00 UTC

QCborMap sections(const QString &hostname = QStringLiteral("ws-017"), int pendingUpdates = 0)
{
    QCborArray pending;
    for (int i = 0; i < pendingUpdates; ++i) {
        pending.append(QCborMap{{QStringLiteral("name"), QStringLiteral("pkg-%1").arg(i)}});
    }
    QCborMap map;
    map.insert(QStringLiteral("os"), QCborMap{{QStringLiteral("hostname"), hostname}});
    map.insert(QStringLiteral("hardware"), QCborMap{{QStringLiteral("model"), QStringLiteral("ThinkPad T14")}});
    map.insert(QStringLiteral("patches"),
               QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}, {QStringLiteral("pending"), pending}});
    map.insert(QStringLiteral("errors"), QCborMap());
    return map;
}

QCborMap hashesOf(const QCborMap &sections)
{
    QCborMap hashes;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        hashes.insert(it.key(), protocol::Report::sectionHash(it.value()));
    }
    return hashes;
}

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}
}

class TestSpool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergeKeepsTheFreshestPicture();
    void init();
    void boundDropsOldestAndCounts();
    void cleanup();

    void sequencesStartAtOne();
    void firstReportIsFull();
    void unchangedReportCarriesOnlyHashes();
    void onlyChangedSectionTravels();
    void explicitFullReport();
    void removedSectionDisappearsFromHashes();
    void forgetHashesMakesNextFull();
    void acknowledgeDropsUpToSequence_data();
    void acknowledgeDropsUpToSequence();
    void sequencesSurviveAcknowledge();
    void stateSurvivesReopen();
    void oldestAndAfter();
    void spoolFileIsOwnerOnly();
    void hasPendingFull();
    void recreatedSpoolAdoptsServerSequence();
    void recreatedEmptySpoolContinuesAfterServer();
    void serverNotAheadChangesNothing_data();
    void serverNotAheadChangesNothing();
    void openFailsOnUnusablePath();
    void partialCollectionMergesIntoStoredPicture();
    void writersInTwoConnectionsNeverCollide();
    void jobEventsShareTheReportSequence();
    void jobEventCommitsWithItsStateChange();
    void adoptServerSequenceRenumbersJobEventsToo();

private:
    std::optional<protocol::Report> report(qint64 sequence) const;
    void reopen();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Spool> m_spool;
    QString m_path;
};

void TestSpool::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("spool.db"));
    m_spool = std::make_unique<Spool>();
    Status opened = m_spool->open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
}

void TestSpool::cleanup()
{
    m_spool.reset();
    m_dir.reset();
}

void TestSpool::reopen()
{
    m_spool.reset();
    m_spool = std::make_unique<Spool>();
    QVERIFY(m_spool->open(m_path).ok());
}

// The spooled message for `sequence`, parsed as the server would.
std::optional<protocol::Report> TestSpool::report(qint64 sequence) const
{
    const std::optional<Spool::Entry> entry = m_spool->after(sequence - 1);
    if (!entry || entry->sequence != sequence) {
        return std::nullopt;
    }
    if (protocol::typeOf(entry->message) != protocol::MessageType::Report) {
        return std::nullopt;
    }
    Result<protocol::Report> parsed = protocol::Report::fromCbor(entry->message);
    if (!parsed) {
        return std::nullopt;
    }
    return parsed.value();
}

void TestSpool::sequencesStartAtOne()
{
    QCOMPARE(m_spool->count(), 0);
    QVERIFY(!m_spool->oldest().has_value());
    for (qint64 expected = 1; expected <= 3; ++expected) {
        Result<qint64> sequence = m_spool->enqueue(sections(), kCollectedAt + expected, false);
        QVERIFY(sequence.ok());
        QCOMPARE(sequence.value(), expected);
    }
    QCOMPARE(m_spool->count(), 3);
}

void TestSpool::firstReportIsFull()
{
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt, false).value(), 1);
    const std::optional<protocol::Report> first = report(1);
    QVERIFY(first.has_value());
    QCOMPARE(first->sequence, 1);
    QCOMPARE(first->collectedAt, kCollectedAt);
    QCOMPARE(first->full, true);
    QCOMPARE(first->sections, sections());
    QCOMPARE(first->hashes, hashesOf(sections()));
}

void TestSpool::unchangedReportCarriesOnlyHashes()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 60, false).value(), 2);

    const std::optional<protocol::Report> second = report(2);
    QVERIFY(second.has_value());
    QCOMPARE(second->full, false);
    QVERIFY(second->sections.isEmpty());
    QCOMPARE(second->hashes, hashesOf(sections()));
    QCOMPARE(second->collectedAt, kCollectedAt + 60);
}

void TestSpool::onlyChangedSectionTravels()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    const QCborMap changed = sections(QStringLiteral("ws-017"), 2);
    QCOMPARE(m_spool->enqueue(changed, kCollectedAt + 60, false).value(), 2);

    const std::optional<protocol::Report> second = report(2);
    QVERIFY(second.has_value());
    QCOMPARE(second->full, false);
    QCOMPARE(second->sections.size(), 1);
    QCOMPARE(second->sections.value(QStringLiteral("patches")), changed.value(QStringLiteral("patches")));
    QCOMPARE(second->hashes, hashesOf(changed));
    QVERIFY(second->hashes.value(QStringLiteral("patches")) != hashesOf(sections()).value(QStringLiteral("patches")));

    // Compared with the last spooled report, not the first: the same state again sends nothing.
    QCOMPARE(m_spool->enqueue(changed, kCollectedAt + 120, false).value(), 3);
    QVERIFY(report(3)->sections.isEmpty());

    // Two sections change at once: both travel.
    const QCborMap both = sections(QStringLiteral("ws-018"), 3);
    QCOMPARE(m_spool->enqueue(both, kCollectedAt + 180, false).value(), 4);
    const std::optional<protocol::Report> fourth = report(4);
    QCOMPARE(fourth->sections.size(), 2);
    QVERIFY(fourth->sections.contains(QStringLiteral("os")));
    QVERIFY(fourth->sections.contains(QStringLiteral("patches")));
}

void TestSpool::explicitFullReport()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 60, true).value(), 2);
    const std::optional<protocol::Report> second = report(2);
    QCOMPARE(second->full, true);
    QCOMPARE(second->sections, sections());
    QCOMPARE(second->hashes, hashesOf(sections()));
}

void TestSpool::removedSectionDisappearsFromHashes()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QCborMap fewer = sections();
    fewer.remove(QStringLiteral("hardware"));
    QVERIFY(m_spool->enqueue(fewer, kCollectedAt + 60, false).ok());
    const std::optional<protocol::Report> second = report(2);
    QVERIFY(!second->hashes.contains(QStringLiteral("hardware")));
    QCOMPARE(second->hashes, hashesOf(fewer));
    QVERIFY(second->sections.isEmpty());

    // It comes back: it travels, since the last report did not have it.
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt + 120, false).ok());
    const std::optional<protocol::Report> third = report(3);
    QCOMPARE(third->sections.size(), 1);
    QCOMPARE(third->sections.value(QStringLiteral("hardware")), sections().value(QStringLiteral("hardware")));
}

void TestSpool::forgetHashesMakesNextFull()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt + 60, false).ok());
    QVERIFY(report(2)->sections.isEmpty());

    QVERIFY(m_spool->forgetHashes().ok());
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 120, false).value(), 3);
    const std::optional<protocol::Report> third = report(3);
    QCOMPARE(third->full, true);
    QCOMPARE(third->sections, sections());
    // Reports already spooled are left as they were.
    QCOMPARE(m_spool->count(), 3);

    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 180, false).value(), 4);
    QCOMPARE(report(4)->full, false);
}

void TestSpool::acknowledgeDropsUpToSequence_data()
{
    QTest::addColumn<qint64>("acknowledged");
    QTest::addColumn<qint64>("remaining");
    QTest::addColumn<qint64>("oldest"); // 0: empty

    QTest::newRow("none") << qint64(0) << qint64(5) << qint64(1);
    QTest::newRow("first") << qint64(1) << qint64(4) << qint64(2);
    QTest::newRow("up to three") << qint64(3) << qint64(2) << qint64(4);
    QTest::newRow("all") << qint64(5) << qint64(0) << qint64(0);
    QTest::newRow("beyond the newest") << qint64(99) << qint64(0) << qint64(0);
}

void TestSpool::acknowledgeDropsUpToSequence()
{
    QFETCH(qint64, acknowledged);
    QFETCH(qint64, remaining);
    QFETCH(qint64, oldest);

    for (int i = 0; i < 5; ++i) {
        QVERIFY(m_spool->enqueue(sections(), kCollectedAt + i, false).ok());
    }
    QVERIFY(m_spool->acknowledge(acknowledged).ok());
    QCOMPARE(m_spool->count(), remaining);
    const std::optional<Spool::Entry> entry = m_spool->oldest();
    QCOMPARE(entry.has_value(), oldest != 0);
    if (entry) {
        QCOMPARE(entry->sequence, oldest);
        QCOMPARE(entry->message.value(QStringLiteral("seq")).toInteger(), oldest);
    }
}

void TestSpool::sequencesSurviveAcknowledge()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QVERIFY(m_spool->acknowledge(2).ok());
    QCOMPARE(m_spool->count(), 0);

    // An empty spool never reuses a number the server has already seen.
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt, false).value(), 3);
    // And still knows what the server holds, so nothing needs to travel.
    QCOMPARE(report(3)->full, false);
    QVERIFY(report(3)->sections.isEmpty());
}

void TestSpool::stateSurvivesReopen()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt + 60, false).ok());
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt + 120, false).ok());
    QVERIFY(m_spool->acknowledge(1).ok());
    reopen();

    QCOMPARE(m_spool->count(), 2);
    QCOMPARE(m_spool->oldest()->sequence, 2);
    QCOMPARE(m_spool->enqueue(sections(QStringLiteral("ws-018")), kCollectedAt + 180, false).value(), 4);
    const std::optional<protocol::Report> fourth = report(4);
    QCOMPARE(fourth->full, false);
    QCOMPARE(fourth->sections.size(), 1);
    QVERIFY(fourth->sections.contains(QStringLiteral("os")));

    QVERIFY(m_spool->acknowledge(4).ok());
    reopen();
    QCOMPARE(m_spool->count(), 0);
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 240, false).value(), 5);

    // forgetHashes is durable too.
    QVERIFY(m_spool->forgetHashes().ok());
    reopen();
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 300, false).value(), 6);
    QCOMPARE(report(6)->full, true);
}

void TestSpool::oldestAndAfter()
{
    for (int i = 0; i < 3; ++i) {
        QVERIFY(m_spool->enqueue(sections(QStringLiteral("host-%1").arg(i)), kCollectedAt + i, false).ok());
    }
    QCOMPARE(m_spool->oldest()->sequence, 1);
    QCOMPARE(m_spool->after(0)->sequence, 1);
    QCOMPARE(m_spool->after(1)->sequence, 2);
    QCOMPARE(m_spool->after(2)->sequence, 3);
    QVERIFY(!m_spool->after(3).has_value());
    QVERIFY(!m_spool->after(100).has_value());

    // Entries hold the exact message that goes on the wire.
    const Spool::Entry second = *m_spool->after(1);
    QCOMPARE(protocol::typeOf(second.message), protocol::MessageType::Report);
    QCOMPARE(second.message.value(QStringLiteral("at")).toInteger(), kCollectedAt + 1);
    QCOMPARE(second.message.value(QStringLiteral("sections"))
                 .toMap()
                 .value(QStringLiteral("os"))
                 .toMap()
                 .value(QStringLiteral("hostname"))
                 .toString(),
             QStringLiteral("host-1"));

    QVERIFY(m_spool->acknowledge(1).ok());
    QCOMPARE(m_spool->oldest()->sequence, 2);
    QCOMPARE(m_spool->after(0)->sequence, 2);
}

void TestSpool::spoolFileIsOwnerOnly()
{
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QCOMPARE(modeOf(m_path), 0600);
    for (const QString &companion : QStringList{m_path + QStringLiteral("-wal"), m_path + QStringLiteral("-shm")}) {
        if (QFile::exists(companion)) {
            QCOMPARE(modeOf(companion), 0600);
        }
    }
}

void TestSpool::hasPendingFull()
{
    QVERIFY(!m_spool->hasPendingFull());
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok()); // the first is full
    QVERIFY(m_spool->hasPendingFull());
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt + 60, false).ok());
    QVERIFY(m_spool->acknowledge(1).ok());
    QVERIFY(!m_spool->hasPendingFull()); // only a delta left
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt + 120, true).ok());
    QVERIFY(m_spool->hasPendingFull());
    reopen();
    QVERIFY(m_spool->hasPendingFull());
    QVERIFY(m_spool->acknowledge(3).ok());
    QVERIFY(!m_spool->hasPendingFull());
}

void TestSpool::recreatedSpoolAdoptsServerSequence()
{
    // spool.db was deleted; the server has stored up to 40 from the old one.
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("ws-018")), kCollectedAt + 60, false).ok());
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("ws-019")), kCollectedAt + 120, false).ok());
    QVERIFY(m_spool->acknowledge(1).ok()); // acked as a duplicate, never stored

    Result<bool> adopted = m_spool->adoptServerSequence(40);
    QVERIFY(adopted.ok());
    QCOMPARE(adopted.value(), true);
    QCOMPARE(m_spool->count(), 2);
    QCOMPARE(m_spool->oldest()->sequence, 41);
    QVERIFY(!report(2).has_value());
    // The number on the wire is the new one, and the reports keep their order and content.
    const std::optional<protocol::Report> first = report(41);
    QVERIFY(first.has_value());
    QCOMPARE(first->sections.value(QStringLiteral("os")).toMap().value(QStringLiteral("hostname")).toString(),
             QStringLiteral("ws-018"));
    QCOMPARE(first->collectedAt, kCollectedAt + 60);
    const std::optional<protocol::Report> second = report(42);
    QVERIFY(second.has_value());
    QCOMPARE(second->sections.value(QStringLiteral("os")).toMap().value(QStringLiteral("hostname")).toString(),
             QStringLiteral("ws-019"));
    QVERIFY(!m_spool->after(42).has_value());

    // The counter follows, durably.
    reopen();
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 180, false).value(), 43);
    QCOMPARE(report(43)->sequence, 43);
    // Once caught up, the same welcome changes nothing.
    QCOMPARE(m_spool->adoptServerSequence(40).value(), false);
    QCOMPARE(m_spool->oldest()->sequence, 41);
}

void TestSpool::recreatedEmptySpoolContinuesAfterServer()
{
    QCOMPARE(m_spool->adoptServerSequence(7).value(), true);
    QCOMPARE(m_spool->count(), 0);
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt, false).value(), 8);
    QCOMPARE(report(8)->full, true);
}

void TestSpool::serverNotAheadChangesNothing_data()
{
    QTest::addColumn<qint64>("lastStored");
    QTest::newRow("server has nothing") << qint64(0);
    QTest::newRow("server behind") << qint64(2);
    QTest::newRow("acks lost") << qint64(5);
}

void TestSpool::serverNotAheadChangesNothing()
{
    QFETCH(qint64, lastStored);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(m_spool->enqueue(sections(QStringLiteral("host-%1").arg(i)), kCollectedAt + i, false).ok());
    }
    QVERIFY(m_spool->acknowledge(3).ok());
    const QCborMap fourth = m_spool->oldest()->message;

    Result<bool> adopted = m_spool->adoptServerSequence(lastStored);
    QVERIFY(adopted.ok());
    QCOMPARE(adopted.value(), false);
    // The reports the server may already hold go again under their own numbers: duplicates are harmless.
    QCOMPARE(m_spool->count(), 2);
    QCOMPARE(m_spool->oldest()->sequence, 4);
    QCOMPARE(m_spool->oldest()->message, fourth);
    QCOMPARE(m_spool->after(4)->sequence, 5);
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 60, false).value(), 6);
}

void TestSpool::openFailsOnUnusablePath()
{
    Spool spool;
    Status status = spool.open(m_dir->filePath(QStringLiteral("missing-directory/spool.db")));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("file.io"));
}

void TestSpool::boundDropsOldestAndCounts()
{
    // Full reports of ~20 KB each against a 64 KB bound: the oldest make room for the newest.
    const QCborMap big = sections(QStringLiteral("ws-017"), 1500);
    QVERIFY(big.toCborValue().toCbor().size() > 16 * 1024);
    m_spool->setMaxBytes(64 * 1024);
    for (int i = 0; i < 10; ++i) {
        QVERIFY(m_spool->enqueue(big, kCollectedAt + i, true).ok());
    }
    QVERIFY(m_spool->count() < 10);
    QVERIFY(m_spool->count() >= 2);
    QCOMPARE(m_spool->droppedCount(), 10 - m_spool->count());
    // What is left is the newest run, in order, ending with the last report.
    qint64 expected = 10 - m_spool->count() + 1;
    for (std::optional<Spool::Entry> entry = m_spool->oldest(); entry; entry = m_spool->after(entry->sequence)) {
        QCOMPARE(entry->sequence, expected++);
    }
    QCOMPARE(expected, 11);
    // The count survives a restart.
    const qint64 dropped = m_spool->droppedCount();
    reopen();
    QCOMPARE(m_spool->droppedCount(), dropped);
}

void TestSpool::partialCollectionMergesIntoStoredPicture()
{
    QCborMap all;
    all.insert(QStringLiteral("os"), QCborMap{{QStringLiteral("hostname"), QStringLiteral("pc-1")}});
    all.insert(QStringLiteral("patches"), QCborMap{{QStringLiteral("pending"), 3}});
    all.insert(QStringLiteral("errors"), QCborMap());
    QVERIFY(m_spool->enqueue(all, 1, false).ok());
    // The picture lives in the file, not in the process that wrote it.
    reopen();
    QCOMPARE(m_spool->currentSectionNames(),
             (QStringList{QStringLiteral("errors"), QStringLiteral("os"), QStringLiteral("patches")}));

    QCborMap patches;
    patches.insert(QStringLiteral("patches"), QCborMap{{QStringLiteral("pending"), 0}});
    patches.insert(QStringLiteral("errors"), QCborMap());
    const Result<qint64> sequence = m_spool->enqueueCollected(patches, {QStringLiteral("patches")}, 2, false);
    QVERIFY(sequence.ok());
    const std::optional<protocol::Report> delta = report(sequence.value());
    QVERIFY(delta);
    QVERIFY(!delta->full);
    QCOMPARE(delta->sections.keys(), QList<QCborValue>{QStringLiteral("patches")});
    // os was not collected this time, but it is still part of the picture the server must hold.
    QVERIFY(delta->hashes.contains(QStringLiteral("os")));

    QVERIFY(m_spool->forgetHashes().ok());
    const std::optional<protocol::Report> full =
        report(m_spool->enqueueCollected(QCborMap{{QStringLiteral("errors"), QCborMap()}}, {}, 3, true).value());
    QVERIFY(full && full->full);
    QVERIFY(!full->sections.contains(QStringLiteral("os"))); // a complete collection replaces the picture
}

void TestSpool::writersInTwoConnectionsNeverCollide()
{
    // The agent and its collection child write the same file. Each thread has its own connection,
    // as each process would; a deferred read-then-write transaction fails here with "database is locked".
    constexpr int kPerWriter = 40;
    std::atomic<int> failures = 0;
    const auto writer = [this, &failures](const QString &name) {
        Spool spool;
        if (!spool.open(m_path).ok()) {
            ++failures;
            return;
        }
        for (int i = 0; i < kPerWriter; ++i) {
            QCborMap sections{{QStringLiteral("os"),
                               QCborMap{{QStringLiteral("hostname"), QStringLiteral("%1-%2").arg(name).arg(i)}}}};
            if (!spool.enqueueCollected(sections, {QStringLiteral("os")}, i, false).ok()) {
                ++failures;
            }
        }
    };
    std::thread first(writer, QStringLiteral("a"));
    std::thread second(writer, QStringLiteral("b"));
    first.join();
    second.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(m_spool->count(), 2 * kPerWriter);
    QList<qint64> sequences;
    for (std::optional<Spool::Entry> entry = m_spool->oldest(); entry; entry = m_spool->after(entry->sequence)) {
        sequences.append(entry->sequence);
    }
    QCOMPARE(sequences.size(), 2 * kPerWriter);
    QCOMPARE(sequences.last(), qint64(2 * kPerWriter)); // 1..80, none repeated, none skipped
}

void TestSpool::mergeKeepsTheFreshestPicture()
{
    const auto value = [](const char *v) {
        return QCborMap{{QStringLiteral("v"), QLatin1String(v)}};
    };
    QCborMap current;
    current.insert(QStringLiteral("os"), value("os-1"));
    current.insert(QStringLiteral("patches"), value("patches-1"));
    current.insert(QStringLiteral("antivirus"), value("av-1"));
    current.insert(QStringLiteral("errors"), QCborMap{{QStringLiteral("antivirus"), value("old failure")}});

    // A patch scan: only patches changes; the antivirus error from before stays.
    QCborMap patches;
    patches.insert(QStringLiteral("patches"), value("patches-2"));
    patches.insert(QStringLiteral("agent"), value("agent-2"));
    patches.insert(QStringLiteral("errors"), QCborMap());
    QCborMap merged = Spool::mergeCollected(current, patches, {QStringLiteral("patches")});
    QCOMPARE(merged.value(QStringLiteral("patches")).toMap(), value("patches-2"));
    QCOMPARE(merged.value(QStringLiteral("os")).toMap(), value("os-1"));
    QCOMPARE(merged.value(QStringLiteral("agent")).toMap(), value("agent-2")); // unscheduled: always fresh
    QVERIFY(merged.value(QStringLiteral("errors")).toMap().contains(QStringLiteral("antivirus")));

    // The antivirus scan succeeds now: its old error goes.
    QCborMap antivirus;
    antivirus.insert(QStringLiteral("antivirus"), value("av-2"));
    antivirus.insert(QStringLiteral("errors"), QCborMap());
    merged = Spool::mergeCollected(merged, antivirus, {QStringLiteral("antivirus")});
    QCOMPARE(merged.value(QStringLiteral("antivirus")).toMap(), value("av-2"));
    QVERIFY(merged.value(QStringLiteral("errors")).toMap().isEmpty());

    // The patch scan fails: the stale patches section is not kept as if current.
    QCborMap failed;
    failed.insert(QStringLiteral("errors"), QCborMap{{QStringLiteral("patches"), value("apt.timeout")}});
    merged = Spool::mergeCollected(merged, failed, {QStringLiteral("patches")});
    QVERIFY(!merged.contains(QStringLiteral("patches")));
    QCOMPARE(merged.value(QStringLiteral("errors")).toMap().value(QStringLiteral("patches")).toMap(),
             value("apt.timeout"));
    QCOMPARE(merged.value(QStringLiteral("os")).toMap(), value("os-1"));
}

namespace
{
QCborMap jobEvent(const QString &state)
{
    protocol::JobEvent event;
    event.id = QStringLiteral("0d6b5a52-2f4e-4d1c-9a57-5c2f3e1b7a10");
    event.state = state;
    event.at = kCollectedAt;
    return event.toCbor();
}

// The spooled message's own "seq", as the server reads it.
qint64 sequenceInside(const Spool::Entry &entry)
{
    return entry.message.value(QStringLiteral("seq")).toInteger();
}
}

void TestSpool::jobEventsShareTheReportSequence()
{
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt, false).value(), 1);
    QCOMPARE(m_spool->enqueueEvent(jobEvent(QStringLiteral("running")), kCollectedAt).value(), 2);
    QCOMPARE(m_spool->enqueue(sections(QStringLiteral("ws-018")), kCollectedAt + 60, false).value(), 3);
    QCOMPARE(m_spool->enqueueEvent(jobEvent(QStringLiteral("succeeded")), kCollectedAt + 60).value(), 4);
    QCOMPARE(m_spool->count(), 4);

    // One queue, in order, whatever table each message sits in.
    const QList<protocol::MessageType> expected{protocol::MessageType::Report,
                                                protocol::MessageType::JobEvent,
                                                protocol::MessageType::Report,
                                                protocol::MessageType::JobEvent};
    qint64 sequence = 0;
    for (const protocol::MessageType type : expected) {
        const std::optional<Spool::Entry> entry = m_spool->after(sequence);
        QVERIFY(entry.has_value());
        QCOMPARE(entry->sequence, sequence + 1);
        QCOMPARE(protocol::typeOf(entry->message), type);
        QCOMPARE(sequenceInside(*entry), entry->sequence);
        sequence = entry->sequence;
    }
    QVERIFY(!m_spool->after(4).has_value());
    QCOMPARE(protocol::JobEvent::fromCbor(m_spool->after(1)->message).value().state, QStringLiteral("running"));

    // An ack covers both kinds up to its number.
    QVERIFY(m_spool->acknowledge(2).ok());
    QCOMPARE(m_spool->count(), 2);
    QCOMPARE(m_spool->oldest()->sequence, 3);
    QVERIFY(m_spool->acknowledge(4).ok());
    QCOMPARE(m_spool->count(), 0);
    reopen();
    QCOMPARE(m_spool->enqueueEvent(jobEvent(QStringLiteral("failed")), kCollectedAt).value(), 5);
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt, false).value(), 6);
    // Job events are not reports: they never make a full report look pending.
    QVERIFY(m_spool->acknowledge(6).ok());
    QVERIFY(m_spool->enqueueEvent(jobEvent(QStringLiteral("waiting")), kCollectedAt).ok());
    QVERIFY(!m_spool->hasPendingFull());
}

void TestSpool::jobEventCommitsWithItsStateChange()
{
    QSqlQuery create(m_spool->database());
    QVERIFY(create.exec(QStringLiteral("CREATE TABLE states (state TEXT)")));
    const auto writeState = [this](const QString &state) {
        return [this, state]() -> Status {
            QSqlQuery query(m_spool->database());
            query.prepare(QStringLiteral("INSERT INTO states (state) VALUES (?)"));
            query.addBindValue(state);
            if (!query.exec()) {
                return makeError(QStringLiteral("test"), query.lastError().text());
            }
            return Ok{};
        };
    };
    QCOMPARE(
        m_spool->enqueueEvent(jobEvent(QStringLiteral("running")), kCollectedAt, writeState(QStringLiteral("running")))
            .value(),
        1);
    // The state change fails: the event and its number go with it.
    const Result<qint64> failed = m_spool->enqueueEvent(jobEvent(QStringLiteral("failed")), kCollectedAt, [] {
        return Status(makeError(QStringLiteral("test"), QStringLiteral("the state could not be written")));
    });
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, QStringLiteral("test"));
    QCOMPARE(m_spool->count(), 1);
    QCOMPARE(
        m_spool
            ->enqueueEvent(jobEvent(QStringLiteral("succeeded")), kCollectedAt, writeState(QStringLiteral("succeeded")))
            .value(),
        2);
    QSqlQuery states(m_spool->database());
    QVERIFY(states.exec(QStringLiteral("SELECT group_concat(state) FROM states")) && states.next());
    QCOMPARE(states.value(0).toString(), QStringLiteral("running,succeeded"));
}

void TestSpool::adoptServerSequenceRenumbersJobEventsToo()
{
    // A recreated spool: the server stored up to 40 from the old one.
    QVERIFY(m_spool->enqueue(sections(), kCollectedAt, false).ok());
    QVERIFY(m_spool->enqueueEvent(jobEvent(QStringLiteral("running")), kCollectedAt).ok());
    QVERIFY(m_spool->enqueue(sections(QStringLiteral("ws-018")), kCollectedAt + 60, false).ok());
    QVERIFY(m_spool->enqueueEvent(jobEvent(QStringLiteral("succeeded")), kCollectedAt + 60).ok());

    QCOMPARE(m_spool->adoptServerSequence(40).value(), true);
    QCOMPARE(m_spool->count(), 4);
    const QList<protocol::MessageType> expected{protocol::MessageType::Report,
                                                protocol::MessageType::JobEvent,
                                                protocol::MessageType::Report,
                                                protocol::MessageType::JobEvent};
    qint64 sequence = 40;
    for (const protocol::MessageType type : expected) {
        const std::optional<Spool::Entry> entry = m_spool->after(sequence);
        QVERIFY(entry.has_value());
        QCOMPARE(entry->sequence, sequence + 1);
        QCOMPARE(protocol::typeOf(entry->message), type);
        QCOMPARE(sequenceInside(*entry), entry->sequence); // the number on the wire follows
        sequence = entry->sequence;
    }
    QCOMPARE(protocol::JobEvent::fromCbor(m_spool->after(43)->message).value().state, QStringLiteral("succeeded"));
    QCOMPARE(protocol::JobEvent::fromCbor(m_spool->after(43)->message).value().sequence, 44);
    QCOMPARE(m_spool->enqueueEvent(jobEvent(QStringLiteral("waiting")), kCollectedAt).value(), 45);
    QCOMPARE(m_spool->enqueue(sections(), kCollectedAt + 120, false).value(), 46);
}

QTEST_GUILESS_MAIN(TestSpool)
#include "TestSpool.moc"
