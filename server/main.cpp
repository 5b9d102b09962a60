// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCommand.h"
#include "steward_version.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("steward-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
    return steward::server::runServerCommand(QCoreApplication::arguments());
}
