// SPDX-License-Identifier: GPL-3.0-or-later
// The console's shell as a person meets it: navigation, search, the banner when the server goes
// away or the session ends, empty states, progress with Cancel, and a layout that is remembered.
#include "AdminSession.h"
#include "ApiClient.h"
#include "Clock.h"
#include "ConsoleView.h"
#include "DeploymentDeviceModel.h"
#include "DeploymentDialog.h"
#include "DeploymentPage.h"
#include "DeploymentsView.h"
#include "DevicePage.h"
#include "DeviceSortFilterProxyModel.h"
#include "DeviceTableModel.h"
#include "DevicesView.h"
#include "FakeAdminServer.h"
#include "HeaderFit.h"
#include "MainWindow.h"
#include "ManualClock.h"
#include "ViewTable.h"
#include "ViewTesting.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using steward::app::ApiClient;
using steward::app::ConsoleView;
using steward::app::DeploymentDialog;
using steward::app::DeploymentsView;
using steward::app::DevicesView;
using steward::app::DeviceTableModel;
using steward::app::MainWindow;
using steward::app::test::FakeAdminServer;

namespace
{
QStringList viewIds(const MainWindow &window)
{
    QStringList ids;
    for (const ConsoleView *view : window.views()) {
        ids << view->viewId();
    }
    return ids;
}

int rowOfDevice(const QTableView &table, const char *id)
{
    for (int row = 0; row < table.model()->rowCount(); ++row) {
        if (table.model()->index(row, 0).data(DeviceTableModel::DeviceIdRole).toString() == QLatin1String(id)) {
            return row;
        }
    }
    return -1;
}

// A click on the row's hostname, as a person selects it (Ctrl adds to the selection).
void clickRow(QTableView &table, int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const QRect cell = table.visualRect(table.model()->index(row, DeviceTableModel::Hostname));
    QTest::mouseClick(table.viewport(), Qt::LeftButton, modifiers, cell.center());
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void helpdeskSeesOnlyWhatTheirRoleAllows();
    void devicesLoadWithWholeHeaders();
    void searchThatMatchesNothingSaysSo();
    void searchFindsByAddressAndSerial();
    void orgUnitTreeNarrowsTheList();
    void searchTextBelongsToItsView();
    void serverGoneShowsBannerAndKeepsRows();
    void expiredSessionIsExplainedThenLogin();
    void progressOffersCancel();
    void columnLayoutIsRememberedPerUser();
    void sessionEndingUnderAnOpenMenuOrQuestionIsSafe();
    void sessionExpiringOnTheConsoleClockOffersLogin();
    void deviceJobOpensItsDeployment();
    void adminDeploysUpdatesToSelectedDevices();
    void deployUpdatesWithoutSelectionTakesDevicesShown();
    void helpdeskHasNoDeployUpdates();

private:
    bool login(const char *user, const char *password)
    {
        return m_session.login(user, password);
    }
    DevicesView *loadDevices(MainWindow &window);

    steward::app::test::AdminSession m_session;
    FakeAdminServer *m_server = nullptr;
    ApiClient *m_client = nullptr;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StewardTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestMainWindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    QVERIFY(m_session.start());
    m_server = m_session.server.get();
    m_client = m_session.client.get();
}

void TestMainWindow::cleanup()
{
    m_session.stop();
}

DevicesView *TestMainWindow::loadDevices(MainWindow &window)
{
    auto *view = qobject_cast<DevicesView *>(window.view(QStringLiteral("devices")));
    if (!view) {
        return nullptr;
    }
    QSignalSpy loaded(view, &ConsoleView::loaded);
    window.showView(QStringLiteral("devices"));
    if (view->model()->rowCount() == 0 && !loaded.wait(10000)) {
        return nullptr;
    }
    return view;
}

void TestMainWindow::helpdeskSeesOnlyWhatTheirRoleAllows()
{
    MainWindow admin(m_client, steward::Clock::system());
    admin.startSession();
    QCOMPARE(viewIds(admin),
             (QStringList{QStringLiteral("devices"),
                          QStringLiteral("deployments"),
                          QStringLiteral("users"),
                          QStringLiteral("audit"),
                          QStringLiteral("settings")}));

    QVERIFY(login(FakeAdminServer::helpdeskUser, FakeAdminServer::helpdeskPassword));
    MainWindow helpdesk(m_client, steward::Clock::system());
    helpdesk.startSession();
    QCOMPARE(viewIds(helpdesk),
             (QStringList{QStringLiteral("devices"), QStringLiteral("deployments"), QStringLiteral("settings")}));
    // Every entry in the navigation pane is one view, titled as the view says.
    auto *navigation = helpdesk.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), 3);
    QCOMPARE(navigation->item(0)->text(), helpdesk.views().first()->title());
}

