// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceReasonModel.h"
#include "DeviceDetail.h"
#include "DeviceText.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"
#include "RelativeTime.h"

#include <QAbstractItemModelTester>
#include <QTest>

using steward::app::ComplianceReasonModel;
using steward::app::DeviceDetail;
using steward::app::DeviceText;
using steward::app::RelativeTime;
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
    void serverTextIsTheTooltip();

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
    // Translated by code, so that a French page is French: not the server's English text.
    QTest::newRow("title") << 0 << int(ComplianceReasonModel::Reason)
                           << ComplianceReasonModel::tr("Antivirus definitions out of date");
    QTest::newRow("since") << 0 << int(ComplianceReasonModel::Since)
                           << DeviceText::when(QDateTime(QDate(2024, 4, 29), QTime(12, 0), Qt::UTC), m_clock.now());
    QTest::newRow("since unknown") << 1 << int(ComplianceReasonModel::Since) << DeviceText::unknown();
    QTest::newRow("explanation")
        << 1 << int(ComplianceReasonModel::Explanation)
        << ComplianceReasonModel::tr("Security updates have been waiting too long; install them and restart if asked.");
    QTest::newRow("policy set by a unit")
        << 0 << int(ComplianceReasonModel::Policy)
        << QStringLiteral("antivirus.definitions-max-age = 7d, set by Ministry of Health/Mokhotlong");
    QTest::newRow("built-in policy") << 1 << int(ComplianceReasonModel::Policy)
                                     << QStringLiteral("updates.security-max-age = 0s (built in)");
    QTest::newRow("remedy") << 1 << int(ComplianceReasonModel::Remedy)
                            << ComplianceReasonModel::remedy(QStringLiteral("patches.security-pending"));
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
                             "contact.never",
                             "reboot.pending",
                             "software.missing",
                             "software.forbidden",
                             "software.not-reported",
                             "disk.low"}) {
        QTest::newRow(code) << QString::fromLatin1(code);
    }
}

void TestComplianceReasonModel::everyDocumentedCodeIsExplained()
{
    QFETCH(QString, code);
    QVERIFY(!ComplianceReasonModel::title(code).isEmpty());
    QVERIFY(!ComplianceReasonModel::explain(code).isEmpty());
    QVERIFY(!ComplianceReasonModel::remedy(code).isEmpty());
    m_model->setReasons({{code, QStringLiteral("server text"), {}, {}, {}, {}}});
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Reason).data().toString(), ComplianceReasonModel::title(code));
}

void TestComplianceReasonModel::unknownCodeFallsBackToServerText()
{
    m_model->setReasons({{QStringLiteral("future.check"), QStringLiteral("Disk encryption is off"), {}, {}, {}, {}}});
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Explanation).data().toString(),
             QStringLiteral("Disk encryption is off"));
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Reason).data().toString(),
             QStringLiteral("Disk encryption is off"));
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Remedy).data().toString(), QString());
    QVERIFY(ComplianceReasonModel::explain(QStringLiteral("future.check")).isEmpty());
    QVERIFY(ComplianceReasonModel::title(QStringLiteral("future.check")).isEmpty());
    QVERIFY(ComplianceReasonModel::remedy(QStringLiteral("future.check")).isEmpty());

    // Neither a title nor a text: the code itself.
    m_model->setReasons({{QStringLiteral("future.check"), QString(), {}, {}, {}, {}}});
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Reason).data().toString(), QStringLiteral("future.check"));
}

void TestComplianceReasonModel::serverTextIsTheTooltip()
{
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Reason).data(Qt::ToolTipRole).toString(),
             QStringLiteral("ClamAV definitions are 9 days old (limit 7)"));
    QCOMPARE(m_model->index(0, ComplianceReasonModel::Since).data(Qt::ToolTipRole).toString(),
             RelativeTime::absolute(QDateTime(QDate(2024, 4, 29), QTime(12, 0), Qt::UTC)));
}

QTEST_GUILESS_MAIN(TestComplianceReasonModel)
#include "TestComplianceReasonModel.moc"
