// SPDX-License-Identifier: GPL-3.0-or-later
// The device page as help-desk staff and admins use it, against the fake admin API: every tab
// filled from a real detail, sections not reported or unreadable said so (never shown as
// "none"), a deleted device, a server that cannot be reached, the software search over ten
// thousand packages, the device's jobs with their receipts checked, and the admin's actions.
// Assertions compare with the page's own tr()
// texts and object names, so that they hold in every language.
#include "AdminSession.h"
#include "AuditTableModel.h"
#include "Clock.h"
#include "ComplianceReasonModel.h"
#include "DeploymentDeviceModel.h"
#include "DeploymentTableModel.h"
#include "DeviceDetail.h"
#include "DevicePage.h"
#include "ManualClock.h"
#include "PendingUpdateModel.h"
#include "ViewTable.h"
#include "jobs/Receipt.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using steward::app::AuditTableModel;
using steward::app::ComplianceReasonModel;
using steward::app::DeploymentDeviceModel;
using steward::app::DeploymentTableModel;
using steward::app::DeviceDetail;
using steward::app::DevicePage;
using steward::app::PendingUpdateModel;
using steward::app::ViewContext;
using steward::app::ViewTable;
using steward::app::test::AdminSession;
using steward::app::test::FakeAdminServer;
using Section = steward::app::DeviceDetail::Section;

namespace
{
const QStringList tabNames{QStringLiteral("summaryTab"),
                           QStringLiteral("complianceTab"),
                           QStringLiteral("updatesTab"),
                           QStringLiteral("jobsTab"),
                           QStringLiteral("antivirusTab"),
                           QStringLiteral("hardwareTab"),
                           QStringLiteral("networkTab"),
                           QStringLiteral("usersTab"),
                           QStringLiteral("softwareTab"),
                           QStringLiteral("agentTab"),
                           QStringLiteral("errorsTab"),
                           QStringLiteral("historyTab")};

QString text(const QWidget &page, const char *name)
{
    const auto *label = page.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

// What a section's pane shows: its message when it is not shown, else "".
QString paneMessage(const QWidget &page, Section section)
{
    const QString name = DevicePage::paneName(section);
    const auto *pane = page.findChild<QStackedWidget *>(name + QLatin1String("Pane"));
    if (!pane) {
        return QStringLiteral("<no pane %1>").arg(name);
    }
    return pane->currentIndex() == 0 ? page.findChild<QLabel *>(name + QLatin1String("Message"))->text() : QString();
}

ViewTable *table(const QWidget &page, const char *name)
{
    return page.findChild<ViewTable *>(QLatin1String(name));
}

bool tabShown(const DevicePage &page, const char *name)
{
    const auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"));
    return tabs->isTabVisible(tabs->indexOf(page.findChild<QWidget *>(QLatin1String(name))));
}
} // namespace

class TestDevicePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tabsAreNamed();
    void showsEveryTab();
    void notReportedSectionsSaySo();
    void noAntivirusIsNotNotReported();
    void unreadableSectionsSaySo();
    void loadsDeviceAndHistory();
    void deletedDeviceSaysSo();
    void unavailableServerKeepsData();
    void unreachableServerKeepsData();
    void cancelAbortsTheLoad();
    void softwareSearchFilters();
    void actionsFollowTheRole();
    void revokeAsksFirst();
    void revokeDialogSaysWhatItDoes();
    void deleteRevokedDevice();
    void copyDeviceId();
    void backButtonAndShortcut();
    void certificateExpiryOnlyWhenSent();
    void jobsTabListsTheDevicesJobs();
    void jobsTabOpensADeployment();
    void jobsTabSaysWhenItCannotLoad();
    void complianceSheetAndVerdict();

private:
    ViewContext context() const
    {
        return ViewContext{m_session.client.get(), m_clock};
    }
    // Shows `id` from the fake server and waits for the answer.
    bool load(DevicePage &page, const char *id);

    AdminSession m_session;
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
};

void TestDevicePage::init()
{
    QVERIFY(m_session.start());
}

void TestDevicePage::cleanup()
{
    m_session.stop();
}

bool TestDevicePage::load(DevicePage &page, const char *id)
{
    QSignalSpy idle(&page, &DevicePage::idle);
    page.showDevice(QLatin1String(id));
    return idle.wait(10000);
}

void TestDevicePage::tabsAreNamed()
{
    DevicePage page(context());
    const auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), tabNames.size());
    for (int i = 0; i < tabNames.size(); ++i) {
        QCOMPARE(tabs->widget(i)->objectName(), tabNames.at(i));
        QVERIFY(!tabs->tabText(i).isEmpty());
    }
}

