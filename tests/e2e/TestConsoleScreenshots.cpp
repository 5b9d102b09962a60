// SPDX-License-Identifier: GPL-3.0-or-later
// The console tested as a person would use it, in every language it ships: a real steward-server
// with real agents (one reporting, one that never reported, one revoked) and a help-desk user;
// the console logs in through its login dialog and shows every view and every tab of a device.
// Each is saved as a screenshot (<build dir>/screenshots/<lang>/, or STEWARD_SCREENSHOT_DIR),
// and the test fails on any text a person could not read whole: a clipped header title, a label,
// button or tab narrower than its text, a navigation entry cut short.
//
// Every test runs once per language (the global data rows "en" and "fr"), each with a fresh
// login, a fresh main window and no remembered layout.
#include "ApiClient.h"
#include "Clock.h"
#include "ConsoleView.h"
#include "DevicePage.h"
#include "DeviceTableModel.h"
#include "DevicesView.h"
#include "HeaderFit.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "ProcessRun.h"
#include "SiteServer.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <map>
#include <memory>

using steward::app::ConsoleView;
using steward::app::DeviceTableModel;
using steward::app::MainWindow;
using steward::test::Run;
using steward::test::SiteServer;

namespace
{
const char *const kLanguages[] = {"en", "fr"};
// How long a view may take to show its data before the test gives up on it (a failure, not a
// measurement: a healthy view is done in well under a second).
constexpr int kLoadTimeoutMs = 30000;
const char *const kHelpdeskPassword = "Silver-Orchard-58";

// Where the screenshots of `language` go.
QString screenshotDirectory(const QString &language)
{
    const QString base = qEnvironmentVariableIsEmpty("STEWARD_SCREENSHOT_DIR")
        ? QStringLiteral(STEWARD_SCREENSHOT_DIR)
        : qEnvironmentVariable("STEWARD_SCREENSHOT_DIR");
    return base + QLatin1Char('/') + language;
}

QString describe(const QWidget *widget)
{
    const QString name = widget->objectName().isEmpty() ? QStringLiteral("(no name)") : widget->objectName();
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()), name);
}

bool isPlainText(const QLabel *label)
{
    return label->textFormat() == Qt::PlainText
        || (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text()));
}

// "QLabel deviceCount "3 devices": 20 px wide, its text needs 64 px", when `has` < `needed`.
void noteNarrow(QStringList &found, const QWidget *widget, const QString &text, int has, int needed)
{
    if (has < needed) {
        found << QStringLiteral("%1 \"%2\": %3 px wide, its text needs %4 px")
                     .arg(describe(widget), text)
                     .arg(has)
                     .arg(needed);
    }
}

// Every text on screen in `root` that a person cannot read whole, one line each.
QStringList misfits(const QWidget *root)
{
    QStringList found;
    for (const QHeaderView *header : root->findChildren<QHeaderView *>()) {
        if (!header->isVisible()) {
            continue;
        }
        for (const QString &title : steward::app::HeaderFit::clippedTitles(header)) {
            found << QStringLiteral("%1 (of %2): column title \"%3\" is clipped")
                         .arg(describe(header), describe(header->parentWidget()), title);
        }
    }
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->isVisible() || label->text().isEmpty()) {
            continue;
        }
        if (label->wordWrap()) {
            const int needed = label->heightForWidth(label->width());
            if (label->height() < needed) {
                found << QStringLiteral("%1 \"%2\": %3 px high at %4 px wide, its wrapped text needs %5 px")
                             .arg(describe(label), label->text())
                             .arg(label->height())
                             .arg(label->width())
                             .arg(needed);
            }
        } else if (isPlainText(label)) {
            noteNarrow(found, label, label->text(), label->width(), label->minimumSizeHint().width());
        }
    }
    for (const QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        // Icon-only buttons (a tab bar's scroll arrows, a line edit's clear button) have no text to cut.
        if (button->isVisible() && !button->text().isEmpty()) {
            noteNarrow(found, button, button->text(), button->width(), button->minimumSizeHint().width());
        }
    }
    for (const QTabBar *tabs : root->findChildren<QTabBar *>()) {
        if (!tabs->isVisible()) {
            continue;
        }
        // Tabs that do not fit are elided or scrolled out of sight.
        const bool vertical = tabs->shape() == QTabBar::RoundedWest || tabs->shape() == QTabBar::RoundedEast
            || tabs->shape() == QTabBar::TriangularWest || tabs->shape() == QTabBar::TriangularEast;
        const int needed = vertical ? tabs->sizeHint().height() : tabs->sizeHint().width();
        const int has = vertical ? tabs->height() : tabs->width();
        if (has < needed) {
            QStringList titles;
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->isTabVisible(i)) {
                    titles << tabs->tabText(i);
                }
            }
            found << QStringLiteral("%1 (of %2): tabs \"%3\" need %4 px, have %5")
                         .arg(describe(tabs), describe(tabs->parentWidget()), titles.join(QStringLiteral("\", \"")))
                         .arg(needed)
                         .arg(has);
        }
    }
    return found;
}

