// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// One element of the os section's "users": a login session from utmp.
struct LoggedInUser {
    QString user;
    QString tty; // "pts/0", "tty1", ":0"
    QString host; // remote host for ssh, the X display for graphical sessions, empty on a console
    qint64 loginTime = 0; // seconds since the epoch
    qint32 pid = 0; // the session's process; not reported, used to drop stale records

    QCborMap toCbor() const;

    friend bool operator==(const LoggedInUser &, const LoggedInUser &) = default;
};

} // namespace steward::agent
