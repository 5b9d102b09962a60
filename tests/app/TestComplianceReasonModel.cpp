// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceReasonModel.h"
#include "DeviceDetail.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"

#include <QAbstractItemModelTester>
#include <QTest>

using steward::app::ComplianceReasonModel;
using steward::app::DeviceDetail;
using steward::app::test::FakeAdminServer;

class TestComplianceReasonModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void cellText_data();
    void cellText();
    void everyDocumentedCodeIsExplained_data();
    void everyDocumentedCodeIsExplained();
    void unknownCodeFallsBackToServerText();

private:
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<ComplianceReasonModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestComplianceReasonModel::init()
{
    m_model = std::make_unique<ComplianceReasonModel>(m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setReasons(DeviceDetail::fromJson(FakeAdminServer::sampleDetail()).reasons);
}

void TestComplianceReasonModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestComplianceReasonModel::cellText_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("code") << 0 << int(ComplianceReasonModel::Code) << QStringLiteral("antivirus.definitions-old");
    QTest::newRow("server text") << 0 << int(ComplianceReasonModel::Reason)
                                 << QStringLiteral("ClamAV definitions are 9 days old (limit 7)");
    QTest::newRow("since") << 0 << int(ComplianceReasonModel::Since) << QStringLiteral("2 d ago");
    QTest::newRow("since unknown") << 1 << int(ComplianceReasonModel::Since) << QStringLiteral("unknown");
    QTest::newRow("explanation")
        << 1 << int(ComplianceReasonModel::Explanation)
        << QStringLiteral("Security updates have been waiting too long; install them and restart if asked.");
}

void TestComplianceReasonModel::cellText()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(row, column).data().toString(), text);
}

void TestComplianceReasonModel::everyDocumentedCodeIsExplained_data()
{
    QTest::addColumn<QString>("code");
    // docs/protocol.md, "Compliance reason codes".
    for (const char *code : {"antivirus.missing",
                             "antivirus.not-reported",
                             "patches.not-reported",
                             "antivirus.realtime-off",
                             "antivirus.definitions-old",
                             "antivirus.definitions-unknown",
                             "patches.security-pending",
                             "patches.unknown",
                             "contact.stale",
                             "contact.never"}) {
        QTest::newRow(code) << QString::fromLatin1(code);
    }
}

void TestComplianceReasonModel::everyDocumentedCodeIsExplained()
{
    QFETCH(QString, code);
    QVERIFY(!ComplianceReasonModel::explain(code).isEmpty());
}

void TestComplianceReasonModel::unknownCodeFallsBackToServerText()
{
    m_model->setReasons({{QStringLiteral("future.check"), QStringLiteral("Disk encryption is off"), {}}});
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Explanation).data().toString(),
             QStringLiteral("Disk encryption is off"));
    QVERIFY(ComplianceReasonModel::explain(QStringLiteral("future.check")).isEmpty());
}

QTEST_GUILESS_MAIN(TestComplianceReasonModel)
#include "TestComplianceReasonModel.moc"