void TestMainWindow::devicesLoadWithWholeHeaders()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DevicesView *view = loadDevices(window);
    QVERIFY(view);
    QCOMPARE(view->table()->model()->rowCount(), 3);
    QHeaderView *header = view->table()->horizontalHeader();
    QCOMPARE(steward::app::HeaderFit::clippedTitles(header), QStringList());
    // Selecting a row makes titles bold; they must still fit.
    view->table()->selectRow(0);
    QCOMPARE(steward::app::HeaderFit::clippedTitles(header), QStringList());
    // The columns people tell machines apart by are there from the start.
    for (int column : {DeviceTableModel::State,
                       DeviceTableModel::Hostname,
                       DeviceTableModel::IpAddress,
                       DeviceTableModel::Serial,
                       DeviceTableModel::LoggedInUser}) {
        QVERIFY2(!header->isSectionHidden(column), qPrintable(QString::number(column)));
    }
    QCOMPARE(window.bannerText(), QString());
}

void TestMainWindow::searchThatMatchesNothingSaysSo()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    DevicesView *view = loadDevices(window);
    QVERIFY(view);
    QCOMPARE(view->countText(), DevicesView::tr("%n devices", nullptr, 3));

    QTest::keyClicks(window.searchField(), QStringLiteral("no-such-machine"));
    QCOMPARE(view->table()->model()->rowCount(), 0);
    QCOMPARE(view->countText(), DevicesView::tr("%1 of %n devices shown", nullptr, 3).arg(0));
    auto *table = qobject_cast<steward::app::ViewTable *>(view->table());
    QVERIFY(table);
    QVERIFY(table->isEmptyMessageShown());
    QCOMPARE(table->emptyMessage(), DevicesView::tr("No device matches “%1”.").arg(QStringLiteral("no-such-machine")));

    window.searchField()->clear();
    QCOMPARE(view->table()->model()->rowCount(), 3);
    QVERIFY(!table->isEmptyMessageShown());
}

void TestMainWindow::orgUnitTreeNarrowsTheList()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    DevicesView *view = loadDevices(window);
    QVERIFY(view);
    QTreeView *tree = view->orgUnitTree();
    QTRY_VERIFY(tree->model()->rowCount() == 1);
    QVERIFY(!tree->isHidden()); // the site has units: the tree is shown
    QCOMPARE(view->orgUnit(), QStringLiteral("/"));

    view->showOrgUnit(QStringLiteral("Ministry of Finance"));
    QCOMPARE(view->orgUnit(), QStringLiteral("Ministry of Finance"));
    QCOMPARE(view->table()->model()->rowCount(), 1);
    QCOMPARE(
        view->countText(),
        DevicesView::tr("%1 of %n devices shown, in %2", nullptr, 3).arg(1).arg(QStringLiteral("Ministry of Finance")));
    // Deploy updates… without a selection takes the devices shown: the unit's.
    QCOMPARE(view->deploymentTargets(), QStringList{QStringLiteral("d-0001")});

    // A refresh keeps the unit chosen.
    QSignalSpy loaded(view, &ConsoleView::loaded);
    view->refresh();
    QVERIFY(loaded.wait(10000));
    QTRY_COMPARE(view->orgUnit(), QStringLiteral("Ministry of Finance"));
    QCOMPARE(view->table()->model()->rowCount(), 1);

    view->showOrgUnit(QStringLiteral("/"));
    QCOMPARE(view->table()->model()->rowCount(), 3);
}

