// SPDX-License-Identifier: GPL-3.0-or-later
// The People view as an administrator uses it against the fake admin API: users created,
// disabled, enabled and given new passwords; API tokens created (the secret shown once) and
// revoked; every refusal of the server shown to the person.
#include "AdminSession.h"
#include "ApiTokenDialogs.h"
#include "ApiTokenTableModel.h"
#include "ManualClock.h"
#include "UserDialogs.h"
#include "UserTableModel.h"
#include "UsersView.h"
#include "ViewTable.h"
#include "ViewTesting.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using steward::app::ApiTokenSecretDialog;
using steward::app::ApiTokenTableModel;
using steward::app::FormDialog;
using steward::app::NewApiTokenDialog;
using steward::app::NewUserDialog;
using steward::app::ResetPasswordDialog;
using steward::app::UsersView;
using steward::app::UserTableModel;
using steward::app::ViewContext;
using steward::app::test::AdminSession;
using steward::app::test::FakeAdminServer;
using steward::app::test::openDialog;

namespace
{
QMessageBox *openConfirmation(const QWidget &view)
{
    return openDialog<QMessageBox>(view);
}

void clickOk(QDialog *dialog)
{
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
}

void setText(QWidget *dialog, const char *name, const QString &text)
{
    auto *field = dialog->findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(field, name);
    field->setText(text);
}

QString cell(const UsersView &view, const QString &user, int column)
{
    const UserTableModel *model = view.userModel();
    return model->index(model->rowOfUser(user), column).data().toString();
}
} // namespace

class TestUsersView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsUsersAndTokens();
    void nothingSaysEmptyBeforeTheFirstLoad();
    void createUser();
    void disableAndEnableUser();
    void confirmationCanBeDeclined();
    void cannotDisableYourself();
    void keyboard();
    void resetPassword();
    void createTokenShowsSecretOnce();
    void revokeToken();
    void revokeRefusedIsReported();
    void tokensOfTheSelectedUser();
    void searchFiltersByNameAndSaysWhenNothingMatches();
    void helpdeskIsRefused();
    void cancelAbortsTheLoad();
    void headerStateIsSavedAndRestored();

private:
    std::unique_ptr<UsersView> makeView();
    void load(UsersView &view);

    AdminSession m_session;
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
};

void TestUsersView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestUsersView::init()
{
    QVERIFY(m_session.start());
}

void TestUsersView::cleanup()
{
    m_session.stop();
}

std::unique_ptr<UsersView> TestUsersView::makeView()
{
    auto view = std::make_unique<UsersView>(ViewContext{m_session.client.get(), m_clock});
    view->resize(900, 600);
    view->show();
    return view;
}

void TestUsersView::load(UsersView &view)
{
    QCOMPARE(steward::app::test::awaitLoad(view,
                                           [&view] {
                                               view.refresh();
                                           }),
             QString());
}

void TestUsersView::listsUsersAndTokens()
{
    const auto view = makeView();
    QCOMPARE(view->viewId(), QStringLiteral("users"));
    QVERIFY(!view->title().isEmpty());
    QVERIFY(!view->searchPlaceholder().isEmpty());
    QSignalSpy busy(view.get(), &UsersView::busy);
    QSignalSpy idle(view.get(), &UsersView::idle);
    QSignalSpy loaded(view.get(), &UsersView::loaded);
    view->refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.constFirst().constFirst().toDateTime(), m_clock.now());
    QCOMPARE(busy.size(), 1);
    QCOMPARE(idle.size(), 1);
    QVERIFY(m_session.server->requests.contains(QStringLiteral("GET /api/v1/users")));
    QVERIFY(m_session.server->requests.contains(QStringLiteral("GET /api/v1/api-tokens")));

    QCOMPARE(view->userTable()->model()->rowCount(), 2);
    QCOMPARE(cell(*view, QStringLiteral("helper"), UserTableModel::AccessRole), QStringLiteral("Help desk"));
    QCOMPARE(cell(*view, QStringLiteral("helper"), UserTableModel::State), QStringLiteral("Enabled"));
    QCOMPARE(cell(*view, QStringLiteral("admin"), UserTableModel::PasswordChanged), QStringLiteral("never"));
    QVERIFY(!view->userTable()->isEmptyMessageShown());

    QCOMPARE(view->tokenTable()->model()->rowCount(), 2);
    const ApiTokenTableModel *tokens = view->tokenModel();
    const int old = tokens->rowOfToken(QStringLiteral("t-0000"));
    QCOMPARE(tokens->index(old, ApiTokenTableModel::Status).data().toString(), QStringLiteral("Expired"));
    QCOMPARE(tokens->index(old, ApiTokenTableModel::LastUsed).data().toString(), QStringLiteral("never"));
    QVERIFY(!view->tokenTable()->isEmptyMessageShown());
}

