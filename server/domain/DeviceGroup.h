// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace steward::server
{

// A named set of devices that deployments can target: static (its members are listed one by
// one) or a query group (its members are the devices its query selects when it is read).
struct DeviceGroup {
    qint64 id = 0;
    QString name;
    QString query; // empty for a static group
    QString description;
    QString createdBy;
    QDateTime createdAt;

    bool isQuery() const
    {
        return !query.isEmpty();
    }
};

} // namespace steward::server
