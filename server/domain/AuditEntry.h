// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace steward::server
{

// One row of the audit log: who did what to what, from where, and how it ended.
struct AuditEntry {
    QDateTime at;
    QString actor;
    QString action;
    QString target;
    QString outcome; // "ok" or "denied"
    QString source;
    QString detail;
    qint64 id = 0; // its place in the chain; 0 until it is written
};

} // namespace steward::server
