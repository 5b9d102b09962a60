// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditTableModel.h"
#include "FakeAdminServer.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using steward::app::AuditRecord;
using steward::app::AuditTableModel;
using steward::app::test::FakeAdminServer;

namespace
{
// One page of the fake server's log: `count` rows starting at the `skip`-th newest.
QList<AuditRecord> page(int skip, int count)
{
    const QJsonArray all = FakeAdminServer::sampleAudit();
    QJsonArray rows;
    for (int i = skip; i < skip + count && i < all.size(); ++i) {
        rows.append(all.at(i));
    }
    return AuditRecord::listFromJson(rows);
}
} // namespace

class TestAuditTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void setAndAppendPages();
    void cells();
    void refusedOutcomeStandsOut();
    void knownActionsAreDescribed();
    void emptyModel();

private:
    std::unique_ptr<AuditTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestAuditTableModel::init()
{
    m_model = std::make_unique<AuditTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setRecords(page(0, 100));
}

void TestAuditTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestAuditTableModel::setAndAppendPages()
{
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(m_model->columnCount(), int(AuditTableModel::ColumnCount));
    QCOMPARE(m_model->oldestId(), qint64(151));

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->appendRecords(page(100, 100));
    QCOMPARE(m_model->rowCount(), 200);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.constFirst().at(1).toInt(), 100);
    QCOMPARE(inserted.constFirst().at(2).toInt(), 199);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->oldestId(), qint64(51));

    // The last, short page; then nothing more.
    m_model->appendRecords(page(200, 100));
    QCOMPARE(m_model->rowCount(), FakeAdminServer::auditRows);
    QCOMPARE(m_model->oldestId(), qint64(1));
    m_model->appendRecords({});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(m_model->index(0, 0).data(AuditTableModel::IdRole).toLongLong(), qint64(FakeAdminServer::auditRows));

    // A new query starts over.
    m_model->setRecords(page(0, 10));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 10);
}

void TestAuditTableModel::cells()
{
    const auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    // Row 0 is audit id 250: device.revoke by helper (250 % 3 == 1), ok.
    QCOMPARE(text(0, AuditTableModel::Actor), QStringLiteral("helper"));
    QCOMPARE(text(0, AuditTableModel::Action), QStringLiteral("Device revoked"));
    QCOMPARE(m_model->index(0, AuditTableModel::Action).data(Qt::ToolTipRole).toString(),
             QStringLiteral("device.revoke"));
    QCOMPARE(m_model->index(0, AuditTableModel::Action).data(AuditTableModel::ActionCodeRole).toString(),
             QStringLiteral("device.revoke"));
    QCOMPARE(text(0, AuditTableModel::Target), QStringLiteral("d-0002"));
    QCOMPARE(text(0, AuditTableModel::Outcome), QStringLiteral("Done"));
    QCOMPARE(text(0, AuditTableModel::Source), QStringLiteral("127.0.0.1"));
    QVERIFY(!text(0, AuditTableModel::Time).isEmpty());
    // Time sorts by audit id, not by the text.
    QCOMPARE(m_model->index(0, AuditTableModel::Time).data(AuditTableModel::SortRole).toLongLong(), qint64(250));
    QCOMPARE(m_model->headerData(AuditTableModel::Actor, Qt::Horizontal).toString(), QStringLiteral("Who"));
}

void TestAuditTableModel::refusedOutcomeStandsOut()
{
    // Id 245 is the first multiple of 7 from the top: refused.
    const QModelIndex refused = m_model->index(250 - 245, AuditTableModel::Outcome);
    QCOMPARE(refused.data().toString(), QStringLiteral("Refused"));
    QVERIFY(refused.data(Qt::ForegroundRole).canConvert<QBrush>());
    QVERIFY(!m_model->index(0, AuditTableModel::Outcome).data(Qt::ForegroundRole).isValid());
}

void TestAuditTableModel::knownActionsAreDescribed()
{
    const QStringList known = AuditTableModel::knownActions();
    QVERIFY(known.contains(QStringLiteral("device.revoke")));
    QVERIFY(known.contains(QStringLiteral("user.disable")));
    QVERIFY(std::is_sorted(known.begin(), known.end()));
    for (const QString &code : known) {
        QVERIFY2(AuditTableModel::describeAction(code) != code, qPrintable(code));
    }
    QCOMPARE(AuditTableModel::describeAction(QStringLiteral("something.new")), QStringLiteral("something.new"));
    QCOMPARE(AuditTableModel::describeOutcome(QStringLiteral("broken")), QStringLiteral("Broken"));
}

void TestAuditTableModel::emptyModel()
{
    m_model->setRecords({});
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->oldestId(), qint64(0));
}

QTEST_GUILESS_MAIN(TestAuditTableModel)

#include "TestAuditTableModel.moc"
