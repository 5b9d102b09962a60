// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditRecord.h"

#include "ApiTime.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::app
{

AuditRecord AuditRecord::fromJson(const QJsonObject &object)
{
    const auto text = [&object](const char *key) {
        return object.value(QLatin1String(key)).toString();
    };
    AuditRecord record;
    record.id = qint64(object.value(QStringLiteral("id")).toDouble());
    record.at = ApiTime::parse(object.value(QStringLiteral("at")));
    record.actor = text("actor");
    record.action = text("action");
    record.target = text("target");
    record.outcome = text("outcome");
    record.sourceIp = text("sourceIp");
    record.detail = text("detail");
    return record;
}

QList<AuditRecord> AuditRecord::listFromJson(const QJsonArray &array)
{
    QList<AuditRecord> records;
    records.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            records.append(fromJson(value.toObject()));
        }
    }
    return records;
}

} // namespace steward::app
