// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "auth/Credentials.h"
#include "store/DeviceRepository.h"
#include "store/EnrolmentRepository.h"

#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

Q_DECLARE_METATYPE(steward::server::IngestOutcome)

namespace
{
using Conditions = QHash<QString, QDateTime>;

QCborMap patchesPending(int securityUpdates)
{
    QCborArray pending;
    for (int i = 0; i < securityUpdates; ++i) {
        pending.append(QCborMap{{QStringLiteral("name"), QStringLiteral("package-%1").arg(i)},
                                {QStringLiteral("security"), true}});
    }
    return QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}, {QStringLiteral("pending"), pending}};
}

QCborMap antivirusProduct(const QCborMap &product)
{
    return QCborMap{{QStringLiteral("products"), QCborArray{product}}};
}

// A product with everything in order: real-time protection on, definitions dated.
QCborMap goodAntivirus()
{
    return antivirusProduct(QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                     {QStringLiteral("realTimeProtection"), true},
                                     {QStringLiteral("definitionsTime"), kNow.toSecsSinceEpoch()}});
}
}

class TestDeviceRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void ingestFullReport();
    void ingestDuplicateSequence_data();
    void ingestDuplicateSequence();
    void ingestDelta_data();
    void ingestDelta();
    void ingestFullReportDropsSectionsNoLongerReported();
    void ingestUnknownDevice();
    void ingestRevokedDeviceStoresNothing();
    void hostnameFollowsOsSection();
    void contactOnlyRecordsLastSeen();
    void batchFailsOneWriteAlone();
    void sequenceMayNotJumpTooFar();
    void lastSequence();
    void listOmitsSoftware();
    void conditionsKeepTheirTimeAcrossReports();
    void clearedConditionStartsAfreshWhenItReturns();
    void everyConditionIsStored_data();
    void everyConditionIsStored();
    void droppedSectionIsNotReportedFromThen();
    void conditionsNeverComputedAreComputedAtTheNextWrite();
    void deleteRevokedRemovesEverythingButTheAudit();
    void retiredKeepsItsHistory();
    void searchFindsDevicesByWhatTheyReport();
    void searchKeepsTheLastUser();
    void searchIndexesDevicesStoredBefore();

private:
    Status enrol(const QString &id, quint64 serial);
    Device device(const QString &id)
    {
        return m_devices->find(id).value().value();
    }
    Result<IngestOutcome> heartbeat(const QString &id, const QDateTime &at)
    {
        return m_devices->ingestBatch({DeviceWrite{id, 0, {}, {}, at, true}}).first();
    }

    StoreFixture m_fixture;
    std::unique_ptr<DeviceRepository> m_devices;
};

void TestDeviceRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestDeviceRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_devices.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_devices = std::make_unique<DeviceRepository>(m_fixture.database());
}

Status TestDeviceRepository::enrol(const QString &id, quint64 serial)
{
    EnrolmentRepository enrolment(m_fixture.database());
    const QByteArray hash = credentials::tokenHash(QStringLiteral("enrol-helper-token"));
    if (!enrolment.checkToken(hash, kNow).ok()) {
        if (Status added = enrolment.addToken(hash, 100, kNow.addSecs(kDay), QStringLiteral("admin"), kNow); !added) {
            return added;
        }
    }
    return enrolment.enrollDevice(hash, newDevice(id, serial), kNow);
}

void TestDeviceRepository::ingestFullReport()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = fullSections();
    Result<IngestOutcome> outcome =
        m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow);
    QVERIFY_RESULT(outcome);
    QCOMPARE(outcome.value(), IngestOutcome::Stored);

    const Device stored = device(QStringLiteral("dev-1"));
    QCOMPARE(byName(stored.sections), byName(sections));
    QCOMPARE(stored.lastSeen, kNow);
    QCOMPARE(stored.lastSequence, 1);
    QCOMPARE(stored.reportsStored, 1);
    QCOMPARE(stored.hostname, QStringLiteral("ws-017"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), sections.size());
}

void TestDeviceRepository::ingestDuplicateSequence_data()
{
    QTest::addColumn<qint64>("sequence");
    QTest::newRow("same sequence") << qint64(5);
    QTest::newRow("older sequence") << qint64(4);
    QTest::newRow("zero") << qint64(0);
}

