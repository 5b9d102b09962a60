// SPDX-License-Identifier: GPL-3.0-or-later
#include "AntivirusModel.h"
#include "CollectorErrorModel.h"
#include "DeviceDetail.h"
#include "DeviceText.h"
#include "DiskModel.h"
#include "FakeAdminServer.h"
#include "FilesystemModel.h"
#include "LoggedInUserModel.h"
#include "ManualClock.h"
#include "NetworkInterfaceModel.h"
#include "PendingUpdateModel.h"
#include "RelativeTime.h"
#include "SoftwareModel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTest>

#include <algorithm>

using namespace steward::app;
using steward::app::test::FakeAdminServer;

// The device page's lists, each with QAbstractItemModelTester over real data, and the cells
// that carry a rule: sizes in the locale, unknown said as unknown, security in words.
class TestDeviceSectionModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void software();
    void softwareSearch_data();
    void softwareSearch();
    void pendingUpdates();
    void antivirus();
    void disks();
    void filesystems();
    void networkInterfaces();
    void loggedInUsers();
    void collectorErrors();
    void emptyColumnsAreFound();

private:
    template<typename Model>
    static void check(Model &model)
    {
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(Model::ColumnCount));
        for (int column = 0; column < model.columnCount(); ++column) {
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
        }
        // Every cell answers for every role a view asks for, sort keys included.
        for (int row = 0; row < std::min(model.rowCount(), 50); ++row) {
            for (int column = 0; column < model.columnCount(); ++column) {
                QVERIFY(model.index(row, column).data(Model::SortRole).isValid());
            }
        }
    }

    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    DeviceDetail m_device;
};

void TestDeviceSectionModels::initTestCase()
{
    m_device = DeviceDetail::fromJson(FakeAdminServer::sampleDetail());
}

void TestDeviceSectionModels::software()
{
    SoftwareModel model;
    model.setRecords(DeviceDetail::fromJson(FakeAdminServer::largeDetail()).software);
    check(model);
    QCOMPARE(model.rowCount(), FakeAdminServer::largeSoftwareCount);
    QCOMPARE(model.index(42, SoftwareModel::Name).data().toString(), QStringLiteral("pkg-00042"));
    QCOMPARE(model.index(42, SoftwareModel::Version).data().toString(), QStringLiteral("1.0.42"));
    QCOMPARE(model.index(40, SoftwareModel::Publisher).data().toString(), QStringLiteral("Contoso Ltd"));
}

void TestDeviceSectionModels::softwareSearch_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("rows");
    QTest::newRow("everything") << QString() << FakeAdminServer::largeSoftwareCount;
    QTest::newRow("name") << QStringLiteral("pkg-0999") << 10;
    QTest::newRow("version") << QStringLiteral("1.99.50") << 1;
    QTest::newRow("publisher") << QStringLiteral("contoso") << FakeAdminServer::largeSoftwareCount / 10;
    QTest::newRow("case") << QStringLiteral("CONTOSO LTD") << FakeAdminServer::largeSoftwareCount / 10;
    QTest::newRow("nothing") << QStringLiteral("no such package") << 0;
}

void TestDeviceSectionModels::softwareSearch()
{
    QFETCH(QString, search);
    QFETCH(int, rows);
    SoftwareModel model;
    model.setRecords(DeviceDetail::fromJson(FakeAdminServer::largeDetail()).software);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterRole(SoftwareModel::SearchRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(search);
    QCOMPARE(proxy.rowCount(), rows);
}

void TestDeviceSectionModels::pendingUpdates()
{
    PendingUpdateModel model;
    model.setRecords(m_device.pendingUpdates);
    check(model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, PendingUpdateModel::Package).data().toString(), QStringLiteral("openssl"));
    // Security in words, not only a colour.
    QCOMPARE(model.index(0, PendingUpdateModel::Security).data().toString(), PendingUpdateModel::tr("Security update"));
    QCOMPARE(model.index(1, PendingUpdateModel::Security).data().toString(), QString());
    QCOMPARE(model.index(0, PendingUpdateModel::Security).data(PendingUpdateModel::SortRole).toInt(), 1);
    QCOMPARE(model.index(1, PendingUpdateModel::Security).data(PendingUpdateModel::SortRole).toInt(), 0);
}

void TestDeviceSectionModels::antivirus()
{
    AntivirusModel model(m_clock);
    model.setRecords(m_device.antivirus);
    check(model);
    QCOMPARE(model.rowCount(), 1);
    const QDateTime definitions(QDate(2024, 4, 22), QTime(12, 0), Qt::UTC);
    QCOMPARE(model.index(0, AntivirusModel::DefinitionsTime).data().toString(),
             DeviceText::when(definitions, m_clock.now()));
    QVERIFY(model.index(0, AntivirusModel::DefinitionsTime)
                .data()
                .toString()
                .contains(RelativeTime::ago(definitions, m_clock.now())));
    QCOMPARE(model.index(0, AntivirusModel::RealTimeProtection).data().toString(), AntivirusModel::tr("Off"));
    QCOMPARE(model.index(0, AntivirusModel::Service).data().toString(), AntivirusModel::tr("Running"));
    QCOMPARE(model.index(0, AntivirusModel::Engine).data().toString(), QStringLiteral("1.0.5"));
    QCOMPARE(model.index(0, AntivirusModel::LastScan).data().toString(), AntivirusModel::tr("never or unknown"));

    // Not reported by the product: unknown, never "off".
    DeviceDetail::AntivirusProduct silent;
    silent.name = QStringLiteral("Defender");
    model.setRecords({silent});
    QCOMPARE(model.index(0, AntivirusModel::RealTimeProtection).data().toString(), DeviceText::unknown());
    QCOMPARE(model.index(0, AntivirusModel::Service).data().toString(), DeviceText::unknown());
}

