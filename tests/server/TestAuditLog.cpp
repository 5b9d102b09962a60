// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "store/AuditLog.h"

#include <QTest>
#include <QThread>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

Q_DECLARE_METATYPE(steward::server::AuditFilter)

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void newestFirst();
    void filters_data();
    void filters();
    void chainIsIntactAfterAppends();
    void databaseRefusesChanges();
    void tamperingIsFound_data();
    void tamperingIsFound();
    void rowsBeforeTheChainAreCountedNotChecked();
    void appendsFromManyThreadsKeepOneChain();

private:
    AuditEntry entry(int i) const
    {
        return AuditEntry{kNow.addSecs(i),
                          QStringLiteral("alice"),
                          QStringLiteral("action-%1").arg(i),
                          QStringLiteral("target-%1").arg(i),
                          QStringLiteral("ok"),
                          QStringLiteral("192.0.2.%1").arg(i),
                          QStringLiteral("detail %1").arg(i)};
    }
    // Removes the database's append-only guard, as someone with direct database access could.
    void dropGuards();

    StoreFixture m_fixture;
    std::unique_ptr<AuditLog> m_audit;
};

void TestAuditLog::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestAuditLog::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_audit.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_audit = std::make_unique<AuditLog>(m_fixture.database());
}

void TestAuditLog::dropGuards()
{
    QFETCH_GLOBAL(Dialect, engine);
    const QStringList statements = engine == Dialect::Sqlite
        ? QStringList{QStringLiteral("DROP TRIGGER audit_log_no_update"),
                      QStringLiteral("DROP TRIGGER audit_log_no_delete")}
        : QStringList{QStringLiteral("DROP TRIGGER audit_log_no_change ON audit_log")};
    for (const QString &statement : statements) {
        QCOMPARE(m_fixture.execute(statement), QString());
    }
}

void TestAuditLog::newestFirst()
{
    for (int i = 1; i <= 5; ++i) {
        QVERIFY_RESULT(m_audit->append(entry(i)));
    }
    const Result<QList<AuditEntry>> newest = m_audit->newest(3);
    QVERIFY_RESULT(newest);
    const QList<AuditEntry> &entries = newest.value();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).action, QStringLiteral("action-5"));
    QCOMPARE(entries.at(1).action, QStringLiteral("action-4"));
    QCOMPARE(entries.at(2).action, QStringLiteral("action-3"));

    const AuditEntry &latest = entries.at(0);
    QCOMPARE(latest.at, kNow.addSecs(5));
    QCOMPARE(latest.actor, QStringLiteral("alice"));
    QCOMPARE(latest.target, QStringLiteral("target-5"));
    QCOMPARE(latest.outcome, QStringLiteral("ok"));
    QCOMPARE(latest.source, QStringLiteral("192.0.2.5"));
    QCOMPARE(latest.detail, QStringLiteral("detail 5"));

    QCOMPARE(m_audit->newest(100).value().size(), 5);
    QCOMPARE(m_audit->newest(100).value().last().action, QStringLiteral("action-1"));
}

