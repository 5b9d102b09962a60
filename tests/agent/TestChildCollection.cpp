// SPDX-License-Identifier: GPL-3.0-or-later
// ChildCollection with real child processes: /bin/sh stands in for `steward-agent collect --spool`
// (the end-to-end tests run the real one), so that crashes, hangs and failures can be staged.
#include "ChildCollection.h"
#include "Collection.h"
#include "ManualClock.h"
#include "Messages.h"
#include "Spool.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace steward;
using namespace steward::agent;
using namespace std::chrono_literals;

namespace
{
const QDateTime kStart(QDate(2024, 11, 18), QTime(8, 53, 20), Qt::UTC);
}

class TestChildCollection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void childGetsItsCommandLine();
    void failedChildReportsItsSectionsFailed_data();
    void failedChildReportsItsSectionsFailed();
    void hangingChildIsKilled();
    void partialCollectionWithoutPictureCollectsEverything();

private:
    // A shell child running `script`; what ChildCollection appends arrives as "$@".
    ChildCollection::Options shell(const QString &script, std::chrono::milliseconds timeout = 30s) const
    {
        return {QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, QStringLiteral("sh")}, timeout};
    }
    QCborMap lastMessage() const
    {
        std::optional<Spool::Entry> last;
        for (std::optional<Spool::Entry> entry = m_spool->oldest(); entry; entry = m_spool->after(entry->sequence)) {
            last = entry;
        }
        return last ? last->message : QCborMap();
    }
    QCborMap lastSections() const
    {
        return lastMessage().value(QLatin1String("sections")).toMap();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Spool> m_spool;
    test::ManualClock m_clock{kStart};
};

void TestChildCollection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_spool = std::make_unique<Spool>();
    QVERIFY(m_spool->open(m_dir->filePath(QStringLiteral("spool.db"))).ok());
    m_clock.set(kStart);
    QCborMap picture;
    picture.insert(QStringLiteral("os"), QCborMap{{QStringLiteral("hostname"), QStringLiteral("pc-1")}});
    picture.insert(QStringLiteral("patches"), QCborMap{{QStringLiteral("pending"), 3}});
    picture.insert(QStringLiteral("agent"), QCborMap{{QStringLiteral("version"), QStringLiteral("test")}});
    picture.insert(QStringLiteral("errors"), QCborMap());
    QVERIFY(m_spool->enqueue(picture, 1, false).ok());
}

void TestChildCollection::cleanup()
{
    m_spool.reset();
    m_dir.reset();
}

void TestChildCollection::childGetsItsCommandLine()
{
    const QString out = m_dir->filePath(QStringLiteral("args"));
    ChildCollection collection(*m_spool, m_clock, shell(QStringLiteral("echo \"$@\" > '%1'").arg(out)));
    QSignalSpy finished(&collection, &Collection::finished);
    collection.start({QStringLiteral("patches"), QStringLiteral("antivirus")}, true);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().trimmed(), QByteArray("collect --spool --sections patches,antivirus --full"));
    QCOMPARE(m_spool->count(), 1); // the child spools; nothing was added on its behalf
}

void TestChildCollection::failedChildReportsItsSectionsFailed_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("reason");
    QTest::newRow("exit code") << QStringLiteral("exit 3") << QStringLiteral("/bin/sh")
                               << QStringLiteral("exit code 3");
    QTest::newRow("crash") << QStringLiteral("kill -SEGV $$") << QStringLiteral("/bin/sh") << QStringLiteral("died");
    QTest::newRow("cannot start") << QString() << QStringLiteral("/nonexistent/steward-agent")
                                  << QStringLiteral("cannot start");
}

void TestChildCollection::failedChildReportsItsSectionsFailed()
{
    QFETCH(QString, script);
    QFETCH(QString, program);
    QFETCH(QString, reason);
    ChildCollection::Options options = shell(script);
    options.program = program;
    ChildCollection collection(*m_spool, m_clock, options);
    QSignalSpy finished(&collection, &Collection::finished);
    collection.start({QStringLiteral("patches")}, false);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(finished.first().at(1).toString().contains(reason), qPrintable(finished.first().at(1).toString()));

    // Like a failing collector: the stale patches are not passed off as current, the reason is
    // there for the help desk, and what was not asked for stays.
    QCOMPARE(m_spool->count(), 2);
    const QCborMap sections = lastSections();
    QVERIFY(!sections.contains(QStringLiteral("patches")));
    const QCborMap error = sections.value(QStringLiteral("errors")).toMap().value(QStringLiteral("patches")).toMap();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("agent.collection-failed"));
    QCOMPARE(m_spool->currentSectionNames(),
             (QStringList{QStringLiteral("agent"), QStringLiteral("errors"), QStringLiteral("os")}));
    // Dated when the failure was noticed, by the agent's clock.
    QCOMPARE(lastMessage().value(QLatin1String("at")).toInteger(), m_clock.now().toSecsSinceEpoch());
}

void TestChildCollection::hangingChildIsKilled()
{
    ChildCollection collection(*m_spool, m_clock, shell(QStringLiteral("exec sleep 60"), 300ms));
    QSignalSpy finished(&collection, &Collection::finished);
    collection.start({}, false);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.first().at(0).toBool(), false);
    // A complete collection failed: every section it should have refreshed is reported failed.
    const QCborMap errors = lastSections().value(QStringLiteral("errors")).toMap();
    QVERIFY(errors.contains(QStringLiteral("os")));
    QVERIFY(errors.contains(QStringLiteral("patches")));
    QVERIFY(!errors.contains(QStringLiteral("agent")));
}

void TestChildCollection::partialCollectionWithoutPictureCollectsEverything()
{
    Spool fresh;
    QVERIFY(fresh.open(m_dir->filePath(QStringLiteral("fresh.db"))).ok());
    QList<QStringList> asked;
    const auto collect = [&asked](const QStringList &sections) {
        asked.append(sections);
        return QCborMap{{QStringLiteral("os"), QCborMap()}, {QStringLiteral("errors"), QCborMap()}};
    };
    QVERIFY(collectIntoSpool(fresh, m_clock, collect, {QStringLiteral("patches")}, false).ok());
    m_clock.advance(3600);
    QVERIFY(collectIntoSpool(fresh, m_clock, collect, {QStringLiteral("patches")}, false).ok());
    // The first report must be complete; after it, a patch scan is a patch scan.
    QCOMPARE(asked, (QList<QStringList>{QStringList(), QStringList{QStringLiteral("patches")}}));
    // Each report is dated when it was collected.
    const std::optional<Spool::Entry> first = fresh.oldest();
    QVERIFY(first);
    const std::optional<Spool::Entry> second = fresh.after(first->sequence);
    QVERIFY(second);
    const qint64 firstAt = first->message.value(QLatin1String("at")).toInteger();
    QCOMPARE(firstAt, kStart.toSecsSinceEpoch());
    QCOMPARE(second->message.value(QLatin1String("at")).toInteger(), firstAt + 3600);
}

QTEST_GUILESS_MAIN(TestChildCollection)
#include "TestChildCollection.moc"