void TestDeviceRepository::ingestDuplicateSequence()
{
    QFETCH(qint64, sequence);

    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = fullSections();
    QCOMPARE(m_devices->ingestReport(QStringLiteral("dev-1"), 5, sections, hashesOf(sections), kNow).value(),
             IngestOutcome::Stored);

    QCborMap changed = sections;
    changed.insert(QStringLiteral("os"), osSection(QStringLiteral("renamed")));
    changed.insert(QStringLiteral("extra"), 1);
    Result<IngestOutcome> outcome =
        m_devices->ingestReport(QStringLiteral("dev-1"), sequence, changed, hashesOf(changed), kNow.addSecs(kHour));
    QVERIFY_RESULT(outcome);
    QCOMPARE(outcome.value(), IngestOutcome::Duplicate);

    const Device stored = device(QStringLiteral("dev-1"));
    QCOMPARE(byName(stored.sections), byName(sections));
    QCOMPARE(stored.hostname, QStringLiteral("ws-017"));
    QCOMPARE(stored.lastSeen, kNow);
    QCOMPARE(stored.lastSequence, 5);
    QCOMPARE(stored.reportsStored, 1);
}

void TestDeviceRepository::ingestDelta_data()
{
    QTest::addColumn<QCborMap>("sentSections");
    QTest::addColumn<QCborMap>("hashes");
    QTest::addColumn<IngestOutcome>("outcome");

    const QCborMap stored = fullSections();
    const QCborMap newPatches{
        {QStringLiteral("manager"), QStringLiteral("apt")},
        {QStringLiteral("pending"), QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")}}}}};
    QCborMap current = stored;
    current.insert(QStringLiteral("patches"), newPatches);
    const QCborMap onlyPatches{{QStringLiteral("patches"), newPatches}};

    QTest::newRow("omitted sections match") << onlyPatches << hashesOf(current) << IngestOutcome::Stored;
    QTest::newRow("nothing changed") << QCborMap() << hashesOf(stored) << IngestOutcome::Stored;

    QCborMap wrongHash = hashesOf(current);
    wrongHash.insert(QStringLiteral("hardware"),
                     protocol::Report::sectionHash(QCborMap{{QStringLiteral("model"), QStringLiteral("X1")}}));
    QTest::newRow("omitted section's hash differs") << onlyPatches << wrongHash << IngestOutcome::StoredNeedsResync;

    QCborMap neverStored = hashesOf(current);
    neverStored.insert(QStringLiteral("network"), protocol::Report::sectionHash(QCborArray()));
    QTest::newRow("omitted section never stored") << onlyPatches << neverStored << IngestOutcome::StoredNeedsResync;

    QCborMap unknownSection = hashesOf(current);
    unknownSection.insert(QStringLiteral("printers"), protocol::Report::sectionHash(QCborArray()));
    // Only the sections of docs/protocol.md are stored or compared; a newer agent's extra one is ignored.
    QTest::newRow("omitted section of an unknown kind") << onlyPatches << unknownSection << IngestOutcome::Stored;

    QCborMap garbledHash = hashesOf(current);
    garbledHash.insert(QStringLiteral("os"), QStringLiteral("not a hash"));
    QTest::newRow("omitted section's hash of the wrong type")
        << onlyPatches << garbledHash << IngestOutcome::StoredNeedsResync;
}

void TestDeviceRepository::ingestDelta()
{
    QFETCH(QCborMap, sentSections);
    QFETCH(QCborMap, hashes);
    QFETCH(IngestOutcome, outcome);

    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap stored = fullSections();
    QCOMPARE(m_devices->ingestReport(QStringLiteral("dev-1"), 1, stored, hashesOf(stored), kNow).value(),
             IngestOutcome::Stored);

    Result<IngestOutcome> result =
        m_devices->ingestReport(QStringLiteral("dev-1"), 2, sentSections, hashes, kNow.addSecs(kHour));
    QVERIFY_RESULT(result);
    QCOMPARE(result.value(), outcome);

    // Stored either way: the sequence advances and the sections that travelled replace the old ones.
    const Device device = this->device(QStringLiteral("dev-1"));
    QCOMPARE(device.lastSequence, 2);
    QCOMPARE(device.lastSeen, kNow.addSecs(kHour));
    QCborMap expected = stored;
    for (auto it = sentSections.constBegin(); it != sentSections.constEnd(); ++it) {
        expected.insert(it.key(), it.value());
    }
    QCOMPARE(byName(device.sections), byName(expected));
}

void TestDeviceRepository::ingestFullReportDropsSectionsNoLongerReported()
{
    // A report's `hashes` name every section the agent has. When a collector starts failing (its
    // section is replaced by an "errors" entry) the server must not keep showing the old section as
    // if it were current: compliance would be judged on stale antivirus or patch data.
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap stored = fullSections();
    QCOMPARE(m_devices->ingestReport(QStringLiteral("dev-1"), 1, stored, hashesOf(stored), kNow).value(),
             IngestOutcome::Stored);

    QCborMap withoutAntivirus = stored;
    withoutAntivirus.remove(QStringLiteral("antivirus"));
    withoutAntivirus.insert(QStringLiteral("errors"),
                            QCborMap{{QStringLiteral("antivirus"),
                                      QCborMap{{QStringLiteral("code"), QStringLiteral("collector.failed")}}}});
    Result<IngestOutcome> outcome = m_devices->ingestReport(QStringLiteral("dev-1"),
                                                            2,
                                                            withoutAntivirus,
                                                            hashesOf(withoutAntivirus),
                                                            kNow.addSecs(kHour));
    QVERIFY_RESULT(outcome);
    QCOMPARE(outcome.value(), IngestOutcome::Stored);

    const Device device = this->device(QStringLiteral("dev-1"));
    QCOMPARE(device.sections.value(QStringLiteral("errors")), withoutAntivirus.value(QStringLiteral("errors")));
    QVERIFY2(!device.sections.contains(QStringLiteral("antivirus")),
             "a section absent from the report's hashes is still stored");
    QCOMPARE(byName(device.sections), byName(withoutAntivirus));
}

void TestDeviceRepository::ingestUnknownDevice()
{
    const QCborMap sections = fullSections();
    Result<IngestOutcome> outcome =
        m_devices->ingestReport(QStringLiteral("nobody"), 1, sections, hashesOf(sections), kNow);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, QStringLiteral("device.unknown"));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), 0);
}

