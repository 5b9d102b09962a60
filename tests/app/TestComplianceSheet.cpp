// SPDX-License-Identifier: GPL-3.0-or-later
// The printable compliance sheet: what it says about a device, in the user's language, and a
// real one-page PDF written whole or not at all.
#include "ComplianceReasonModel.h"
#include "ComplianceSheet.h"
#include "DeviceDetail.h"
#include "FakeAdminServer.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace steward::app;
using steward::app::test::FakeAdminServer;

class TestComplianceSheet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saysWhoAndWhy();
    void escapesWhatDevicesReport();
    void notSeenIsNotFailing();
    void writesOnePagePdf();
    void refusesAnUnwritableFile();
    void speaksTheUsersLanguage();

private:
    static DeviceDetail sample()
    {
        return DeviceDetail::fromJson(FakeAdminServer::sampleDetail());
    }
    const ComplianceSheet::Context m_context{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC),
                                             QStringLiteral("helpdesk-mpho"),
                                             QStringLiteral("https://steward.gov.example:8731")};
    QTemporaryDir m_dir;
};

void TestComplianceSheet::saysWhoAndWhy()
{
    const DeviceDetail device = sample();
    const QString html = ComplianceSheet::html(device, m_context);
    QVERIFY(html.contains(device.hostname));
    QVERIFY(html.contains(device.serial));
    QVERIFY(html.contains(QStringLiteral("Not compliant")));
    // Each reason: its title, the server's words, what to do, and the policy behind it.
    QVERIFY(html.contains(ComplianceReasonModel::title(QStringLiteral("antivirus.definitions-old")).toHtmlEscaped()));
    QVERIFY(html.contains(QStringLiteral("ClamAV definitions are 9 days old (limit 7)")));
    QVERIFY(html.contains(ComplianceReasonModel::remedy(QStringLiteral("antivirus.definitions-old")).toHtmlEscaped()));
    QVERIFY(html.contains(QStringLiteral("antivirus.definitions-max-age = 7d, set by Ministry of Health/Mokhotlong")));
    QVERIFY(html.contains(QStringLiteral("helpdesk-mpho")));
}

void TestComplianceSheet::escapesWhatDevicesReport()
{
    DeviceDetail device = sample();
    device.hostname = QStringLiteral("<img src=x onerror=alert(1)>");
    device.serial = QStringLiteral("A&B");
    const QString html = ComplianceSheet::html(device, m_context);
    QVERIFY(!html.contains(QStringLiteral("<img")));
    QVERIFY(html.contains(QStringLiteral("&lt;img src=x onerror=alert(1)&gt;")));
    QVERIFY(html.contains(QStringLiteral("A&amp;B")));
}

void TestComplianceSheet::notSeenIsNotFailing()
{
    DeviceDetail device = sample();
    device.complianceState = QStringLiteral("not-seen");
    device.complianceSince = QDateTime(QDate(2024, 4, 20), QTime(8, 0), Qt::UTC);
    const QString html = ComplianceSheet::html(device, m_context);
    QVERIFY2(html.contains(QStringLiteral("Not seen since")), qPrintable(html));
    QVERIFY(!html.contains(QStringLiteral("Not compliant since")));
}

void TestComplianceSheet::writesOnePagePdf()
{
    DeviceDetail device = sample();
    // More reasons than fit: the sheet stays one page and says how many it left out.
    for (int i = 0; i < 12; ++i) {
        device.reasons.append(device.reasons.first());
    }
    const QString file = m_dir.filePath(QStringLiteral("sheet.pdf"));
    const steward::Status written = ComplianceSheet::writePdf(device, m_context, file);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
    QFile pdf(file);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    const QRegularExpression pages(QStringLiteral("/Type\\s*/Page[^s]"));
    QCOMPARE(QString::fromLatin1(bytes).count(pages), 1);
    QVERIFY(ComplianceSheet::html(device, m_context).contains(QStringLiteral("more reasons")));
}

void TestComplianceSheet::refusesAnUnwritableFile()
{
    const QString file = m_dir.filePath(QStringLiteral("no-such-directory/sheet.pdf"));
    const steward::Status written = ComplianceSheet::writePdf(sample(), m_context, file);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, QStringLiteral("sheet.write"));
    QVERIFY(written.error().message.contains(file));
    QVERIFY(!QFile::exists(file));
}

void TestComplianceSheet::speaksTheUsersLanguage()
{
    QTranslator french;
    QVERIFY(french.load(QStringLiteral(":/i18n/steward_fr.qm")));
    QCoreApplication::installTranslator(&french);
    const QString html = ComplianceSheet::html(sample(), m_context);
    const QString title = ComplianceReasonModel::title(QStringLiteral("antivirus.definitions-old"));
    QCoreApplication::removeTranslator(&french);
    QVERIFY2(html.contains(QStringLiteral("Fiche de conformité")), qPrintable(html));
    QVERIFY(title != ComplianceReasonModel::title(QStringLiteral("antivirus.definitions-old"))); // French, then English
    QVERIFY(html.contains(title.toHtmlEscaped()));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestComplianceSheet test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestComplianceSheet.moc"
