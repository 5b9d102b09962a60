// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreBench.h"

#include "Messages.h"
#include "store/DatabaseUrl.h"

namespace steward::bench
{

QCborMap sectionHashes(const QCborMap &sections)
{
    QCborMap hashes;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        hashes.insert(it.key(), protocol::Report::sectionHash(it.value()));
    }
    return hashes;
}

Result<std::unique_ptr<server::Database>> openStore(const QString &url, const QString &sqliteFile)
{
    const Result<server::DatabaseUrl> parsed = url.isEmpty()
        ? Result<server::DatabaseUrl>(server::DatabaseUrl::sqlite(sqliteFile))
        : server::DatabaseUrl::parse(url, QString());
    if (!parsed) {
        return parsed.error();
    }
    return server::Database::open(parsed.value());
}

QList<int> fleetSizes(const QString &text)
{
    QList<int> sizes;
    for (const QString &size : text.split(QLatin1Char(','))) {
        sizes.append(size.toInt());
    }
    return sizes;
}

} // namespace steward::bench
