// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleApp.h"

#include "steward_version.h"

#include <QApplication>

#include <cstring>

namespace
{
// --help and --version must answer without a display (over ssh, in packaging checks).
bool onlyWantsInformation(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"--help", "-h", "-?", "--help-all", "--version", "-v"}) {
            if (std::strcmp(argv[i], option) == 0) {
                return true;
            }
        }
    }
    return false;
}
}

int main(int argc, char **argv)
{
    if (onlyWantsInformation(argc, argv)) {
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
