// SPDX-License-Identifier: GPL-3.0-or-later
#include "Collection.h"

#include "Spool.h"

#include <QDateTime>

namespace steward::agent
{

Result<qint64> collectIntoSpool(Spool &spool, const CollectFunction &collect, QStringList sections, bool full)
{
    if (!sections.isEmpty() && spool.currentSectionNames().isEmpty()) {
        sections.clear();
    }
    const QCborMap collected = collect(sections);
    return spool.enqueueCollected(collected, sections, QDateTime::currentSecsSinceEpoch(), full);
}

} // namespace steward::agent
