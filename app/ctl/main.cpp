// SPDX-License-Identifier: GPL-3.0-or-later
#include "Clock.h"
#include "CtlRunner.h"

#include "steward_version.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stewardctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));

    QTextStream out(stdout);
    QTextStream err(stderr);
    steward::app::CtlRunner runner(out, err, steward::Clock::system());
    return runner.main(QCoreApplication::arguments(),
                       QProcessEnvironment::systemEnvironment(),
                       QStringLiteral(STEWARD_VERSION_STRING));
}
