// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentCommand.h"
#include "steward_version.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("steward-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STEWARD_VERSION_STRING));
    return steward::agent::runAgentCommand(QCoreApplication::arguments());
}