void TestMainWindow::searchFindsByAddressAndSerial()
{
    DeviceTableModel model(steward::Clock::system());
    steward::app::DeviceSummary vm;
    vm.id = QStringLiteral("d-1");
    vm.hostname = QStringLiteral("vm");
    vm.serial = QStringLiteral("VMW-42");
    vm.ipAddresses = {QStringLiteral("10.20.30.40")};
    vm.macAddresses = {QStringLiteral("52:54:00:12:34:56")};
    vm.loggedInUsers = {QStringLiteral("maria")};
    steward::app::DeviceSummary other = vm;
    other.id = QStringLiteral("d-2");
    other.serial = QStringLiteral("VMW-43");
    other.ipAddresses = {QStringLiteral("10.20.30.41")};
    other.macAddresses = {QStringLiteral("52:54:00:ab:cd:ef")};
    other.loggedInUsers = {QStringLiteral("thabo")};
    model.setDevices(QList<steward::app::DeviceSummary>{vm, other});
    steward::app::DeviceSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    for (const QString &needle : {QStringLiteral("10.20.30.40"),
                                  QStringLiteral("VMW-42"),
                                  QStringLiteral("52:54:00:12"),
                                  QStringLiteral("maria"),
                                  QStringLiteral("d-1")}) {
        proxy.setFilterText(needle);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(DeviceTableModel::DeviceIdRole).toString(), QStringLiteral("d-1"));
    }
}

void TestMainWindow::searchTextBelongsToItsView()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    QVERIFY(loadDevices(window));
    QTest::keyClicks(window.searchField(), QStringLiteral("srv"));
    QVERIFY(window.showView(QStringLiteral("settings")));
    QCOMPARE(window.searchField()->text(), QString());
    QVERIFY(!window.searchField()->isEnabled()); // nothing to search in settings
    QVERIFY(window.showView(QStringLiteral("devices")));
    QCOMPARE(window.searchField()->text(), QStringLiteral("srv"));
    QVERIFY(window.searchField()->isEnabled());
}

void TestMainWindow::serverGoneShowsBannerAndKeepsRows()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    DevicesView *view = loadDevices(window);
    QVERIFY(view);
    QCOMPARE(window.bannerText(), QString());

    m_server->setUnavailable(true);
    QSignalSpy failed(view, &ConsoleView::loadFailed);
    window.refresh();
    QVERIFY(failed.wait(10000));
    // Said on the view, with how old the rows still shown are; the rows stay.
    QVERIFY(!window.bannerText().isEmpty());
    QVERIFY2(window.bannerText().contains(failed.first().first().toString()), qPrintable(window.bannerText()));
    QCOMPARE(view->table()->model()->rowCount(), 3);
    auto *banner = window.findChild<QWidget *>(QStringLiteral("banner"));
    QVERIFY(banner && !banner->isHidden());

    m_server->setUnavailable(false);
    QSignalSpy loaded(view, &ConsoleView::loaded);
    window.findChild<QPushButton *>(QStringLiteral("bannerAction"))->click(); // "Try again"
    QVERIFY(loaded.wait(10000));
    QCOMPARE(window.bannerText(), QString());
}

