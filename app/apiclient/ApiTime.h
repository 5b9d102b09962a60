// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

class QJsonValue;

namespace steward::app
{

// Times in the admin API are ISO 8601 UTC strings; report sections embedded in
// a device detail may still carry epoch seconds. Both decode to a UTC QDateTime,
// anything else to an invalid one.
class ApiTime
{
public:
    static QDateTime parse(const QJsonValue &value);
    static QString toIso(const QDateTime &time);
};

} // namespace steward::app
