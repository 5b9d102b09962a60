// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelativeTime.h"

#include <QLocale>

namespace steward::app
{

QString RelativeTime::ago(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid()) {
        return tr("never");
    }
    // A clock running ahead on the server side reads as "just now", not as a negative age.
    const qint64 seconds = time.secsTo(now);
    if (seconds < 60) {
        return tr("just now");
    }
    if (seconds < 3600) {
        return tr("%n min ago", nullptr, int(seconds / 60));
    }
    if (seconds < 48 * 3600) {
        return tr("%n h ago", nullptr, int(seconds / 3600));
    }
    return tr("%n d ago", nullptr, int(seconds / 86400));
}

QString RelativeTime::days(std::optional<double> days)
{
    if (!days) {
        return tr("unknown");
    }
    if (*days < 1.0) {
        return tr("today");
    }
    return tr("%n d", nullptr, int(*days));
}

QString RelativeTime::absolute(const QDateTime &time)
{
    if (!time.isValid()) {
        return tr("unknown");
    }
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace steward::app
