// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiClient.h"
#include "FakeAdminServer.h"
#include "LoginDialog.h"
#include "TestSite.h"
#include "TlsConfig.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using steward::app::ApiClient;
using steward::app::LoginDialog;
using steward::app::test::FakeAdminServer;
using steward::test::TestSite;

class TestLoginDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void validation_data();
    void validation();
    void unreachableServerShowsError();
    void successfulLoginRemembersAllButPassword();
    void reasonForLoggingInAgainIsShown();

private:
    void fill(LoginDialog &dialog,
              const QString &server,
              const QString &caFile,
              const QString &user,
              const QString &password);
    void clickLogin(LoginDialog &dialog);

    QTemporaryDir m_dir;
    TestSite m_site;
    QString m_caFile; // the site CA, as the console and stewardctl are given it
};

void TestLoginDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StewardTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestLoginDialog"));
    QVERIFY(m_dir.isValid());
    m_caFile = m_site.writeCaFiles(m_dir.path());
    QVERIFY(!m_caFile.isEmpty());
}

void TestLoginDialog::init()
{
    QSettings().clear();
}

void TestLoginDialog::fill(LoginDialog &dialog,
                           const QString &server,
                           const QString &caFile,
                           const QString &user,
                           const QString &password)
{
    dialog.findChild<QLineEdit *>(QStringLiteral("server"))->setText(server);
    dialog.findChild<QLineEdit *>(QStringLiteral("caFile"))->setText(caFile);
    dialog.findChild<QLineEdit *>(QStringLiteral("user"))->setText(user);
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(password);
}

void TestLoginDialog::clickLogin(LoginDialog &dialog)
{
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void TestLoginDialog::validation_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("caExists");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("error");

    const QString server = QStringLiteral("https://127.0.0.1:8731");
    const QString user = QStringLiteral("admin");
    const QString password = QStringLiteral("secret");
    QTest::newRow("all empty") << QString() << false << QString() << QString()
                               << QStringLiteral("Enter the server address.");
    QTest::newRow("no server") << QString() << true << user << password << QStringLiteral("Enter the server address.");
    QTest::newRow("http server") << QStringLiteral("http://127.0.0.1") << true << user << password
                                 << QStringLiteral("The server address must look like https://server:8731.");
    QTest::newRow("no CA") << server << false << user << password
                           << QStringLiteral("Choose the site CA certificate (ca.pem).");
    QTest::newRow("no user") << server << true << QStringLiteral("  ") << password
                             << QStringLiteral("Enter your user name.");
    QTest::newRow("no password") << server << true << user << QString() << QStringLiteral("Enter your password.");
}

void TestLoginDialog::validation()
{
    QFETCH(QString, server);
    QFETCH(bool, caExists);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, error);

    ApiClient client;
    LoginDialog dialog(&client);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    fill(dialog, server, caExists ? m_caFile : QString(), user, password);
    clickLogin(dialog);

    QCOMPARE(dialog.validationError(), error);
    QCOMPARE(dialog.errorText(), error);
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!client.isConfigured()); // nothing was sent anywhere
}

void TestLoginDialog::unreachableServerShowsError()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    ApiClient client;
    LoginDialog dialog(&client);
    dialog.show();
    fill(dialog,
         QStringLiteral("https://127.0.0.1:%1").arg(port),
         m_caFile,
         QStringLiteral("admin"),
         QStringLiteral("secret"));
    clickLogin(dialog);
    QTRY_VERIFY(dialog.errorText().startsWith(QLatin1String("Login failed: connection refused")));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isBusy());
    QVERIFY(!QSettings().contains(QStringLiteral("connection/server")));
}

void TestLoginDialog::successfulLoginRemembersAllButPassword()
{
    FakeAdminServer server;
    QVERIFY(server.start(steward::tls::apiServer(m_site.server, m_site.caCertificate())));
    ApiClient client;
    {
        LoginDialog dialog(&client);
        dialog.show();
        fill(dialog, server.url().toString(), m_caFile, QStringLiteral("admin"), QStringLiteral("secret"));
        clickLogin(dialog);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(client.isLoggedIn());
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());
    }

    const QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("connection/server")).toString(), server.url().toString());
    QCOMPARE(settings.value(QStringLiteral("connection/user")).toString(), QStringLiteral("admin"));
    for (const QString &key : settings.allKeys()) {
        QVERIFY2(!settings.value(key).toString().contains(QLatin1String("secret")), qPrintable(key));
    }

    // The next dialog starts from what was remembered; command-line values win.
    LoginDialog again(&client);
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("user"))->text(), QStringLiteral("admin"));
    QVERIFY(again.findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());
    again.prefill(QString(), QString(), QStringLiteral("helpdesk1"));
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("user"))->text(), QStringLiteral("helpdesk1"));
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("server"))->text(), server.url().toString());
}

void TestLoginDialog::reasonForLoggingInAgainIsShown()
{
    ApiClient client;
    LoginDialog dialog(&client);
    dialog.show();
    QCOMPARE(dialog.reasonText(), QString());
    const QString reason = QStringLiteral("Your session expired at 17:42.");
    dialog.setReason(reason);
    QCOMPARE(dialog.reasonText(), reason);
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("reason"));
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->text(), reason);
    dialog.setReason(QString());
    QVERIFY(!label->isVisible());
}

int main(int argc, char **argv)
{
    // Widget tests run headless everywhere, CI included.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestLoginDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestLoginDialog.moc"