void TestDeviceRepository::ingestRevokedDeviceStoresNothing()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QVERIFY(m_devices->revoke(QStringLiteral("dev-1")).value());
    const QCborMap sections = fullSections();
    Result<IngestOutcome> outcome =
        m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow);
    QVERIFY_RESULT(outcome);
    QCOMPARE(outcome.value(), IngestOutcome::Revoked);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), 0);
    QCOMPARE(device(QStringLiteral("dev-1")).lastSequence, 0);
}

void TestDeviceRepository::hostnameFollowsOsSection()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QCOMPARE(device(QStringLiteral("dev-1")).hostname, QStringLiteral("host-dev-1"));

    const QCborMap first{{QStringLiteral("os"), osSection(QStringLiteral("ws-017"))}};
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, first, hashesOf(first), kNow));
    QCOMPARE(device(QStringLiteral("dev-1")).hostname, QStringLiteral("ws-017"));

    // A report without an os section, or with an empty hostname, leaves the name alone.
    const QCborMap noOs{{QStringLiteral("hardware"), QCborMap()}};
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 2, noOs, hashesOf(noOs), kNow));
    QCOMPARE(device(QStringLiteral("dev-1")).hostname, QStringLiteral("ws-017"));
    const QCborMap emptyName{{QStringLiteral("os"), osSection(QString())}};
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 3, emptyName, hashesOf(emptyName), kNow));
    QCOMPARE(device(QStringLiteral("dev-1")).hostname, QStringLiteral("ws-017"));

    const QCborMap renamed{{QStringLiteral("os"), osSection(QStringLiteral("ws-018"))}};
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 4, renamed, hashesOf(renamed), kNow));
    QCOMPARE(device(QStringLiteral("dev-1")).hostname, QStringLiteral("ws-018"));
}

void TestDeviceRepository::contactOnlyRecordsLastSeen()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QVERIFY(device(QStringLiteral("dev-1")).lastSeen.isNull());
    DeviceWrite contact{QStringLiteral("dev-1"), 0, {}, {}, kNow.addSecs(123), true};
    const QList<Result<IngestOutcome>> results = m_devices->ingestBatch({contact});
    QCOMPARE(results.size(), 1);
    QVERIFY_RESULT(results.first());
    QCOMPARE(results.first().value(), IngestOutcome::Stored);
    QCOMPARE(device(QStringLiteral("dev-1")).lastSeen, kNow.addSecs(123));
    QCOMPARE(device(QStringLiteral("dev-1")).lastSequence, 0);
    QCOMPARE(device(QStringLiteral("dev-1")).reportsStored, 0);

    // A revoked device's contact is refused, so its live session can be cut off.
    QVERIFY(m_devices->revoke(QStringLiteral("dev-1")).value());
    QCOMPARE(m_devices->ingestBatch({contact}).first().value(), IngestOutcome::Revoked);
}

