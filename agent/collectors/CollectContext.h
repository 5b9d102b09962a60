// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace steward::agent
{

class CommandRunner;

// Where a collector looks: every file is read below `root` ("/" on a live
// machine, a fixture tree in tests) and every program runs through `runner`.
struct CollectContext {
    QString root;
    CommandRunner *runner = nullptr;
    // Where collectors may keep what lets them skip unchanged work (the agent's data
    // directory); empty: nothing is kept and every collection starts from scratch.
    QString stateDirectory = QString();

    // `relative` has no leading slash: "etc/os-release".
    QString path(const QString &relative) const;
    bool isFile(const QString &relative) const;

    // Reads at most `maxBytes`; more is an error so that a corrupt or hostile
    // file cannot make the agent allocate without bound. Works on /proc files,
    // which report a size of 0.
    Result<QByteArray> readFile(const QString &relative, qint64 maxBytes = 1024 * 1024) const;
};

} // namespace steward::agent
