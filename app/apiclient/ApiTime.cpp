// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiTime.h"

#include <QJsonValue>

namespace steward::app
{

QDateTime ApiTime::parse(const QJsonValue &value)
{
    if (value.isString()) {
        QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!time.isValid()) {
            time = QDateTime::fromString(value.toString(), Qt::ISODate);
        }
        return time.isValid() ? time.toUTC() : QDateTime();
    }
    if (value.isDouble() && value.toDouble() > 0) {
        return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    }
    return {};
}

QString ApiTime::toIso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace steward::app
