// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace steward::agent
{

// Whether this machine counts as a server for restarts after update jobs (docs/patching.md,
// "Reboots"): agent.conf's jobs.machine-role, or with "auto" a guess that errs towards "server",
// since restarting a server nobody planned for costs far more than a workstation waiting:
// an SMBIOS server chassis (rack, blade, main server chassis) is a server; otherwise a machine
// that boots to a graphical desktop (a display manager, or default.target → graphical.target) is
// a workstation and anything else a server. `root` is "/" except in tests. On Windows the OS
// collector's product type would decide; until then Windows counts as a workstation only when
// configured so.
bool isServer(const QString &configuredRole, const QString &root = QStringLiteral("/"));

} // namespace steward::agent