void TestDeviceRepository::batchFailsOneWriteAlone()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QVERIFY_RESULT(enrol(QStringLiteral("dev-2"), 5002));
    const QCborMap sections = fullSections();
    const QList<DeviceWrite> writes{
        {QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow, false},
        {QStringLiteral("nobody"), 1, sections, hashesOf(sections), kNow, false},
        {QStringLiteral("dev-2"), 7, sections, hashesOf(sections), kNow, false},
        {QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow, false},
        {QStringLiteral("dev-2"), 8, {}, hashesOf(sections), kNow.addSecs(5), false},
    };
    const QList<Result<IngestOutcome>> results = m_devices->ingestBatch(writes);
    QCOMPARE(results.size(), writes.size());
    QCOMPARE(results.at(0).value(), IngestOutcome::Stored);
    QCOMPARE(results.at(1).error().code, QStringLiteral("device.unknown"));
    QCOMPARE(results.at(2).value(), IngestOutcome::Stored);
    // Later writes in a batch see earlier ones: the same report again is a duplicate.
    QCOMPARE(results.at(3).value(), IngestOutcome::Duplicate);
    QCOMPARE(results.at(4).value(), IngestOutcome::Stored);
    QCOMPARE(device(QStringLiteral("dev-1")).reportsStored, 1);
    QCOMPARE(device(QStringLiteral("dev-2")).lastSequence, 8);
    QCOMPARE(device(QStringLiteral("dev-2")).lastSeen, kNow.addSecs(5));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), 2 * sections.size());
}

void TestDeviceRepository::sequenceMayNotJumpTooFar()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = fullSections();
    const Result<IngestOutcome> wedge = m_devices->ingestReport(QStringLiteral("dev-1"),
                                                                std::numeric_limits<qint64>::max(),
                                                                sections,
                                                                hashesOf(sections),
                                                                kNow);
    QVERIFY(!wedge.ok());
    QCOMPARE(wedge.error().code, QStringLiteral("report.sequence-jump"));
    QCOMPARE(device(QStringLiteral("dev-1")).lastSequence, 0);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), 0);
    // The largest step allowed is taken.
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"),
                                           protocol::kMaxSequenceStep,
                                           sections,
                                           hashesOf(sections),
                                           kNow));
    QCOMPARE(
        m_devices
            ->ingestReport(QStringLiteral("dev-1"), 2 * protocol::kMaxSequenceStep + 1, {}, hashesOf(sections), kNow)
            .error()
            .code,
        QStringLiteral("report.sequence-jump"));
}

void TestDeviceRepository::lastSequence()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QCOMPARE(m_devices->lastSequence(QStringLiteral("dev-1")).value(), 0);
    const QCborMap sections = fullSections();
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 41, sections, hashesOf(sections), kNow));
    QCOMPARE(m_devices->lastSequence(QStringLiteral("dev-1")).value(), 41);
    QCOMPARE(m_devices->lastSequence(QStringLiteral("no-such-device")).value(), 0);
}

void TestDeviceRepository::listOmitsSoftware()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-b"), 5001));
    QVERIFY_RESULT(enrol(QStringLiteral("dev-a"), 5002));
    const QCborMap sections = fullSections();
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-b"), 1, sections, hashesOf(sections), kNow));

    const Result<QList<Device>> listed = m_devices->list();
    QVERIFY_RESULT(listed);
    const QList<Device> &devices = listed.value();
    QCOMPARE(devices.size(), 2);
    // Ordered by hostname: "host-dev-a" before "ws-017".
    QCOMPARE(devices.at(0).id, QStringLiteral("dev-a"));
    QCOMPARE(devices.at(1).id, QStringLiteral("dev-b"));
    QVERIFY(devices.at(0).sections.isEmpty());
    QVERIFY(!devices.at(1).sections.contains(QStringLiteral("software")));
    QCOMPARE(devices.at(1).sections.size(), sections.size() - 1);
    QCOMPARE(devices.at(1).sections.value(QStringLiteral("patches")), sections.value(QStringLiteral("patches")));

    QCOMPARE(device(QStringLiteral("dev-b")).sections.value(QStringLiteral("software")),
             sections.value(QStringLiteral("software")));
    QVERIFY_RESULT(m_devices->find(QStringLiteral("dev-c")));
    QVERIFY(!m_devices->find(QStringLiteral("dev-c")).value().has_value());
}

void TestDeviceRepository::conditionsKeepTheirTimeAcrossReports()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QVERIFY(device(QStringLiteral("dev-1")).conditionsSince.isEmpty()); // never computed yet
    QCborMap sections = fullSections(); // no antivirus product
    sections.insert(QStringLiteral("patches"), patchesPending(1));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));
    const Conditions expected{{QStringLiteral("antivirus.missing"), kNow},
                              {QStringLiteral("patches.security-pending"), kNow}};
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince, expected);

    // The same full report again, an unchanged delta, a duplicate, a heartbeat: nothing moves.
    QVERIFY_RESULT(
        m_devices->ingestReport(QStringLiteral("dev-1"), 2, sections, hashesOf(sections), kNow.addSecs(kHour)));
    QVERIFY_RESULT(
        m_devices->ingestReport(QStringLiteral("dev-1"), 3, {}, hashesOf(sections), kNow.addSecs(2 * kHour)));
    QVERIFY_RESULT(
        m_devices->ingestReport(QStringLiteral("dev-1"), 3, sections, hashesOf(sections), kNow.addSecs(3 * kHour)));
    QVERIFY_RESULT(heartbeat(QStringLiteral("dev-1"), kNow.addSecs(4 * kHour)));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince, expected);

    // A changed section whose condition still holds keeps its time: still pending, now two.
    sections.insert(QStringLiteral("patches"), patchesPending(2));
    const QCborMap patchesOnly{{QStringLiteral("patches"), patchesPending(2)}};
    QVERIFY_RESULT(
        m_devices->ingestReport(QStringLiteral("dev-1"), 4, patchesOnly, hashesOf(sections), kNow.addSecs(5 * kHour)));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince, expected);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_conditions")), 2);
}

