// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WindowsPendingUpdate.h"

#include <QList>

#include <optional>

namespace steward::agent
{

// The "patches" section on Windows.
struct WindowsUpdateStatus {
    QList<WindowsPendingUpdate> pending; // sorted by name
    std::optional<qint64> lastInstall; // last successful installation, epoch seconds UTC
    bool rebootRequired = false;

    qsizetype securityCount() const;
    QCborMap toCbor() const;
};

} // namespace steward::agent
