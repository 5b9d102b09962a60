// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceTableModel.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    void complianceIcon_data();
    void complianceIcon();
    void statesAreWordsAndIcons();
    void identifyingColumns();
    void sameSerialIsFlagged();
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
    // Not reported is not "none": the device may well have one.
    QTest::newRow("antivirus not reported") << 2 << int(DeviceTableModel::Antivirus) << QStringLiteral("Not reported");
    QTest::newRow("state reporting") << 0 << int(DeviceTableModel::State) << QStringLiteral("Reporting");
    QTest::newRow("state never reported") << 2 << int(DeviceTableModel::State) << QStringLiteral("Never reported");
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
    QCOMPARE(m_model->headerData(DeviceTableModel::Compliant, Qt::Horizontal).toString(), QStringLiteral("Compliance"));
    // Every column has a title.
    for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
    }
}

void TestDeviceTableModel::complianceIcon_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("icon");
    QTest::newRow("not compliant: a cross") << 0 << QStringLiteral("steward-bad");
    QTest::newRow("compliant: a tick") << 1 << QStringLiteral("steward-good");
    QTest::newRow("unknown: a question mark") << 2 << QStringLiteral("steward-unknown");
}

void TestDeviceTableModel::complianceIcon()
{
    // Told by words and by the icon's shape, never by colour alone.
    QFETCH(int, row);
    QFETCH(QString, icon);
    const QModelIndex index = m_model->index(row, DeviceTableModel::Compliant);
    QCOMPARE(index.data(Qt::DecorationRole).value<QIcon>().name(), icon);
    QVERIFY(!m_model->index(row, DeviceTableModel::Hostname).data(Qt::DecorationRole).isValid());
}

void TestDeviceTableModel::statesAreWordsAndIcons()
{
    const QJsonObject base{{QStringLiteral("id"), QStringLiteral("d-1")},
                           {QStringLiteral("hostname"), QStringLiteral("vm")}};
    QJsonArray devices;
    for (const char *state : {"reporting", "stale", "never-reported", "revoked", ""}) {
        QJsonObject device = base;
        device[QStringLiteral("id")] = QStringLiteral("d-%1").arg(devices.size());
        if (*state) {
            device[QStringLiteral("state")] = QLatin1String(state);
        }
        devices.append(device);
    }
    m_model->setDevices(devices);
    const QStringList icons{QStringLiteral("steward-good"),
                            QStringLiteral("steward-stale"),
                            QStringLiteral("steward-unknown"),
                            QStringLiteral("steward-revoked"),
                            QStringLiteral("steward-unknown")};
    const QList<DeviceTableModel::DeviceState> states{DeviceTableModel::DeviceState::Reporting,
                                                      DeviceTableModel::DeviceState::Stale,
                                                      DeviceTableModel::DeviceState::NeverReported,
                                                      DeviceTableModel::DeviceState::Revoked,
                                                      DeviceTableModel::DeviceState::Unknown};
    QSet<QString> texts;
    for (int row = 0; row < 5; ++row) {
        const QModelIndex index = m_model->index(row, DeviceTableModel::State);
        QCOMPARE(index.data().toString(), DeviceTableModel::stateText(states.at(row)));
        QCOMPARE(index.data(Qt::DecorationRole).value<QIcon>().name(), icons.at(row));
        texts.insert(index.data().toString());
    }
    QCOMPARE(texts.size(), 5);
    // A revoked row looks different in every column, not only in its state.
    QVERIFY(m_model->index(3, DeviceTableModel::Hostname).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!m_model->index(0, DeviceTableModel::Hostname).data(Qt::FontRole).isValid());
}

void TestDeviceTableModel::identifyingColumns()
{
    // Three machines called "vm" are told apart by address, serial, user and id.
    m_model->setDevices(QJsonDocument::fromJson(R"json([
        {"id": "d-1", "hostname": "vm", "serial": "VMW-1", "ipAddresses": ["10.0.0.5", "fe80::1"],
         "macAddresses": ["52:54:00:00:00:01"], "loggedInUsers": ["maria", "root"], "model": "KVM",
         "agentVersion": "0.4.0", "rebootRequired": true, "antivirus": null, "antivirusReported": true},
        {"id": "d-2", "hostname": "vm", "serial": null, "ipAddresses": [], "loggedInUsers": []}
    ])json")
                            .array());
    const auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(text(0, DeviceTableModel::IpAddress), QStringLiteral("10.0.0.5"));
    QCOMPARE(m_model->index(0, DeviceTableModel::IpAddress).data(Qt::ToolTipRole).toString(),
             QStringLiteral("10.0.0.5\nfe80::1"));
    QCOMPARE(text(0, DeviceTableModel::Serial), QStringLiteral("VMW-1"));
    QCOMPARE(text(0, DeviceTableModel::LoggedInUser), QStringLiteral("maria, root"));
    QCOMPARE(text(0, DeviceTableModel::Model), QStringLiteral("KVM"));
    QCOMPARE(text(0, DeviceTableModel::AgentVersion), QStringLiteral("0.4.0"));
    QCOMPARE(text(0, DeviceTableModel::RebootRequired), QStringLiteral("Required"));
    QCOMPARE(text(0, DeviceTableModel::DeviceId), QStringLiteral("d-1"));
    // Reported, and nothing found: a different answer from "not reported".
    QCOMPARE(text(0, DeviceTableModel::Antivirus), QStringLiteral("None found"));
    QCOMPARE(text(1, DeviceTableModel::IpAddress), QString());
    QCOMPARE(text(1, DeviceTableModel::Serial), QString());
    QCOMPARE(text(1, DeviceTableModel::RebootRequired), QString());
    const QString search = m_model->index(0, 0).data(DeviceTableModel::SearchRole).toString();
    QVERIFY(search.contains(QLatin1String("52:54:00:00:00:01")));
    QVERIFY(search.contains(QLatin1String("fe80::1")));
}

void TestDeviceTableModel::sameSerialIsFlagged()
{
    QJsonArray devices = FakeAdminServer::sampleDevices();
    QJsonObject first = devices.at(0).toObject();
    first.insert(QStringLiteral("sameSerialAs"), QJsonArray{QStringLiteral("d-0009")});
    devices.replace(0, first);
    m_model->setDevices(devices);
    const QModelIndex flagged = m_model->index(0, DeviceTableModel::Hostname);
    QVERIFY(!flagged.data(Qt::DecorationRole).isNull());
    QVERIFY(flagged.data(Qt::ToolTipRole).toString().contains(QLatin1String("d-0009")));
    const QModelIndex plain = m_model->index(1, DeviceTableModel::Hostname);
    QVERIFY(plain.data(Qt::DecorationRole).isNull());
    QCOMPARE(plain.data(Qt::ToolTipRole).toString(), QStringLiteral("d-0002"));
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