void TestDeviceRepository::clearedConditionStartsAfreshWhenItReturns()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QCborMap sections = fullSections();
    sections.insert(QStringLiteral("patches"), patchesPending(1));
    sections.insert(QStringLiteral("antivirus"), goodAntivirus());
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince,
             (Conditions{{QStringLiteral("patches.security-pending"), kNow}}));

    // Patched: the condition is gone.
    sections.insert(QStringLiteral("patches"), patchesPending(0));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"),
                                           2,
                                           {{QStringLiteral("patches"), patchesPending(0)}},
                                           hashesOf(sections),
                                           kNow.addSecs(kHour)));
    QVERIFY(device(QStringLiteral("dev-1")).conditionsSince.isEmpty());
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_conditions")), 0);

    // A new security update: pending again, from this report on, not from the first one.
    sections.insert(QStringLiteral("patches"), patchesPending(1));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"),
                                           3,
                                           {{QStringLiteral("patches"), patchesPending(1)}},
                                           hashesOf(sections),
                                           kNow.addSecs(2 * kHour)));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince,
             (Conditions{{QStringLiteral("patches.security-pending"), kNow.addSecs(2 * kHour)}}));
}

void TestDeviceRepository::everyConditionIsStored_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QCborValue>("value");
    QTest::addColumn<QString>("code");

    QTest::newRow("antivirus.not-reported")
        << QStringLiteral("antivirus") << QCborValue() << QStringLiteral("antivirus.not-reported");
    QTest::newRow("antivirus.missing") << QStringLiteral("antivirus")
                                       << QCborValue(QCborMap{{QStringLiteral("products"), QCborArray()}})
                                       << QStringLiteral("antivirus.missing");
    QCborMap realTimeOff = goodAntivirus();
    realTimeOff.insert(QStringLiteral("products"),
                       QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                           {QStringLiteral("realTimeProtection"), false},
                                           {QStringLiteral("definitionsTime"), kNow.toSecsSinceEpoch()}}});
    QTest::newRow("antivirus.realtime-off")
        << QStringLiteral("antivirus") << QCborValue(realTimeOff) << QStringLiteral("antivirus.realtime-off");
    QTest::newRow("antivirus.definitions-unknown")
        << QStringLiteral("antivirus")
        << QCborValue(antivirusProduct(QCborMap{{QStringLiteral("name"), QStringLiteral("ClamAV")},
                                                {QStringLiteral("realTimeProtection"), true}}))
        << QStringLiteral("antivirus.definitions-unknown");
    QTest::newRow("antivirus.definitions-old")
        << QStringLiteral("antivirus")
        << QCborValue(antivirusProduct(QCborMap{{QStringLiteral("name"), QStringLiteral("Vendor AV")},
                                                {QStringLiteral("realTimeProtection"), true},
                                                {QStringLiteral("definitionsUpToDate"), false}}))
        << QStringLiteral("antivirus.definitions-old");
    QTest::newRow("patches.not-reported")
        << QStringLiteral("patches") << QCborValue() << QStringLiteral("patches.not-reported");
    QTest::newRow("patches.unknown") << QStringLiteral("patches")
                                     << QCborValue(QCborMap{{QStringLiteral("manager"), QStringLiteral("none")},
                                                            {QStringLiteral("pending"), QCborArray()}})
                                     << QStringLiteral("patches.unknown");
    QTest::newRow("patches.security-pending")
        << QStringLiteral("patches") << QCborValue(patchesPending(3)) << QStringLiteral("patches.security-pending");
}

void TestDeviceRepository::everyConditionIsStored()
{
    QFETCH(QString, section);
    QFETCH(QCborValue, value);
    QFETCH(QString, code);

    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    // Everything else in order, so that the one condition is all there is.
    QCborMap sections = fullSections();
    sections.insert(QStringLiteral("antivirus"), goodAntivirus());
    if (value.isUndefined()) {
        sections.remove(section);
    } else {
        sections.insert(section, value);
    }
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));
    const Conditions expected{{code, kNow}};
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince, expected);
    const Result<QList<Device>> listed = m_devices->list();
    QVERIFY_RESULT(listed);
    QCOMPARE(listed.value().first().conditionsSince, expected);
}