void TestDevicePage::showsEveryTab()
{
    DevicePage page(context());
    page.setDevice(DeviceDetail::fromJson(FakeAdminServer::sampleDetail()));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    QCOMPARE(page.deviceId(), QStringLiteral("d-0001"));
    QCOMPARE(text(page, "title"), QStringLiteral("pc-finance-01"));
    for (int section = 0; section < DeviceDetail::sectionCount; ++section) {
        QVERIFY2(paneMessage(page, Section(section)).isEmpty(), qPrintable(DevicePage::paneName(Section(section))));
    }
    QCOMPARE(text(page, "os"), QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
    QCOMPARE(text(page, "serial"), QStringLiteral("ABC123"));
    QCOMPARE(text(page, "assetTag"), QStringLiteral("MOF-004512"));
    QCOMPARE(text(page, "orgUnit"), QStringLiteral("Ministry of Finance/Treasury"));
    QVERIFY(text(page, "cpu").startsWith(QLatin1String("Intel Core i5-10500")));
    QCOMPARE(text(page, "memory"), QLocale().formattedDataSize(17179869184));
    QCOMPARE(text(page, "state"), DevicePage::tr("Reporting"));

    // Compliance: in words with an icon, reasons titled by code.
    QCOMPARE(text(page, "verdict"), DevicePage::tr("Not compliant: %n reasons", nullptr, 2));
    QVERIFY(!page.findChild<QLabel *>(QStringLiteral("verdictIcon"))->pixmap().isNull());
    const QAbstractItemModel *reasons = table(page, "reasons")->model();
    QCOMPARE(reasons->rowCount(), 2);
    QCOMPARE(reasons->index(0, ComplianceReasonModel::Reason).data().toString(),
             ComplianceReasonModel::title(QStringLiteral("antivirus.definitions-old")));
    QCOMPARE(reasons->index(0, ComplianceReasonModel::Remedy).data().toString(),
             ComplianceReasonModel::remedy(QStringLiteral("antivirus.definitions-old")));

    // Updates: security first, counted in words.
    const QAbstractItemModel *updates = table(page, "updates")->model();
    QCOMPARE(updates->rowCount(), 2);
    QCOMPARE(updates->index(0, PendingUpdateModel::Package).data().toString(), QStringLiteral("openssl"));
    QCOMPARE(text(page, "updatesSummary"),
             DevicePage::tr("%1, %2").arg(DevicePage::tr("%n pending updates", nullptr, 2),
                                          DevicePage::tr("%n security updates", nullptr, 1)));

    QCOMPARE(table(page, "antivirus")->model()->rowCount(), 1);
    QCOMPARE(table(page, "disks")->model()->rowCount(), 1);
    QCOMPARE(table(page, "filesystems")->model()->rowCount(), 2);
    QCOMPARE(table(page, "interfaces")->model()->rowCount(), 2);
    QCOMPARE(table(page, "users")->model()->rowCount(), 2);
    QCOMPARE(table(page, "software")->model()->rowCount(), 1);
    QCOMPARE(table(page, "errors")->model()->rowCount(), 0);
    QVERIFY(table(page, "errors")->isEmptyMessageShown());
    QCOMPARE(text(page, "agentVersion"), QStringLiteral("0.1.0"));
    QCOMPARE(text(page, "reportsMissing"), DevicePage::tr("None: every report arrived"));

    // Every tab can be shown without a column title cut off.
    auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"));
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
    }
}

void TestDevicePage::notReportedSectionsSaySo()
{
    DevicePage page(context());
    page.setDevice(DeviceDetail::fromJson(FakeAdminServer::unreportedDetail()));
    for (int section = 0; section < DeviceDetail::sectionCount; ++section) {
        QCOMPARE(paneMessage(page, Section(section)), DevicePage::notReportedText());
    }
    // Not "no", not "0": the answer is not known.
    QCOMPARE(text(page, "rebootRequired"), DevicePage::notReportedText());
    QCOMPARE(text(page, "lastSeen"), DevicePage::tr("never"));
    QCOMPARE(text(page, "state"), DevicePage::tr("Never reported since it was enrolled"));
    // The rest of the page is there.
    QCOMPARE(text(page, "hostname"), QStringLiteral("laptop-dg"));
    QCOMPARE(table(page, "reasons")->model()->rowCount(), 3);
}

