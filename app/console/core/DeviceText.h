// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace steward::app
{

// The device page's ways of putting values into words, shared by its models and tabs: every
// "unknown" is said the same way, and a value never reads as known when it is not.
class DeviceText
{
    Q_DECLARE_TR_FUNCTIONS(DeviceText)

public:
    // "unknown": the device sent the section but not this value.
    static QString unknown();
    // "2 d ago (29/04/2024 14:00)"; `missing` for an invalid time (default: unknown()).
    static QString when(const QDateTime &time, const QDateTime &now, const QString &missing = QString());
    // "16 GiB" in the user's locale; unknown() without a value.
    static QString size(std::optional<qint64> bytes);
    static QString yesNo(std::optional<bool> value);
    // `yes` or `no`, unknown() without a value.
    static QString choice(std::optional<bool> value, const QString &yes, const QString &no);
    // A time as SortRole gives it: unknown times sort before every known one.
    static qint64 sortKey(const QDateTime &time);
    // The text itself, or unknown() when empty.
    static QString orUnknown(const QString &text);
};

} // namespace steward::app
