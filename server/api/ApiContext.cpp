// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiContext.h"

namespace steward::server
{

QString logSafe(const QString &text, int maxLength)
{
    QString safe = text.left(maxLength);
    for (QChar &c : safe) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph) {
            c = QLatin1Char('?');
        }
    }
    if (text.size() > maxLength) {
        safe += QStringLiteral("…");
    }
    return safe;
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue isoTimeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace steward::server