void TestAuditLog::filters_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<QList<qint64>>("ids"); // newest first

    const auto filter = [](auto &&set) {
        AuditFilter result;
        set(result);
        return result;
    };
    QTest::newRow("none") << AuditFilter() << QList<qint64>{7, 6, 5, 4, 3, 2, 1};
    QTest::newRow("actor") << filter([](AuditFilter &f) {
        f.actor = QStringLiteral("alice");
    }) << QList<qint64>{7, 6, 4, 3, 1};
    QTest::newRow("action, exact") << filter([](AuditFilter &f) {
        f.action = QStringLiteral("device.revoke");
    }) << QList<qint64>{2, 1};
    // Case matters on both engines (SQLite's LIKE would ignore it), and only a prefix matches.
    QTest::newRow("action, prefix") << filter([](AuditFilter &f) {
        f.action = QStringLiteral("device.*");
    }) << QList<qint64>{4, 2, 1};
    QTest::newRow("action, prefix beyond ASCII") << filter([](AuditFilter &f) {
        f.action = QStringLiteral("gerät.*");
    }) << QList<qint64>{7};
    QTest::newRow("action, everything") << filter([](AuditFilter &f) {
        f.action = QStringLiteral("*");
    }) << QList<qint64>{7, 6, 5, 4, 3, 2, 1};
    QTest::newRow("action, wildcards of LIKE are plain") << filter([](AuditFilter &f) {
        f.action = QStringLiteral("device_*");
    }) << QList<qint64>();
    QTest::newRow("target") << filter([](AuditFilter &f) {
        f.target = QStringLiteral("dev-1");
    }) << QList<qint64>{4, 1};
    QTest::newRow("outcome") << filter([](AuditFilter &f) {
        f.outcome = QStringLiteral("denied");
    }) << QList<qint64>{2};
    QTest::newRow("from, inclusive") << filter([](AuditFilter &f) {
        f.from = kNow.addSecs(3);
    }) << QList<qint64>{7, 6, 5, 4, 3};
    QTest::newRow("to, inclusive") << filter([](AuditFilter &f) {
        f.to = kNow.addSecs(2);
    }) << QList<qint64>{2, 1};
    QTest::newRow("from and to") << filter([](AuditFilter &f) {
        f.from = kNow.addSecs(2);
        f.to = kNow.addSecs(4);
    }) << QList<qint64>{4, 3, 2};
    QTest::newRow("before") << filter([](AuditFilter &f) {
        f.before = 4;
    }) << QList<qint64>{3, 2, 1};
    QTest::newRow("limit") << filter([](AuditFilter &f) {
        f.limit = 2;
    }) << QList<qint64>{7, 6};
    QTest::newRow("the next page") << filter([](AuditFilter &f) {
        f.limit = 2;
        f.before = 6;
    }) << QList<qint64>{5, 4};
    QTest::newRow("all together") << filter([](AuditFilter &f) {
        f.actor = QStringLiteral("alice");
        f.action = QStringLiteral("device.*");
        f.target = QStringLiteral("dev-1");
        f.outcome = QStringLiteral("ok");
        f.from = kNow;
        f.to = kNow.addSecs(10);
        f.before = 4;
    }) << QList<qint64>{1};
    QTest::newRow("nothing matches") << filter([](AuditFilter &f) {
        f.actor = QStringLiteral("mallory");
    }) << QList<qint64>();
}

void TestAuditLog::filters()
{
    QFETCH(AuditFilter, filter);
    QFETCH(QList<qint64>, ids);
    const auto row = [](int second, const char *actor, const char *action, const char *target, const char *outcome) {
        return AuditEntry{kNow.addSecs(second),
                          QString::fromUtf8(actor),
                          QString::fromUtf8(action),
                          QString::fromUtf8(target),
                          QString::fromUtf8(outcome),
                          QStringLiteral("192.0.2.1"),
                          QString()};
    };
    for (const AuditEntry &entry : {row(1, "alice", "device.revoke", "dev-1", "ok"),
                                    row(2, "hd", "device.revoke", "dev-2", "denied"),
                                    row(3, "alice", "login", "alice", "ok"),
                                    row(4, "alice", "device.delete", "dev-1", "ok"),
                                    row(5, "bob", "user.create", "bob", "ok"),
                                    row(6, "alice", "DEVICE.revoke", "dev-3", "ok"),
                                    row(7, "alice", "gerät.prüfen", "dev-3", "ok")}) {
        QVERIFY_RESULT(m_audit->append(entry));
    }
    const Result<QList<AuditEntry>> found = m_audit->find(filter);
    QVERIFY_RESULT(found);
    QList<qint64> actual;
    for (const AuditEntry &entry : found.value()) {
        actual.append(entry.id);
    }
    QCOMPARE(actual, ids);
}

void TestAuditLog::chainIsIntactAfterAppends()
{
    const Result<AuditVerification> empty = m_audit->verify();
    QVERIFY_RESULT(empty);
    QVERIFY(empty.value().intact());
    QCOMPARE(empty.value().rows, 0);

    QString previous;
    for (int i = 1; i <= 5; ++i) {
        QVERIFY_RESULT(m_audit->append(entry(i)));
        previous = AuditLog::rowHash(i, entry(i), previous);
    }
    const Result<AuditVerification> verified = m_audit->verify();
    QVERIFY_RESULT(verified);
    QVERIFY2(verified.value().intact(), qPrintable(verified.value().problem));
    QCOMPARE(verified.value().rows, 5);
    QCOMPARE(verified.value().unchained, 0);
    // The head is the chain computed independently here: nothing else feeds the hash.
    QCOMPARE(verified.value().headHash, previous);
    QCOMPARE(previous.size(), 64);
}

void TestAuditLog::databaseRefusesChanges()
{
    QVERIFY_RESULT(m_audit->append(entry(1)));
    QVERIFY(m_fixture.execute(QStringLiteral("UPDATE audit_log SET actor = 'mallory'"))
                .contains(QLatin1String("append-only")));
    QVERIFY(m_fixture.execute(QStringLiteral("DELETE FROM audit_log")).contains(QLatin1String("append-only")));
    QCOMPARE(m_audit->newest(10).value().first().actor, QStringLiteral("alice"));
    QVERIFY(m_audit->verify().value().intact());
}

