// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceTableModel.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using steward::app::DeviceTableModel;
using steward::app::test::FakeAdminServer;

class TestDeviceTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsAndColumns();
    void cellText_data();
    void cellText();
    void headers();
    void complianceColour_data();
    void complianceColour();
    void sortValues();
    void sameDevicesUpdateInPlace();
    void differentDevicesReset();
    void ignoresMalformedRows();
    void relativeTimesFollowTheClock();

private:
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<DeviceTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestDeviceTableModel::init()
{
    m_clock.set(QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    m_model = std::make_unique<DeviceTableModel>(m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setDevices(FakeAdminServer::sampleDevices());
}

void TestDeviceTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestDeviceTableModel::rowsAndColumns()
{
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(DeviceTableModel::ColumnCount));
    QCOMPARE(m_model->rowOfDevice(QStringLiteral("d-0002")), 1);
    QCOMPARE(m_model->rowOfDevice(QStringLiteral("nope")), -1);
}

void TestDeviceTableModel::cellText_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    QTest::newRow("hostname") << 0 << int(DeviceTableModel::Hostname) << QStringLiteral("pc-finance-01");
    QTest::newRow("os") << 0 << int(DeviceTableModel::Os) << QStringLiteral("Debian GNU/Linux 12 (bookworm)");
    QTest::newRow("last seen hours") << 0 << int(DeviceTableModel::LastSeen) << QStringLiteral("3 h ago");
    QTest::newRow("last seen now") << 1 << int(DeviceTableModel::LastSeen) << QStringLiteral("just now");
    QTest::newRow("last seen never") << 2 << int(DeviceTableModel::LastSeen) << QStringLiteral("never");
    QTest::newRow("pending") << 0 << int(DeviceTableModel::PendingUpdates) << QStringLiteral("5");
    QTest::newRow("pending unknown") << 2 << int(DeviceTableModel::PendingUpdates) << QStringLiteral("?");
    QTest::newRow("security") << 0 << int(DeviceTableModel::SecurityUpdates) << QStringLiteral("2");
    QTest::newRow("antivirus") << 0 << int(DeviceTableModel::Antivirus) << QStringLiteral("ClamAV");
    QTest::newRow("no antivirus") << 2 << int(DeviceTableModel::Antivirus) << QStringLiteral("None");
    QTest::newRow("definitions old") << 0 << int(DeviceTableModel::DefinitionsAge) << QStringLiteral("9 d");
    QTest::newRow("definitions fresh") << 1 << int(DeviceTableModel::DefinitionsAge) << QStringLiteral("today");
    QTest::newRow("definitions none") << 2 << int(DeviceTableModel::DefinitionsAge) << QStringLiteral("—");
    QTest::newRow("not compliant") << 0 << int(DeviceTableModel::Compliant) << QStringLiteral("Not compliant");
    QTest::newRow("compliant") << 1 << int(DeviceTableModel::Compliant) << QStringLiteral("Compliant");
    QTest::newRow("unknown") << 2 << int(DeviceTableModel::Compliant) << QStringLiteral("Unknown");
}

void TestDeviceTableModel::cellText()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QCOMPARE(m_model->index(row, column).data().toString(), text);
}

void TestDeviceTableModel::headers()
{
    QCOMPARE(m_model->headerData(DeviceTableModel::Hostname, Qt::Horizontal).toString(), QStringLiteral("Hostname"));
    QCOMPARE(m_model->headerData(DeviceTableModel::LastSeen, Qt::Horizontal).toString(), QStringLiteral("Last seen"));
    QCOMPARE(m_model->headerData(DeviceTableModel::Compliant, Qt::Horizontal).toString(), QStringLiteral("Compliant"));
}

void TestDeviceTableModel::complianceColour_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QColor>("colour");
    QTest::newRow("not compliant is red") << 0 << QColor(0xc6, 0x28, 0x28);
    QTest::newRow("compliant is green") << 1 << QColor(0x2e, 0x7d, 0x32);
    QTest::newRow("unknown is grey") << 2 << QColor(0x75, 0x75, 0x75);
}

void TestDeviceTableModel::complianceColour()
{
    QFETCH(int, row);
    QFETCH(QColor, colour);
    const QModelIndex index = m_model->index(row, DeviceTableModel::Compliant);
    QCOMPARE(index.data(Qt::DecorationRole).value<QColor>(), colour);
    QCOMPARE(index.data(Qt::ForegroundRole).value<QBrush>().color(), colour);
    QVERIFY(!m_model->index(row, DeviceTableModel::Hostname).data(Qt::DecorationRole).isValid());
}

void TestDeviceTableModel::sortValues()
{
    const auto sortValue = [this](int row, int column) {
        return m_model->index(row, column).data(DeviceTableModel::SortRole);
    };
    QVERIFY(sortValue(0, DeviceTableModel::LastSeen).toLongLong()
            < sortValue(1, DeviceTableModel::LastSeen).toLongLong());
    QCOMPARE(sortValue(2, DeviceTableModel::LastSeen).toLongLong(), 0);
    QCOMPARE(sortValue(0, DeviceTableModel::PendingUpdates).toInt(), 5);
    QCOMPARE(sortValue(2, DeviceTableModel::PendingUpdates).toInt(), -1);
    QCOMPARE(m_model->index(0, 0).data(DeviceTableModel::DeviceIdRole).toString(), QStringLiteral("d-0001"));
    QCOMPARE(m_model->index(0, 0).data(DeviceTableModel::CompliantRole), QVariant(false));
    QVERIFY(!m_model->index(2, 0).data(DeviceTableModel::CompliantRole).isValid());
}

void TestDeviceTableModel::sameDevicesUpdateInPlace()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QJsonArray devices = FakeAdminServer::sampleDevices();
    QJsonObject first = devices.at(0).toObject();
    first[QStringLiteral("pendingUpdates")] = 7;
    devices[0] = first;
    m_model->setDevices(devices);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0, DeviceTableModel::PendingUpdates).data().toString(), QStringLiteral("7"));
}

void TestDeviceTableModel::differentDevicesReset()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QJsonArray devices = FakeAdminServer::sampleDevices();
    devices.removeAt(1);
    m_model->setDevices(devices);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(1, DeviceTableModel::Hostname).data().toString(), QStringLiteral("laptop-dg"));
}

void TestDeviceTableModel::ignoresMalformedRows()
{
    m_model->setDevices(
        QJsonArray{42, QStringLiteral("x"), QJsonObject{{QStringLiteral("id"), QStringLiteral("d-9")}}});
    QCOMPARE(m_model->rowCount(), 1);
    // Without a hostname the id stands in, so the row is never blank.
    QCOMPARE(m_model->index(0, DeviceTableModel::Hostname).data().toString(), QStringLiteral("d-9"));
}

void TestDeviceTableModel::relativeTimesFollowTheClock()
{
    const QModelIndex lastSeen = m_model->index(1, DeviceTableModel::LastSeen);
    QCOMPARE(lastSeen.data().toString(), QStringLiteral("just now"));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_clock.advance(2 * 3600);
    m_model->refreshTimes();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(lastSeen.data().toString(), QStringLiteral("2 h ago"));
}

QTEST_GUILESS_MAIN(TestDeviceTableModel)
#include "TestDeviceTableModel.moc"