void TestUsersView::nothingSaysEmptyBeforeTheFirstLoad()
{
    const auto view = makeView();
    QVERIFY(!view->userTable()->isEmptyMessageShown());
    QVERIFY(!view->tokenTable()->isEmptyMessageShown());
    // Nothing selected: nothing to act on but creating.
    QVERIFY(view->findChild<QAction *>(QStringLiteral("newUser"))->isEnabled());
    QVERIFY(!view->findChild<QAction *>(QStringLiteral("disableUser"))->isEnabled());
    QVERIFY(!view->findChild<QAction *>(QStringLiteral("resetPassword"))->isEnabled());
    QVERIFY(!view->findChild<QAction *>(QStringLiteral("revokeApiToken"))->isEnabled());
}

void TestUsersView::createUser()
{
    const auto view = makeView();
    load(*view);
    QSignalSpy messages(view.get(), &UsersView::message);
    view->findChild<QAction *>(QStringLiteral("newUser"))->trigger();
    QPointer<NewUserDialog> dialog = openDialog<NewUserDialog>(*view);
    QVERIFY(dialog);

    // Checked here: nothing is sent.
    const qsizetype requestsBefore = m_session.server->requests.size();
    setText(dialog, "name", QStringLiteral("maria"));
    setText(dialog, "password", QStringLiteral("correct horse battery"));
    setText(dialog, "repeatPassword", QStringLiteral("correct horse battery staple"));
    clickOk(dialog);
    QCOMPARE(dialog->errorText(), QStringLiteral("The two passwords differ: type the same one twice."));
    setText(dialog, "name", QStringLiteral("-maria"));
    setText(dialog, "repeatPassword", QStringLiteral("correct horse battery"));
    clickOk(dialog);
    QVERIFY(dialog->errorText().startsWith(QLatin1String("A user name starts with")));
    QCOMPARE(m_session.server->requests.size(), requestsBefore);

    // The server's password rules, in its own words.
    setText(dialog, "name", QStringLiteral("maria"));
    setText(dialog, "password", QStringLiteral("short"));
    setText(dialog, "repeatPassword", QStringLiteral("short"));
    clickOk(dialog);
    QVERIFY(dialog->isBusy());
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY2(dialog->errorText().startsWith(
                 QLatin1String("The password is too weak: a password needs at least 12 characters")),
             qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());

    // A name already taken.
    setText(dialog, "name", QStringLiteral("helper"));
    setText(dialog, "password", QStringLiteral("correct horse battery"));
    setText(dialog, "repeatPassword", QStringLiteral("correct horse battery"));
    clickOk(dialog);
    QTRY_COMPARE(dialog->errorText(), QStringLiteral("A user with this name already exists."));
    QVERIFY(dialog->isVisible());

    setText(dialog, "name", QStringLiteral("maria"));
    auto *role = dialog->findChild<QComboBox *>(QStringLiteral("role"));
    role->setCurrentIndex(role->findData(QStringLiteral("admin")));
    clickOk(dialog);
    QTRY_VERIFY(!dialog || !dialog->isVisible()); // closed, and deleted
    QTRY_COMPARE(view->userModel()->rowCount(), 3);
    QCOMPARE(messages.constFirst().constFirst().toString(), QStringLiteral("User maria created."));
    QTRY_COMPARE(view->selectedUser(), QStringLiteral("maria"));
    QCOMPARE(cell(*view, QStringLiteral("maria"), UserTableModel::AccessRole), QStringLiteral("Administrator"));
    const QJsonObject body =
        QJsonDocument::fromJson(
            m_session.server->bodies.at(m_session.server->requests.lastIndexOf(QStringLiteral("POST /api/v1/users"))))
            .object();
    QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("maria"));
    QCOMPARE(body.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(body.value(QStringLiteral("password")).toString(), QStringLiteral("correct horse battery"));
}