void TestMainWindow::expiredSessionIsExplainedThenLogin()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    QVERIFY(loadDevices(window));

    m_server->dropSessions();
    QSignalSpy loginRequested(&window, &MainWindow::loginRequested);
    window.refresh();
    QVERIFY(loginRequested.wait(10000));
    const QString reason = loginRequested.first().first().toString();
    QVERIFY(!reason.isEmpty());
    // Where the user is looking: the window says why, and offers to log in again; no stale view.
    QCOMPARE(window.bannerText(), reason);
    QVERIFY(window.views().isEmpty());
    auto *action = window.findChild<QPushButton *>(QStringLiteral("bannerAction"));
    QVERIFY(action && !action->isHidden());
    action->click(); // "Log in…" asks again, with the same reason
    QCOMPARE(loginRequested.size(), 2);
    QCOMPARE(loginRequested.last().first().toString(), reason);

    // Logging in again brings the views back and clears the banner.
    QVERIFY(login(FakeAdminServer::user, FakeAdminServer::password));
    window.startSession();
    QVERIFY(!window.views().isEmpty());
    QCOMPARE(window.bannerText(), QString());
}

void TestMainWindow::progressOffersCancel()
{
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    ConsoleView *view = window.currentView();
    QVERIFY(view);
    auto *cancel = window.findChild<QPushButton *>(QStringLiteral("cancel"));
    auto *progress = window.findChild<QProgressBar *>(QStringLiteral("progress"));
    QVERIFY(cancel && progress);
    Q_EMIT view->busy(QStringLiteral("Loading a lot…"));
    QVERIFY(cancel->isVisible());
    QVERIFY(progress->isVisible());
    cancel->click();
    QVERIFY(!cancel->isVisible());
    QVERIFY(!progress->isVisible());
}

void TestMainWindow::columnLayoutIsRememberedPerUser()
{
    {
        MainWindow window(m_client, steward::Clock::system());
        window.startSession();
        DevicesView *view = loadDevices(window);
        QVERIFY(view);
        view->table()->horizontalHeader()->setSectionHidden(DeviceTableModel::Serial, true);
        view->table()->horizontalHeader()->setSectionHidden(DeviceTableModel::AgentVersion, false);
    } // closing saves
    {
        MainWindow window(m_client, steward::Clock::system());
        window.startSession();
        auto *view = qobject_cast<DevicesView *>(window.view(QStringLiteral("devices")));
        QVERIFY(view);
        QVERIFY(view->table()->horizontalHeader()->isSectionHidden(DeviceTableModel::Serial));
        QVERIFY(!view->table()->horizontalHeader()->isSectionHidden(DeviceTableModel::AgentVersion));
    }
    // Another person on the same PC keeps the defaults.
    QVERIFY(login(FakeAdminServer::helpdeskUser, FakeAdminServer::helpdeskPassword));
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    auto *view = qobject_cast<DevicesView *>(window.view(QStringLiteral("devices")));
    QVERIFY(view);
    QVERIFY(!view->table()->horizontalHeader()->isSectionHidden(DeviceTableModel::Serial));
    QVERIFY(view->table()->horizontalHeader()->isSectionHidden(DeviceTableModel::AgentVersion));
}

void TestMainWindow::sessionEndingUnderAnOpenMenuOrQuestionIsSafe()
{
    // The views go when the session ends; a menu or question they opened must not outlive them
    // in a nested event loop (that crashed).
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    DevicesView *view = loadDevices(window);
    QVERIFY(view);
    Q_EMIT view->table()->horizontalHeader()->customContextMenuRequested(QPoint(5, 5));
    Q_EMIT view->table()->customContextMenuRequested(
        view->table()->visualRect(view->table()->model()->index(0, 1)).center());
    view->showDevice(QString::fromLatin1(FakeAdminServer::knownDeviceId));
    QSignalSpy loaded(view, &ConsoleView::loaded);
    QVERIFY(loaded.wait(10000));
    auto *revoke = view->findChild<QPushButton *>(QStringLiteral("revoke"));
    QVERIFY(revoke && revoke->isVisible());
    revoke->click(); // the question stays open
    auto *question = view->findChild<QMessageBox *>(QStringLiteral("confirm"));
    QVERIFY(question && question->isVisible());

    m_server->dropSessions();
    QSignalSpy loginRequested(&window, &MainWindow::loginRequested);
    window.refresh();
    QVERIFY(loginRequested.wait(10000));
    QTest::qWait(50); // let deferred deletions run
    QVERIFY(window.views().isEmpty());
    QVERIFY(!m_server->requests.contains(QStringLiteral("POST /api/v1/devices/d-0001/revoke")));
}