void TestDeviceSectionModels::disks()
{
    DiskModel model;
    model.setRecords(m_device.disks);
    check(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, DiskModel::Size).data().toString(), QLocale().formattedDataSize(512110190592));
    QCOMPARE(model.index(0, DiskModel::Size).data(DiskModel::SortRole).toLongLong(), Q_INT64_C(512110190592));
    QCOMPARE(model.index(0, DiskModel::Kind).data().toString(), DiskModel::tr("Solid state"));
    QCOMPARE(model.index(0, DiskModel::Removable).data().toString(), DeviceText::tr("No"));
}

void TestDeviceSectionModels::filesystems()
{
    FilesystemModel model;
    model.setRecords(m_device.filesystems);
    check(model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, FilesystemModel::MountPoint).data().toString(), QStringLiteral("/"));
    QCOMPARE(model.index(0, FilesystemModel::Free).data().toString(), QLocale().formattedDataSize(125000000000));
    QCOMPARE(model.index(0, FilesystemModel::PercentFree).data().toString(),
             FilesystemModel::tr("%1 %").arg(QLocale().toString(25)));
    QCOMPARE(model.index(0, FilesystemModel::PercentFree).data(FilesystemModel::SortRole).toDouble(), 25.0);
    // Free space not sent: unknown, not 0 %.
    QCOMPARE(model.index(1, FilesystemModel::Free).data().toString(), DeviceText::unknown());
    QCOMPARE(model.index(1, FilesystemModel::PercentFree).data().toString(), DeviceText::unknown());
    QVERIFY(!FilesystemModel::percentFree(m_device.filesystems.at(1)));
}

void TestDeviceSectionModels::networkInterfaces()
{
    NetworkInterfaceModel model;
    model.setRecords(m_device.interfaces);
    check(model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, NetworkInterfaceModel::Type).data().toString(),
             NetworkInterfaceModel::tr("%1 (virtual)").arg(NetworkInterfaceModel::tr("Loopback")));
    QCOMPARE(model.index(0, NetworkInterfaceModel::State).data().toString(), NetworkInterfaceModel::tr("Link up"));
    QCOMPARE(model.index(0, NetworkInterfaceModel::Speed).data().toString(), QString());
    QCOMPARE(model.index(1, NetworkInterfaceModel::Type).data().toString(), NetworkInterfaceModel::tr("Ethernet"));
    QCOMPARE(model.index(1, NetworkInterfaceModel::State).data().toString(), NetworkInterfaceModel::tr("Up"));
    QCOMPARE(model.index(1, NetworkInterfaceModel::Speed).data().toString(),
             NetworkInterfaceModel::tr("%1 Gbit/s").arg(QLocale().toString(1)));
    QCOMPARE(model.index(1, NetworkInterfaceModel::Mac).data().toString(), QStringLiteral("a4:bb:6d:12:34:56"));
    QCOMPARE(model.index(1, NetworkInterfaceModel::Ipv4).data().toString(), QStringLiteral("10.20.30.40/24"));
    QCOMPARE(model.index(1, NetworkInterfaceModel::Ipv6).data().toString(),
             QStringLiteral("fe80::a6bb:6dff:fe12:3456/64"));
    QCOMPARE(NetworkInterfaceModel::describeSpeed(100),
             NetworkInterfaceModel::tr("%1 Mbit/s").arg(QLocale().toString(100)));
    QCOMPARE(NetworkInterfaceModel::describeType(QStringLiteral("future-type")), QStringLiteral("future-type"));
}

void TestDeviceSectionModels::loggedInUsers()
{
    LoggedInUserModel model(m_clock);
    model.setRecords(m_device.users);
    check(model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, LoggedInUserModel::User).data().toString(), QStringLiteral("marie"));
    QCOMPARE(model.index(0, LoggedInUserModel::From).data().toString(), LoggedInUserModel::tr("this computer"));
    QCOMPARE(model.index(1, LoggedInUserModel::From).data().toString(), QStringLiteral("10.20.30.5"));
    const QDateTime login = QDateTime::fromSecsSinceEpoch(1714557600, Qt::UTC);
    QCOMPARE(model.index(1, LoggedInUserModel::Since).data().toString(), DeviceText::when(login, m_clock.now()));
}

void TestDeviceSectionModels::collectorErrors()
{
    CollectorErrorModel model;
    model.setRecords({{QStringLiteral("patches"), QStringLiteral("apt.locked"), QStringLiteral("dpkg lock held")},
                      {QStringLiteral("antivirus"), QStringLiteral("clamav.socket"), QStringLiteral("no clamd")}});
    check(model);
    QCOMPARE(model.index(1, CollectorErrorModel::Collector).data().toString(), QStringLiteral("antivirus"));
    QCOMPARE(model.index(0, CollectorErrorModel::Code).data().toString(), QStringLiteral("apt.locked"));
    QCOMPARE(model.index(0, CollectorErrorModel::Message).data().toString(), QStringLiteral("dpkg lock held"));
}

void TestDeviceSectionModels::emptyColumnsAreFound()
{
    SoftwareModel onLinux;
    onLinux.setRecords(m_device.software);
    QVERIFY(onLinux.isColumnEmpty(SoftwareModel::Publisher));
    QVERIFY(!onLinux.isColumnEmpty(SoftwareModel::Name));
    SoftwareModel onWindows;
    onWindows.setRecords(DeviceDetail::fromJson(FakeAdminServer::largeDetail()).software);
    QVERIFY(!onWindows.isColumnEmpty(SoftwareModel::Publisher));
}

QTEST_GUILESS_MAIN(TestDeviceSectionModels)
#include "TestDeviceSectionModels.moc"
