// SPDX-License-Identifier: GPL-3.0-or-later
// The console's life across logins: cancelling the first login starts nothing; cancelling a
// later one (after the session ended) keeps the window, logged out, saying why.
#include "AdminSession.h"
#include "ConsoleApp.h"
#include "ConsoleView.h"
#include "LoginDialog.h"
#include "MainWindow.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using steward::app::ConsoleApp;
using steward::app::LoginDialog;
using steward::app::MainWindow;
using steward::app::test::AdminSession;
using steward::app::test::FakeAdminServer;

namespace
{
// Answers the next login dialog once it is open (it runs its own modal loop): `answer` gets
// the dialog and accepts or rejects it.
void answerNextLogin(std::function<void(LoginDialog *)> answer)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        if (auto *dialog = qobject_cast<LoginDialog *>(QApplication::activeModalWidget())) {
            poll->deleteLater();
            answer(dialog);
        }
    });
    poll->start();
}

void logIn(LoginDialog *dialog)
{
    dialog->findChild<QLineEdit *>(QStringLiteral("password"))->setText(QString::fromLatin1(FakeAdminServer::password));
    dialog->accept(); // closes once the server accepted
}
} // namespace

class TestConsoleApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cancellingTheFirstLoginStartsNothing();
    void cancellingALaterLoginKeepsTheWindow();

private:
    AdminSession m_session;
};

void TestConsoleApp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StewardTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestConsoleApp"));
}

void TestConsoleApp::init()
{
    QVERIFY(m_session.start());
    // What a previous login remembered: the dialog only wants the password.
    QSettings settings;
    settings.clear();
    settings.setValue(QStringLiteral("connection/server"), m_session.server->url().toString());
    settings.setValue(QStringLiteral("connection/caFile"), m_session.caFile());
    settings.setValue(QStringLiteral("connection/user"), QString::fromLatin1(FakeAdminServer::user));
}

void TestConsoleApp::cancellingTheFirstLoginStartsNothing()
{
    ConsoleApp console;
    answerNextLogin([](LoginDialog *dialog) {
        dialog->reject();
    });
    QVERIFY(!console.start());
    QVERIFY(!console.window());
}

void TestConsoleApp::cancellingALaterLoginKeepsTheWindow()
{
    ConsoleApp console;
    answerNextLogin(logIn);
    QVERIFY(console.start());
    MainWindow *window = console.window();
    QVERIFY(window && window->isVisible());
    QVERIFY(!window->views().isEmpty());

    // The session ends on the server; the next refresh finds out and asks to log in again.
    m_session.server->dropSessions();
    QString reasonShown;
    bool answered = false;
    answerNextLogin([&](LoginDialog *dialog) {
        reasonShown = dialog->reasonText();
        answered = true;
        dialog->reject();
    });
    window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QVERIFY(!reasonShown.isEmpty());
    // Cancelled: the window stays, logged out, saying why, with a way back in.
    QVERIFY(window->isVisible());
    QVERIFY(window->views().isEmpty());
    QCOMPARE(window->bannerText(), reasonShown);

    answerNextLogin(logIn);
    window->findChild<QPushButton *>(QStringLiteral("bannerAction"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window->views().isEmpty(), 10000);
    QCOMPARE(window->bannerText(), QString());
}

int main(int argc, char **argv)
{
    // Widget tests run headless everywhere, CI included.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestConsoleApp test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestConsoleApp.moc"