void TestDeviceRepository::droppedSectionIsNotReportedFromThen()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = fullSections();
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince,
             (Conditions{{QStringLiteral("antivirus.missing"), kNow}}));

    // The antivirus collector failed: the section is dropped, and with it what it said.
    QCborMap hashes = hashesOf(sections);
    hashes.remove(QStringLiteral("antivirus"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 2, {}, hashes, kNow.addSecs(kHour)));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince,
             (Conditions{{QStringLiteral("antivirus.not-reported"), kNow.addSecs(kHour)}}));
}

void TestDeviceRepository::conditionsNeverComputedAreComputedAtTheNextWrite()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = fullSections();
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));
    // As a database from before conditions were kept has it.
    const auto forget = [this] {
        QCOMPARE(m_fixture.execute(QStringLiteral("DELETE FROM device_conditions")), QString());
        QCOMPARE(m_fixture.execute(QStringLiteral("UPDATE devices SET conditions_at = NULL")), QString());
    };
    forget();
    QVERIFY(device(QStringLiteral("dev-1")).conditionsSince.isEmpty());

    // A delta that changes neither antivirus nor patches still computes them, once.
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 2, {}, hashesOf(sections), kNow.addSecs(kHour)));
    const Conditions expected{{QStringLiteral("antivirus.missing"), kNow.addSecs(kHour)}};
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince, expected);
    QVERIFY_RESULT(
        m_devices->ingestReport(QStringLiteral("dev-1"), 3, {}, hashesOf(sections), kNow.addSecs(2 * kHour)));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince, expected);

    // So does a heartbeat.
    forget();
    QVERIFY_RESULT(heartbeat(QStringLiteral("dev-1"), kNow.addSecs(3 * kHour)));
    QCOMPARE(device(QStringLiteral("dev-1")).conditionsSince,
             (Conditions{{QStringLiteral("antivirus.missing"), kNow.addSecs(3 * kHour)}}));
}

namespace
{
QCborMap searchableSections(const QString &hostname, const QString &user, const QString &ip, const QString &mac)
{
    QCborMap sections = fullSections();
    QCborMap os = osSection(hostname);
    if (!user.isEmpty()) {
        os.insert(QStringLiteral("users"), QCborArray{QCborMap{{QStringLiteral("user"), user}}});
    }
    sections.insert(QStringLiteral("os"), os);
    sections.insert(QStringLiteral("hardware"),
                    QCborMap{{QStringLiteral("serial"), QString(QStringLiteral("SN-") + hostname)}});
    sections.insert(
        QStringLiteral("network"),
        QCborMap{{QStringLiteral("interfaces"),
                  QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("eth0")},
                                      {QStringLiteral("type"), QStringLiteral("ethernet")},
                                      {QStringLiteral("mac"), mac},
                                      {QStringLiteral("ipv4"), QCborArray{QString(ip + QStringLiteral("/24"))}}}}}});
    return sections;
}

QStringList idsOf(const Result<QList<SearchHit>> &hits)
{
    QStringList ids;
    for (const SearchHit &hit : hits.value()) {
        ids.append(hit.deviceId);
    }
    return ids;
}
} // namespace