void TestMainWindow::sessionExpiringOnTheConsoleClockOffersLogin()
{
    // The console's own clock is past the session's end: it says so, forgets the session and
    // offers to log in, without waiting for the server to refuse.
    steward::test::ManualClock late(m_client->sessionExpiresAt().addSecs(60));
    MainWindow window(m_client, late);
    QSignalSpy loginRequested(&window, &MainWindow::loginRequested);
    window.startSession();
    QCOMPARE(loginRequested.size(), 1);
    QVERIFY(window.views().isEmpty());
    QVERIFY(!m_client->isLoggedIn());
    QVERIFY(!window.bannerText().isEmpty());
    window.findChild<QPushButton *>(QStringLiteral("bannerAction"))->click();
    QCOMPARE(loginRequested.size(), 2);
}

void TestMainWindow::deviceJobOpensItsDeployment()
{
    // A device page's Jobs tab leads to the deployment, shown in the Deployments view.
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    DevicesView *devices = loadDevices(window);
    QVERIFY(devices);
    devices->showDevice(QString::fromLatin1(FakeAdminServer::knownDeviceId));
    auto *jobs = devices->page()->findChild<steward::app::ViewTable *>(QStringLiteral("jobs"));
    QVERIFY(jobs);
    QTRY_COMPARE_WITH_TIMEOUT(jobs->model()->rowCount(), 1, 10000);
    jobs->setCurrentIndex(jobs->model()->index(0, 0));
    auto *open = devices->page()->findChild<QPushButton *>(QStringLiteral("openDeployment"));
    QVERIFY(open && !open->isHidden());
    open->click();

    QCOMPARE(window.currentView()->viewId(), QStringLiteral("deployments"));
    auto *deployments = qobject_cast<DeploymentsView *>(window.currentView());
    QVERIFY(deployments);
    const QString id = QLatin1String(FakeAdminServer::sampleJobId);
    QCOMPARE(deployments->page()->deploymentId(), id);
    QVERIFY(deployments->page()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(deployments->page()->model()->rowCount(), 3, 10000);
    QVERIFY(m_server->requests.contains(QStringLiteral("GET /api/v1/jobs/") + id));
}

void TestMainWindow::adminDeploysUpdatesToSelectedDevices()
{
    // Select two devices (click, Ctrl+click), Deploy updates…: the Deployments view comes up with
    // its creation dialog, those two checked and the rest offered unchecked.
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DevicesView *devices = loadDevices(window);
    QVERIFY(devices);
    QTableView *table = devices->table();
    const int finance = rowOfDevice(*table, FakeAdminServer::knownDeviceId);
    const int laptop = rowOfDevice(*table, FakeAdminServer::unreportedDeviceId);
    QVERIFY(finance >= 0 && laptop >= 0);
    clickRow(*table, finance);
    clickRow(*table, laptop, Qt::ControlModifier);
    const QStringList chosen{QLatin1String(FakeAdminServer::knownDeviceId),
                             QLatin1String(FakeAdminServer::unreportedDeviceId)};
    QCOMPARE(sorted(devices->deploymentTargets()), chosen);

    // The row menu offers it too, and right-clicking inside the selection keeps the selection.
    Q_EMIT table->customContextMenuRequested(
        table->visualRect(table->model()->index(laptop, DeviceTableModel::Hostname)).center());
    auto *menu = devices->findChild<QMenu *>(QStringLiteral("deviceMenu"));
    QVERIFY(menu);
    auto *deploy = devices->findChild<QAction *>(QStringLiteral("deployUpdates"));
    QVERIFY(deploy);
    QVERIFY(menu->actions().contains(deploy));
    menu->close();
    QCOMPARE(sorted(devices->deploymentTargets()), chosen);

    auto *toolBar = devices->findChild<QToolBar *>(QStringLiteral("devicesToolBar"));
    QVERIFY(toolBar && toolBar->isVisible());
    QWidget *button = toolBar->widgetForAction(deploy);
    QVERIFY(button && button->isVisible() && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);

    QCOMPARE(window.currentView()->viewId(), QStringLiteral("deployments"));
    auto *deployments = qobject_cast<DeploymentsView *>(window.currentView());
    QVERIFY(deployments);
    auto *dialog = steward::app::test::openDialog<DeploymentDialog>(*deployments);
    QVERIFY(dialog);
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("devices"));
    QVERIFY(list);
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 3, 10000); // every device the server lists
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
    QCOMPARE(sorted(dialog->checkedDevices()), chosen);
}

