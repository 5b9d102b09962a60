// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceDetail.h"
#include "FakeAdminServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using steward::app::DeviceDetail;
using steward::app::test::FakeAdminServer;
using Section = DeviceDetail::Section;
using State = DeviceDetail::SectionState;

Q_DECLARE_METATYPE(QList<Section>)

class TestDeviceDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullDetail();
    void nullSectionsAreNotReported();
    void emptyObject();
    void wrongTypesMakeOneSectionUnreadable_data();
    void wrongTypesMakeOneSectionUnreadable();
    void nullFieldsAreUnknownNotUnreadable();
    void noAntivirusIsNotNotReported();
    void emptySoftwareFromTheServer();
    void epochAndIsoTimes();
    void stateFromServerOrDerived();
    void certificateExpiryOnlyWhenSent();

private:
    static DeviceDetail withSection(const QString &key, const QByteArray &json);
};

DeviceDetail TestDeviceDetail::withSection(const QString &key, const QByteArray &json)
{
    QJsonObject object = FakeAdminServer::sampleDetail();
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]");
    object.insert(key, document.array().first());
    return DeviceDetail::fromJson(object);
}

void TestDeviceDetail::fullDetail()
{
    const DeviceDetail device = DeviceDetail::fromJson(FakeAdminServer::sampleDetail());
    for (int section = 0; section < DeviceDetail::sectionCount; ++section) {
        QVERIFY2(device.sections[size_t(section)] == State::Ok, qPrintable(QString::number(section)));
    }
    QCOMPARE(device.id, QStringLiteral("d-0001"));
    QCOMPARE(device.hostname, QStringLiteral("pc-finance-01"));
    QCOMPARE(device.state, QStringLiteral("reporting"));
    QVERIFY(device.lastSequence == 42);
    QVERIFY(device.reportsStored == 42);

    QCOMPARE(device.os, QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
    QCOMPARE(device.kernel, QStringLiteral("6.1.0-18-amd64"));
    QCOMPARE(device.fqdn, QStringLiteral("pc-finance-01.finance.example.gov"));
    QCOMPARE(device.bootTime, QDateTime::fromSecsSinceEpoch(1714546800, Qt::UTC));
    QCOMPARE(device.users.size(), 2);
    QCOMPARE(device.users.at(1).user, QStringLiteral("admin"));
    QCOMPARE(device.users.at(1).host, QStringLiteral("10.20.30.5"));
    QCOMPARE(device.users.at(1).loginTime, QDateTime::fromSecsSinceEpoch(1714557600, Qt::UTC));

    QCOMPARE(device.manufacturer, QStringLiteral("Dell Inc."));
    QCOMPARE(device.biosDate, QStringLiteral("2023-03-14"));
    QCOMPARE(device.firmwareType, QStringLiteral("uefi"));
    QVERIFY(device.cpuCores == 6);
    QVERIFY(device.cpuPhysicalCores == 6);
    QVERIFY(device.memoryBytes == Q_INT64_C(17179869184));
    QCOMPARE(device.virtualization, QStringLiteral("physical"));
    QCOMPARE(device.disks.size(), 1);
    QVERIFY(device.disks.at(0).sizeBytes == Q_INT64_C(512110190592));
    QVERIFY(device.disks.at(0).rotational == false);
    QCOMPARE(device.filesystems.size(), 2);
    QVERIFY(device.filesystems.at(0).freeBytes == Q_INT64_C(125000000000));

    QCOMPARE(device.interfaces.size(), 2);
    QCOMPARE(device.interfaces.at(1).name, QStringLiteral("enp0s31f6"));
    QVERIFY(device.interfaces.at(1).speedMbps == 1000);
    QCOMPARE(device.interfaces.at(1).ipv4, QStringList{QStringLiteral("10.20.30.40/24")});
    QVERIFY(device.interfaces.at(0).isVirtual == true);

    QCOMPARE(device.software.size(), 1);
    QVERIFY(device.softwareCount == 1);
    QCOMPARE(device.software.at(0).source, QStringLiteral("dpkg"));

    QVERIFY(device.patchesKnown);
    QCOMPARE(device.patchManager, QStringLiteral("apt"));
    QCOMPARE(device.pendingUpdates.size(), 2);
    QCOMPARE(device.securityCount, 1);
    QVERIFY(device.pendingUpdates.at(0).security);
    QCOMPARE(device.lastRefresh, QDateTime::fromSecsSinceEpoch(1714543200, Qt::UTC));
    QVERIFY(device.rebootRequired == true);
    QCOMPARE(device.rebootPackages, QStringList{QStringLiteral("linux-image-6.1.0-18-amd64")});

    QVERIFY(device.antivirusKnown);
    QCOMPARE(device.antivirus.size(), 1);
    QCOMPARE(device.antivirus.at(0).engineVersion, QStringLiteral("1.0.5"));
    QVERIFY(device.antivirus.at(0).realTimeProtection == false);
    QVERIFY(!device.antivirus.at(0).lastScan.isValid());

    QCOMPARE(device.agentVersion, QStringLiteral("0.1.0"));
    QVERIFY(device.droppedReports == 0);
    QVERIFY(device.collectorErrors.isEmpty());

    QCOMPARE(device.compliant, false);
    QCOMPARE(device.reasons.size(), 2);
    QVERIFY(device.reasons.at(0).since.isValid());
    QVERIFY(!device.reasons.at(1).since.isValid());
}

void TestDeviceDetail::nullSectionsAreNotReported()
{
    const DeviceDetail device = DeviceDetail::fromJson(FakeAdminServer::unreportedDetail());
    for (int section = 0; section < DeviceDetail::sectionCount; ++section) {
        QVERIFY2(device.sections[size_t(section)] == State::NotReported, qPrintable(QString::number(section)));
    }
    QVERIFY(!device.patchesKnown);
    QVERIFY(!device.antivirusKnown);
    QVERIFY(!device.softwareCount);
    QCOMPARE(device.state, QStringLiteral("never-reported"));
    QCOMPARE(device.hostname, QStringLiteral("laptop-dg"));
}

void TestDeviceDetail::emptyObject()
{
    const DeviceDetail device = DeviceDetail::fromJson(QJsonObject());
    for (int section = 0; section < DeviceDetail::sectionCount; ++section) {
        QVERIFY(device.sections[size_t(section)] == State::NotReported);
    }
    QVERIFY(!device.compliant);
    QVERIFY(device.id.isEmpty());
}

void TestDeviceDetail::wrongTypesMakeOneSectionUnreadable_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QList<Section>>("unreadable");
    QTest::addColumn<QList<Section>>("notReported");

    QTest::newRow("network is a string") << QStringLiteral("network") << QByteArray(R"("eth0 10.0.0.1")")
                                         << QList<Section>{Section::Network} << QList<Section>{};
    QTest::newRow("interfaces is an object")
        << QStringLiteral("network") << QByteArray(R"({"interfaces": {"eth0": {}}})")
        << QList<Section>{Section::Network} << QList<Section>{};
    QTest::newRow("network without interfaces")
        << QStringLiteral("network") << QByteArray("{}") << QList<Section>{Section::Network} << QList<Section>{};
    QTest::newRow("an address is a number")
        << QStringLiteral("network") << QByteArray(R"({"interfaces": [{"name": "eth0", "ipv4": [167772161]}]})")
        << QList<Section>{Section::Network} << QList<Section>{};
    QTest::newRow("a disk's size is a string")
        << QStringLiteral("hardware")
        << QByteArray(R"({"model": "X1", "disks": [{"name": "sda", "sizeBytes": "1 TB"}]})")
        << QList<Section>{Section::Disks} << QList<Section>{Section::Filesystems};
    QTest::newRow("hardware is an array")
        << QStringLiteral("hardware") << QByteArray("[]")
        << QList<Section>{Section::Hardware, Section::Disks, Section::Filesystems} << QList<Section>{};
    QTest::newRow("memory is a string") << QStringLiteral("hardware")
                                        << QByteArray(R"({"memoryBytes": "16 GB", "disks": [], "filesystems": []})")
                                        << QList<Section>{Section::Hardware} << QList<Section>{};
    QTest::newRow("os is a string") << QStringLiteral("os") << QByteArray(R"("Debian 12")")
                                    << QList<Section>{Section::Os, Section::Users} << QList<Section>{};
    QTest::newRow("users is an object") << QStringLiteral("os")
                                        << QByteArray(R"({"prettyName": "Debian 12", "users": {"marie": 1}})")
                                        << QList<Section>{Section::Users} << QList<Section>{};
    QTest::newRow("software is an object") << QStringLiteral("software") << QByteArray(R"({"openssl": "3.0"})")
                                           << QList<Section>{Section::Software} << QList<Section>{};
    QTest::newRow("a package is a string") << QStringLiteral("software") << QByteArray(R"(["openssl"])")
                                           << QList<Section>{Section::Software} << QList<Section>{};
    QTest::newRow("pending is a string") << QStringLiteral("patches")
                                         << QByteArray(R"({"manager": "apt", "pending": "none"})")
                                         << QList<Section>{Section::Patches} << QList<Section>{};
    QTest::newRow("patches without pending") << QStringLiteral("patches") << QByteArray(R"({"manager": "apt"})")
                                             << QList<Section>{Section::Patches} << QList<Section>{};
    QTest::newRow("real-time protection is a string")
        << QStringLiteral("antivirus")
        << QByteArray(R"({"products": [{"name": "ClamAV", "realTimeProtection": "yes"}]})")
        << QList<Section>{Section::Antivirus} << QList<Section>{};
    QTest::newRow("definitions time is not a time")
        << QStringLiteral("antivirus")
        << QByteArray(R"({"products": [{"name": "ClamAV", "definitionsTime": "yesterday"}]})")
        << QList<Section>{Section::Antivirus} << QList<Section>{};
    QTest::newRow("agent version is a number") << QStringLiteral("agent") << QByteArray(R"({"version": 2})")
                                               << QList<Section>{Section::Agent} << QList<Section>{};
    QTest::newRow("errors is an array") << QStringLiteral("errors") << QByteArray(R"(["apt failed"])")
                                        << QList<Section>{Section::Errors} << QList<Section>{};
    QTest::newRow("an error is a string") << QStringLiteral("errors") << QByteArray(R"({"apt": "failed"})")
                                          << QList<Section>{Section::Errors} << QList<Section>{};
}

