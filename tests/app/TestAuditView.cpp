// SPDX-License-Identifier: GPL-3.0-or-later
// The audit log view against the fake admin API's 250 entries: filters go to the server, older
// pages are added until the last (short) one, the search narrows what is loaded, the chain is
// verified, and failures reach the person.
#include "AdminSession.h"
#include "AuditTableModel.h"
#include "AuditView.h"
#include "ManualClock.h"
#include "ViewTable.h"
#include "ViewTesting.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using steward::app::AuditTableModel;
using steward::app::AuditView;
using steward::app::ViewContext;
using steward::app::test::AdminSession;
using steward::app::test::FakeAdminServer;

class TestAuditView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void loadsNewestFirst();
    void loadOlderUntilTheLastPage();
    void filtersAreAskedOfTheServer();
    void timeFilters();
    void noMatchSaysSo();
    void searchNarrowsTheLoadedEntries();
    void refreshKeepsThePagesLoaded();
    void verifyChain();
    void failureIsReportedAndRowsKept();
    void cancelAbortsTheLoad();
    void headerStateIsSavedAndRestored();

private:
    std::unique_ptr<AuditView> makeView();
    // Runs `start` and waits for the load it begins to finish.
    void waitForLoad(AuditView &view, const std::function<void()> &start);
    QPushButton *button(const AuditView &view, const char *name);
    QStringList column(const AuditView &view, int column);

    AdminSession m_session;
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 3), QTime(12, 0), Qt::UTC)};
};

void TestAuditView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestAuditView::init()
{
    QVERIFY(m_session.start());
}

void TestAuditView::cleanup()
{
    m_session.stop();
}

std::unique_ptr<AuditView> TestAuditView::makeView()
{
    auto view = std::make_unique<AuditView>(ViewContext{m_session.client.get(), m_clock});
    view->resize(1100, 600);
    view->show();
    return view;
}

void TestAuditView::waitForLoad(AuditView &view, const std::function<void()> &start)
{
    QCOMPARE(steward::app::test::awaitLoad(view, start), QString());
}

QPushButton *TestAuditView::button(const AuditView &view, const char *name)
{
    return view.findChild<QPushButton *>(QLatin1String(name));
}

QStringList TestAuditView::column(const AuditView &view, int column)
{
    const QAbstractItemModel *model = view.table()->model();
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row) {
        values << model->index(row, column).data().toString();
    }
    values.removeDuplicates();
    return values;
}

void TestAuditView::loadsNewestFirst()
{
    const auto view = makeView();
    QCOMPARE(view->viewId(), QStringLiteral("audit"));
    QVERIFY(!view->table()->isEmptyMessageShown()); // nothing is said before the first load
    QSignalSpy busy(view.get(), &AuditView::busy);
    QSignalSpy idle(view.get(), &AuditView::idle);
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    QCOMPARE(busy.size(), 1);
    QCOMPARE(idle.size(), 1);
    QCOMPARE(view->table()->model()->rowCount(), AuditView::pageSize);
    QCOMPARE(view->table()->model()->index(0, 0).data(AuditTableModel::IdRole).toLongLong(), qint64(250));
    QCOMPARE(view->countText(), QStringLiteral("100 entries shown"));
    const QUrlQuery query = m_session.server->auditQueries.constLast();
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("before")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("actor")));
    QVERIFY(button(*view, "loadOlder")->isEnabled());
}

void TestAuditView::loadOlderUntilTheLastPage()
{
    const auto view = makeView();
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    QPushButton *older = button(*view, "loadOlder");
    waitForLoad(*view, [older] {
        older->click();
    });
    QCOMPARE(m_session.server->auditQueries.constLast().queryItemValue(QStringLiteral("before")),
             QStringLiteral("151"));
    QCOMPARE(view->model()->rowCount(), 200);
    QCOMPARE(view->countText(), QStringLiteral("200 entries shown"));
    QVERIFY(older->isEnabled());

    waitForLoad(*view, [older] {
        older->click();
    });
    QCOMPARE(m_session.server->auditQueries.constLast().queryItemValue(QStringLiteral("before")), QStringLiteral("51"));
    QCOMPARE(view->model()->rowCount(), FakeAdminServer::auditRows);
    QCOMPARE(view->model()->oldestId(), qint64(1));
    // That page came back short: there is nothing older.
    QVERIFY(!older->isEnabled());
    QCOMPARE(view->countText(), QStringLiteral("250 entries shown"));
}

