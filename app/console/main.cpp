// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleApp.h"

#include "steward_version.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char **argv)
{
    // Arguments are checked before QApplication exists, so --help, --version and a wrong option
    // answer in one line even where there is no display (over ssh, in packaging checks).
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    QCommandLineParser parser;
    steward::app::ConsoleApp::describeOptions(parser);
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "steward-console: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("steward-console"));
        QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
        steward::app::ConsoleApp::installTranslations(app);
        steward::app::ConsoleApp().parseArguments(app);
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Steward"));
    QApplication::setApplicationName(QStringLiteral("steward-console"));
    QApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
    steward::app::ConsoleApp::installTranslations(app);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Steward console"));

    steward::app::ConsoleApp console;
    return console.exec(app);
}
