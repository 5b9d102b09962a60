// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PendingUpdate.h"

#include <QList>

namespace steward::agent
{

// The "patches" report section.
struct PatchStatus {
    QString manager; // "apt", or "none" when no supported package manager exists
    QList<PendingUpdate> pending; // sorted by name

    qsizetype securityCount() const;
    QCborMap toCbor() const;
};

} // namespace steward::agent