void TestDevicePage::noAntivirusIsNotNotReported()
{
    QJsonObject object = FakeAdminServer::sampleDetail();
    object.insert(QStringLiteral("antivirus"), QJsonObject{{QStringLiteral("products"), QJsonArray()}});
    DevicePage page(context());
    page.setDevice(DeviceDetail::fromJson(object));
    QCOMPARE(paneMessage(page, Section::Antivirus), QString());
    QVERIFY(table(page, "antivirus")->isEmptyMessageShown());
    QCOMPARE(table(page, "antivirus")->emptyMessage(),
             DevicePage::tr("No antivirus product was found on this device."));

    object.insert(QStringLiteral("antivirus"), QJsonValue());
    page.setDevice(DeviceDetail::fromJson(object));
    QCOMPARE(paneMessage(page, Section::Antivirus), DevicePage::notReportedText());
}

void TestDevicePage::unreadableSectionsSaySo()
{
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::unreadableDeviceId));
    for (const Section section : {Section::Users,
                                  Section::Disks,
                                  Section::Network,
                                  Section::Software,
                                  Section::Patches,
                                  Section::Antivirus,
                                  Section::Agent,
                                  Section::Errors}) {
        QCOMPARE(paneMessage(page, section), DevicePage::unreadableText());
    }
    // The readable parts of the same device, and the other tabs, are shown as usual.
    for (const Section section : {Section::Os, Section::Hardware, Section::Filesystems}) {
        QCOMPARE(paneMessage(page, section), QString());
    }
    QCOMPARE(text(page, "title"), QStringLiteral("pc-odd"));
    QCOMPARE(text(page, "machine"), QStringLiteral("Lenovo ThinkPad T14"));
    QCOMPARE(table(page, "filesystems")->model()->rowCount(), 1);
    QCOMPARE(text(page, "verdict"), DevicePage::tr("Compliant"));
    QCOMPARE(text(page, "rebootRequired"), DevicePage::unreadableText());
}

void TestDevicePage::loadsDeviceAndHistory()
{
    DevicePage page(context());
    QSignalSpy busy(&page, &DevicePage::busy);
    QSignalSpy loaded(&page, &DevicePage::loaded);
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    QVERIFY(busy.count() >= 1);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toDateTime(), m_clock.now());
    QCOMPARE(text(page, "title"), QStringLiteral("pc-finance-01"));
    QVERIFY(m_session.server->requests.contains(QStringLiteral("GET /api/v1/devices/d-0001")));

    // The history asks for this device only, and shows what the server answered.
    QVERIFY(!m_session.server->auditQueries.isEmpty());
    QCOMPARE(m_session.server->auditQueries.last().queryItemValue(QStringLiteral("target")), QStringLiteral("d-0001"));
    const QAbstractItemModel *history = table(page, "history")->model();
    QVERIFY(history->rowCount() > 0);
    const auto *model = page.findChild<AuditTableModel *>();
    for (const steward::app::AuditRecord &record : model->records()) {
        QCOMPARE(record.target, QStringLiteral("d-0001"));
    }
    QVERIFY(tabShown(page, "historyTab"));

    int expected = 0;
    for (const QJsonValue &entry : FakeAdminServer::sampleAudit()) {
        expected += entry.toObject().value(QStringLiteral("target")).toString() == QLatin1String("d-0001");
    }
    QCOMPARE(history->rowCount(), std::min(expected, 50));
    QCOMPARE(page.findChild<QPushButton *>(QStringLiteral("historyMore"))->isHidden(), expected < 50);
}

void TestDevicePage::deletedDeviceSaysSo()
{
    DevicePage page(context());
    QSignalSpy failed(&page, &DevicePage::loadFailed);
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    QVERIFY(!page.isGone());

    m_session.server->deleteDevice(QLatin1String(FakeAdminServer::knownDeviceId));
    QSignalSpy idle(&page, &DevicePage::idle);
    page.reload();
    QVERIFY(idle.wait(10000));
    QVERIFY(page.isGone());
    QCOMPARE(failed.count(), 0); // the server answered: no "cannot reach the server" banner
    const auto *pages = page.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("gonePage"));
    QCOMPARE(text(page, "goneMessage"), DevicePage::goneText());
    // The old data is gone with it.
    QVERIFY(page.device().hostname.isEmpty());
    QCOMPARE(page.deviceId(), QLatin1String(FakeAdminServer::knownDeviceId));
    QCOMPARE(table(page, "software")->model()->rowCount(), 0);
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("revoke"))->isHidden());

    QSignalSpy back(&page, &DevicePage::backRequested);
    page.findChild<QPushButton *>(QStringLiteral("goneBack"))->click();
    QCOMPARE(back.count(), 1);

    // Another device afterwards is shown as usual.
    QVERIFY(load(page, FakeAdminServer::revokedDeviceId));
    QVERIFY(!page.isGone());
    QCOMPARE(text(page, "title"), QStringLiteral("srv-mail"));
}