void TestAuditView::filtersAreAskedOfTheServer()
{
    const auto view = makeView();
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    view->findChild<QLineEdit *>(QStringLiteral("actorFilter"))->setText(QStringLiteral("helper"));
    auto *action = view->findChild<QComboBox *>(QStringLiteral("actionFilter"));
    QVERIFY(action->findText(QStringLiteral("Device revoked")) >= 0); // known actions by name
    action->setEditText(QStringLiteral("device.*"));
    auto *outcome = view->findChild<QComboBox *>(QStringLiteral("outcomeFilter"));
    outcome->setCurrentIndex(outcome->findData(QStringLiteral("ok")));
    waitForLoad(*view, [&view] {
        view->findChild<QPushButton *>(QStringLiteral("applyFilters"))->click();
    });

    const QUrlQuery query = m_session.server->auditQueries.constLast();
    QCOMPARE(query.queryItemValue(QStringLiteral("actor")), QStringLiteral("helper"));
    QCOMPARE(query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded), QStringLiteral("device.*"));
    QCOMPARE(query.queryItemValue(QStringLiteral("outcome")), QStringLiteral("ok"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("target")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("from")));
    QCOMPARE(column(*view, AuditTableModel::Actor), QStringList{QStringLiteral("helper")});
    QCOMPARE(column(*view, AuditTableModel::Outcome), QStringList{QStringLiteral("Done")});
    for (const QString &text : column(*view, AuditTableModel::Action)) {
        QVERIFY2(text.startsWith(QLatin1String("Device")), qPrintable(text));
    }
    // 34 of the 250 are helper's device actions, 29 of them done: one short page.
    QCOMPARE(view->model()->rowCount(), 29);
    QVERIFY(!button(*view, "loadOlder")->isEnabled());

    // Older pages keep the filters; a known action chosen by name is sent as its code.
    action->setCurrentIndex(action->findText(QStringLiteral("Devices listed")));
    view->findChild<QLineEdit *>(QStringLiteral("actorFilter"))->clear();
    outcome->setCurrentIndex(0);
    view->findChild<QLineEdit *>(QStringLiteral("targetFilter"))->setText(QStringLiteral("d-0000"));
    waitForLoad(*view, [&view] {
        view->applyFilters();
    });
    const QUrlQuery second = m_session.server->auditQueries.constLast();
    QCOMPARE(second.queryItemValue(QStringLiteral("action")), QStringLiteral("device.list"));
    QCOMPARE(second.queryItemValue(QStringLiteral("target")), QStringLiteral("d-0000"));
    QVERIFY(!second.hasQueryItem(QStringLiteral("actor")));
    QVERIFY(!second.hasQueryItem(QStringLiteral("outcome")));
    QCOMPARE(view->appliedFilters().action, QStringLiteral("device.list"));

    waitForLoad(*view, [&view] {
        view->findChild<QPushButton *>(QStringLiteral("clearFilters"))->click();
    });
    QCOMPARE(m_session.server->auditQueries.constLast().queryItems().size(), 1); // limit alone
    QCOMPARE(view->model()->rowCount(), AuditView::pageSize);
}

void TestAuditView::timeFilters()
{
    const auto view = makeView();
    auto *from = view->findChild<QDateTimeEdit *>(QStringLiteral("fromTime"));
    auto *to = view->findChild<QDateTimeEdit *>(QStringLiteral("toTime"));
    QVERIFY(!from->isEnabled());
    view->findChild<QCheckBox *>(QStringLiteral("fromEnabled"))->setChecked(true);
    view->findChild<QCheckBox *>(QStringLiteral("toEnabled"))->setChecked(true);
    QVERIFY(from->isEnabled());
    from->setDateTime(QDateTime(QDate(2024, 5, 2), QTime(10, 0), Qt::UTC).toLocalTime());
    to->setDateTime(QDateTime(QDate(2024, 5, 2), QTime(12, 0), Qt::UTC).toLocalTime());
    waitForLoad(*view, [&view] {
        view->applyFilters();
    });
    const QUrlQuery query = m_session.server->auditQueries.constLast();
    QCOMPARE(query.queryItemValue(QStringLiteral("from")), QStringLiteral("2024-05-02T10:00:00Z"));
    QCOMPARE(query.queryItemValue(QStringLiteral("to")), QStringLiteral("2024-05-02T12:00:59Z"));
    // One entry every ten minutes, both ends included.
    QCOMPARE(view->model()->rowCount(), 13);

    // A range that cannot match is not sent.
    QSignalSpy messages(view.get(), &AuditView::message);
    const qsizetype asked = m_session.server->auditQueries.size();
    from->setDateTime(to->dateTime().addSecs(3600));
    view->applyFilters();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(m_session.server->auditQueries.size(), asked);
}

void TestAuditView::noMatchSaysSo()
{
    const auto view = makeView();
    view->findChild<QLineEdit *>(QStringLiteral("actorFilter"))->setText(QStringLiteral("nobody"));
    waitForLoad(*view, [&view] {
        view->applyFilters();
    });
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(view->table()->isEmptyMessageShown());
    QCOMPARE(view->table()->emptyMessage(), QStringLiteral("No audit entries match these filters."));
    QCOMPARE(view->countText(), QStringLiteral("0 entries shown"));
    QVERIFY(!button(*view, "loadOlder")->isEnabled());
}