// The navigation pane lists every view by its title, none of them cut short.
QStringList navigationMisfits(const MainWindow &window)
{
    const auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    if (!navigation) {
        return {QStringLiteral("no navigation pane (a QListWidget named \"navigation\")")};
    }
    QStringList found;
    const QList<ConsoleView *> views = window.views();
    if (navigation->count() != views.size()) {
        found << QStringLiteral("the navigation pane has %1 entries for %2 views")
                     .arg(navigation->count())
                     .arg(views.size());
    }
    for (int row = 0; row < qMin(navigation->count(), int(views.size())); ++row) {
        const QListWidgetItem *item = navigation->item(row);
        const QModelIndex index = navigation->model()->index(row, 0);
        const int needed = navigation->sizeHintForIndex(index).width();
        const QRect shown = navigation->visualItemRect(item).intersected(navigation->viewport()->rect());
        if (item->text() != views.at(row)->title()) {
            found << QStringLiteral("navigation entry %1 says \"%2\", its view's title is \"%3\"")
                         .arg(row)
                         .arg(item->text(), views.at(row)->title());
        }
        if (navigation->isRowHidden(row) || shown.width() < needed
            || shown.height() < navigation->sizeHintForIndex(index).height()) {
            found << QStringLiteral("navigation entry \"%1\": %2×%3 px shown, it needs %4×%5")
                         .arg(item->text())
                         .arg(shown.width())
                         .arg(shown.height())
                         .arg(needed)
                         .arg(navigation->sizeHintForIndex(index).height());
        }
    }
    return found;
}

// What a view says while it loads: whether it is busy, and whether its data arrived or failed.
class LoadWatch
{
public:
    explicit LoadWatch(ConsoleView *view)
        : m_loaded(view, &ConsoleView::loaded)
        , m_failed(view, &ConsoleView::loadFailed)
    {
        QObject::connect(view, &ConsoleView::busy, &m_context, [this] {
            m_busy = true;
        });
        QObject::connect(view, &ConsoleView::idle, &m_context, [this] {
            m_busy = false;
        });
    }

    // Waits until the view has loaded and is no longer busy: empty, or what went wrong.
    QString wait(const QString &what)
    {
        QDeadlineTimer deadline(kLoadTimeoutMs);
        while ((m_loaded.isEmpty() || m_busy) && m_failed.isEmpty() && !deadline.hasExpired()) {
            QTest::qWait(20);
        }
        if (!m_failed.isEmpty()) {
            return QStringLiteral("%1 failed to load: %2").arg(what, m_failed.first().first().toString());
        }
        if (m_loaded.isEmpty()) {
            return QStringLiteral("%1 never emitted loaded() (waited %2 s)").arg(what).arg(kLoadTimeoutMs / 1000);
        }
        if (m_busy) {
            return QStringLiteral("%1 loaded but stayed busy (waited %2 s)").arg(what).arg(kLoadTimeoutMs / 1000);
        }
        return {};
    }

private:
    QSignalSpy m_loaded;
    QSignalSpy m_failed;
    QObject m_context;
    bool m_busy = false;
};

// Layouts settle in posted events: let them run before looking.
void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}
} // namespace

class TestConsoleScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void everyScreenFits();
    void deviceStatesAreShownAsText();

