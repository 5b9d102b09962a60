// SPDX-License-Identifier: GPL-3.0-or-later
#include "Clock.h"
#include "CtlRunner.h"

#include "steward_version.h"

#include "Translations.h"

#include <QGuiApplication>
#include <QProcessEnvironment>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <memory>

int main(int argc, char **argv)
{
    // The compliance sheet lays out text, which needs fonts: a GUI application, on a screen
    // nobody sees when there is none (servers, SSH sessions). Every other command stays a core
    // application that loads no platform plugin.
    bool sheet = false;
    for (int i = 1; i < argc; ++i) {
        sheet = sheet || std::strcmp(argv[i], "--sheet") == 0 || std::strncmp(argv[i], "--sheet=", 8) == 0;
    }
    std::unique_ptr<QCoreApplication> application;
    if (sheet) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        application = std::make_unique<QGuiApplication>(argc, argv);
        steward::app::installTranslations(*application);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("stewardctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));

    QTextStream out(stdout);
    QTextStream err(stderr);
    steward::app::CtlRunner runner(out, err, steward::Clock::system());
    return runner.main(QCoreApplication::arguments(),
                       QProcessEnvironment::systemEnvironment(),
                       QStringLiteral(STEWARD_VERSION_STRING));
}
