// SPDX-License-Identifier: GPL-3.0-or-later
#include "PatchJob.h"

#include <QCborArray>

namespace steward::agent::jobs
{

namespace
{
QString text(const QCborMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toString();
}
}

Result<PatchRequest> PatchRequest::fromEnvelope(const QCborMap &content, const QCborMap &options)
{
    PatchRequest request;
    request.select = text(content, "select");
    if (request.select != QLatin1String("packages") && request.select != QLatin1String("security")
        && request.select != QLatin1String("all")) {
        return makeError(QStringLiteral("job.content"),
                         QStringLiteral("unknown selection \"%1\"").arg(request.select.left(32)));
    }
    const QCborArray packages = content.value(QLatin1String("packages")).toArray();
    for (const QCborValue &value : packages) {
        const QCborMap package = value.toMap();
        PackageRequest item{text(package, "name"), text(package, "version")};
        if (item.name.isEmpty()) {
            return makeError(QStringLiteral("job.content"), QStringLiteral("a package without a name"));
        }
        request.packages.append(item);
    }
    if (request.select == QLatin1String("packages") && request.packages.isEmpty()) {
        return makeError(QStringLiteral("job.content"), QStringLiteral("no packages named"));
    }
    if (options.contains(QLatin1String("reboot"))) {
        request.reboot = text(options, "reboot");
    }
    if (request.reboot != QLatin1String("never") && request.reboot != QLatin1String("if-required")
        && request.reboot != QLatin1String("at-deadline")) {
        return makeError(QStringLiteral("job.content"),
                         QStringLiteral("unknown reboot policy \"%1\"").arg(request.reboot.left(32)));
    }
    return request;
}

QCborMap PatchItem::toCbor() const
{
    QCborMap map{{QStringLiteral("name"), name}, {QStringLiteral("result"), result}};
    auto put = [&map](const char *key, const QString &value) {
        if (!value.isEmpty()) {
            map.insert(QLatin1String(key), value);
        }
    };
    put("title", title);
    put("before", before);
    put("target", target);
    put("after", after);
    put("message", message);
    return map;
}

PatchItem PatchItem::fromCbor(const QCborMap &map)
{
    PatchItem item;
    item.name = text(map, "name");
    item.title = text(map, "title");
    item.before = text(map, "before");
    item.target = text(map, "target");
    item.after = text(map, "after");
    item.result = text(map, "result");
    item.message = text(map, "message");
    return item;
}

} // namespace steward::agent::jobs