void TestDevicePage::unavailableServerKeepsData()
{
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    m_session.server->setUnavailable(true);
    QSignalSpy failed(&page, &DevicePage::loadFailed);
    QSignalSpy idle(&page, &DevicePage::idle);
    page.reload();
    QVERIFY(idle.wait(10000));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QVERIFY(!page.isGone());
    QCOMPARE(text(page, "title"), QStringLiteral("pc-finance-01"));
    QCOMPARE(page.device().hostname, QStringLiteral("pc-finance-01"));
    QCOMPARE(table(page, "updates")->model()->rowCount(), 2);
}

void TestDevicePage::unreachableServerKeepsData()
{
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    m_session.server.reset(); // nothing listens any more
    QSignalSpy failed(&page, &DevicePage::loadFailed);
    QSignalSpy idle(&page, &DevicePage::idle);
    page.reload();
    QVERIFY(idle.wait(10000));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(text(page, "title"), QStringLiteral("pc-finance-01"));
    QCOMPARE(text(page, "serial"), QStringLiteral("ABC123"));
}

void TestDevicePage::cancelAbortsTheLoad()
{
    DevicePage page(context());
    QSignalSpy loaded(&page, &DevicePage::loaded);
    QSignalSpy idle(&page, &DevicePage::idle);
    page.showDevice(QLatin1String(FakeAdminServer::knownDeviceId));
    page.cancel();
    QCOMPARE(idle.count(), 1);
    QTest::qWait(200);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(page.deviceId(), QLatin1String(FakeAdminServer::knownDeviceId));
}

void TestDevicePage::softwareSearchFilters()
{
    DevicePage page(context());
    page.show();
    QVERIFY(load(page, FakeAdminServer::largeDeviceId));
    const QAbstractItemModel *software = table(page, "software")->model();
    QCOMPARE(software->rowCount(), FakeAdminServer::largeSoftwareCount);
    QCOMPARE(text(page, "softwareCount"), DevicePage::tr("%n packages", nullptr, FakeAdminServer::largeSoftwareCount));

    auto *search = page.findChild<QLineEdit *>(QStringLiteral("softwareSearch"));
    QTest::keyClicks(search, QStringLiteral("contoso"));
    QCOMPARE(software->rowCount(), FakeAdminServer::largeSoftwareCount / 10);
    QCOMPARE(text(page, "softwareCount"),
             DevicePage::tr("%1 of %n packages", nullptr, FakeAdminServer::largeSoftwareCount)
                 .arg(QLocale().toString(FakeAdminServer::largeSoftwareCount / 10)));

    search->setText(QStringLiteral("pkg-0999"));
    QCOMPARE(software->rowCount(), 10);
    search->setText(QStringLiteral("no such package"));
    QCOMPARE(software->rowCount(), 0);
    QVERIFY(table(page, "software")->isEmptyMessageShown());
    search->clear();
    QCOMPARE(software->rowCount(), FakeAdminServer::largeSoftwareCount);

    // Another device starts with an empty search.
    search->setText(QStringLiteral("contoso"));
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    QVERIFY(search->text().isEmpty());
    QCOMPARE(software->rowCount(), 1);
}

void TestDevicePage::actionsFollowTheRole()
{
    {
        DevicePage page(context());
        QVERIFY(load(page, FakeAdminServer::knownDeviceId));
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("revoke"))->isHidden());
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("delete"))->isHidden()); // only once revoked
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("copyId"))->isHidden());
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("retire"))->isHidden());
    }
    {
        DevicePage page(context());
        QVERIFY(load(page, FakeAdminServer::revokedDeviceId));
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("revoke"))->isHidden());
        QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("delete"))->isHidden());
        QCOMPARE(text(page, "state"), DevicePage::tr("Revoked: the server refuses its certificate"));
    }
    QVERIFY(m_session.start(FakeAdminServer::helpdeskUser, FakeAdminServer::helpdeskPassword));
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::revokedDeviceId));
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("revoke"))->isHidden());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("delete"))->isHidden());
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("retire"))->isHidden());
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("copyId"))->isHidden());
    // The audit log is the admins': not asked for, not shown.
    QVERIFY(!tabShown(page, "historyTab"));
    QVERIFY(m_session.server->auditQueries.isEmpty());
}

