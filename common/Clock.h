// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace steward
{

// Time source, injectable so tests can age definitions or contact times without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const
    {
        return QDateTime::currentDateTimeUtc();
    }
};

} // namespace steward