void TestDeviceDetail::wrongTypesMakeOneSectionUnreadable()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, json);
    QFETCH(QList<Section>, unreadable);
    QFETCH(QList<Section>, notReported);
    const DeviceDetail device = withSection(key, json);
    for (int i = 0; i < DeviceDetail::sectionCount; ++i) {
        const auto section = Section(i);
        const State expected = unreadable.contains(section) ? State::Unreadable
            : notReported.contains(section)                 ? State::NotReported
                                                            : State::Ok;
        QVERIFY2(device.section(section) == expected,
                 qPrintable(QStringLiteral("section %1 is %2").arg(i).arg(int(device.section(section)))));
    }
    // Lists of an unreadable section are left empty rather than half filled.
    if (unreadable.contains(Section::Disks)) {
        QVERIFY(device.disks.isEmpty());
    }
    if (unreadable.contains(Section::Patches)) {
        QVERIFY(!device.patchesKnown);
        QVERIFY(device.pendingUpdates.isEmpty());
    }
    if (unreadable.contains(Section::Antivirus)) {
        QVERIFY(!device.antivirusKnown);
        QVERIFY(device.antivirus.isEmpty());
    }
    if (unreadable.contains(Section::Software)) {
        QVERIFY(device.software.isEmpty());
        QVERIFY(!device.softwareCount);
    }
}