void TestDeviceRepository::searchFindsDevicesByWhatTheyReport()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QVERIFY_RESULT(enrol(QStringLiteral("dev-2"), 5002));
    QVERIFY_RESULT(enrol(QStringLiteral("dev-3"), 5003)); // never reports: found by its name only
    QVERIFY_RESULT(m_devices->indexForSearch(QStringLiteral("dev-3"), kNow));
    const QCborMap one = searchableSections(QStringLiteral("pc-finance-01"),
                                            QStringLiteral("MOF\\mpho"),
                                            QStringLiteral("10.20.30.40"),
                                            QStringLiteral("3c:52:82:ab:cd:ef"));
    const QCborMap two = searchableSections(QStringLiteral("pc-health-07"),
                                            QStringLiteral("MOH\\lineo"),
                                            QStringLiteral("10.20.31.7"),
                                            QStringLiteral("3c:52:82:00:00:01"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, one, hashesOf(one), kNow));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-2"), 1, two, hashesOf(two), kNow));

    QCOMPARE(idsOf(m_devices->search(QStringLiteral("PC-FIN"), 50)), QStringList{QStringLiteral("dev-1")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("health"), 50)), QStringList{QStringLiteral("dev-2")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("10.20.3"), 50)),
             (QStringList{QStringLiteral("dev-1"), QStringLiteral("dev-2")}));
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("10.20.31."), 50)), QStringList{QStringLiteral("dev-2")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("3C-52-82-AB-CD-EF"), 50)), QStringList{QStringLiteral("dev-1")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("3c52.8200"), 50)), QStringList{QStringLiteral("dev-2")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("lineo"), 50)), QStringList{QStringLiteral("dev-2")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("sn-pc-health"), 50)), QStringList{QStringLiteral("dev-2")});
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("dev-3"), 50)), QStringList{QStringLiteral("dev-3")}); // its id
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("host-dev"), 50)),
             QStringList{QStringLiteral("dev-3")}); // its enrolment name
    QVERIFY(m_devices->search(QStringLiteral("finance-02"), 50).value().isEmpty());
    QVERIFY(m_devices->search(QStringLiteral("%"), 50).value().isEmpty()); // no wildcard
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("pc-"), 1)).size(), 1);
    // A whole address comes before those that only start with it, whatever the names: with
    // room for one device, 10.20.31.7 is the one, not 10.20.31.70 (pc-health-07 > pc-agriculture-70).
    QVERIFY_RESULT(enrol(QStringLiteral("dev-4"), 5004));
    const QCborMap four = searchableSections(QStringLiteral("pc-agriculture-70"),
                                             QString(),
                                             QStringLiteral("10.20.31.70"),
                                             QStringLiteral("3c:52:82:00:00:70"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-4"), 1, four, hashesOf(four), kNow));
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("10.20.31.7"), 50)),
             (QStringList{QStringLiteral("dev-2"), QStringLiteral("dev-4")}));
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("10.20.31.7"), 1)), QStringList{QStringLiteral("dev-2")});

    const QList<SearchHit> hits = m_devices->search(QStringLiteral("10.20.30.40"), 50).value();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().hostname, QStringLiteral("pc-finance-01"));
    QCOMPARE(hits.first().orgUnit, QStringLiteral("/"));
    QCOMPARE(hits.first().matched,
             (QList<QPair<QString, QString>>{{QStringLiteral("ip"), QStringLiteral("10.20.30.40")}}));

    // Renamed: found by the new name only.
    const QCborMap renamed = searchableSections(QStringLiteral("pc-treasury-01"),
                                                QStringLiteral("MOF\\mpho"),
                                                QStringLiteral("10.20.30.40"),
                                                QStringLiteral("3c:52:82:ab:cd:ef"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 2, renamed, hashesOf(renamed), kNow));
    QVERIFY(m_devices->search(QStringLiteral("pc-finance"), 50).value().isEmpty());
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("treasury"), 50)), QStringList{QStringLiteral("dev-1")});

    // Deleting a device deletes its terms.
    QVERIFY_RESULT(m_devices->revoke(QStringLiteral("dev-2")));
    QVERIFY_RESULT(m_devices->deleteRevoked(QStringLiteral("dev-2")));
    QVERIFY(m_devices->search(QStringLiteral("health"), 50).value().isEmpty());
}

void TestDeviceRepository::searchKeepsTheLastUser()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap loggedIn = searchableSections(QStringLiteral("pc-1"),
                                                 QStringLiteral("alice"),
                                                 QStringLiteral("10.0.0.1"),
                                                 QStringLiteral("3c:52:82:ab:cd:ef"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, loggedIn, hashesOf(loggedIn), kNow));
    // Alice logged off: she is still the last user; the new address replaces the old.
    const QCborMap loggedOff = searchableSections(QStringLiteral("pc-1"),
                                                  QString(),
                                                  QStringLiteral("10.0.0.2"),
                                                  QStringLiteral("3c:52:82:ab:cd:ef"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 2, loggedOff, hashesOf(loggedOff), kNow));
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("alice"), 50)), QStringList{QStringLiteral("dev-1")});
    QVERIFY(m_devices->search(QStringLiteral("10.0.0.1"), 50).value().isEmpty());
    // Bob logs in: the last user is Bob.
    const QCborMap bob = searchableSections(QStringLiteral("pc-1"),
                                            QStringLiteral("bob"),
                                            QStringLiteral("10.0.0.2"),
                                            QStringLiteral("3c:52:82:ab:cd:ef"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 3, bob, hashesOf(bob), kNow));
    QVERIFY(m_devices->search(QStringLiteral("alice"), 50).value().isEmpty());
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("bob"), 50)), QStringList{QStringLiteral("dev-1")});
}