void TestDevicePage::revokeAsksFirst()
{
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    QString asked;
    bool answer = false;
    page.setConfirmation(
        [&](const QString &title, const QString &text, const QString &, std::function<void()> proceed) {
            asked = title + QLatin1Char('\n') + text;
            if (answer) {
                proceed();
            }
        });
    const QString revoke = QStringLiteral("POST /api/v1/devices/d-0001/revoke");
    page.findChild<QPushButton *>(QStringLiteral("revoke"))->click();
    QVERIFY(asked.contains(QLatin1String("pc-finance-01")));
    QTest::qWait(100);
    QVERIFY(!m_session.server->requests.contains(revoke));

    answer = true;
    QSignalSpy changed(&page, &DevicePage::deviceChanged);
    QSignalSpy message(&page, &DevicePage::message);
    page.findChild<QPushButton *>(QStringLiteral("revoke"))->click();
    QVERIFY(changed.wait(10000));
    QVERIFY(m_session.server->requests.contains(revoke));
    QCOMPARE(message.count(), 1);
    QCOMPARE(message.at(0).at(0).toString(), DevicePage::tr("%1 revoked").arg(QStringLiteral("pc-finance-01")));
}

void TestDevicePage::revokeDialogSaysWhatItDoes()
{
    DevicePage page(context());
    page.show();
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    QString shown;
    QTimer::singleShot(0, &page, [&page, &shown] {
        for (QMessageBox *box : page.findChildren<QMessageBox *>()) {
            if (box->isVisible()) {
                shown = box->text();
                box->button(QMessageBox::Cancel)->click();
            }
        }
    });
    page.findChild<QPushButton *>(QStringLiteral("revoke"))->click();
    QTRY_VERIFY(shown.contains(QLatin1String("pc-finance-01")));
    QVERIFY(shown.size() > 100); // what revoking does, not just "Are you sure?"
    QTest::qWait(100);
    QVERIFY(!m_session.server->requests.contains(QStringLiteral("POST /api/v1/devices/d-0001/revoke")));
}

void TestDevicePage::deleteRevokedDevice()
{
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::revokedDeviceId));
    page.setConfirmation([](const QString &, const QString &, const QString &, std::function<void()> proceed) {
        proceed();
    });
    QSignalSpy changed(&page, &DevicePage::deviceChanged);
    QSignalSpy back(&page, &DevicePage::backRequested);
    page.findChild<QPushButton *>(QStringLiteral("delete"))->click();
    QVERIFY(changed.wait(10000));
    QVERIFY(m_session.server->requests.contains(QStringLiteral("DELETE /api/v1/devices/d-0002")));
    QCOMPARE(back.count(), 1);
    QVERIFY(page.isGone());
}

void TestDevicePage::copyDeviceId()
{
    DevicePage page(context());
    page.setDevice(DeviceDetail::fromJson(FakeAdminServer::sampleDetail()));
    QSignalSpy message(&page, &DevicePage::message);
    page.findChild<QPushButton *>(QStringLiteral("copyId"))->click();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("d-0001"));
    QCOMPARE(message.count(), 1);
}

void TestDevicePage::complianceSheetAndVerdict()
{
    DevicePage page(context());
    QVERIFY(load(page, "d-0001"));
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("sheet"))->isVisibleTo(&page));
    QTemporaryDir dir;
    QSignalSpy message(&page, &DevicePage::message);
    const QString file = dir.filePath(QStringLiteral("sheet.pdf"));
    QVERIFY(page.printSheet(file));
    QFile pdf(file);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QCOMPARE(message.count(), 1);
    QVERIFY(message.first().first().toString().contains(QStringLiteral("sheet.pdf")));
    QVERIFY(!page.printSheet(dir.filePath(QStringLiteral("missing/sheet.pdf"))));
    QVERIFY(message.last().first().toString().contains(QStringLiteral("could not be saved")));

    // A retired device says who retired it and why.
    DeviceDetail retired = DeviceDetail::fromJson(FakeAdminServer::sampleDetail());
    retired.revoked = true;
    retired.retiredAt = QDateTime(QDate(2024, 4, 30), QTime(9, 0), Qt::UTC);
    retired.retiredBy = QStringLiteral("alice");
    retired.retiredReason = QStringLiteral("sold at auction");
    retired.state = QStringLiteral("retired");
    page.setDevice(retired);
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("retire"))->isHidden());
    const QString state = page.findChild<QLabel *>(QStringLiteral("stateText"))->text();
    QVERIFY2(state.startsWith(QStringLiteral("Retired by alice")) && state.endsWith(QStringLiteral("sold at auction")),
             qPrintable(state));

    // A silent device is "not seen since", not "failing".
    DeviceDetail silent = DeviceDetail::fromJson(FakeAdminServer::sampleDetail());
    silent.complianceState = QStringLiteral("not-seen");
    silent.complianceSince = QDateTime(QDate(2024, 4, 28), QTime(9, 0), Qt::UTC);
    page.setDevice(silent);
    const QString verdict = page.findChild<QLabel *>(QStringLiteral("verdict"))->text();
    QVERIFY2(verdict.startsWith(QStringLiteral("Not seen since")), qPrintable(verdict));
}

