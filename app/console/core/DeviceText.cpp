// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceText.h"

#include "RelativeTime.h"

#include <QLocale>

#include <limits>

namespace steward::app
{

QString DeviceText::unknown()
{
    return tr("unknown");
}

QString DeviceText::when(const QDateTime &time, const QDateTime &now, const QString &missing)
{
    if (!time.isValid()) {
        return missing.isEmpty() ? unknown() : missing;
    }
    return tr("%1 (%2)").arg(RelativeTime::ago(time, now), RelativeTime::absolute(time));
}

QString DeviceText::size(std::optional<qint64> bytes)
{
    return bytes ? QLocale().formattedDataSize(*bytes) : unknown();
}

QString DeviceText::yesNo(std::optional<bool> value)
{
    return choice(value, tr("Yes"), tr("No"));
}

QString DeviceText::choice(std::optional<bool> value, const QString &yes, const QString &no)
{
    return value ? (*value ? yes : no) : unknown();
}

qint64 DeviceText::sortKey(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

QString DeviceText::orUnknown(const QString &text)
{
    return text.isEmpty() ? unknown() : text;
}

} // namespace steward::app
