// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QApplication;
class QCoreApplication;
class QCommandLineParser;

namespace steward::app
{

class ApiClient;
class MainWindow;

// The console's life: translations, command line, login, main window, and
// back to the login dialog when the session ends.
class ConsoleApp : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleApp(QObject *parent = nullptr);
    ~ConsoleApp() override;

    // Loads the console's translation for QLocale::system() from the
    // resources (":/i18n/steward_<lang>.qm"); without one the UI stays English.
    static void installTranslations(QCoreApplication &app);

    // The console's command-line options, for parsing before any window system is touched.
    static void describeOptions(QCommandLineParser &parser);

    // Parses the arguments; exits the process for --help and --version.
    void parseArguments(QCoreApplication &app);

    // Parses the arguments, then start() and the event loop.
    int exec(QApplication &app);

    // Asks to log in, then opens the main window; false when the first login was cancelled.
    // Later logins (session ended, logged out) are asked for by the window; cancelling one
    // keeps the window, logged out, with the reason and a "Log in…" button.
    bool start();
    MainWindow *window() const;

private:
    // Shows the login dialog, with `reason` (why the last session ended) when there is one.
    bool login(const QString &reason);

    ApiClient *m_client;
    std::unique_ptr<MainWindow> m_window;
    QString m_server;
    QString m_caFile;
    QString m_user;
};

} // namespace steward::app
