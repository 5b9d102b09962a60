// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceRepository.h"

#include "Database.h"
#include "Messages.h"
#include "OrgUnitPath.h"
#include "SqlTransaction.h"
#include "compliance/ComplianceConditions.h"
#include "search/SearchTerms.h"

#include <QCborValue>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace steward::server
{

namespace
{
const QString kDeviceColumns = QStringLiteral(
    "SELECT d.id, d.hostname, d.enrolled_at, d.last_seen, d.last_sequence, d.revoked, d.reports_stored, "
    "d.org_unit_id, o.path, d.retired_at, d.retired_by, d.retired_reason FROM devices d JOIN org_units o ON o.id = "
    "d.org_unit_id");

Device deviceFromRow(const QSqlQuery &query)
{
    Device device;
    device.id = query.value(0).toString();
    device.hostname = query.value(1).toString();
    device.enrolledAt = sql::fromEpoch(query.value(2));
    device.lastSeen = sql::fromEpoch(query.value(3));
    device.lastSequence = query.value(4).toLongLong();
    device.revoked = query.value(5).toInt() != 0;
    device.reportsStored = query.value(6).toLongLong();
    device.orgUnitId = query.value(7).toLongLong();
    device.orgUnit = query.value(8).toString();
    device.retiredAt = sql::fromEpoch(query.value(9));
    device.retiredBy = query.value(10).toString();
    device.retiredReason = query.value(11).toString();
    return device;
}

// The sections search terms are made from (search/SearchTerms.h).
bool isSearchSection(const QString &name)
{
    return name == QLatin1String("os") || name == QLatin1String("hardware") || name == QLatin1String("network");
}

bool isKnownSection(const QString &name)
{
    return protocol::reportSectionNames().contains(name);
}

// The sections query groups' facts are read from (groups/DeviceFacts.h); the software section
// is kept apart, as it is large and rarely changes.
bool isFactSection(const QString &name)
{
    return name == QLatin1String("os") || name == QLatin1String("hardware") || name == QLatin1String("antivirus")
        || name == QLatin1String("patches") || name == QLatin1String("agent");
}

// The sections the stored compliance conditions are read from (ComplianceConditions.h).
bool isConditionSection(const QString &name)
{
    return name == QLatin1String("antivirus") || name == QLatin1String("patches");
}
}

DeviceRepository::DeviceRepository(Database &database)
    : m_db(database)
    , m_facts(database)
{
}

Result<IngestOutcome> DeviceRepository::ingestReport(const QString &deviceId,
                                                     qint64 sequence,
                                                     const QCborMap &sections,
                                                     const QCborMap &hashes,
                                                     const QDateTime &now)
{
    return ingestBatch({DeviceWrite{deviceId, sequence, sections, hashes, now, false}}).first();
}

QList<Result<IngestOutcome>> DeviceRepository::ingestBatch(const QList<DeviceWrite> &writes)
{
    QList<Result<IngestOutcome>> results;
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    const auto failAll = [&](const Error &error) {
        results.clear();
        for (qsizetype i = 0; i < writes.size(); ++i) {
            results.append(error);
        }
        return results;
    };
    if (!transaction.isOpen()) {
        return failAll(m_db.failure(transaction.beginError(), QStringLiteral("starting to store reports")));
    }
    QSqlQuery query(db);
    for (const DeviceWrite &write : writes) {
        if (!query.exec(QStringLiteral("SAVEPOINT device_write"))) {
            return failAll(m_db.failure(query.lastError(), QStringLiteral("starting a report")));
        }
        Result<IngestOutcome> result = apply(query, write);
        const bool undo =
            !result || result.value() == IngestOutcome::Duplicate || result.value() == IngestOutcome::Revoked;
        if (undo && !query.exec(QStringLiteral("ROLLBACK TO SAVEPOINT device_write"))) {
            return failAll(m_db.failure(query.lastError(), QStringLiteral("undoing a report")));
        }
        if (!query.exec(QStringLiteral("RELEASE SAVEPOINT device_write"))) {
            return failAll(m_db.failure(query.lastError(), QStringLiteral("finishing a report")));
        }
        // A lost connection fails the whole transaction; no later write can succeed in it.
        if (!result && result.error().code == QLatin1String("store.unavailable")) {
            return failAll(result.error());
        }
        results.append(std::move(result));
    }
    if (!transaction.commit()) {
        return failAll(m_db.failure(db.lastError(), QStringLiteral("committing reports")));
    }
    return results;
}

Result<IngestOutcome> DeviceRepository::apply(QSqlQuery &query, const DeviceWrite &write)
{
    const QString &deviceId = write.deviceId;
    // Locks the device's row, so two servers sharing PostgreSQL apply one device's reports in turn.
    if (!sql::run(query,
                  QStringLiteral(
                      "SELECT last_sequence, revoked, conditions_at, search_at, facts_at FROM devices WHERE id = ?")
                      + m_db.forUpdate(),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    if (!query.next()) {
        return makeError(QStringLiteral("device.unknown"), QStringLiteral("device %1 is not enrolled").arg(deviceId));
    }
    if (query.value(1).toInt() != 0) {
        return IngestOutcome::Revoked;
    }
    const qint64 lastSequence = query.value(0).toLongLong();
    // Never computed (enrolled, or stored before conditions were kept): computed at this write.
    const bool conditionsUnknown = query.value(2).isNull();
    const bool searchUnknown = query.value(3).isNull();
    const bool factsUnknown = query.value(4).isNull();
    if (write.contactOnly) {
        if (searchUnknown) {
            if (Status indexed = refreshSearchTerms(query, deviceId, write.at); !indexed) {
                return indexed.error();
            }
        }
        if (factsUnknown) {
            if (Status refreshed = m_facts.refresh(m_db.connection(), deviceId, true, write.at); !refreshed) {
                return refreshed.error();
            }
        }
        if (!sql::run(query,
                      QStringLiteral("UPDATE devices SET last_seen = ? WHERE id = ?"),
                      {sql::epoch(write.at), deviceId})) {
            return m_db.failure(query.lastError(), QStringLiteral("recording contact"));
        }
        if (conditionsUnknown) {
            if (Status refreshed = refreshConditions(query, deviceId, write.at); !refreshed) {
                return refreshed.error();
            }
        }
        return IngestOutcome::Stored;
    }
    if (write.sequence <= lastSequence) {
        return IngestOutcome::Duplicate;
    }
    if (write.sequence - lastSequence > protocol::kMaxSequenceStep) {
        return makeError(QStringLiteral("report.sequence-jump"),
                         QStringLiteral("report %1 runs more than %2 ahead of the last one stored (%3)")
                             .arg(write.sequence)
                             .arg(protocol::kMaxSequenceStep)
                             .arg(lastSequence));
    }

    const QCborMap &sections = write.sections;
    const QCborMap &hashes = write.hashes;
    bool conditionSectionChanged = false;
    bool searchSectionChanged = searchUnknown;
    bool factSectionChanged = factsUnknown;
    bool softwareChanged = factsUnknown;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        const QString name = it.key().toString();
        if (!isKnownSection(name)) {
            continue; // a newer agent's extra section: ignored, never stored without bound
        }
        conditionSectionChanged = conditionSectionChanged || isConditionSection(name);
        searchSectionChanged = searchSectionChanged || isSearchSection(name);
        factSectionChanged = factSectionChanged || isFactSection(name);
        softwareChanged = softwareChanged || name == QLatin1String("software");
        if (!sql::run(
                query,
                QStringLiteral(
                    "INSERT INTO device_sections (device_id, name, hash, data, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (device_id, name) DO UPDATE SET hash = excluded.hash, data = excluded.data, "
                    "updated_at = excluded.updated_at"),
                {deviceId,
                 name,
                 protocol::Report::sectionHash(it.value()),
                 it.value().toCbor(),
                 sql::epoch(write.at)})) {
            return m_db.failure(query.lastError(), QStringLiteral("storing section %1").arg(name));
        }
    }

    // `hashes` names every section the agent has now; one it no longer reports (its collector
    // failed, or the product was removed) must not linger and be judged as current. Sections the
    // agent left out because they did not change must match what we hold.
    if (!sql::run(query, QStringLiteral("SELECT name, hash FROM device_sections WHERE device_id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading section hashes"));
    }
    QStringList gone;
    QHash<QString, QByteArray> stored;
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (hashes.contains(name)) {
            stored.insert(name, query.value(1).toByteArray());
        } else {
            gone.append(name);
        }
    }
    bool needsResync = false;
    for (auto it = hashes.constBegin(); it != hashes.constEnd(); ++it) {
        const QString name = it.key().toString();
        if (isKnownSection(name) && !sections.contains(it.key()) && stored.value(name) != it.value().toByteArray()) {
            needsResync = true;
        }
    }
    for (const QString &name : std::as_const(gone)) {
        if (!sql::run(query,
                      QStringLiteral("DELETE FROM device_sections WHERE device_id = ? AND name = ?"),
                      {deviceId, name})) {
            return m_db.failure(query.lastError(), QStringLiteral("dropping section %1").arg(name));
        }
        conditionSectionChanged = conditionSectionChanged || isConditionSection(name);
        searchSectionChanged = searchSectionChanged || isSearchSection(name);
        factSectionChanged = factSectionChanged || isFactSection(name);
        softwareChanged = softwareChanged || name == QLatin1String("software");
    }
    if (conditionSectionChanged || conditionsUnknown) {
        if (Status refreshed = refreshConditions(query, deviceId, write.at); !refreshed) {
            return refreshed.error();
        }
    }

    if (!sql::run(query,
                  QStringLiteral("UPDATE devices SET last_sequence = ?, last_seen = ?, reports_stored = reports_stored "
                                 "+ 1 WHERE id = ?"),
                  {write.sequence, sql::epoch(write.at), deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("updating device"));
    }
    const QString hostname =
        sections.value(QLatin1String("os")).toMap().value(QLatin1String("hostname")).toString().left(255);
    if (!hostname.isEmpty()
        && !sql::run(query, QStringLiteral("UPDATE devices SET hostname = ? WHERE id = ?"), {hostname, deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("updating hostname"));
    }
    if (searchSectionChanged) {
        if (Status indexed = refreshSearchTerms(query, deviceId, write.at); !indexed) {
            return indexed.error();
        }
    }
    if (factSectionChanged || softwareChanged) {
        if (Status refreshed = m_facts.refresh(m_db.connection(), deviceId, softwareChanged, write.at); !refreshed) {
            return refreshed.error();
        }
    }
    return needsResync ? IngestOutcome::StoredNeedsResync : IngestOutcome::Stored;
}

Status DeviceRepository::refreshSearchTerms(QSqlQuery &query, const QString &deviceId, const QDateTime &at)
{
    if (!sql::run(query, QStringLiteral("SELECT hostname FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device for search"));
    }
    const QString hostname = query.next() ? query.value(0).toString() : QString();
    if (!sql::run(query,
                  QStringLiteral("SELECT name, data FROM device_sections WHERE device_id = ? AND name IN "
                                 "('os', 'hardware', 'network')"),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading sections for search"));
    }
    QCborMap sections;
    while (query.next()) {
        sections.insert(query.value(0).toString(), QCborValue::fromCbor(query.value(1).toByteArray()));
    }
    const QList<search::SearchTerm> terms = search::searchTerms(hostname, sections);
    const bool anyUser = std::any_of(terms.cbegin(), terms.cend(), [](const search::SearchTerm &term) {
        return term.field == QLatin1String("user");
    });
    if (!sql::run(query,
                  anyUser ? QStringLiteral("DELETE FROM device_search_terms WHERE device_id = ?")
                          : QStringLiteral("DELETE FROM device_search_terms WHERE device_id = ? AND field <> 'user'"),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("clearing search terms"));
    }
    for (const search::SearchTerm &term : terms) {
        if (!sql::run(
                query,
                QStringLiteral("INSERT INTO device_search_terms (device_id, field, term, shown) VALUES (?, ?, ?, ?)"),
                {deviceId, term.field, term.term, term.shown})) {
            return m_db.failure(query.lastError(), QStringLiteral("storing search terms"));
        }
    }
    if (!sql::run(query, QStringLiteral("UPDATE devices SET search_at = ? WHERE id = ?"), {sql::epoch(at), deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("recording when search terms were computed"));
    }
    return Ok{};
}

Result<QStringList> DeviceRepository::sameSerialAs(const QString &deviceId)
{
    // The serial as kept for search: lower-cased, one row per device.
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("SELECT t.device_id FROM device_search_terms t JOIN devices d ON d.id = t.device_id "
                                 "WHERE t.field = 'serial' AND d.revoked = 0 AND t.device_id <> ? AND t.term IN "
                                 "(SELECT term FROM device_search_terms WHERE device_id = ? AND field = 'serial') "
                                 "ORDER BY t.device_id"),
                  {deviceId, deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("finding devices with the same serial"));
    }
    QStringList ids;
    while (query.next()) {
        ids.append(query.value(0).toString());
    }
    return ids;
}

Result<InstalledPackages> DeviceRepository::installedPackages(const QStringList &names)
{
    InstalledPackages installed;
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    if (!sql::run(query, QStringLiteral("SELECT device_id FROM device_sections WHERE name = 'software'"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing devices that reported software"));
    }
    while (query.next()) {
        installed.reporting.insert(query.value(0).toString());
    }
    for (const QString &name : names) {
        if (!sql::run(query,
                      QStringLiteral("SELECT ds.device_id FROM device_software ds JOIN software s ON s.id = "
                                     "ds.software_id WHERE s.name_key = ?"),
                      {name})) {
            return m_db.failure(query.lastError(), QStringLiteral("finding installed packages"));
        }
        while (query.next()) {
            installed.byDevice[query.value(0).toString()].insert(name);
        }
    }
    return installed;
}

Status DeviceRepository::indexForSearch(const QString &deviceId, const QDateTime &at)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to index a device"));
    }
    QSqlQuery query(db);
    if (Status indexed = refreshSearchTerms(query, deviceId, at); !indexed) {
        return indexed;
    }
    if (Status refreshed = m_facts.refresh(db, deviceId, true, at); !refreshed) {
        return refreshed;
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing search terms"));
    }
    return Ok{};
}

Result<int> DeviceRepository::indexUnsearched(const QDateTime &at)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("SELECT id FROM devices WHERE search_at IS NULL OR facts_at IS NULL"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing devices to index"));
    }
    QStringList ids;
    while (query.next()) {
        ids.append(query.value(0).toString());
    }
    query.finish();
    for (const QString &id : std::as_const(ids)) {
        if (Status indexed = indexForSearch(id, at); !indexed) {
            return indexed.error();
        }
    }
    return int(ids.size());
}

Result<QList<SearchHit>> DeviceRepository::search(const QString &text, int limit)
{
    QSqlQuery query(m_db.connection());
    QList<SearchHit> hits;
    QHash<QString, qsizetype> hitOf;
    const auto found = [&](const QString &deviceId, const QString &field, const QString &shown, bool exact) {
        auto index = hitOf.constFind(deviceId);
        if (index == hitOf.constEnd()) {
            index = hitOf.insert(deviceId, hits.size());
            hits.append(SearchHit{deviceId, {}, {}, false, false, {}});
        }
        hits[*index].exact = hits[*index].exact || exact;
        QList<QPair<QString, QString>> &matched = hits[*index].matched;
        const QPair<QString, QString> match{field, shown};
        if (!matched.contains(match)) {
            matched.append(match);
        }
    };
    // A device's own id, exactly: what stewardctl and the logs show.
    if (!sql::run(query, QStringLiteral("SELECT id FROM devices WHERE id = ?"), {text.trimmed()})) {
        return m_db.failure(query.lastError(), QStringLiteral("searching devices by id"));
    }
    if (query.next()) {
        found(query.value(0).toString(), QStringLiteral("id"), query.value(0).toString(), true);
    }
    // Enough rows to fill `limit` devices even when each matches by several terms, without
    // letting a one-letter search read the whole index.
    const int rowCap = limit * 20;
    for (const search::SearchKey &key : search::searchKeys(text)) {
        const QString upper = search::prefixUpperBound(key.term);
        QString statement =
            QStringLiteral("SELECT device_id, field, term, shown FROM device_search_terms WHERE term >= ?");
        QVariantList values{key.term};
        if (!upper.isEmpty()) {
            statement += QStringLiteral(" AND term < ?");
            values.append(upper);
        }
        if (!key.field.isEmpty()) {
            statement += QStringLiteral(" AND field = ?");
            values.append(key.field);
        }
        statement += QStringLiteral(" ORDER BY term LIMIT %1").arg(rowCap);
        if (!sql::run(query, statement, values)) {
            return m_db.failure(query.lastError(), QStringLiteral("searching devices"));
        }
        while (query.next()) {
            const QString term = query.value(2).toString();
            if (term.startsWith(key.term)) {
                found(query.value(0).toString(),
                      query.value(1).toString(),
                      query.value(3).toString(),
                      term == key.term);
            }
        }
    }
    if (hits.isEmpty()) {
        return hits;
    }
    // Each device's name, unit and state, in one query.
    QStringList placeholders;
    QVariantList ids;
    for (const SearchHit &hit : std::as_const(hits)) {
        placeholders.append(QStringLiteral("?"));
        ids.append(hit.deviceId);
    }
    if (!sql::run(query,
                  QStringLiteral("SELECT d.id, d.hostname, o.path, d.revoked FROM devices d JOIN org_units o ON o.id = "
                                 "d.org_unit_id WHERE d.id IN (%1)")
                      .arg(placeholders.join(QLatin1Char(','))),
                  ids)) {
        return m_db.failure(query.lastError(), QStringLiteral("reading devices found"));
    }
    while (query.next()) {
        SearchHit &hit = hits[hitOf.value(query.value(0).toString())];
        hit.hostname = query.value(1).toString();
        hit.orgUnit = query.value(2).toString();
        hit.revoked = query.value(3).toInt() != 0;
    }
    std::sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        if (a.exact != b.exact) {
            return a.exact;
        }
        const int byName = QString::compare(a.hostname, b.hostname, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.deviceId < b.deviceId;
    });
    if (hits.size() > limit) {
        hits.resize(limit);
    }
    return hits;
}

Status DeviceRepository::refreshConditions(QSqlQuery &query, const QString &deviceId, const QDateTime &at)
{
    // The sections as now stored, whichever of them this write brought or dropped.
    if (!sql::run(query,
                  QStringLiteral("SELECT name, data FROM device_sections WHERE device_id = ? AND name IN "
                                 "('antivirus', 'patches')"),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading sections for conditions"));
    }
    QCborMap sections;
    while (query.next()) {
        sections.insert(query.value(0).toString(), QCborValue::fromCbor(query.value(1).toByteArray()));
    }
    const QSet<QString> holding = reportConditions(sections);

    if (!sql::run(query, QStringLiteral("SELECT code FROM device_conditions WHERE device_id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading conditions"));
    }
    QSet<QString> stored;
    while (query.next()) {
        stored.insert(query.value(0).toString());
    }
    // A condition that still holds keeps its time; one that cleared is forgotten, so that it
    // starts afresh if it comes back.
    for (const QString &code : holding - stored) {
        if (!sql::run(query,
                      QStringLiteral("INSERT INTO device_conditions (device_id, code, since) VALUES (?, ?, ?)"),
                      {deviceId, code, sql::epoch(at)})) {
            return m_db.failure(query.lastError(), QStringLiteral("recording condition %1").arg(code));
        }
    }
    for (const QString &code : stored - holding) {
        if (!sql::run(query,
                      QStringLiteral("DELETE FROM device_conditions WHERE device_id = ? AND code = ?"),
                      {deviceId, code})) {
            return m_db.failure(query.lastError(), QStringLiteral("clearing condition %1").arg(code));
        }
    }
    if (!sql::run(query,
                  QStringLiteral("UPDATE devices SET conditions_at = ? WHERE id = ?"),
                  {sql::epoch(at), deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("recording when conditions were computed"));
    }
    return Ok{};
}

Result<qint64> DeviceRepository::lastSequence(const QString &deviceId)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("SELECT last_sequence FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading last sequence"));
    }
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

Result<QList<Device>> DeviceRepository::list()
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kDeviceColumns + QStringLiteral(" ORDER BY d.hostname, d.id"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing devices"));
    }
    QList<Device> result;
    QHash<QString, qsizetype> indexById;
    while (query.next()) {
        result.append(deviceFromRow(query));
        indexById.insert(result.last().id, result.size() - 1);
    }
    // One query for all sections, not one per device: the console lists thousands of devices.
    if (!sql::run(query,
                  QStringLiteral("SELECT device_id, name, data FROM device_sections WHERE name <> 'software'"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing device sections"));
    }
    while (query.next()) {
        const auto index = indexById.constFind(query.value(0).toString());
        if (index != indexById.constEnd()) {
            result[*index].sections.insert(query.value(1).toString(),
                                           QCborValue::fromCbor(query.value(2).toByteArray()));
        }
    }
    if (!sql::run(query, QStringLiteral("SELECT device_id, code, since FROM device_conditions"))) {
        return m_db.failure(query.lastError(), QStringLiteral("listing device conditions"));
    }
    while (query.next()) {
        const auto index = indexById.constFind(query.value(0).toString());
        if (index != indexById.constEnd()) {
            result[*index].conditionsSince.insert(query.value(1).toString(), sql::fromEpoch(query.value(2)));
        }
    }
    return result;
}

Result<std::optional<Device>> DeviceRepository::find(const QString &id)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, kDeviceColumns + QStringLiteral(" WHERE d.id = ?"), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    if (!query.next()) {
        return std::optional<Device>();
    }
    Device device = deviceFromRow(query);
    if (!sql::run(query, QStringLiteral("SELECT name, data FROM device_sections WHERE device_id = ?"), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device sections"));
    }
    while (query.next()) {
        device.sections.insert(query.value(0).toString(), QCborValue::fromCbor(query.value(1).toByteArray()));
    }
    if (!sql::run(query, QStringLiteral("SELECT code, since FROM device_conditions WHERE device_id = ?"), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device conditions"));
    }
    while (query.next()) {
        device.conditionsSince.insert(query.value(0).toString(), sql::fromEpoch(query.value(1)));
    }
    if (!sql::run(query, QStringLiteral("SELECT MAX(not_after) FROM certificates WHERE device_id = ?"), {id})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device certificates"));
    }
    if (query.next()) {
        device.certificateExpiresAt = sql::fromEpoch(query.value(0));
    }
    return std::optional<Device>(std::move(device));
}

Result<bool> DeviceRepository::revoke(const QString &deviceId)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query, QStringLiteral("UPDATE devices SET revoked = 1 WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("revoking device"));
    }
    return query.numRowsAffected() == 1;
}

Result<DeviceRetirement> DeviceRepository::retire(const QString &deviceId,
                                                  const QString &by,
                                                  const QString &reason,
                                                  const QDateTime &at)
{
    QSqlQuery query(m_db.connection());
    if (!sql::run(query,
                  QStringLiteral("UPDATE devices SET revoked = 1, retired_at = ?, retired_by = ?, retired_reason = ? "
                                 "WHERE id = ? AND retired_at IS NULL"),
                  {sql::epoch(at), by, reason, deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("retiring device"));
    }
    if (query.numRowsAffected() == 1) {
        return DeviceRetirement::Retired;
    }
    if (!sql::run(query, QStringLiteral("SELECT 1 FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    return query.next() ? DeviceRetirement::AlreadyRetired : DeviceRetirement::Unknown;
}

Result<std::optional<QString>> DeviceRepository::move(const QString &deviceId, const QString &orgUnitPath)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to move a device"));
    }
    QSqlQuery query(db);
    if (!sql::run(query, QStringLiteral("SELECT id FROM org_units WHERE path = ?") + m_db.forUpdate(), {orgUnitPath})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading org unit"));
    }
    if (!query.next()) {
        return orgunit::unknownUnit(orgUnitPath);
    }
    const qint64 unitId = query.value(0).toLongLong();
    if (!sql::run(
            query,
            QStringLiteral("SELECT o.path FROM devices d JOIN org_units o ON o.id = d.org_unit_id WHERE d.id = ?"),
            {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    if (!query.next()) {
        return std::optional<QString>();
    }
    const QString previous = query.value(0).toString();
    if (!sql::run(query, QStringLiteral("UPDATE devices SET org_unit_id = ? WHERE id = ?"), {unitId, deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("moving device"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing the move of a device"));
    }
    return std::optional<QString>(previous);
}

Result<DeviceDeletion> DeviceRepository::deleteRevoked(const QString &deviceId)
{
    QSqlDatabase db = m_db.connection();
    SqlTransaction transaction(db, SqlTransaction::Lock::Immediate);
    if (!transaction.isOpen()) {
        return m_db.failure(transaction.beginError(), QStringLiteral("starting to delete a device"));
    }
    QSqlQuery query(db);
    // The row lock keeps a report being applied meanwhile from writing sections of a device
    // that is going; once it is gone, such a report finds no device.
    if (!sql::run(query, QStringLiteral("SELECT revoked FROM devices WHERE id = ?") + m_db.forUpdate(), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device"));
    }
    if (!query.next()) {
        return DeviceDeletion::Unknown;
    }
    if (query.value(0).toInt() == 0) {
        return DeviceDeletion::NotRevoked;
    }
    // Everything kept of the device goes with it: its certificates too, which name a device that
    // no longer exists (the gateway refuses a certificate of no device). The audit log keeps
    // what was done to it.
    for (const char *table : {"device_conditions",
                              "device_search_terms",
                              "device_facts",
                              "device_software",
                              "device_group_members",
                              "device_sections",
                              "certificates"}) {
        if (!sql::run(query,
                      QStringLiteral("DELETE FROM %1 WHERE device_id = ?").arg(QLatin1String(table)),
                      {deviceId})) {
            return m_db.failure(query.lastError(),
                                QStringLiteral("deleting the device's %1").arg(QLatin1String(table)));
        }
    }
    if (!sql::run(query, QStringLiteral("DELETE FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("deleting device"));
    }
    if (!transaction.commit()) {
        return m_db.failure(db.lastError(), QStringLiteral("committing the deletion of a device"));
    }
    return DeviceDeletion::Deleted;
}

} // namespace steward::server