void TestUsersView::disableAndEnableUser()
{
    const auto view = makeView();
    load(*view);
    QSignalSpy messages(view.get(), &UsersView::message);
    auto *disable = view->findChild<QAction *>(QStringLiteral("disableUser"));
    auto *enable = view->findChild<QAction *>(QStringLiteral("enableUser"));
    view->selectUser(QStringLiteral("helper"));
    QVERIFY(disable->isEnabled());
    QVERIFY(disable->isVisible());
    QVERIFY(!enable->isVisible());

    disable->trigger();
    QMessageBox *box = openConfirmation(*view);
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QLatin1String("sessions end at once")));
    QVERIFY(box->informativeText().contains(QLatin1String("API tokens stop working")));
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(),
             QStringLiteral("helper is disabled: their sessions and API tokens stopped working."));
    QVERIFY(m_session.server->requests.contains(QStringLiteral("POST /api/v1/users/helper/disable")));
    QCOMPARE(cell(*view, QStringLiteral("helper"), UserTableModel::State), QStringLiteral("Disabled"));
    // Updated in place: still selected, and now it can be enabled.
    QCOMPARE(view->selectedUser(), QStringLiteral("helper"));
    QVERIFY(!disable->isVisible());
    QVERIFY(enable->isVisible());
    QVERIFY(enable->isEnabled());

    enable->trigger();
    box = openConfirmation(*view);
    QVERIFY(box);
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QTRY_COMPARE(messages.size(), 2);
    QCOMPARE(messages.constLast().constFirst().toString(), QStringLiteral("helper is enabled again."));
    QCOMPARE(cell(*view, QStringLiteral("helper"), UserTableModel::State), QStringLiteral("Enabled"));
}

void TestUsersView::confirmationCanBeDeclined()
{
    const auto view = makeView();
    load(*view);
    view->selectUser(QStringLiteral("helper"));
    view->disableSelectedUser();
    QMessageBox *box = openConfirmation(*view);
    QVERIFY(box);
    // Cancel is the default: Enter does not disable anyone.
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(100);
    QVERIFY(!m_session.server->requests.contains(QStringLiteral("POST /api/v1/users/helper/disable")));
    QCOMPARE(cell(*view, QStringLiteral("helper"), UserTableModel::State), QStringLiteral("Enabled"));
}

void TestUsersView::cannotDisableYourself()
{
    const auto view = makeView();
    load(*view);
    view->selectUser(QStringLiteral("admin"));
    QVERIFY(!view->findChild<QAction *>(QStringLiteral("disableUser"))->isEnabled());

    // Should it be asked anyway, the server's refusal reaches the person.
    QSignalSpy messages(view.get(), &UsersView::message);
    view->disableSelectedUser();
    openConfirmation(*view)->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(),
             QStringLiteral("Could not disable admin: You cannot disable yourself."));
    QCOMPARE(cell(*view, QStringLiteral("admin"), UserTableModel::State), QStringLiteral("Enabled"));
}

void TestUsersView::keyboard()
{
    const auto view = makeView();
    load(*view);
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view.get()));

    // Delete on a user asks to disable them; on a token, to revoke it.
    view->selectUser(QStringLiteral("helper"));
    view->userTable()->setFocus();
    QTest::keyClick(view->userTable(), Qt::Key_Delete);
    QMessageBox *box = openConfirmation(*view);
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Disable helper?"));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!openConfirmation(*view));

    view->selectToken(QLatin1String(FakeAdminServer::apiTokenId));
    view->tokenTable()->setFocus();
    QTest::keyClick(view->tokenTable(), Qt::Key_Delete);
    box = openConfirmation(*view);
    QVERIFY(box);
    QVERIFY(box->text().startsWith(QLatin1String("Revoke the API token")));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!openConfirmation(*view));

    // Ctrl+N anywhere in the view: a new user.
    QTest::keySequence(view->tokenTable(), QKeySequence::New);
    QVERIFY(openDialog<NewUserDialog>(*view));
}

void TestUsersView::resetPassword()
{
    const auto view = makeView();
    load(*view);
    QSignalSpy messages(view.get(), &UsersView::message);
    view->selectUser(QStringLiteral("helper"));
    view->findChild<QAction *>(QStringLiteral("resetPassword"))->trigger();
    QPointer<ResetPasswordDialog> dialog = openDialog<ResetPasswordDialog>(*view);
    QVERIFY(dialog);
    QCOMPARE(dialog->user(), QStringLiteral("helper"));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("intro"))->text().contains(QLatin1String("login sessions")));

    setText(dialog, "password", QStringLiteral("tooshort"));
    setText(dialog, "repeatPassword", QStringLiteral("tooshort"));
    clickOk(dialog);
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().startsWith(
                 QLatin1String("The password is too weak: a password needs at least 12 characters")),
             qPrintable(dialog->errorText()));

    setText(dialog, "password", QStringLiteral("a much longer passphrase"));
    setText(dialog, "repeatPassword", QStringLiteral("a much longer passphrase"));
    clickOk(dialog);
    QTRY_VERIFY(!dialog || !dialog->isVisible()); // closed, and deleted
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(),
             QStringLiteral("Password of helper reset; their sessions have ended."));
    const qsizetype reset =
        m_session.server->requests.lastIndexOf(QStringLiteral("POST /api/v1/users/helper/password"));
    QVERIFY(reset >= 0);
    QCOMPARE(QJsonDocument::fromJson(m_session.server->bodies.at(reset))
                 .object()
                 .value(QStringLiteral("password"))
                 .toString(),
             QStringLiteral("a much longer passphrase"));
}

