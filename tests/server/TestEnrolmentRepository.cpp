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

class TestEnrolmentRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void serialsIncrease();
    void tokenRejections_data();
    void tokenRejections();
    void tokenUsableExactlyNTimes();
    void enrollDuplicateDeviceIdIsAtomic();
    void enrollDuplicateFingerprintIsAtomic();
    void certificateStatusAndRevocation();
    void renewalAddsACertificate();

private:
    QByteArray tokenHash(const char *token) const
    {
        return credentials::tokenHash(QLatin1String(token));
    }
    Status enrol(const QString &id, quint64 serial);
    bool deviceExists(const QString &id);

    StoreFixture m_fixture;
    std::unique_ptr<EnrolmentRepository> m_enrolment;
    std::unique_ptr<DeviceRepository> m_devices;
};

void TestEnrolmentRepository::initTestCase_data()
{
    StoreFixture::addEngines();
}

void TestEnrolmentRepository::init()
{
    QFETCH_GLOBAL(Dialect, engine);
    m_enrolment.reset();
    m_devices.reset();
    QVERIFY_RESULT(m_fixture.create(engine));
    m_enrolment = std::make_unique<EnrolmentRepository>(m_fixture.database());
    m_devices = std::make_unique<DeviceRepository>(m_fixture.database());
}

Status TestEnrolmentRepository::enrol(const QString &id, quint64 serial)
{
    const QByteArray hash = tokenHash("enrol-helper-token");
    if (!m_enrolment->checkToken(hash, kNow).ok()) {
        if (Status added = m_enrolment->addToken(hash, 100, kNow.addSecs(kDay), QStringLiteral("admin"), kNow);
            !added) {
            return added;
        }
    }
    return m_enrolment->enrollDevice(hash, newDevice(id, serial), kNow);
}

bool TestEnrolmentRepository::deviceExists(const QString &id)
{
    const Result<std::optional<Device>> device = m_devices->find(id);
    return device.ok() && device.value().has_value();
}

void TestEnrolmentRepository::serialsIncrease()
{
    Result<quint64> first = m_enrolment->nextSerial();
    QVERIFY_RESULT(first);
    QCOMPARE(first.value(), quint64(1001));
    QCOMPARE(m_enrolment->nextSerial().value(), quint64(1002));

    m_enrolment.reset();
    QVERIFY_RESULT(m_fixture.reopen());
    EnrolmentRepository reopened(m_fixture.database());
    QCOMPARE(reopened.nextSerial().value(), quint64(1003));
}

void TestEnrolmentRepository::tokenRejections_data()
{
    QTest::addColumn<int>("uses");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<bool>("add");
    QTest::addColumn<QString>("code");

    QTest::newRow("unknown") << 1 << qint64(kHour) << false << QStringLiteral("token.unknown");
    QTest::newRow("expired an hour ago") << 1 << -kHour << true << QStringLiteral("token.expired");
    QTest::newRow("expires this second") << 1 << qint64(0) << true << QStringLiteral("token.expired");
    QTest::newRow("no uses") << 0 << qint64(kHour) << true << QStringLiteral("token.used-up");
    QTest::newRow("expired and used up") << 0 << -kHour << true << QStringLiteral("token.expired");
}

void TestEnrolmentRepository::tokenRejections()
{
    QFETCH(int, uses);
    QFETCH(qint64, expiresIn);
    QFETCH(bool, add);
    QFETCH(QString, code);

    const QByteArray token = tokenHash("token");
    if (add) {
        QVERIFY_RESULT(
            m_enrolment->addToken(token, uses, kNow.addSecs(expiresIn), QStringLiteral("admin"), kNow.addSecs(-kDay)));
    }
    Status checked = m_enrolment->checkToken(token, kNow);
    QVERIFY(!checked.ok());
    QCOMPARE(checked.error().code, code);

    Status enrolled = m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-1"), 2001), kNow);
    QVERIFY(!enrolled.ok());
    QCOMPARE(enrolled.error().code, code);
    QVERIFY(!deviceExists(QStringLiteral("dev-1")));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("devices")), 0);
    QCOMPARE(m_fixture.rowCount(QStringLiteral("certificates")), 0);
}

