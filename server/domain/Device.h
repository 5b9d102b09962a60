// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QDateTime>
#include <QString>

namespace steward::server
{

// An enrolled machine and the report sections last stored for it.
struct Device {
    QString id;
    QString hostname;
    QDateTime enrolledAt;
    QDateTime lastSeen; // null when never reported
    qint64 lastSequence = 0;
    qint64 reportsStored = 0; // applied reports, duplicates excluded
    bool revoked = false;
    QCborMap sections; // name -> decoded section value
};

} // namespace steward::server