void TestDevicePage::backButtonAndShortcut()
{
    DevicePage page(context());
    page.setDevice(DeviceDetail::fromJson(FakeAdminServer::sampleDetail()));
    page.show();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QSignalSpy back(&page, &DevicePage::backRequested);
    page.findChild<QPushButton *>(QStringLiteral("back"))->click();
    QCOMPARE(back.count(), 1);
    auto *search = page.findChild<QLineEdit *>(QStringLiteral("softwareSearch"));
    page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"))
        ->setCurrentWidget(page.findChild<QWidget *>(QStringLiteral("softwareTab")));
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(back.count(), 2);
    QTest::keyClick(&page, Qt::Key_Back);
    QCOMPARE(back.count(), 3);
}

void TestDevicePage::certificateExpiryOnlyWhenSent()
{
    DevicePage page(context());
    page.setDevice(DeviceDetail::fromJson(FakeAdminServer::sampleDetail()));
    page.show();
    auto *agentTab = page.findChild<QWidget *>(QStringLiteral("agentTab"));
    page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"))->setCurrentWidget(agentTab);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("certificateExpires"))->isHidden());

    QJsonObject object = FakeAdminServer::sampleDetail();
    object.insert(QStringLiteral("certificateExpiresAt"), QStringLiteral("2025-01-15T08:30:00Z"));
    page.setDevice(DeviceDetail::fromJson(object));
    QVERIFY(!page.findChild<QLabel *>(QStringLiteral("certificateExpires"))->isHidden());
}

namespace
{
// A newer deployment than the sample one that reached d-0001: 3 of its 5 updates went in.
QJsonObject partlyFailedJob()
{
    return QJsonDocument::fromJson(R"json({
        "id": "b2c3d4e5-6f70-4a81-9b2c-3d4e5f607182", "kind": "patch", "state": "active",
        "createdAt": "2024-05-01T11:30:00Z", "createdBy": "admin",
        "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
        "notBefore": "2024-05-01T11:30:00Z", "deadline": null, "expiresAt": "2024-05-08T11:30:00Z",
        "cancelledBy": null, "cancelledAt": null,
        "summary": {"select": "all", "packages": [], "reboot": "never", "maxRuntimeSeconds": 3600},
        "job": {"document": "oA==", "signature": "AA=="},
        "devices": [
            {"id": "d-0001", "hostname": "pc-finance-01", "state": "failed", "reason": "dpkg-error",
             "message": "dpkg returned an error code (1)", "exitCode": 100, "agentOutcome": "failed",
             "items": [{"name": "curl", "before": "7.88.1-9", "after": "7.88.1-10", "result": "installed"},
                       {"name": "libcurl4", "before": "7.88.1-9", "after": "7.88.1-10", "result": "installed"},
                       {"name": "tzdata", "before": "2024a-0", "after": "2024a-0", "result": "already-installed"},
                       {"name": "exim4", "before": "4.96-15", "after": "4.96-15", "result": "failed"},
                       {"name": "exim4-base", "before": "4.96-15", "after": "4.96-15", "result": "failed"}],
             "output": null, "receipt": null, "receiptSignature": null, "certificate": null,
             "releasedAt": "2024-05-01T11:30:00Z", "deliveredAt": "2024-05-01T11:30:02Z",
             "startedAt": "2024-05-01T11:30:03Z", "finishedAt": "2024-05-01T11:34:00Z",
             "updatedAt": "2024-05-01T11:34:00Z"}]
    })json")
        .object();
}

const QString partlyFailedId = QStringLiteral("b2c3d4e5-6f70-4a81-9b2c-3d4e5f607182");
} // namespace