private:
    // Logs in as the site's admin through the login dialog, as a person would, and opens the
    // main window. Empty, or why not.
    QString openConsole();
    // Shows the view and waits for its data: empty, or why not.
    QString show(ConsoleView *view);
    // Saves `widget` as <name>.png and notes every text in it that does not fit.
    void shoot(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<SiteServer> m_site;
    QString m_reporting; // device ids
    QString m_neverReported;
    QString m_revoked;

    // Per language (init() to cleanup()). Problems are collected and failed on at the end, so
    // that one run lists them all.
    QString m_language;
    QLocale m_previousLocale;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<steward::app::ApiClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_problems;
};

void TestConsoleScreenshots::initTestCase_data()
{
    QTest::addColumn<QString>("language");
    for (const char *language : kLanguages) {
        QTest::newRow(language) << QString::fromLatin1(language);
    }
}

void TestConsoleScreenshots::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Nothing remembered from the person running the test, nor between languages (init()).
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("StewardTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestConsoleScreenshots"));

    m_site = std::make_unique<SiteServer>(steward::test::StewardPrograms{QStringLiteral(STEWARD_SERVER),
                                                                         QStringLiteral(STEWARD_AGENT),
                                                                         QStringLiteral(STEWARDCTL)});
    const steward::Status started = m_site->start(m_dir.filePath(QStringLiteral("site")));
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));

    // A device that reports, one that never did, and one that reported and was revoked.
    const auto enrol = [this](const QString &name, bool report, QString *id) {
        const QString dataDir = m_site->path(name);
        const steward::Result<QString> enrolled = m_site->enrolNewAgent(dataDir);
        QVERIFY2(enrolled, qPrintable(enrolled ? QString() : enrolled.error().message));
        *id = enrolled.value();
        if (report) {
            const Run once = m_site->runAgentOnce(dataDir);
            QVERIFY2(once.exitCode == 0, once.err.constData());
        }
    };
    enrol(QStringLiteral("agent-reporting"), true, &m_reporting);
    enrol(QStringLiteral("agent-never-reported"), false, &m_neverReported);
    enrol(QStringLiteral("agent-revoked"), true, &m_revoked);
    QVERIFY(!m_reporting.isEmpty() && !m_neverReported.isEmpty() && !m_revoked.isEmpty());
    const Run revoked = m_site->ctl({QStringLiteral("device"), QStringLiteral("revoke"), m_revoked});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());

    // Org units, so that the devices view shows its tree; the reporting device in a district.
    const QString district = QStringLiteral("Ministry of Health/Maseru District");
    for (const QStringList &command :
         {QStringList{QStringLiteral("ou"), QStringLiteral("create"), QStringLiteral("Ministry of Health")},
          QStringList{QStringLiteral("ou"), QStringLiteral("create"), district},
          QStringList{QStringLiteral("ou"), QStringLiteral("create"), QStringLiteral("Ministry of Finance")},
          QStringList{QStringLiteral("device"),
                      QStringLiteral("move"),
                      m_reporting,
                      QStringLiteral("--ou"),
                      district}}) {
        const Run run = m_site->ctl(command);
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    // Someone for the Users view besides the admin.
    const QString password = m_site->path(QStringLiteral("helpdesk-password"));
    QVERIFY(steward::test::writePrivateFile(password, QByteArray(kHelpdeskPassword) + '\n'));
    const Run user = m_site->ctl({QStringLiteral("user"),
                                  QStringLiteral("create"),
                                  QStringLiteral("hugo"),
                                  QStringLiteral("--role"),
                                  QStringLiteral("helpdesk"),
                                  QStringLiteral("--password-file"),
                                  password});
    QVERIFY2(user.exitCode == 0, user.err.constData());
}