void TestEnrolmentRepository::tokenUsableExactlyNTimes()
{
    const QByteArray token = tokenHash("three-uses");
    QVERIFY_RESULT(m_enrolment->addToken(token, 3, kNow.addSecs(kDay), QStringLiteral("admin"), kNow));

    for (int i = 1; i <= 3; ++i) {
        QVERIFY_RESULT(m_enrolment->checkToken(token, kNow));
        // Checking never consumes.
        QVERIFY_RESULT(m_enrolment->checkToken(token, kNow));
        QVERIFY_RESULT(m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-%1").arg(i), 2000 + i), kNow));
    }
    Status fourth = m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-4"), 2004), kNow);
    QVERIFY(!fourth.ok());
    QCOMPARE(fourth.error().code, QStringLiteral("token.used-up"));
    QCOMPARE(m_enrolment->checkToken(token, kNow).error().code, QStringLiteral("token.used-up"));
    QCOMPARE(m_devices->list().value().size(), 3);
    QVERIFY(!deviceExists(QStringLiteral("dev-4")));

    const std::optional<Device> device = m_devices->find(QStringLiteral("dev-2")).value();
    QVERIFY(device.has_value());
    QCOMPARE(device->hostname, QStringLiteral("host-dev-2"));
    QCOMPARE(device->enrolledAt, kNow);
    QVERIFY(device->lastSeen.isNull());
    QCOMPARE(device->lastSequence, 0);
    QCOMPARE(device->revoked, false);
    QVERIFY(device->sections.isEmpty());
}

void TestEnrolmentRepository::enrollDuplicateDeviceIdIsAtomic()
{
    const QByteArray token = tokenHash("two-uses");
    QVERIFY_RESULT(m_enrolment->addToken(token, 2, kNow.addSecs(kDay), QStringLiteral("admin"), kNow));
    QVERIFY_RESULT(m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-1"), 3001), kNow));

    NewDevice duplicate = newDevice(QStringLiteral("dev-1"), 3002);
    duplicate.fingerprint = newDevice(QStringLiteral("another"), 0).fingerprint;
    duplicate.hostname = QStringLiteral("impostor");
    Status failed = m_enrolment->enrollDevice(token, duplicate, kNow);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, QStringLiteral("store.conflict"));

    // Nothing of the failed attempt remains, and its token use was not spent.
    QCOMPARE(m_devices->find(QStringLiteral("dev-1")).value()->hostname, QStringLiteral("host-dev-1"));
    QVERIFY(!m_enrolment->certificateStatus(duplicate.fingerprint).value().has_value());
    QCOMPARE(m_fixture.rowCount(QStringLiteral("certificates")), 1);
    QVERIFY_RESULT(m_enrolment->checkToken(token, kNow));
    QVERIFY_RESULT(m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-2"), 3003), kNow));
    QCOMPARE(m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-3"), 3004), kNow).error().code,
             QStringLiteral("token.used-up"));
}

void TestEnrolmentRepository::enrollDuplicateFingerprintIsAtomic()
{
    const QByteArray token = tokenHash("two-uses");
    QVERIFY_RESULT(m_enrolment->addToken(token, 2, kNow.addSecs(kDay), QStringLiteral("admin"), kNow));
    const NewDevice first = newDevice(QStringLiteral("dev-1"), 3001);
    QVERIFY_RESULT(m_enrolment->enrollDevice(token, first, kNow));

    NewDevice sameCertificate = newDevice(QStringLiteral("dev-2"), 3002);
    sameCertificate.fingerprint = first.fingerprint;
    Status failed = m_enrolment->enrollDevice(token, sameCertificate, kNow);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, QStringLiteral("store.conflict"));

    // The device row inserted before the certificate failed is rolled back with it.
    QVERIFY(!deviceExists(QStringLiteral("dev-2")));
    QCOMPARE(m_fixture.rowCount(QStringLiteral("devices")), 1);
    QCOMPARE(m_enrolment->certificateStatus(first.fingerprint).value()->deviceId, QStringLiteral("dev-1"));

    // A duplicate serial is refused the same way.
    NewDevice sameSerial = newDevice(QStringLiteral("dev-3"), 3001);
    QCOMPARE(m_enrolment->enrollDevice(token, sameSerial, kNow).error().code, QStringLiteral("store.conflict"));
    QVERIFY(!deviceExists(QStringLiteral("dev-3")));

    QVERIFY_RESULT(m_enrolment->enrollDevice(token, newDevice(QStringLiteral("dev-4"), 3004), kNow));
    QCOMPARE(m_enrolment->checkToken(token, kNow).error().code, QStringLiteral("token.used-up"));
}

void TestEnrolmentRepository::certificateStatusAndRevocation()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 4001));
    QVERIFY_RESULT(enrol(QStringLiteral("dev-2"), 4002));
    const QString fingerprint = newDevice(QStringLiteral("dev-1"), 0).fingerprint;

    const Result<std::optional<CertificateStatus>> status = m_enrolment->certificateStatus(fingerprint);
    QVERIFY_RESULT(status);
    QVERIFY(status.value().has_value());
    QCOMPARE(status.value()->deviceId, QStringLiteral("dev-1"));
    QCOMPARE(status.value()->revoked, false);
    QVERIFY_RESULT(m_enrolment->certificateStatus(QString(64, QLatin1Char('0'))));
    QVERIFY(!m_enrolment->certificateStatus(QString(64, QLatin1Char('0'))).value().has_value());

    Result<bool> revoked = m_devices->revoke(QStringLiteral("dev-1"));
    QVERIFY_RESULT(revoked);
    QCOMPARE(revoked.value(), true);
    QCOMPARE(m_enrolment->certificateStatus(fingerprint).value()->revoked, true);
    QCOMPARE(m_devices->find(QStringLiteral("dev-1")).value()->revoked, true);
    QCOMPARE(m_devices->find(QStringLiteral("dev-2")).value()->revoked, false);
    QCOMPARE(m_enrolment->certificateStatus(newDevice(QStringLiteral("dev-2"), 0).fingerprint).value()->revoked, false);

    Result<bool> unknown = m_devices->revoke(QStringLiteral("no-such-device"));
    QVERIFY_RESULT(unknown);
    QCOMPARE(unknown.value(), false);
}

void TestEnrolmentRepository::renewalAddsACertificate()
{
    QVERIFY_RESULT(enrol(QStringLiteral("dev-1"), 4001));
    const QString renewed(64, QLatin1Char('a'));
    QVERIFY_RESULT(m_enrolment->addCertificate(QStringLiteral("dev-1"), 4002, renewed, kNow.addSecs(60 * kDay), kNow));
    // Both the old and the new certificate identify the device until the old one expires.
    QCOMPARE(m_enrolment->certificateStatus(renewed).value()->deviceId, QStringLiteral("dev-1"));
    QCOMPARE(m_enrolment->certificateStatus(newDevice(QStringLiteral("dev-1"), 0).fingerprint).value()->deviceId,
             QStringLiteral("dev-1"));
    // A serial is never reused.
    QCOMPARE(m_enrolment->addCertificate(QStringLiteral("dev-1"), 4002, QString(64, QLatin1Char('b')), kNow, kNow)
                 .error()
                 .code,
             QStringLiteral("store.conflict"));
}

QTEST_GUILESS_MAIN(TestEnrolmentRepository)
#include "TestEnrolmentRepository.moc"
