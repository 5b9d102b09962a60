// SPDX-License-Identifier: GPL-3.0-or-later
#include "Collection.h"

#include "Clock.h"
#include "Spool.h"

namespace steward::agent
{

Result<qint64> collectIntoSpool(Spool &spool,
                                const Clock &clock,
                                const CollectFunction &collect,
                                QStringList sections,
                                bool full)
{
    if (!sections.isEmpty() && spool.currentSectionNames().isEmpty()) {
        sections.clear();
    }
    const QCborMap collected = collect(sections);
    return spool.enqueueCollected(collected, sections, clock.now().toSecsSinceEpoch(), full);
}

} // namespace steward::agent
