// SPDX-License-Identifier: GPL-3.0-or-later
// Device groups on both engines: query groups that follow the reports as they are stored,
// static groups, and what revoking and deleting a device does to both.
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "auth/Credentials.h"
#include "groups/GroupQuery.h"
#include "store/DeviceRepository.h"
#include "store/EnrolmentRepository.h"
#include "store/GroupRepository.h"
#include "store/OrgUnitRepository.h"

#include <QCborArray>
#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

class TestGroupRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void queriesFollowReports();
    void packageVersions();
    void orgUnitsAgesAndConditions();
    void staticGroups();
    void revokedAndDeletedDevicesLeave();
    void groupNames();

private:
    void enrol(const QStringList &ids);
    void report(const QString &id, const QCborMap &sections, const QDateTime &at = kNow);
    QStringList selected(const QString &query, const QDateTime &now = kNow);

    StoreFixture m_fixture;
    std::unique_ptr<EnrolmentRepository> m_enrolment;
    std::unique_ptr<DeviceRepository> m_devices;
    std::unique_ptr<GroupRepository> m_groups;
    std::unique_ptr<OrgUnitRepository> m_units;
    QHash<QString, qint64> m_sequence;
};

namespace
{
QCborMap sections(const QString &hostname,
                  const QString &osVersion,
                  const QList<QPair<QString, QString>> &packages,
                  int securityUpdates = 0)
{
    QCborArray software;
    for (const auto &[name, version] : packages) {
        software.append(QCborMap{{QStringLiteral("name"), name}, {QStringLiteral("version"), version}});
    }
    QCborArray pending;
    for (int i = 0; i < securityUpdates; ++i) {
        pending.append(
            QCborMap{{QStringLiteral("name"), QStringLiteral("pkg%1").arg(i)}, {QStringLiteral("security"), true}});
    }
    QCborMap map;
    map.insert(QStringLiteral("os"),
               QCborMap{{QStringLiteral("name"), QStringLiteral("Debian GNU/Linux")},
                        {QStringLiteral("versionId"), osVersion},
                        {QStringLiteral("hostname"), hostname}});
    map.insert(QStringLiteral("software"), software);
    map.insert(QStringLiteral("patches"),
               QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}, {QStringLiteral("pending"), pending}});
    map.insert(QStringLiteral("antivirus"), QCborMap{{QStringLiteral("products"), QCborArray()}});
    return map;
}
} // namespace

void TestGroupRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestGroupRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_enrolment.reset();
    m_devices.reset();
    m_groups.reset();
    m_units.reset();
    m_sequence.clear();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_enrolment = std::make_unique<EnrolmentRepository>(m_fixture.database());
    m_devices = std::make_unique<DeviceRepository>(m_fixture.database());
    m_groups = std::make_unique<GroupRepository>(m_fixture.database());
    m_units = std::make_unique<OrgUnitRepository>(m_fixture.database());
}

void TestGroupRepository::enrol(const QStringList &ids)
{
    const QByteArray token = credentials::tokenHash(QStringLiteral("token"));
    QVERIFY_RESULT(m_enrolment->addToken(token, 100, kNow.addSecs(kDay), QStringLiteral("admin"), kNow));
    quint64 serial = 1000;
    for (const QString &id : ids) {
        QVERIFY_RESULT(m_enrolment->enrollDevice(token, newDevice(id, ++serial), kNow));
    }
}

void TestGroupRepository::report(const QString &id, const QCborMap &reported, const QDateTime &at)
{
    const Result<IngestOutcome> stored =
        m_devices->ingestReport(id, ++m_sequence[id], reported, hashesOf(reported), at);
    QVERIFY_RESULT(stored);
    QCOMPARE(stored.value(), IngestOutcome::Stored);
}