void TestUsersView::createTokenShowsSecretOnce()
{
    const auto view = makeView();
    load(*view);
    view->findChild<QAction *>(QStringLiteral("newApiToken"))->trigger();
    QPointer<NewApiTokenDialog> dialog = openDialog<NewApiTokenDialog>(*view);
    QVERIFY(dialog);
    clickOk(dialog);
    QCOMPARE(dialog->errorText(), QStringLiteral("Enter what the token is for."));

    setText(dialog, "tokenName", QStringLiteral("weekly report"));
    dialog->findChild<QSpinBox *>(QStringLiteral("lifetimeDays"))->setValue(30);
    auto *role = dialog->findChild<QComboBox *>(QStringLiteral("role"));
    QCOMPARE(role->currentData().toString(), QStringLiteral("helpdesk")); // the least by default
    clickOk(dialog);
    QTRY_VERIFY(!dialog || !dialog->isVisible()); // closed, and deleted

    ApiTokenSecretDialog *secretDialog = nullptr;
    QTRY_VERIFY((secretDialog = openDialog<ApiTokenSecretDialog>(*view)));
    auto *secret = secretDialog->findChild<QLineEdit *>(QStringLiteral("secret"));
    QCOMPARE(secret->text(), QLatin1String(FakeAdminServer::createdApiToken));
    QVERIFY(secret->isReadOnly());
    QVERIFY(secretDialog->findChild<QLabel *>(QStringLiteral("warning"))
                ->text()
                .contains(QLatin1String("it will not be shown again")));
    QApplication::clipboard()->clear();
    secretDialog->findChild<QPushButton *>(QStringLiteral("copySecret"))->click();
    QCOMPARE(QApplication::clipboard()->text(), QLatin1String(FakeAdminServer::createdApiToken));
    secretDialog->reject();
    QVERIFY(secret->text().isEmpty()); // forgotten once closed

    const qsizetype create = m_session.server->requests.lastIndexOf(QStringLiteral("POST /api/v1/api-tokens"));
    const QJsonObject body = QJsonDocument::fromJson(m_session.server->bodies.at(create)).object();
    QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("weekly report"));
    QCOMPARE(body.value(QStringLiteral("ttlSeconds")).toInteger(), 30LL * 24 * 3600);
    QCOMPARE(body.value(QStringLiteral("role")).toString(), QStringLiteral("helpdesk"));
    // The list is read again; the secret is never in it.
    QTRY_COMPARE(m_session.server->requests.count(QStringLiteral("GET /api/v1/api-tokens")), 2);
}

void TestUsersView::revokeToken()
{
    const auto view = makeView();
    load(*view);
    QSignalSpy messages(view.get(), &UsersView::message);
    auto *revoke = view->findChild<QAction *>(QStringLiteral("revokeApiToken"));
    view->selectToken(QLatin1String(FakeAdminServer::apiTokenId));
    QVERIFY(revoke->isEnabled());
    revoke->trigger();
    QMessageBox *box = openConfirmation(*view);
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Revoke the API token “nightly inventory export” of admin?"));
    box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(),
             QStringLiteral("API token “nightly inventory export” revoked."));
    QVERIFY(m_session.server->requests.contains(QStringLiteral("POST /api/v1/api-tokens/t-0001/revoke")));

    const ApiTokenTableModel *tokens = view->tokenModel();
    QTRY_COMPARE(
        tokens->index(tokens->rowOfToken(QLatin1String(FakeAdminServer::apiTokenId)), ApiTokenTableModel::Status)
            .data()
            .toString(),
        QStringLiteral("Revoked"));
    QCOMPARE(view->selectedTokenId(), QLatin1String(FakeAdminServer::apiTokenId));
    QVERIFY(!revoke->isEnabled());
}