void TestMainWindow::deployUpdatesWithoutSelectionTakesDevicesShown()
{
    // Nothing selected: every device the search leaves shown, and no other.
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    DevicesView *devices = loadDevices(window);
    QVERIFY(devices);
    QTest::keyClicks(window.searchField(), QStringLiteral("pc-finance"));
    QCOMPARE(devices->table()->model()->rowCount(), 1);
    QVERIFY(!devices->table()->selectionModel()->hasSelection());
    auto *deploy = devices->findChild<QAction *>(QStringLiteral("deployUpdates"));
    QVERIFY(deploy && deploy->isEnabled());
    deploy->trigger();

    auto *deployments = qobject_cast<DeploymentsView *>(window.currentView());
    QVERIFY(deployments);
    QCOMPARE(deployments->viewId(), QStringLiteral("deployments"));
    auto *dialog = steward::app::test::openDialog<DeploymentDialog>(*deployments);
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
    QCOMPARE(dialog->checkedDevices(), QStringList{QLatin1String(FakeAdminServer::knownDeviceId)});

    // A search that shows nothing leaves nothing to deploy to.
    QVERIFY(window.showView(QStringLiteral("devices")));
    QTest::keyClicks(window.searchField(), QStringLiteral("-no-such-machine"));
    QCOMPARE(devices->table()->model()->rowCount(), 0);
    QVERIFY(!deploy->isEnabled());
}

void TestMainWindow::helpdeskHasNoDeployUpdates()
{
    QVERIFY(login(FakeAdminServer::helpdeskUser, FakeAdminServer::helpdeskPassword));
    MainWindow window(m_client, steward::Clock::system());
    window.startSession();
    window.show();
    DevicesView *devices = loadDevices(window);
    QVERIFY(devices);
    auto *toolBar = devices->findChild<QToolBar *>(QStringLiteral("devicesToolBar"));
    QVERIFY(!toolBar || !toolBar->isVisible());
    auto *deploy = devices->findChild<QAction *>(QStringLiteral("deployUpdates"));
    QVERIFY(!deploy || (!deploy->isVisible() && !deploy->isEnabled()));

    QTableView *table = devices->table();
    table->selectRow(0);
    Q_EMIT table->customContextMenuRequested(
        table->visualRect(table->model()->index(0, DeviceTableModel::Hostname)).center());
    auto *menu = devices->findChild<QMenu *>(QStringLiteral("deviceMenu"));
    QVERIFY(menu);
    QVERIFY(!menu->actions().isEmpty());
    for (const QAction *action : menu->actions()) {
        QVERIFY2(action != deploy, qPrintable(action->text()));
    }
    menu->close();

    // Even asked directly, the view asks nothing of the Deployments view.
    QSignalSpy requested(devices, &DevicesView::deployRequested);
    devices->deployUpdates();
    QCOMPARE(requested.size(), 0);
    QCOMPARE(window.currentView()->viewId(), QStringLiteral("devices"));
}

int main(int argc, char **argv)
{
    // Widget tests run headless everywhere, CI included.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestMainWindow.moc"