void TestDeviceRepository::searchIndexesDevicesStoredBefore()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = searchableSections(QStringLiteral("pc-1"),
                                                 QStringLiteral("alice"),
                                                 QStringLiteral("10.0.0.1"),
                                                 QStringLiteral("3c:52:82:ab:cd:ef"));
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));
    // As stored before search terms were kept.
    QCOMPARE(m_fixture.execute(QStringLiteral("DELETE FROM device_search_terms")), QString());
    QCOMPARE(m_fixture.execute(QStringLiteral("UPDATE devices SET search_at = NULL")), QString());
    QVERIFY(m_devices->search(QStringLiteral("alice"), 50).value().isEmpty());
    const Result<int> indexed = m_devices->indexUnsearched(kNow);
    QVERIFY_RESULT(indexed);
    QCOMPARE(indexed.value(), 1);
    QCOMPARE(idsOf(m_devices->search(QStringLiteral("alice"), 50)), QStringList{QStringLiteral("dev-1")});
    QCOMPARE(m_devices->indexUnsearched(kNow).value(), 0);
}

void TestDeviceRepository::deleteRevokedRemovesEverythingButTheAudit()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    QVERIFY_RESULT(enrol(QStringLiteral("dev-2"), 5002));
    const QCborMap sections = fullSections();
    for (const QString &id : {QStringLiteral("dev-1"), QStringLiteral("dev-2")}) {
        QVERIFY_RESULT(m_devices->ingestReport(id, 1, sections, hashesOf(sections), kNow));
    }

    Result<DeviceDeletion> deleted = m_devices->deleteRevoked(QStringLiteral("dev-1"));
    QVERIFY_RESULT(deleted);
    QCOMPARE(deleted.value(), DeviceDeletion::NotRevoked);
    QCOMPARE(device(QStringLiteral("dev-1")).sections.size(), sections.size());
    QCOMPARE(m_devices->deleteRevoked(QStringLiteral("nobody")).value(), DeviceDeletion::Unknown);

    QVERIFY(m_devices->revoke(QStringLiteral("dev-1")).value());
    deleted = m_devices->deleteRevoked(QStringLiteral("dev-1"));
    QVERIFY_RESULT(deleted);
    QCOMPARE(deleted.value(), DeviceDeletion::Deleted);
    QVERIFY(!m_devices->find(QStringLiteral("dev-1")).value().has_value());
    QCOMPARE(m_devices->list().value().size(), 1);
    // Only the other device's rows are left.
    QCOMPARE(m_fixture.rowCount(QStringLiteral("devices")), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_sections")), sections.size());
    QCOMPARE(m_fixture.rowCount(QStringLiteral("device_conditions")), 1);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("certificates")), 1);

    // Whatever its agent still sends finds no device.
    QCOMPARE(m_devices->ingestReport(QStringLiteral("dev-1"), 2, sections, hashesOf(sections), kNow).error().code,
             QStringLiteral("device.unknown"));
    QCOMPARE(m_devices->deleteRevoked(QStringLiteral("dev-1")).value(), DeviceDeletion::Unknown);
}

void TestDeviceRepository::retiredKeepsItsHistory()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 5001));
    const QCborMap sections = fullSections();
    QVERIFY_RESULT(m_devices->ingestReport(QStringLiteral("dev-1"), 1, sections, hashesOf(sections), kNow));

    Result<DeviceRetirement> retired =
        m_devices->retire(QStringLiteral("dev-1"), QStringLiteral("alice"), QStringLiteral("sold at auction"), kNow);
    QVERIFY_RESULT(retired);
    QCOMPARE(retired.value(), DeviceRetirement::Retired);
    const Device kept = device(QStringLiteral("dev-1"));
    QVERIFY(kept.revoked); // its certificate is refused from now on
    QCOMPARE(kept.retiredAt, kNow);
    QCOMPARE(kept.retiredBy, QStringLiteral("alice"));
    QCOMPARE(kept.retiredReason, QStringLiteral("sold at auction"));
    QCOMPARE(kept.sections.size(), sections.size()); // everything stored stays
    QCOMPARE(m_devices->ingestReport(QStringLiteral("dev-1"), 2, sections, hashesOf(sections), kNow).value(),
             IngestOutcome::Revoked);

    // Once: a second retirement changes nothing, not even who did it.
    retired = m_devices->retire(QStringLiteral("dev-1"), QStringLiteral("bob"), QString(), kNow.addSecs(kDay));
    QCOMPARE(retired.value(), DeviceRetirement::AlreadyRetired);
    QCOMPARE(device(QStringLiteral("dev-1")).retiredBy, QStringLiteral("alice"));
    QCOMPARE(m_devices->retire(QStringLiteral("nobody"), QStringLiteral("bob"), QString(), kNow).value(),
             DeviceRetirement::Unknown);
    // A retired device can still be deleted for good.
    QCOMPARE(m_devices->deleteRevoked(QStringLiteral("dev-1")).value(), DeviceDeletion::Deleted);
}

QTEST_GUILESS_MAIN(TestDeviceRepository)
#include "TestDeviceRepository.moc"
