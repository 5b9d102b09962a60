// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Messages.h"
#include "Result.h"

#include <QCborMap>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <optional>

namespace steward::agent
{

// The agent's on-disk queue of reports (SQLite, synchronous=FULL). A report is written before it
// is sent and deleted only when the server acknowledges it, so a crash, a reboot or a dead link
// never loses one. Sequence numbers come from the spool and never repeat for this device.
// The agent daemon and its collection child (`steward-agent collect --spool`) share the file:
// every read-then-write runs in an immediate transaction.
class Spool
{
public:
    Spool();
    ~Spool();
    Spool(const Spool &) = delete;
    Spool &operator=(const Spool &) = delete;

    Status open(const QString &path);

    // Builds the next report from a complete set of sections: only the sections whose hash differs
    // from the last spooled report travel, unless `full` (or nothing was spooled before). The
    // sequence number, the payload, the new hash set and the sections themselves (the spool's
    // current picture) are committed together.
    Result<qint64> enqueue(const QCborMap &sections, qint64 collectedAt, bool full);

    // As enqueue, for a collection of only the `requested` sections (all of them when empty):
    // merged into the current picture first (mergeCollected), in the same transaction, so that
    // two processes spooling at once cannot lose each other's sections.
    Result<qint64> enqueueCollected(const QCborMap &collected,
                                    const QStringList &requested,
                                    qint64 collectedAt,
                                    bool full);

    // The freshest picture: `partial` (a collection of `requested`) replaces those sections of
    // `current`; a requested section that failed this time is removed, with its error kept.
    static QCborMap mergeCollected(const QCborMap &current, const QCborMap &partial, const QStringList &requested);

    // Spools a message other than a report (a job event, docs/jobs.md) under the next sequence
    // number, written into it as "seq"; `alsoInTransaction` (SQL on database()) commits with it,
    // so a job's state and the event that tells the server about it never part.
    Result<qint64> enqueueEvent(QCborMap message,
                                qint64 createdAt,
                                const std::function<Status()> &alsoInTransaction = {});

    // The spool's connection, for the job queue that keeps its tables in the same file.
    QSqlDatabase database() const
    {
        return db();
    }

    // The sections of the current picture (with "errors" and "agent"); empty before the first
    // report, when a partial collection has nothing to be merged into.
    QStringList currentSectionNames() const;

    struct Entry {
        qint64 sequence = 0;
        QCborMap message;
    };
    std::optional<Entry> oldest() const;
    std::optional<Entry> after(qint64 sequence) const;

    // Drops every report up to and including `sequence`.
    Status acknowledge(qint64 sequence);

    // The next report will be full (the server asked for a resync).
    Status forgetHashes();

    // Whether a full report waits to be sent: it will bring the server's sections back in line,
    // so another resync request adds nothing.
    bool hasPendingFull() const;

    // Reconciles with the last sequence the server has stored for this device (from `welcome`).
    // Sequences live only in this file: if it was deleted while the certificate stayed, numbering
    // restarted at 1 and the server would ack the new reports as duplicates without storing them.
    // When our own last sequence is below `lastStored`, every pending report is renumbered to
    // lastStored+1, +2, … in order (the `seq` inside its payload too) and the counter follows, in
    // one transaction. Otherwise nothing changes: the server being ahead of our pending reports
    // only means an ack was lost, and those reports must go again under their own numbers.
    // Returns whether it renumbered.
    Result<bool> adoptServerSequence(qint64 lastStored);

    qint64 count() const;

    // Bound on the spooled payload bytes (0 = none); past it the oldest reports are dropped.
    void setMaxBytes(qint64 maxBytes)
    {
        m_maxBytes = maxBytes;
    }
    // Reports dropped for space over the spool's whole life.
    qint64 droppedCount() const;

private:
    QSqlDatabase db() const;
    Result<qint64> enqueueInTransaction(const QCborMap &sections, qint64 collectedAt, bool full);
    Status dropOldestBeyondLimit(qint64 keepSequence);
    QString m_connectionName;
    qint64 m_maxBytes = 0;
};

} // namespace steward::agent
