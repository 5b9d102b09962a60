// SPDX-License-Identifier: GPL-3.0-or-later
// The org-unit tree as the console shows it: units under their parents, counts and shares as the
// server gives them, the root as "All devices", and nothing lost when a parent is missing.
#include "FakeAdminServer.h"
#include "OrgUnitTreeModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using steward::app::OrgUnitTreeModel;
using steward::app::test::FakeAdminServer;

class TestOrgUnitTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tree();
    void orphansGoUnderTheRoot();
    void replacingKeepsTheModelSound();
};

void TestOrgUnitTreeModel::tree()
{
    OrgUnitTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setUnits(FakeAdminServer::sampleOrgUnits());

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.index(0, OrgUnitTreeModel::Name);
    QCOMPARE(root.data().toString(), OrgUnitTreeModel::tr("All devices"));
    QCOMPARE(root.data(OrgUnitTreeModel::PathRole).toString(), QStringLiteral("/"));
    QCOMPARE(root.siblingAtColumn(OrgUnitTreeModel::Devices).data().toString(), QStringLiteral("3"));
    QCOMPARE(root.siblingAtColumn(OrgUnitTreeModel::Compliant).data(OrgUnitTreeModel::SortRole).toDouble(), 1.0 / 3.0);
    QCOMPARE(model.rowCount(root), 2);

    const QModelIndex treasury = model.indexOfPath(QStringLiteral("Ministry of Finance/Treasury"));
    QVERIFY(treasury.isValid());
    QCOMPARE(treasury.data().toString(), QStringLiteral("Treasury"));
    QCOMPARE(treasury.parent().data(OrgUnitTreeModel::PathRole).toString(), QStringLiteral("Ministry of Finance"));
    QCOMPARE(treasury.parent().parent(), root);
    QCOMPARE(treasury.data(Qt::ToolTipRole).toString(), QStringLiteral("Ministry of Finance/Treasury"));
    QCOMPARE(treasury.siblingAtColumn(OrgUnitTreeModel::Compliant).data(OrgUnitTreeModel::SortRole).toDouble(), 0.0);

    const QModelIndex health = model.indexOfPath(QStringLiteral("Ministry of Health"));
    QVERIFY(health.siblingAtColumn(OrgUnitTreeModel::Compliant).data().toString().startsWith(QLatin1String("100")));
    QVERIFY(!model.indexOfPath(QStringLiteral("Ministry of Defence")).isValid());
}

void TestOrgUnitTreeModel::orphansGoUnderTheRoot()
{
    const QJsonArray units{QJsonObject{{QStringLiteral("path"), QStringLiteral("/")}, {QStringLiteral("devices"), 0}},
                           QJsonObject{{QStringLiteral("path"), QStringLiteral("Gone/Left behind")},
                                       {QStringLiteral("name"), QStringLiteral("Left behind")},
                                       {QStringLiteral("devices"), 0}}};
    OrgUnitTreeModel model;
    model.setUnits(units);
    const QModelIndex orphan = model.indexOfPath(QStringLiteral("Gone/Left behind"));
    QVERIFY(orphan.isValid());
    QCOMPARE(orphan.parent(), model.index(0, OrgUnitTreeModel::Name));
    // No devices: no share to show, and it sorts below every share.
    QCOMPARE(orphan.siblingAtColumn(OrgUnitTreeModel::Compliant).data().toString(), QStringLiteral("–"));
    QVERIFY(orphan.siblingAtColumn(OrgUnitTreeModel::Compliant).data(OrgUnitTreeModel::SortRole).toDouble() < 0);
}

void TestOrgUnitTreeModel::replacingKeepsTheModelSound()
{
    OrgUnitTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setUnits(FakeAdminServer::sampleOrgUnits());
    model.setUnits(QJsonArray{FakeAdminServer::sampleOrgUnits().first()});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QCOMPARE(model.columnCount(), int(OrgUnitTreeModel::ColumnCount));
    QCOMPARE(model.headerData(OrgUnitTreeModel::Devices, Qt::Horizontal).toString(), OrgUnitTreeModel::tr("Devices"));
}

QTEST_GUILESS_MAIN(TestOrgUnitTreeModel)
#include "TestOrgUnitTreeModel.moc"
