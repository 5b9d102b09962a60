// SPDX-License-Identifier: GPL-3.0-or-later
// The org-unit tree on both engines: creation inside an existing unit, deletion of empty
// units only, enrolment tokens that place devices, and moving devices.
#include "StoreFixture.h"
#include "StoreSamples.h"
#include "auth/Credentials.h"
#include "store/DeviceRepository.h"
#include "store/EnrolmentRepository.h"
#include "store/OrgUnitRepository.h"

#include <QTest>

using namespace steward;
using namespace steward::server;
using namespace steward::test;
using namespace steward::test::samples;

class TestOrgUnitRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void rootAlwaysExists();
    void createNeedsTheUnitAbove();
    void listPutsTheRootFirstAndParentsBeforeChildren();
    void removeOnlyEmptyUnits();
    void tokenPlacesDevices();
    void moveDevice();

private:
    Status enrol(const QString &id, quint64 serial, const QByteArray &tokenHash);
    QString orgUnitOf(const QString &deviceId);

    StoreFixture m_fixture;
    std::unique_ptr<OrgUnitRepository> m_units;
    std::unique_ptr<EnrolmentRepository> m_enrolment;
    std::unique_ptr<DeviceRepository> m_devices;
};

void TestOrgUnitRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestOrgUnitRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_units.reset();
    m_enrolment.reset();
    m_devices.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_units = std::make_unique<OrgUnitRepository>(m_fixture.database());
    m_enrolment = std::make_unique<EnrolmentRepository>(m_fixture.database());
    m_devices = std::make_unique<DeviceRepository>(m_fixture.database());
}

Status TestOrgUnitRepository::enrol(const QString &id, quint64 serial, const QByteArray &tokenHash)
{
    return m_enrolment->enrollDevice(tokenHash, newDevice(id, serial), kNow);
}

QString TestOrgUnitRepository::orgUnitOf(const QString &deviceId)
{
    const Result<std::optional<Device>> device = m_devices->find(deviceId);
    return device.ok() && device.value() ? device.value()->orgUnit : QStringLiteral("(no device)");
}

void TestOrgUnitRepository::rootAlwaysExists()
{
    const Result<std::optional<OrgUnit>> root = m_units->find(QStringLiteral("/"));
    QVERIFY_RESULT(root);
    QVERIFY(root.value().has_value());
    QCOMPARE(root.value()->id, orgunit::kRootId);
    QCOMPARE(root.value()->parentId, 0);
    QCOMPARE(m_units->create(QStringLiteral("/"), kNow).error().code, QStringLiteral("org-unit.exists"));
    QCOMPARE(m_units->remove(QStringLiteral("/"), kNow).error().code, QStringLiteral("org-unit.root"));
}

void TestOrgUnitRepository::createNeedsTheUnitAbove()
{
    const Result<OrgUnit> health = m_units->create(QStringLiteral("Health"), kNow);
    QVERIFY_RESULT(health);
    QCOMPARE(health.value().parentId, orgunit::kRootId);
    QCOMPARE(health.value().name, QStringLiteral("Health"));
    QVERIFY(health.value().id != orgunit::kRootId);

    const Result<OrgUnit> mistyped = m_units->create(QStringLiteral("Helth/Maseru"), kNow);
    QVERIFY(!mistyped);
    QCOMPARE(mistyped.error().code, QStringLiteral("org-unit.parent-unknown"));
    QVERIFY2(mistyped.error().message.contains(QLatin1String("'Helth'")), qPrintable(mistyped.error().message));

    const Result<OrgUnit> district = m_units->create(QStringLiteral("Health/Maseru"), kNow);
    QVERIFY_RESULT(district);
    QCOMPARE(district.value().parentId, health.value().id);
    QCOMPARE(m_units->create(QStringLiteral("Health/Maseru"), kNow).error().code, QStringLiteral("org-unit.exists"));

    const Result<std::optional<OrgUnit>> found = m_units->find(QStringLiteral("Health/Maseru"));
    QVERIFY_RESULT(found);
    QVERIFY(found.value().has_value());
    QCOMPARE(found.value()->id, district.value().id);
    QCOMPARE(found.value()->createdAt, kNow);
    QVERIFY(!m_units->find(QStringLiteral("health/maseru")).value().has_value()); // names are exact
}

void TestOrgUnitRepository::listPutsTheRootFirstAndParentsBeforeChildren()
{
    for (const char *path : {"Health", "Health/Maseru", "!Archive", "Finance", "Health/Maseru/Queen II"}) {
        QVERIFY_RESULT(m_units->create(QLatin1String(path), kNow));
    }
    const Result<QList<OrgUnit>> listed = m_units->list();
    QVERIFY_RESULT(listed);
    QStringList paths;
    for (const OrgUnit &unit : listed.value()) {
        if (unit.parentId != 0) {
            QVERIFY2(std::any_of(listed.value().cbegin(),
                                 listed.value().cbegin() + paths.size(),
                                 [&unit](const OrgUnit &earlier) {
                                     return earlier.id == unit.parentId;
                                 }),
                     qPrintable(unit.path));
        }
        paths.append(unit.path);
    }
    QCOMPARE(paths.value(0), QStringLiteral("/"));
    QCOMPARE(paths.size(), 6);
}

