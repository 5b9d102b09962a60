// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCborMap>
#include <QObject>
#include <QStringList>

#include <functional>

namespace steward
{
class Clock;
}

namespace steward::agent
{

class Spool;

// Collects the named sections (all of them for an empty list) into a map with an "errors" entry.
using CollectFunction = std::function<QCborMap(const QStringList &sections)>;

// What one collection does, wherever it runs: collect, then spool the report merged into the
// spool's current picture. A partial collection becomes a complete one while there is no current
// picture to merge into (a new or recreated spool), so no report ever lacks a section. The report
// is dated by `clock` when the collection ends.
Result<qint64> collectIntoSpool(Spool &spool,
                                const Clock &clock,
                                const CollectFunction &collect,
                                QStringList sections,
                                bool full);

// Fills the spool with fresh reports, one collection at a time, while the agent's event loop goes
// on serving its connection (acks, heartbeats).
class Collection : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Collects `sections` (every section for an empty list) and spools the report, a full one
    // when `full`. Called only when the previous collection has finished.
    virtual void start(const QStringList &sections, bool full) = 0;

Q_SIGNALS:
    // Whether a report was spooled; `message` says why not.
    void finished(bool spooled, const QString &message);
};

} // namespace steward::agent
