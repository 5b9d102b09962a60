// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QJsonArray;
class QJsonObject;

namespace steward::app
{

// One row of GET /api/v1/audit, decoded defensively for display.
struct AuditRecord {
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;
    QString target;
    QString outcome;
    QString sourceIp;
    QString detail;

    static AuditRecord fromJson(const QJsonObject &object);
    static QList<AuditRecord> listFromJson(const QJsonArray &array);
};

} // namespace steward::app
