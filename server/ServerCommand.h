// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace steward::server
{

// `steward-server init|run …`: parses the command line and runs the command; returns the exit code.
int runServerCommand(const QStringList &arguments);

} // namespace steward::server