void TestAuditView::searchNarrowsTheLoadedEntries()
{
    const auto view = makeView();
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    const qsizetype asked = m_session.server->auditQueries.size();
    view->setSearchText(QStringLiteral("user-2")); // targets user-2xx among ids 151..250
    QCOMPARE(m_session.server->auditQueries.size(), asked); // client-side only
    const int shown = view->table()->model()->rowCount();
    QVERIFY(shown > 0 && shown < AuditView::pageSize);
    QCOMPARE(view->countText(), QStringLiteral("%1 of 100 loaded entries shown").arg(shown));
    for (const QString &target : column(*view, AuditTableModel::Target)) {
        QVERIFY2(target.startsWith(QLatin1String("user-2")), qPrintable(target));
    }
    view->setSearchText(QStringLiteral("no such thing"));
    QVERIFY(view->table()->isEmptyMessageShown());
    QCOMPARE(view->table()->emptyMessage(), QStringLiteral("No entry shown contains “no such thing”."));
    view->setSearchText(QString());
    QCOMPARE(view->table()->model()->rowCount(), AuditView::pageSize);
}

void TestAuditView::refreshKeepsThePagesLoaded()
{
    const auto view = makeView();
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    waitForLoad(*view, [&view] {
        view->loadOlder();
    });
    QCOMPARE(view->model()->rowCount(), 200);
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    const QUrlQuery query = m_session.server->auditQueries.constLast();
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("200"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("before")));
    QCOMPARE(view->model()->rowCount(), 200);
    QVERIFY(button(*view, "loadOlder")->isEnabled());
}

void TestAuditView::verifyChain()
{
    const auto view = makeView();
    QSignalSpy messages(view.get(), &AuditView::message);
    button(*view, "verifyChain")->click();
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(view->verificationText(), QStringLiteral("Chain intact: 57 entries checked."));
    QCOMPARE(messages.constFirst().constFirst().toString(), view->verificationText());
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("verifyResult"))->toolTip().contains(QLatin1String("5e1d0c7a")));

    // Broken: the first broken entry is named, and shown when it is loaded.
    m_session.server->setAuditBroken(true);
    view->findChild<QComboBox *>(QStringLiteral("actionFilter"))->setEditText(QStringLiteral("device.list"));
    view->findChild<QLineEdit *>(QStringLiteral("targetFilter"))->setText(QStringLiteral("d-0002"));
    waitForLoad(*view, [&view] {
        view->applyFilters();
    });
    QCOMPARE(view->model()->rowCount(), 13); // ids 242, 222 … 42, 22, 2
    view->verifyChain();
    QTRY_COMPARE(messages.size(), 2);
    QCOMPARE(view->verificationText(), QStringLiteral("Chain broken at entry 42: row 42 does not match its hash"));
    const QModelIndexList selected = view->table()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().data(AuditTableModel::IdRole).toLongLong(), qint64(42));
}

void TestAuditView::failureIsReportedAndRowsKept()
{
    const auto view = makeView();
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    m_session.server->setUnavailable(true);
    QSignalSpy failed(view.get(), &AuditView::loadFailed);
    QSignalSpy idle(view.get(), &AuditView::idle);
    view->loadOlder();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.constFirst().constFirst().toString().contains(QLatin1String("database is unavailable")),
             qPrintable(failed.constFirst().constFirst().toString()));
    QCOMPARE(idle.size(), 1);
    QCOMPARE(view->model()->rowCount(), AuditView::pageSize);
    QVERIFY(button(*view, "loadOlder")->isEnabled()); // may be tried again

    // A failed new query keeps the entries, and the filters they were loaded with.
    view->findChild<QLineEdit *>(QStringLiteral("actorFilter"))->setText(QStringLiteral("agent"));
    view->applyFilters();
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(view->model()->rowCount(), AuditView::pageSize);
    QVERIFY(view->appliedFilters().actor.isEmpty());

    QSignalSpy messages(view.get(), &AuditView::message);
    view->verifyChain();
    QTRY_COMPARE(messages.size(), 1);
    QVERIFY(view->verificationText().startsWith(QLatin1String("Could not verify the chain: ")));
}

void TestAuditView::cancelAbortsTheLoad()
{
    const auto view = makeView();
    QSignalSpy loaded(view.get(), &AuditView::loaded);
    QSignalSpy idle(view.get(), &AuditView::idle);
    view->refresh();
    view->cancel();
    QCOMPARE(idle.size(), 1);
    QTest::qWait(300);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(view->model()->rowCount(), 0);
    waitForLoad(*view, [&view] {
        view->refresh();
    });
    QCOMPARE(view->model()->rowCount(), AuditView::pageSize);
}

void TestAuditView::headerStateIsSavedAndRestored()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    {
        const auto view = makeView();
        QHeaderView *header = view->table()->horizontalHeader();
        header->moveSection(header->visualIndex(AuditTableModel::Outcome), 0);
        settings.beginGroup(QStringLiteral("audit"));
        view->saveState(settings);
        settings.endGroup();
    }
    const auto view = makeView();
    settings.beginGroup(QStringLiteral("audit"));
    view->restoreState(settings);
    settings.endGroup();
    QHeaderView *header = view->table()->horizontalHeader();
    QCOMPARE(header->visualIndex(AuditTableModel::Outcome), 0);
    view->resetState();
    QCOMPARE(header->visualIndex(AuditTableModel::Outcome), int(AuditTableModel::Outcome));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestAuditView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAuditView.moc"