void TestDevicePage::jobsTabListsTheDevicesJobs()
{
    // The sample deployment's d-0001 entry gets a receipt its own certificate, from the site CA
    // the console trusts, signed for it.
    const QString sampleId = QLatin1String(FakeAdminServer::sampleJobId);
    const steward::tls::Identity device = m_session.site().issueClient(QStringLiteral("d-0001"), 51);
    steward::jobs::Receipt receipt;
    receipt.jobId = sampleId;
    receipt.deviceId = QStringLiteral("d-0001");
    receipt.state = QStringLiteral("succeeded");
    receipt.exitCode = 0;
    receipt.itemsDigest = FakeAdminServer::itemsDigest(
        FakeAdminServer::sampleJob().value(QStringLiteral("devices")).toArray().at(0).toObject());
    receipt.at = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const steward::Result<steward::jobs::SignedDocument> signedReceipt =
        steward::jobs::signReceipt(receipt, device.key.toPem());
    QVERIFY(signedReceipt.ok());
    m_session.server->updateJobDevice(
        sampleId,
        QStringLiteral("d-0001"),
        QJsonObject{
            {QStringLiteral("receipt"), QString::fromLatin1(signedReceipt.value().bytes.toBase64())},
            {QStringLiteral("receiptSignature"), QString::fromLatin1(signedReceipt.value().signature.toBase64())},
            {QStringLiteral("certificate"), QString::fromLatin1(device.certificate.toPem())}});
    m_session.server->addJob(partlyFailedJob());

    {
        DevicePage page(context());
        page.show();
        QVERIFY(load(page, FakeAdminServer::knownDeviceId));
        QVERIFY(m_session.server->requests.contains(QStringLiteral("GET /api/v1/devices/d-0001/jobs")));
        QVERIFY(tabShown(page, "jobsTab"));
        page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"))
            ->setCurrentWidget(page.findChild<QWidget *>(QStringLiteral("jobsTab")));
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("jobsStatus"))->isHidden());

        // Newest first: what each deployment installs, how far it got here, and its receipt.
        const QAbstractItemModel *jobs = table(page, "jobs")->model();
        QCOMPARE(jobs->rowCount(), 2);
        const auto cell = [jobs](int row, int column) {
            return jobs->index(row, column).data().toString();
        };
        QCOMPARE(jobs->index(0, 0).data(DeploymentDeviceModel::JobIdRole).toString(), partlyFailedId);
        QCOMPARE(cell(0, DeploymentDeviceModel::Subject), DeploymentTableModel::tr("All updates"));
        QCOMPARE(
            cell(0, DeploymentDeviceModel::State),
            DeploymentDeviceModel::tr("%1 (%2)").arg(DeploymentTableModel::tr("Failed"), QStringLiteral("dpkg-error")));
        QCOMPARE(cell(0, DeploymentDeviceModel::ExitCode), QLocale().toString(100));
        QCOMPARE(cell(0, DeploymentDeviceModel::Items),
                 DeploymentDeviceModel::tr("%1 of %n installed", nullptr, 5).arg(QLocale().toString(3)));
        QCOMPARE(cell(0, DeploymentDeviceModel::Receipt),
                 DeploymentDeviceModel::receiptText(steward::app::deployment::ReceiptCheck::None));
        QCOMPARE(cell(0, DeploymentDeviceModel::Deployment), partlyFailedId);

        QCOMPARE(jobs->index(1, 0).data(DeploymentDeviceModel::JobIdRole).toString(), sampleId);
        QCOMPARE(cell(1, DeploymentDeviceModel::Subject), DeploymentTableModel::tr("Security updates"));
        QCOMPARE(cell(1, DeploymentDeviceModel::State), DeploymentTableModel::tr("Succeeded"));
        QCOMPARE(cell(1, DeploymentDeviceModel::Items),
                 DeploymentDeviceModel::tr("%1 of %n installed", nullptr, 2).arg(QLocale().toString(2)));
        QCOMPARE(cell(1, DeploymentDeviceModel::Receipt),
                 DeploymentDeviceModel::receiptText(steward::app::deployment::ReceiptCheck::Verified));

        // A receipt the server altered (another exit code than the device signed) is called out.
        m_session.server->updateJobDevice(sampleId,
                                          QStringLiteral("d-0001"),
                                          QJsonObject{{QStringLiteral("exitCode"), 1}});
        QSignalSpy idle(&page, &DevicePage::idle);
        page.reload();
        QVERIFY(idle.wait(10000));
        QCOMPARE(cell(1, DeploymentDeviceModel::Receipt),
                 DeploymentDeviceModel::receiptText(steward::app::deployment::ReceiptCheck::Invalid));

        // Each device its own jobs; a device no deployment targeted says so.
        QVERIFY(load(page, FakeAdminServer::unreportedDeviceId));
        QCOMPARE(jobs->rowCount(), 1);
        QCOMPARE(cell(0, DeploymentDeviceModel::State), DeploymentTableModel::tr("Queued"));
        QVERIFY(load(page, FakeAdminServer::largeDeviceId));
        QCOMPARE(jobs->rowCount(), 0);
        QVERIFY(table(page, "jobs")->isEmptyMessageShown());
        QCOMPARE(table(page, "jobs")->emptyMessage(), DevicePage::tr("No deployment has targeted this device."));
    }

    // The help desk follows jobs too (devices.read).
    QVERIFY(m_session.start(FakeAdminServer::helpdeskUser, FakeAdminServer::helpdeskPassword));
    DevicePage helpdesk(context());
    QVERIFY(load(helpdesk, FakeAdminServer::knownDeviceId));
    QVERIFY(tabShown(helpdesk, "jobsTab"));
    QCOMPARE(table(helpdesk, "jobs")->model()->rowCount(), 1);
}

