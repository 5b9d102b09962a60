// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceSortFilterProxyModel.h"
#include "DeviceTableModel.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"

#include <QAbstractItemModelTester>
#include <QTest>

using steward::app::DeviceSortFilterProxyModel;
using steward::app::DeviceTableModel;
using steward::app::test::FakeAdminServer;

class TestDeviceSortFilterProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void filter_data();
    void filter();
    void sort_data();
    void sort();
    void orgUnit();

private:
    QStringList hostnames() const;

    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<DeviceTableModel> m_model;
    std::unique_ptr<DeviceSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestDeviceSortFilterProxyModel::init()
{
    m_model = std::make_unique<DeviceTableModel>(m_clock);
    m_model->setDevices(FakeAdminServer::sampleDevices());
    m_proxy = std::make_unique<DeviceSortFilterProxyModel>();
    m_proxy->setSourceModel(m_model.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_proxy.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestDeviceSortFilterProxyModel::cleanup()
{
    m_tester.reset();
    m_proxy.reset();
    m_model.reset();
}

void TestDeviceSortFilterProxyModel::orgUnit()
{
    m_proxy->setOrgUnit(QStringLiteral("Ministry of Finance"));
    QCOMPARE(hostnames(), QStringList{QStringLiteral("pc-finance-01")}); // in Treasury, below it
    QCOMPARE(m_proxy->orgUnit(), QStringLiteral("Ministry of Finance"));
    m_proxy->setOrgUnit(QStringLiteral("Ministry of Finance/Treasury"));
    QCOMPARE(hostnames(), QStringList{QStringLiteral("pc-finance-01")});
    m_proxy->setOrgUnit(QStringLiteral("Ministry"));
    QVERIFY(hostnames().isEmpty()); // a prefix of a name is not a unit above it
    // With the search text, both must hold.
    m_proxy->setOrgUnit(QStringLiteral("Ministry of Health"));
    m_proxy->setFilterText(QStringLiteral("pc-"));
    QVERIFY(hostnames().isEmpty());
    m_proxy->setFilterText(QString());
    QCOMPARE(hostnames(), QStringList{QStringLiteral("srv-mail")});
    m_proxy->setOrgUnit(QStringLiteral("/"));
    QCOMPARE(m_proxy->rowCount(), 3);
    QCOMPARE(m_proxy->orgUnit(), QStringLiteral("/"));
    // The search finds a device by its unit's path too.
    m_proxy->setFilterText(QStringLiteral("ministry of health"));
    QCOMPARE(hostnames(), QStringList{QStringLiteral("srv-mail")});
}

QStringList TestDeviceSortFilterProxyModel::hostnames() const
{
    QStringList names;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        names.append(m_proxy->index(row, DeviceTableModel::Hostname).data().toString());
    }
    return names;
}

void TestDeviceSortFilterProxyModel::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty shows all") << QString()
                                     << QStringList{QStringLiteral("pc-finance-01"),
                                                    QStringLiteral("srv-mail"),
                                                    QStringLiteral("laptop-dg")};
    QTest::newRow("hostname, any case") << QStringLiteral("SRV") << QStringList{QStringLiteral("srv-mail")};
    QTest::newRow("os") << QStringLiteral("windows") << QStringList{QStringLiteral("laptop-dg")};
    QTest::newRow("device id") << QStringLiteral("d-0002") << QStringList{QStringLiteral("srv-mail")};
    QTest::newRow("verdict text") << QStringLiteral("not compliant") << QStringList{QStringLiteral("pc-finance-01")};
    QTest::newRow("asset tag") << QStringLiteral("mof-0045") << QStringList{QStringLiteral("pc-finance-01")};
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList{};
}

void TestDeviceSortFilterProxyModel::filter()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    m_proxy->setFilterText(text);
    QCOMPARE(hostnames(), expected);
}

void TestDeviceSortFilterProxyModel::sort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("hostname") << int(DeviceTableModel::Hostname) << Qt::AscendingOrder
                              << QStringList{QStringLiteral("laptop-dg"),
                                             QStringLiteral("pc-finance-01"),
                                             QStringLiteral("srv-mail")};
    // By time, not by the text "3 h ago" / "just now" / "never".
    QTest::newRow("last seen, oldest first")
        << int(DeviceTableModel::LastSeen) << Qt::AscendingOrder
        << QStringList{QStringLiteral("laptop-dg"), QStringLiteral("pc-finance-01"), QStringLiteral("srv-mail")};
    QTest::newRow("pending updates, most first")
        << int(DeviceTableModel::PendingUpdates) << Qt::DescendingOrder
        << QStringList{QStringLiteral("pc-finance-01"), QStringLiteral("srv-mail"), QStringLiteral("laptop-dg")};
    QTest::newRow("non-compliant first") << int(DeviceTableModel::Compliant) << Qt::AscendingOrder
                                         << QStringList{QStringLiteral("pc-finance-01"),
                                                        QStringLiteral("laptop-dg"),
                                                        QStringLiteral("srv-mail")};
}

void TestDeviceSortFilterProxyModel::sort()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    m_proxy->sort(column, order);
    QCOMPARE(hostnames(), expected);
}

QTEST_GUILESS_MAIN(TestDeviceSortFilterProxyModel)
#include "TestDeviceSortFilterProxyModel.moc"
