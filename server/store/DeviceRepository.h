// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceFactTables.h"
#include "Result.h"
#include "domain/Device.h"

#include <QCborMap>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QSet>

#include <optional>

class QSqlQuery;

namespace steward::server
{
class Database;

enum class IngestOutcome {
    Stored,
    Duplicate, // sequence already stored: ack again, change nothing
    StoredNeedsResync, // stored, but an unchanged section's hash disagrees with ours
    Revoked, // the device was revoked: nothing stored, the connection must end
};

// What deleteRevoked() did.
enum class DeviceDeletion {
    Deleted,
    NotRevoked, // only a revoked device may be deleted: nothing was changed
    Unknown, // no such device
};

// What retire() did.
enum class DeviceRetirement {
    Retired,
    AlreadyRetired, // nothing was changed
    Unknown, // no such device
};

// One report to store, or (contactOnly) just the fact that the device was heard from.
struct DeviceWrite {
    QString deviceId;
    qint64 sequence = 0;
    QCborMap sections;
    QCborMap hashes;
    QDateTime at;
    bool contactOnly = false;
};

// One device a search found, and what it was found by: each field with the value that matched.
struct SearchHit {
    QString deviceId;
    QString hostname;
    QString orgUnit;
    bool revoked = false;
    bool exact = false; // a whole value (or the id) is the text searched for, not only its start
    QList<QPair<QString, QString>> matched; // (field, value), in the order first found
};

// Of some packages, which devices have them (lower-cased names), and which devices reported
// their software at all.
struct InstalledPackages {
    QHash<QString, QSet<QString>> byDevice;
    QSet<QString> reporting;
};

// Devices, the report sections stored for them, and the compliance conditions those show.
class DeviceRepository
{
public:
    explicit DeviceRepository(Database &database);

    // Applies one report in one transaction; returns only after commit. Errors: "device.unknown"
    // when no such device is enrolled, "report.sequence-jump" when the sequence runs more than
    // protocol::kMaxSequenceStep ahead of the stored one.
    Result<IngestOutcome> ingestReport(const QString &deviceId,
                                       qint64 sequence,
                                       const QCborMap &sections,
                                       const QCborMap &hashes,
                                       const QDateTime &now);
    // Applies many devices' writes in one durable transaction (group commit), each in a savepoint
    // of its own so that one bad write fails alone. Returns one result per write, in order, only
    // after the commit; if the commit fails, every write fails with it.
    QList<Result<IngestOutcome>> ingestBatch(const QList<DeviceWrite> &writes);
    // The newest report sequence stored for the device; 0 when none, or no such device.
    Result<qint64> lastSequence(const QString &deviceId);

    // Every device with its sections, except the software list, which only the detail needs.
    Result<QList<Device>> list();
    Result<std::optional<Device>> find(const QString &id);
    // False when no such device exists.
    Result<bool> revoke(const QString &deviceId);
    // Takes a device out of service: revokes it (its certificate is refused from now on) and
    // records when, by whom and why; everything stored about it stays, unlike deleteRevoked().
    Result<DeviceRetirement> retire(const QString &deviceId,
                                    const QString &by,
                                    const QString &reason,
                                    const QDateTime &at);
    // The devices whose hostname, FQDN, serial, IP or MAC address or user starts with `text`
    // (search/SearchTerms.h says how each is read), or whose id is `text`; at most `limit`:
    // those matched whole first (the device whose address was typed in full before those whose
    // addresses only start with it), each group by hostname. Only the terms kept at ingest are
    // read.
    Result<QList<SearchHit>> search(const QString &text, int limit);
    // The other devices, not revoked, that report the same hardware serial number as
    // `deviceId` (case ignored): the same machine enrolled twice, or a copied disk image.
    Result<QStringList> sameSerialAs(const QString &deviceId);
    // Which devices have any of the packages `names` (lower-cased), from the packages kept at
    // ingest.
    Result<InstalledPackages> installedPackages(const QStringList &names);
    // Computes the device's search terms and query-group facts now (after enrolment, before its
    // first report).
    Status indexForSearch(const QString &deviceId, const QDateTime &at);
    // Computes the terms and facts of every device that lacks them (stored before the search or
    // the groups existed); returns how many.
    Result<int> indexUnsearched(const QDateTime &at);
    // Puts the device in the org unit (a canonical path); returns the path of the unit it was
    // in, or nothing when no such device exists. Error org-unit.unknown when no such unit.
    Result<std::optional<QString>> move(const QString &deviceId, const QString &orgUnitPath);
    // Removes a revoked device with its sections, conditions and certificates, in one
    // transaction; the audit log keeps its rows.
    Result<DeviceDeletion> deleteRevoked(const QString &deviceId);

private:
    // Applies one write inside the caller's transaction.
    Result<IngestOutcome> apply(QSqlQuery &query, const DeviceWrite &write);
    // Recomputes the device's compliance conditions from its stored antivirus and patches
    // sections, inside the caller's transaction: new ones hold from `at`, cleared ones are
    // removed, the rest keep their time.
    Status refreshConditions(QSqlQuery &query, const QString &deviceId, const QDateTime &at);
    // Recomputes the device's search terms from its name and stored sections, inside the
    // caller's transaction. Users seen before stay findable while nobody is logged in: the help
    // desk asks for the last user too.
    Status refreshSearchTerms(QSqlQuery &query, const QString &deviceId, const QDateTime &at);

    Database &m_db;
    DeviceFactTables m_facts;
};

} // namespace steward::server
