// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleApp.h"

#include "steward_version.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Steward"));
    QApplication::setApplicationName(QStringLiteral("steward-console"));
    QApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
    steward::app::ConsoleApp::installTranslations(app);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Steward console"));

    steward::app::ConsoleApp console;
    return console.exec(app);
}