void TestConsoleScreenshots::init()
{
    QFETCH_GLOBAL(QString, language);
    m_language = language;
    m_problems.clear();
    QSettings().clear();

    m_previousLocale = QLocale();
    QLocale::setDefault(QLocale(language));
    m_translator = std::make_unique<QTranslator>();
    const bool loaded =
        m_translator->load(QLocale(language), QStringLiteral("steward"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    // English is the source language: it has no translation file.
    if (language != QLatin1String("en")) {
        QVERIFY2(loaded,
                 qPrintable(QStringLiteral("no :/i18n/steward_%1.qm in steward-console-widgets").arg(language)));
    }
    if (loaded) {
        QCoreApplication::installTranslator(m_translator.get());
    }
    QVERIFY(QDir().mkpath(screenshotDirectory(language)));
}

void TestConsoleScreenshots::cleanup()
{
    m_window.reset();
    m_client.reset();
    QCoreApplication::removeTranslator(m_translator.get());
    m_translator.reset();
    QLocale::setDefault(m_previousLocale);
}

void TestConsoleScreenshots::cleanupTestCase()
{
    if (m_site) {
        const steward::Status stopped = m_site->stop();
        QVERIFY2(stopped, qPrintable(stopped ? QString() : stopped.error().message));
    }
}

QString TestConsoleScreenshots::openConsole()
{
    m_client = std::make_unique<steward::app::ApiClient>();
    steward::app::LoginDialog dialog(m_client.get());
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog)) {
        return QStringLiteral("the login dialog was never shown");
    }
    const auto fill = [&dialog](const char *name, const QString &text) {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        if (edit) {
            edit->setText(text);
        }
        return edit != nullptr;
    };
    if (!fill("server", QStringLiteral("https://localhost:%1").arg(m_site->apiPort()))
        || !fill("caFile", m_site->caFile()) || !fill("user", QStringLiteral("admin"))
        || !fill("password", QLatin1String(SiteServer::adminPassword))) {
        return QStringLiteral("the login dialog lacks one of the fields server, caFile, user and password");
    }
    shoot(&dialog, QStringLiteral("login"));

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept(); // what its Log in button does
    if (!accepted.wait(kLoadTimeoutMs) && accepted.isEmpty()) {
        return QStringLiteral("the login dialog did not close after Log in: %1")
            .arg(dialog.errorText().isEmpty() ? QStringLiteral("it says nothing") : dialog.errorText());
    }

    m_window = std::make_unique<MainWindow>(m_client.get(), steward::Clock::system());
    m_window->startSession();
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        return QStringLiteral("the main window was never shown");
    }
    if (m_window->size() != QSize(1280, 760)) {
        return QStringLiteral("the main window is %1×%2, not the 1280×760 it opens at")
            .arg(m_window->width())
            .arg(m_window->height());
    }
    return {};
}

QString TestConsoleScreenshots::show(ConsoleView *view)
{
    LoadWatch watch(view);
    if (m_window->currentView() == view) {
        m_window->refresh(); // already shown (the first view): a load may have come and gone
    } else if (!m_window->showView(view->viewId())) {
        return QStringLiteral("showView(\"%1\") refused").arg(view->viewId());
    }
    const QString problem = watch.wait(QStringLiteral("view \"%1\"").arg(view->viewId()));
    if (!problem.isEmpty()) {
        return problem;
    }
    if (m_window->currentView() != view) {
        return QStringLiteral("view \"%1\" is not the current view after showView()").arg(view->viewId());
    }
    if (!m_window->bannerText().isEmpty()) {
        return QStringLiteral("view \"%1\" has a banner: %2").arg(view->viewId(), m_window->bannerText());
    }
    settle();
    return {};
}

void TestConsoleScreenshots::shoot(QWidget *widget, const QString &name)
{
    settle();
    const QString file = screenshotDirectory(m_language) + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!widget->grab().save(file, "PNG")) {
        m_problems << QStringLiteral("%1: could not be saved").arg(file);
    }
    for (const QString &misfit : misfits(widget)) {
        m_problems << QStringLiteral("%1/%2.png: %3").arg(m_language, name, misfit);
    }
}