void TestOrgUnitRepository::removeOnlyEmptyUnits()
{
    QVERIFY_RESULT(m_units->create(QStringLiteral("Health"), kNow));
    QVERIFY_RESULT(m_units->create(QStringLiteral("Health/Maseru"), kNow));
    const Result<std::optional<OrgUnit>> district = m_units->find(QStringLiteral("Health/Maseru"));
    QVERIFY_RESULT(district);

    Status refused = m_units->remove(QStringLiteral("Health"), kNow);
    QCOMPARE(refused.error().code, QStringLiteral("org-unit.not-empty"));
    QVERIFY2(refused.error().message.contains(QLatin1String("1 org unit")), qPrintable(refused.error().message));

    // A usable token keeps the unit; a spent one does not.
    const QByteArray token = credentials::tokenHash(QStringLiteral("district-token"));
    QVERIFY_RESULT(
        m_enrolment->addToken(token, 1, kNow.addSecs(kDay), QStringLiteral("admin"), kNow, district.value()->id));
    refused = m_units->remove(QStringLiteral("Health/Maseru"), kNow);
    QCOMPARE(refused.error().code, QStringLiteral("org-unit.not-empty"));
    QVERIFY2(refused.error().message.contains(QLatin1String("enrolment token")), qPrintable(refused.error().message));
    QVERIFY_RESULT(enrol(QStringLiteral("ws-1"), 1001, token));
    refused = m_units->remove(QStringLiteral("Health/Maseru"), kNow);
    QCOMPARE(refused.error().code, QStringLiteral("org-unit.not-empty"));
    QVERIFY2(refused.error().message.contains(QLatin1String("1 device")), qPrintable(refused.error().message));

    const Result<std::optional<QString>> moved = m_devices->move(QStringLiteral("ws-1"), QStringLiteral("/"));
    QVERIFY_RESULT(moved);
    QVERIFY_RESULT(m_units->remove(QStringLiteral("Health/Maseru"), kNow));
    QVERIFY(!m_units->find(QStringLiteral("Health/Maseru")).value().has_value());
    QVERIFY_RESULT(m_units->remove(QStringLiteral("Health"), kNow));
    QCOMPARE(m_units->remove(QStringLiteral("Health"), kNow).error().code, QStringLiteral("org-unit.unknown"));
}

void TestOrgUnitRepository::tokenPlacesDevices()
{
    const Result<OrgUnit> health = m_units->create(QStringLiteral("Health"), kNow);
    QVERIFY_RESULT(health);
    const QByteArray placed = credentials::tokenHash(QStringLiteral("health-token"));
    const QByteArray plain = credentials::tokenHash(QStringLiteral("plain-token"));
    QVERIFY_RESULT(
        m_enrolment->addToken(placed, 5, kNow.addSecs(kDay), QStringLiteral("admin"), kNow, health.value().id));
    QVERIFY_RESULT(m_enrolment->addToken(plain, 5, kNow.addSecs(kDay), QStringLiteral("admin"), kNow));
    QVERIFY_RESULT(enrol(QStringLiteral("ws-1"), 1001, placed));
    QVERIFY_RESULT(enrol(QStringLiteral("ws-2"), 1002, plain));
    QCOMPARE(orgUnitOf(QStringLiteral("ws-1")), QStringLiteral("Health"));
    QCOMPARE(orgUnitOf(QStringLiteral("ws-2")), QStringLiteral("/"));

    const Result<QList<Device>> listed = m_devices->list();
    QVERIFY_RESULT(listed);
    QCOMPARE(listed.value().size(), 2);
    for (const Device &device : listed.value()) {
        QCOMPARE(device.orgUnitId, device.id == QLatin1String("ws-1") ? health.value().id : orgunit::kRootId);
    }
}

void TestOrgUnitRepository::moveDevice()
{
    QVERIFY_RESULT(m_units->create(QStringLiteral("Health"), kNow));
    const QByteArray token = credentials::tokenHash(QStringLiteral("token"));
    QVERIFY_RESULT(m_enrolment->addToken(token, 5, kNow.addSecs(kDay), QStringLiteral("admin"), kNow));
    QVERIFY_RESULT(enrol(QStringLiteral("ws-1"), 1001, token));

    Result<std::optional<QString>> moved = m_devices->move(QStringLiteral("ws-1"), QStringLiteral("Health"));
    QVERIFY_RESULT(moved);
    QCOMPARE(moved.value(), std::optional<QString>(QStringLiteral("/")));
    QCOMPARE(orgUnitOf(QStringLiteral("ws-1")), QStringLiteral("Health"));

    moved = m_devices->move(QStringLiteral("ws-1"), QStringLiteral("Finance"));
    QVERIFY(!moved);
    QCOMPARE(moved.error().code, QStringLiteral("org-unit.unknown"));
    QCOMPARE(orgUnitOf(QStringLiteral("ws-1")), QStringLiteral("Health"));

    moved = m_devices->move(QStringLiteral("no-such-device"), QStringLiteral("Health"));
    QVERIFY_RESULT(moved);
    QVERIFY(!moved.value().has_value());
}

QTEST_GUILESS_MAIN(TestOrgUnitRepository)
#include "TestOrgUnitRepository.moc"