void TestAuditLog::tamperingIsFound_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<qint64>("firstBrokenId");

    QTest::newRow("a field changed") << QStringList{QStringLiteral(
        "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3")}
                                     << qint64(3);
    QTest::newRow("time changed") << QStringList{QStringLiteral("UPDATE audit_log SET at = at - 86400 WHERE id = 2")}
                                  << qint64(2);
    QTest::newRow("a row removed") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 3")} << qint64(4);
    QTest::newRow("the newest row removed")
        << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 5")} << qint64(5);
    QTest::newRow("the newest row removed, head rewound")
        << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 5"),
                       QStringLiteral(
                           "UPDATE audit_head SET last_id = 4, last_hash = (SELECT hash FROM audit_log WHERE id = 4)")}
        << qint64(0);
    QTest::newRow("a row's hash replaced")
        << QStringList{QStringLiteral("UPDATE audit_log SET hash = prev_hash WHERE id = 2")} << qint64(2);
    QTest::newRow("a row added behind the log's back")
        << QStringList{QStringLiteral("INSERT INTO audit_log (id, at, actor, action, outcome, prev_hash, hash) "
                                      "SELECT 6, at, 'mallory', 'login', 'ok', hash, hash FROM audit_log WHERE id = 5")}
        << qint64(6);
}

void TestAuditLog::tamperingIsFound()
{
    QFETCH(QStringList, statements);
    QFETCH(qint64, firstBrokenId);

    for (int i = 1; i <= 5; ++i) {
        QVERIFY_RESULT(m_audit->append(entry(i)));
    }
    dropGuards();
    for (const QString &statement : std::as_const(statements)) {
        QCOMPARE(m_fixture.execute(statement), QString());
    }
    const Result<AuditVerification> verified = m_audit->verify();
    QVERIFY_RESULT(verified);
    QCOMPARE(verified.value().firstBrokenId, firstBrokenId);
    QCOMPARE(verified.value().problem.isEmpty(), firstBrokenId == 0);
    if (firstBrokenId == 0) {
        // Cutting the tail and rewinding the head is the one change the chain alone cannot show;
        // the head hash moves, which is why `stewardctl audit verify` prints it for safekeeping.
        QString head;
        for (int i = 1; i <= 5; ++i) {
            head = AuditLog::rowHash(i, entry(i), head);
        }
        QVERIFY(!verified.value().headHash.isEmpty());
        QVERIFY(verified.value().headHash != head);
    }
}

void TestAuditLog::rowsBeforeTheChainAreCountedNotChecked()
{
    // An audit log from before schema 3: rows without hashes, and the head after them.
    for (int id = 1; id <= 3; ++id) {
        QCOMPARE(
            m_fixture.execute(
                QStringLiteral(
                    "INSERT INTO audit_log (id, at, actor, action, outcome) VALUES (%1, 0, 'admin', 'login', 'ok')")
                    .arg(id)),
            QString());
    }
    QCOMPARE(m_fixture.execute(QStringLiteral("UPDATE audit_head SET last_id = 3")), QString());
    QVERIFY_RESULT(m_audit->append(entry(4)));
    QVERIFY_RESULT(m_audit->append(entry(5)));

    const AuditVerification verified = m_audit->verify().value();
    QVERIFY2(verified.intact(), qPrintable(verified.problem));
    QCOMPARE(verified.rows, 5);
    QCOMPARE(verified.unchained, 3);

    // A row without a hash after the chain started is a break, not an old row.
    dropGuards();
    QCOMPARE(m_fixture.execute(QStringLiteral("UPDATE audit_log SET hash = NULL WHERE id = 5")), QString());
    QCOMPARE(m_audit->verify().value().firstBrokenId, 5);
}

void TestAuditLog::appendsFromManyThreadsKeepOneChain()
{
    constexpr int kThreads = 4;
    constexpr int kEach = 25;
    QList<QThread *> threads;
    QAtomicInt failures;
    for (int t = 0; t < kThreads; ++t) {
        threads.append(QThread::create([this, t, &failures] {
            for (int i = 0; i < kEach; ++i) {
                if (!m_audit->append(entry(t * kEach + i))) {
                    failures.fetchAndAddRelaxed(1);
                }
            }
        }));
        threads.last()->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(failures.loadRelaxed(), 0);
    const AuditVerification verified = m_audit->verify().value();
    QVERIFY2(verified.intact(), qPrintable(verified.problem));
    QCOMPARE(verified.rows, kThreads * kEach);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