void TestConsoleScreenshots::everyScreenFits()
{
    const QString opened = openConsole();
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    QVERIFY(!m_window->views().isEmpty());

    for (ConsoleView *view : m_window->views()) {
        // A view that does not load is noted, and shot all the same: what does it show?
        if (const QString shown = show(view); !shown.isEmpty()) {
            m_problems << QStringLiteral("%1/%2.png: %3").arg(m_language, view->viewId(), shown);
        }
        shoot(m_window.get(), view->viewId());
        for (const QString &misfit : navigationMisfits(*m_window)) {
            m_problems << QStringLiteral("%1/%2.png: %3").arg(m_language, view->viewId(), misfit);
        }
    }

    // Every tab of the reporting device, as the help desk opens it from the list.
    auto *devices = qobject_cast<steward::app::DevicesView *>(m_window->view(QStringLiteral("devices")));
    QVERIFY2(devices, "no view \"devices\", or it is not a DevicesView");
    const QString listed = show(devices);
    QVERIFY2(listed.isEmpty(), qPrintable(listed));
    LoadWatch deviceLoad(devices);
    devices->showDevice(m_reporting);
    const QString loaded = deviceLoad.wait(QStringLiteral("the page of device %1").arg(m_reporting));
    QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
    QWidget *page = devices->page();
    QVERIFY(page && page->isVisible());
    auto *tabs = page->findChild<QTabWidget *>();
    QVERIFY2(tabs, "the device page has no QTabWidget");
    int shot = 0;
    for (int i = 0; i < tabs->count(); ++i) {
        if (!tabs->isTabVisible(i)) {
            continue;
        }
        const QString name = tabs->widget(i)->objectName();
        QVERIFY2(!name.isEmpty(), qPrintable(QStringLiteral("tab \"%1\" has no object name").arg(tabs->tabText(i))));
        tabs->setCurrentIndex(i);
        shoot(m_window.get(), QStringLiteral("device-") + name);
        ++shot;
    }
    QVERIFY(shot > 0);
    QVERIFY2(m_window->bannerText().isEmpty(), qPrintable(m_window->bannerText()));

    if (!m_problems.isEmpty()) {
        QFAIL(qPrintable(QStringLiteral("%1 problems a person would see:\n").arg(m_problems.size())
                         + m_problems.join(QLatin1Char('\n'))));
    }
}

void TestConsoleScreenshots::deviceStatesAreShownAsText()
{
    const QString opened = openConsole();
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    auto *devices = qobject_cast<steward::app::DevicesView *>(m_window->view(QStringLiteral("devices")));
    QVERIFY2(devices, "no view \"devices\", or it is not a DevicesView");
    const QString shown = show(devices);
    QVERIFY2(shown.isEmpty(), qPrintable(shown));

    const QTableView *table = devices->table();
    QVERIFY(!table->isColumnHidden(DeviceTableModel::State));
    const QAbstractItemModel *model = table->model();
    const std::map<QString, DeviceTableModel::DeviceState> expected = {
        {m_reporting, DeviceTableModel::DeviceState::Reporting},
        {m_neverReported, DeviceTableModel::DeviceState::NeverReported},
        {m_revoked, DeviceTableModel::DeviceState::Revoked},
    };
    QCOMPARE(model->rowCount(), int(expected.size()));
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex state = model->index(row, DeviceTableModel::State);
        const QString id = state.data(DeviceTableModel::DeviceIdRole).toString();
        QVERIFY2(expected.count(id),
                 qPrintable(QStringLiteral("row %1 is device %2, which was never enrolled").arg(row).arg(id)));
        const QString text = DeviceTableModel::stateText(expected.at(id));
        QCOMPARE(state.data(Qt::DisplayRole).toString(), text);
        // Shown whole: the column is as wide as the cell's text (and icon) needs.
        const int needed = table->sizeHintForIndex(state).width();
        QVERIFY2(table->columnWidth(DeviceTableModel::State) >= needed,
                 qPrintable(QStringLiteral("the state column is %1 px wide, \"%2\" needs %3 px")
                                .arg(table->columnWidth(DeviceTableModel::State))
                                .arg(text)
                                .arg(needed)));
    }
    const QString revoked = DeviceTableModel::stateText(DeviceTableModel::DeviceState::Revoked);
    if (m_language == QLatin1String("fr")) {
        QVERIFY2(revoked != QLatin1String("Revoked"), "\"Revoked\" has no French translation");
    }
}

QTEST_MAIN(TestConsoleScreenshots)
#include "TestConsoleScreenshots.moc"
