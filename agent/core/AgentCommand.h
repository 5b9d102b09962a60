// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace steward::agent
{

// `steward-agent enroll|run|collect …`: parses the command line and runs the command; returns the exit code.
int runAgentCommand(const QStringList &arguments);

} // namespace steward::agent
