// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PatchJob.h"

#include <QString>

#include <memory>

namespace steward::agent
{
class CommandRunner;

enum class PatcherKind { None, Apt, Dnf, WindowsUpdate };

// Which patcher drives a machine: Windows Update on Windows; elsewhere the package tool the
// patch collectors also pick, apt-get before dnf, looked for under `root` ("/" except in tests).
PatcherKind patcherKind(bool windows, const QString &root = QStringLiteral("/"));

// The patcher of that kind; null for PatcherKind::None.
std::unique_ptr<jobs::Patcher> makePatcher(PatcherKind kind, CommandRunner &runner);

// The patcher for this machine's package manager; null when it has none Steward can drive.
std::unique_ptr<jobs::Patcher> platformPatcher(CommandRunner &runner);

} // namespace steward::agent
