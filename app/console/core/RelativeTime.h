// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace steward::app
{

// Short, translated "how long ago" texts for the console's tables.
class RelativeTime
{
    Q_DECLARE_TR_FUNCTIONS(RelativeTime)

public:
    // "just now", "12 min ago", "3 h ago", "4 d ago"; "never" for an invalid time.
    static QString ago(const QDateTime &time, const QDateTime &now);
    // Definitions age: "today", "1 d", "9 d"; "unknown" without a value.
    static QString days(std::optional<double> days);
    // Absolute local time for tooltips and detail pages.
    static QString absolute(const QDateTime &time);
};

} // namespace steward::app