void TestDeviceDetail::nullFieldsAreUnknownNotUnreadable()
{
    const DeviceDetail device = withSection(
        QStringLiteral("hardware"),
        R"({"model": null, "memoryBytes": null, "disks": [{"name": "sda", "sizeBytes": null, "rotational": null}]})");
    QVERIFY(device.section(Section::Hardware) == State::Ok);
    QVERIFY(device.section(Section::Disks) == State::Ok);
    QVERIFY(device.section(Section::Filesystems) == State::NotReported); // an older agent: no key at all
    QVERIFY(!device.memoryBytes);
    QVERIFY(device.model.isEmpty());
    QCOMPARE(device.disks.size(), 1);
    QVERIFY(!device.disks.at(0).sizeBytes);
    QVERIFY(!device.disks.at(0).rotational);
}

void TestDeviceDetail::noAntivirusIsNotNotReported()
{
    const DeviceDetail none = withSection(QStringLiteral("antivirus"), R"({"products": []})");
    QVERIFY(none.section(Section::Antivirus) == State::Ok);
    QVERIFY(none.antivirusKnown);
    QVERIFY(none.antivirus.isEmpty());

    const DeviceDetail unknown = withSection(QStringLiteral("antivirus"), "null");
    QVERIFY(unknown.section(Section::Antivirus) == State::NotReported);
    QVERIFY(!unknown.antivirusKnown);
}