QStringList TestGroupRepository::selected(const QString &text, const QDateTime &now)
{
    const Result<groups::GroupQuery> query = groups::GroupQuery::parse(text);
    if (!query) {
        return {QStringLiteral("(does not parse: %1)").arg(query.error().message)};
    }
    const Result<GroupMembers> members = m_groups->evaluate(query.value(), now);
    if (!members) {
        return {QStringLiteral("(fails: %1)").arg(members.error().message)};
    }
    return members.value().deviceIds;
}

void TestGroupRepository::queriesFollowReports()
{
    enrol({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    report(QStringLiteral("a"), sections(QStringLiteral("PC-FIN-01"), QStringLiteral("11"), {}));
    report(QStringLiteral("b"), sections(QStringLiteral("pc-fin-02"), QStringLiteral("12"), {}, 3));
    report(QStringLiteral("c"), sections(QStringLiteral("srv-db-01"), QStringLiteral("12"), {}));

    QCOMPARE(selected(QStringLiteral("os.version < 12")), QStringList{QStringLiteral("a")});
    QCOMPARE(selected(QStringLiteral("os.version >= 12")), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(selected(QStringLiteral("hostname ~ 'pc-fin-*'")),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(selected(QStringLiteral("hostname = PC-Fin-02")), QStringList{QStringLiteral("b")});
    QCOMPARE(selected(QStringLiteral("updates.security > 0")), QStringList{QStringLiteral("b")});
    QCOMPARE(selected(QStringLiteral("updates.security >= 3 and hostname ~ pc-*")), QStringList{QStringLiteral("b")});
    QCOMPARE(selected(QStringLiteral("not hostname ~ pc-* or os.version < 12")),
             (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(selected(QStringLiteral("os.name != 'debian gnu/linux'")), QStringList());
    QCOMPARE(selected(QStringLiteral("antivirus.realtime = false")).size(), 3);

    // The next report moves a device from one answer to the other.
    report(QStringLiteral("a"), sections(QStringLiteral("PC-FIN-01"), QStringLiteral("12"), {}, 1));
    QCOMPARE(selected(QStringLiteral("os.version < 12")), QStringList());
    QCOMPARE(selected(QStringLiteral("updates.security > 0")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

    const Result<groups::GroupQuery> all = groups::GroupQuery::parse(QStringLiteral("os.version >= 1"));
    const Result<GroupMembers> members = m_groups->evaluate(all.value(), kNow);
    QVERIFY_RESULT(members);
    QCOMPARE(members.value().deviceIds.size(), 3);
    QCOMPARE(members.value().activeDevices, 3);
}

void TestGroupRepository::packageVersions()
{
    enrol({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    report(QStringLiteral("a"),
           sections(QStringLiteral("a"),
                    QStringLiteral("12"),
                    {{QStringLiteral("openssl"), QStringLiteral("3.0.11-1~deb12u1")},
                     {QStringLiteral("Mozilla Firefox"), QStringLiteral("115.0")}}));
    report(
        QStringLiteral("b"),
        sections(QStringLiteral("b"), QStringLiteral("12"), {{QStringLiteral("openssl"), QStringLiteral("3.0.11-1")}}));
    report(QStringLiteral("c"),
           sections(QStringLiteral("c"), QStringLiteral("12"), {{QStringLiteral("bash"), QStringLiteral("5.2")}}));

    QCOMPARE(selected(QStringLiteral("package openssl")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(selected(QStringLiteral("package openssl < 3.0.11-1")), QStringList{QStringLiteral("a")});
    QCOMPARE(selected(QStringLiteral("package openssl >= 3.0.11-1")), QStringList{QStringLiteral("b")});
    QCOMPARE(selected(QStringLiteral("package openssl ~ '3.0.11-1~*'")), QStringList{QStringLiteral("a")});
    QCOMPARE(selected(QStringLiteral("not package openssl")), QStringList{QStringLiteral("c")});
    QCOMPARE(selected(QStringLiteral("package 'mozilla firefox' < 128")), QStringList{QStringLiteral("a")});
    QCOMPARE(selected(QStringLiteral("package 'mozilla*'")), QStringList{QStringLiteral("a")});

    // An upgrade: the device leaves the vulnerable set at its next report.
    report(
        QStringLiteral("a"),
        sections(QStringLiteral("a"), QStringLiteral("12"), {{QStringLiteral("openssl"), QStringLiteral("3.0.15-1")}}));
    QCOMPARE(selected(QStringLiteral("package openssl < 3.0.11-1")), QStringList());
    QCOMPARE(selected(QStringLiteral("package 'mozilla*'")), QStringList());
    QCOMPARE(selected(QStringLiteral("package openssl > 3.0.11-1")), QStringList{QStringLiteral("a")});
}

void TestGroupRepository::orgUnitsAgesAndConditions()
{
    enrol({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QVERIFY_RESULT(m_units->create(QStringLiteral("Health"), kNow));
    QVERIFY_RESULT(m_units->create(QStringLiteral("Health/Maseru"), kNow));
    QVERIFY_RESULT(m_units->create(QStringLiteral("Healthcare"), kNow));
    QVERIFY_RESULT(m_devices->move(QStringLiteral("a"), QStringLiteral("Health")));
    QVERIFY_RESULT(m_devices->move(QStringLiteral("b"), QStringLiteral("Health/Maseru")));
    QVERIFY_RESULT(m_devices->move(QStringLiteral("c"), QStringLiteral("Healthcare")));
    QCOMPARE(selected(QStringLiteral("ou = Health")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(selected(QStringLiteral("ou = Health/Maseru")), QStringList{QStringLiteral("b")});
    QCOMPARE(selected(QStringLiteral("ou != Health")), QStringList{QStringLiteral("c")});
    QCOMPARE(selected(QStringLiteral("ou = /")).size(), 3);

    report(QStringLiteral("a"), sections(QStringLiteral("a"), QStringLiteral("12"), {}, 2), kNow.addSecs(-10 * kDay));
    report(QStringLiteral("b"), sections(QStringLiteral("b"), QStringLiteral("12"), {}), kNow.addSecs(-kHour));
    // c never reported: it is older than any age.
    QCOMPARE(selected(QStringLiteral("last-seen > 7d")), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(selected(QStringLiteral("last-seen < 1d")), QStringList{QStringLiteral("b")});
    QCOMPARE(selected(QStringLiteral("enrolled < 1h")).size(), 3);
    QCOMPARE(selected(QStringLiteral("condition = patches.security-pending")), QStringList{QStringLiteral("a")});
    QCOMPARE(selected(QStringLiteral("condition ~ 'antivirus.*'")),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestGroupRepository::staticGroups()
{
    enrol({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    DeviceGroup pilot;
    pilot.name = QStringLiteral("Pilot ring");
    pilot.createdBy = QStringLiteral("admin");
    pilot.createdAt = kNow;
    const Result<DeviceGroup> created = m_groups->create(pilot);
    QVERIFY_RESULT(created);
    QVERIFY(!created.value().isQuery());
    QCOMPARE(m_groups->create(pilot).error().code, QStringLiteral("group.exists"));

    Result<QStringList> added =
        m_groups->addMembers(pilot.name, {QStringLiteral("a"), QStringLiteral("c")}, QStringLiteral("admin"), kNow);
    QVERIFY_RESULT(added);
    QCOMPARE(added.value(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    // All or none: one unknown id adds nothing.
    added =
        m_groups->addMembers(pilot.name, {QStringLiteral("b"), QStringLiteral("zz")}, QStringLiteral("admin"), kNow);
    QVERIFY(!added);
    QCOMPARE(added.error().code, QStringLiteral("device.unknown"));
    QVERIFY2(added.error().message.contains(QLatin1String("zz")), qPrintable(added.error().message));
    QCOMPARE(m_groups->members(created.value(), kNow).value().deviceIds,
             (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    // Adding again adds nothing new.
    QCOMPARE(m_groups->addMembers(pilot.name, {QStringLiteral("a")}, QStringLiteral("admin"), kNow).value(),
             QStringList());

    QCOMPARE(m_groups->removeMembers(pilot.name, {QStringLiteral("c"), QStringLiteral("b")}).value(),
             QStringList{QStringLiteral("c")});
    QCOMPARE(m_groups->members(created.value(), kNow).value().deviceIds, QStringList{QStringLiteral("a")});
    QCOMPARE(
        m_groups->addMembers(QStringLiteral("nope"), {QStringLiteral("a")}, QStringLiteral("admin"), kNow).error().code,
        QStringLiteral("group.unknown"));

    DeviceGroup byQuery;
    byQuery.name = QStringLiteral("bookworm");
    byQuery.query = QStringLiteral("os.version = 12");
    byQuery.createdBy = QStringLiteral("admin");
    byQuery.createdAt = kNow;
    QVERIFY_RESULT(m_groups->create(byQuery));
    QCOMPARE(m_groups->addMembers(byQuery.name, {QStringLiteral("a")}, QStringLiteral("admin"), kNow).error().code,
             QStringLiteral("group.query-managed"));

    const Result<QList<DeviceGroup>> listed = m_groups->list();
    QVERIFY_RESULT(listed);
    QCOMPARE(listed.value().size(), 2);
    QCOMPARE(listed.value().at(0).name, QStringLiteral("Pilot ring"));
    QCOMPARE(listed.value().at(1).query, QStringLiteral("os.version = 12"));

    QCOMPARE(m_groups->remove(pilot.name).value(), true);
    QCOMPARE(m_groups->remove(pilot.name).value(), false);
    QVERIFY(!m_groups->find(pilot.name).value().has_value());
}

void TestGroupRepository::revokedAndDeletedDevicesLeave()
{
    enrol({QStringLiteral("a"), QStringLiteral("b")});
    report(QStringLiteral("a"),
           sections(QStringLiteral("a"), QStringLiteral("12"), {{QStringLiteral("openssl"), QStringLiteral("3.0")}}));
    report(QStringLiteral("b"),
           sections(QStringLiteral("b"), QStringLiteral("12"), {{QStringLiteral("openssl"), QStringLiteral("3.0")}}));
    DeviceGroup group;
    group.name = QStringLiteral("both");
    group.createdBy = QStringLiteral("admin");
    group.createdAt = kNow;
    const Result<DeviceGroup> created = m_groups->create(group);
    QVERIFY_RESULT(created);
    QVERIFY_RESULT(
        m_groups->addMembers(group.name, {QStringLiteral("a"), QStringLiteral("b")}, QStringLiteral("admin"), kNow));

    QVERIFY_RESULT(m_devices->revoke(QStringLiteral("a")));
    QCOMPARE(selected(QStringLiteral("package openssl")), QStringList{QStringLiteral("b")});
    QCOMPARE(m_groups->members(created.value(), kNow).value().deviceIds, QStringList{QStringLiteral("b")});
    QCOMPARE(m_groups->members(created.value(), kNow).value().activeDevices, 1);

    const Result<DeviceDeletion> deleted = m_devices->deleteRevoked(QStringLiteral("a"));
    QVERIFY_RESULT(deleted);
    QCOMPARE(deleted.value(), DeviceDeletion::Deleted);
    QCOMPARE(selected(QStringLiteral("package openssl")), QStringList{QStringLiteral("b")});
}

void TestGroupRepository::groupNames()
{
    QCOMPARE(groupName(QStringLiteral("  Pilot ring ")).value(), QStringLiteral("Pilot ring"));
    QCOMPARE(groupName(QStringLiteral("a/b")).error().code, QStringLiteral("group.invalid-name"));
    QCOMPARE(groupName(QStringLiteral("a\tb")).error().code, QStringLiteral("group.invalid-name"));
    QCOMPARE(groupName(QString(65, u'x')).error().code, QStringLiteral("group.invalid-name"));
    QCOMPARE(groupName(QStringLiteral("  ")).error().code, QStringLiteral("group.invalid-name"));
}

QTEST_GUILESS_MAIN(TestGroupRepository)
#include "TestGroupRepository.moc"
