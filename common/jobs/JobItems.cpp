// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobItems.h"

#include <QCborMap>
#include <QJsonObject>

namespace steward::jobs
{

QJsonArray itemsView(const QCborArray &items)
{
    QJsonArray view;
    for (const QCborValue &value : items) {
        const QCborMap item = value.toMap();
        QJsonObject entry;
        for (const char *key : {"name", "title", "before", "target", "after", "result", "message"}) {
            const QString text = item.value(QLatin1String(key)).toString().left(1024);
            if (!text.isEmpty()) {
                entry.insert(QLatin1String(key), text);
            }
        }
        view.append(entry);
    }
    return view;
}

} // namespace steward::jobs
