// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "store/Database.h"

#include <QCborMap>
#include <QList>
#include <QString>

#include <memory>

// What the benchmarks that build fleets in the server's own store share.
namespace steward::bench
{

// The hashes a report carries for its sections, as an agent computes them.
QCborMap sectionHashes(const QCborMap &sections);

// The database at `url` (a database URL), or else a SQLite file at `sqliteFile`, opened and
// migrated as the server opens it.
Result<std::unique_ptr<server::Database>> openStore(const QString &url, const QString &sqliteFile);

// "1000,10000,100000" as numbers, in the order given.
QList<int> fleetSizes(const QString &text);

} // namespace steward::bench