void TestDeviceDetail::emptySoftwareFromTheServer()
{
    // A device that reported: an empty list is its answer.
    QVERIFY(withSection(QStringLiteral("software"), "[]").section(Section::Software) == State::Ok);
    QVERIFY(withSection(QStringLiteral("software"), "null").section(Section::Software) == State::NotReported);

    // The server sends [] for software never stored: not an answer when the collector failed.
    QJsonObject object = FakeAdminServer::sampleDetail();
    object.insert(QStringLiteral("software"), QJsonArray());
    object.insert(QStringLiteral("errors"),
                  QJsonObject{{QStringLiteral("software"),
                               QJsonObject{{QStringLiteral("code"), QStringLiteral("dpkg.unreadable")},
                                           {QStringLiteral("message"), QStringLiteral("status file missing")}}}});
    const DeviceDetail failed = DeviceDetail::fromJson(object);
    QVERIFY(failed.section(Section::Software) == State::NotReported);
    QCOMPARE(failed.collectorErrors.size(), 1);
    QCOMPARE(failed.collectorErrors.at(0).collector, QStringLiteral("software"));
    QCOMPARE(failed.collectorErrors.at(0).code, QStringLiteral("dpkg.unreadable"));
}

void TestDeviceDetail::epochAndIsoTimes()
{
    const DeviceDetail epoch = withSection(QStringLiteral("antivirus"),
                                           R"({"products": [{"name": "ClamAV", "definitionsTime": 1713787200}]})");
    const DeviceDetail iso =
        withSection(QStringLiteral("antivirus"),
                    R"({"products": [{"name": "ClamAV", "definitionsTime": "2024-04-22T12:00:00Z"}]})");
    QCOMPARE(epoch.antivirus.at(0).definitionsTime, iso.antivirus.at(0).definitionsTime);
    QCOMPARE(epoch.antivirus.at(0).definitionsTime, QDateTime(QDate(2024, 4, 22), QTime(12, 0), Qt::UTC));
}

void TestDeviceDetail::stateFromServerOrDerived()
{
    QJsonObject object = FakeAdminServer::sampleDetail();
    object.insert(QStringLiteral("state"), QStringLiteral("stale"));
    QCOMPARE(DeviceDetail::fromJson(object).state, QStringLiteral("stale"));

    object.remove(QStringLiteral("state"));
    object.insert(QStringLiteral("revoked"), true);
    QCOMPARE(DeviceDetail::fromJson(object).state, QStringLiteral("revoked"));

    object.insert(QStringLiteral("revoked"), false);
    object.insert(QStringLiteral("compliance"),
                  QJsonObject{{QStringLiteral("compliant"), false},
                              {QStringLiteral("reasons"),
                               QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("contact.stale")}}}}});
    QCOMPARE(DeviceDetail::fromJson(object).state, QStringLiteral("stale"));
}

void TestDeviceDetail::certificateExpiryOnlyWhenSent()
{
    QVERIFY(!DeviceDetail::fromJson(FakeAdminServer::sampleDetail()).certificateExpiresAt.isValid());
    QJsonObject object = FakeAdminServer::sampleDetail();
    object.insert(QStringLiteral("certificateExpiresAt"), QStringLiteral("2025-01-15T08:30:00Z"));
    QCOMPARE(DeviceDetail::fromJson(object).certificateExpiresAt, QDateTime(QDate(2025, 1, 15), QTime(8, 30), Qt::UTC));
}

QTEST_GUILESS_MAIN(TestDeviceDetail)
#include "TestDeviceDetail.moc"