void TestDevicePage::jobsTabOpensADeployment()
{
    m_session.server->addJob(partlyFailedJob());
    DevicePage page(context());
    page.show();
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    auto *open = page.findChild<QPushButton *>(QStringLiteral("openDeployment"));
    ViewTable *jobs = table(page, "jobs");
    // Only where a Deployments view can show it.
    QVERIFY(open->isHidden());
    QSignalSpy requested(&page, &DevicePage::deploymentRequested);
    jobs->setCurrentIndex(jobs->model()->index(1, 0));
    QVERIFY(requested.isEmpty());

    page.setDeploymentsAvailable(true);
    QVERIFY(!open->isHidden());
    QVERIFY(open->isEnabled());
    open->click();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QLatin1String(FakeAdminServer::sampleJobId));

    // A refresh keeps the row selected; Enter opens it as a double-click would.
    QSignalSpy idle(&page, &DevicePage::idle);
    page.reload();
    QVERIFY(idle.wait(10000));
    QCOMPARE(jobs->currentIndex().data(DeploymentDeviceModel::JobIdRole).toString(),
             QLatin1String(FakeAdminServer::sampleJobId));
    page.findChild<QTabWidget *>(QStringLiteral("deviceTabs"))
        ->setCurrentWidget(page.findChild<QWidget *>(QStringLiteral("jobsTab")));
    jobs->setFocus();
    jobs->setCurrentIndex(jobs->model()->index(0, 0));
    QTest::keyClick(jobs->viewport(), Qt::Key_Return);
    QTRY_COMPARE(requested.count(), 2);
    QCOMPARE(requested.at(1).at(0).toString(), partlyFailedId);

    // Another device starts with nothing selected.
    QVERIFY(load(page, FakeAdminServer::unreportedDeviceId));
    QVERIFY(!open->isEnabled());
}

void TestDevicePage::jobsTabSaysWhenItCannotLoad()
{
    DevicePage page(context());
    QVERIFY(load(page, FakeAdminServer::knownDeviceId));
    QCOMPARE(table(page, "jobs")->model()->rowCount(), 1);
    m_session.server->setUnavailable(true);
    QSignalSpy failed(&page, &DevicePage::loadFailed);
    QSignalSpy idle(&page, &DevicePage::idle);
    page.reload();
    QVERIFY(idle.wait(10000));
    // Said in the tab; the jobs shown stay.
    const auto *status = page.findChild<QLabel *>(QStringLiteral("jobsStatus"));
    QVERIFY(!status->isHidden());
    QVERIFY(status->text().startsWith(DevicePage::tr("Could not load this device's jobs: %1").arg(QString())));
    QCOMPARE(table(page, "jobs")->model()->rowCount(), 1);
    QCOMPARE(failed.count(), 1); // the device's own load, once

    // A device deleted meanwhile: the page says it is gone, the tab has no error of its own.
    m_session.server->setUnavailable(false);
    m_session.server->deleteDevice(QLatin1String(FakeAdminServer::knownDeviceId));
    page.reload();
    QVERIFY(idle.wait(10000));
    QVERIFY(page.isGone());
    QCOMPARE(table(page, "jobs")->model()->rowCount(), 0);
    QVERIFY(status->isHidden());
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestDevicePage test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestDevicePage.moc"
