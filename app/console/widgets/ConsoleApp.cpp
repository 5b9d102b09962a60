// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleApp.h"

#include "ApiClient.h"
#include "Clock.h"
#include "LoginDialog.h"
#include "MainWindow.h"

#include "Translations.h"
#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>

namespace steward::app
{

ConsoleApp::ConsoleApp(QObject *parent)
    : QObject(parent)
    , m_client(new ApiClient(this))
{
}

ConsoleApp::~ConsoleApp() = default;

void ConsoleApp::installTranslations(QCoreApplication &app)
{
    app::installTranslations(app);
}

void ConsoleApp::describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(tr("Steward console: devices, compliance and patch status."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        QCommandLineOption(QStringLiteral("server"), tr("Server admin URL to connect to."), tr("URL")),
        QCommandLineOption(QStringLiteral("ca"), tr("Site CA certificate (ca.pem)."), tr("FILE")),
        QCommandLineOption(QStringLiteral("user"), tr("User name."), tr("NAME")),
    });
}

void ConsoleApp::parseArguments(QCoreApplication &app)
{
    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);
    m_server = parser.value(QStringLiteral("server"));
    m_caFile = parser.value(QStringLiteral("ca"));
    m_user = parser.value(QStringLiteral("user"));
}

int ConsoleApp::exec(QApplication &app)
{
    parseArguments(app);
    if (!start()) {
        return 0; // nothing was started: cancelling the first login means "not now"
    }
    return app.exec();
}

bool ConsoleApp::start()
{
    if (!login(QString())) {
        return false;
    }
    m_window = std::make_unique<MainWindow>(m_client, Clock::system());
    connect(m_window.get(), &MainWindow::loginRequested, this, [this](const QString &reason) {
        // Leave the signal emission before opening a modal dialog.
        QTimer::singleShot(0, this, [this, reason] {
            // Cancelling here keeps the window, logged out, with the reason and a "Log in" button.
            if (login(reason)) {
                m_window->startSession();
            }
        });
    });
    m_window->startSession();
    m_window->show();
    return true;
}

MainWindow *ConsoleApp::window() const
{
    return m_window.get();
}

bool ConsoleApp::login(const QString &reason)
{
    LoginDialog dialog(m_client, m_window.get());
    dialog.prefill(m_server, m_caFile, m_user);
    dialog.setReason(reason);
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    // From now on the settings saved by the successful login are the better guess.
    m_server.clear();
    m_caFile.clear();
    m_user.clear();
    return true;
}

} // namespace steward::app