void TestUsersView::revokeRefusedIsReported()
{
    const auto view = makeView();
    load(*view);
    QSignalSpy messages(view.get(), &UsersView::message);
    view->selectToken(QStringLiteral("t-0000")); // the fake server knows no such token
    view->revokeSelectedToken();
    openConfirmation(*view)->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().constFirst().toString(),
             QStringLiteral("Could not revoke the API token “old script”: There is no such API token (any more)."));
}

void TestUsersView::tokensOfTheSelectedUser()
{
    const auto view = makeView();
    load(*view);
    auto *onlySelected = view->findChild<QCheckBox *>(QStringLiteral("tokensOfSelectedUser"));
    QVERIFY(onlySelected);
    QCOMPARE(view->tokenTable()->model()->rowCount(), 2);
    view->selectUser(QStringLiteral("helper"));
    onlySelected->setChecked(true);
    QCOMPARE(view->tokenTable()->model()->rowCount(), 1);
    QCOMPARE(view->tokenTable()->model()->index(0, ApiTokenTableModel::Owner).data().toString(),
             QStringLiteral("helper"));
    view->selectUser(QStringLiteral("admin"));
    QCOMPARE(view->tokenTable()->model()->index(0, ApiTokenTableModel::Owner).data().toString(),
             QStringLiteral("admin"));
    onlySelected->setChecked(false);
    QCOMPARE(view->tokenTable()->model()->rowCount(), 2);
}

void TestUsersView::searchFiltersByNameAndSaysWhenNothingMatches()
{
    const auto view = makeView();
    load(*view);
    view->setSearchText(QStringLiteral("HELP"));
    QCOMPARE(view->userTable()->model()->rowCount(), 1);
    QCOMPARE(view->userTable()->model()->index(0, UserTableModel::Name).data().toString(), QStringLiteral("helper"));
    QVERIFY(!view->userTable()->isEmptyMessageShown());
    view->setSearchText(QStringLiteral("zz"));
    QCOMPARE(view->userTable()->model()->rowCount(), 0);
    QVERIFY(view->userTable()->isEmptyMessageShown());
    QCOMPARE(view->userTable()->emptyMessage(), QStringLiteral("No user's name contains “zz”."));
    view->setSearchText(QString());
    QCOMPARE(view->userTable()->model()->rowCount(), 2);
    QVERIFY(!view->userTable()->isEmptyMessageShown());
}

void TestUsersView::helpdeskIsRefused()
{
    QVERIFY(m_session.start(FakeAdminServer::helpdeskUser, FakeAdminServer::helpdeskPassword));
    const auto view = makeView();
    QSignalSpy loaded(view.get(), &UsersView::loaded);
    QSignalSpy failed(view.get(), &UsersView::loadFailed);
    QSignalSpy idle(view.get(), &UsersView::idle);
    view->refresh();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.constFirst().constFirst().toString().startsWith(
        QLatin1String("The server refused: your role (helpdesk) may not do this (users.manage)")));
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(idle.size(), 1);
    QCOMPARE(view->userModel()->rowCount(), 0);
}

void TestUsersView::cancelAbortsTheLoad()
{
    const auto view = makeView();
    QSignalSpy loaded(view.get(), &UsersView::loaded);
    QSignalSpy failed(view.get(), &UsersView::loadFailed);
    QSignalSpy idle(view.get(), &UsersView::idle);
    view->refresh();
    view->cancel();
    QCOMPARE(idle.size(), 1);
    QTest::qWait(300);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(view->userModel()->rowCount(), 0);
    // A later refresh works again.
    load(*view);
    QCOMPARE(view->userModel()->rowCount(), 2);
}

void TestUsersView::headerStateIsSavedAndRestored()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    {
        const auto view = makeView();
        load(*view);
        QHeaderView *header = view->userTable()->horizontalHeader();
        header->moveSection(header->visualIndex(UserTableModel::State), 0);
        header->resizeSection(UserTableModel::Name, 222);
        settings.beginGroup(QStringLiteral("users"));
        view->saveState(settings);
        settings.endGroup();
    }
    const auto view = makeView();
    settings.beginGroup(QStringLiteral("users"));
    view->restoreState(settings);
    settings.endGroup();
    QHeaderView *header = view->userTable()->horizontalHeader();
    QCOMPARE(header->visualIndex(UserTableModel::State), 0);
    QCOMPARE(header->sectionSize(UserTableModel::Name), 222);

    view->resetState();
    QCOMPARE(header->visualIndex(UserTableModel::State), int(UserTableModel::State));
    QCOMPARE(header->sortIndicatorSection(), int(UserTableModel::Name));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestUsersView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestUsersView.moc"
