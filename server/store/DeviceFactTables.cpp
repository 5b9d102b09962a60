// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceFactTables.h"

#include "Database.h"
#include "groups/DeviceFacts.h"
#include "groups/VersionKey.h"

#include <QCborMap>
#include <QCborValue>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

namespace steward::server
{

namespace
{
QString packageKey(const QString &name, const QString &version)
{
    return name + QLatin1Char('\n') + version;
}
} // namespace

DeviceFactTables::DeviceFactTables(Database &database)
    : m_db(database)
{
}

Status DeviceFactTables::refresh(const QSqlDatabase &connection,
                                 const QString &deviceId,
                                 bool software,
                                 const QDateTime &at)
{
    QSqlQuery query(connection);
    if (!sql::run(query, QStringLiteral("SELECT hostname FROM devices WHERE id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading device for its facts"));
    }
    const QString hostname = query.next() ? query.value(0).toString() : QString();
    const QString names = software ? QStringLiteral("('os', 'hardware', 'antivirus', 'patches', 'agent', 'software')")
                                   : QStringLiteral("('os', 'hardware', 'antivirus', 'patches', 'agent')");
    if (!sql::run(query,
                  QStringLiteral("SELECT name, data FROM device_sections WHERE device_id = ? AND name IN ") + names,
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading sections for facts"));
    }
    QCborMap sections;
    while (query.next()) {
        sections.insert(query.value(0).toString(), QCborValue::fromCbor(query.value(1).toByteArray()));
    }
    query.finish();
    if (Status stored = refreshFacts(connection, deviceId, hostname, sections); !stored) {
        return stored;
    }
    if (software) {
        if (Status stored = refreshSoftware(connection, deviceId, sections); !stored) {
            return stored;
        }
    }
    if (!sql::run(query, QStringLiteral("UPDATE devices SET facts_at = ? WHERE id = ?"), {sql::epoch(at), deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("recording when facts were computed"));
    }
    return Ok{};
}

Status DeviceFactTables::refreshFacts(const QSqlDatabase &connection,
                                      const QString &deviceId,
                                      const QString &hostname,
                                      const QCborMap &sections)
{
    QSqlQuery query(connection);
    if (!sql::run(query, QStringLiteral("DELETE FROM device_facts WHERE device_id = ?"), {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("clearing facts"));
    }
    if (!query.prepare(
            QStringLiteral("INSERT INTO device_facts (device_id, field, value, sort_key) VALUES (?, ?, ?, ?)"))) {
        return m_db.failure(query.lastError(), QStringLiteral("preparing facts"));
    }
    for (const groups::DeviceFact &fact : groups::deviceFacts(hostname, sections)) {
        query.addBindValue(deviceId);
        query.addBindValue(fact.field);
        query.addBindValue(fact.value);
        query.addBindValue(groups::versionKey(fact.value));
        if (!query.exec()) {
            return m_db.failure(query.lastError(), QStringLiteral("storing facts"));
        }
    }
    return Ok{};
}

Status DeviceFactTables::refreshSoftware(const QSqlDatabase &connection,
                                         const QString &deviceId,
                                         const QCborMap &sections)
{
    // Only what changed is written: an upgrade of three packages touches six rows, not thousands.
    QSqlQuery query(connection);
    if (!sql::run(query,
                  QStringLiteral("SELECT s.id, s.name, s.version FROM device_software ds JOIN software s ON s.id = "
                                 "ds.software_id WHERE ds.device_id = ?"),
                  {deviceId})) {
        return m_db.failure(query.lastError(), QStringLiteral("reading installed software"));
    }
    QHash<QString, qint64> stored;
    while (query.next()) {
        stored.insert(packageKey(query.value(1).toString(), query.value(2).toString()), query.value(0).toLongLong());
    }
    query.finish();

    QSqlQuery insertPackage(connection);
    QSqlQuery findPackage(connection);
    QSqlQuery link(connection);
    if (!insertPackage.prepare(QStringLiteral("INSERT INTO software (name, version, name_key, version_key) VALUES (?, "
                                              "?, ?, ?) ON CONFLICT (name, version) DO NOTHING"))
        || !findPackage.prepare(QStringLiteral("SELECT id FROM software WHERE name = ? AND version = ?"))
        || !link.prepare(QStringLiteral("INSERT INTO device_software (device_id, software_id) VALUES (?, ?)"))) {
        return m_db.failure(insertPackage.lastError().isValid()     ? insertPackage.lastError()
                                : findPackage.lastError().isValid() ? findPackage.lastError()
                                                                    : link.lastError(),
                            QStringLiteral("preparing software"));
    }
    for (const groups::InstalledPackage &package : groups::installedPackages(sections)) {
        const QString key = packageKey(package.name, package.version);
        if (stored.remove(key) > 0) {
            continue; // installed before and still
        }
        findPackage.addBindValue(package.name);
        findPackage.addBindValue(package.version);
        if (!findPackage.exec()) {
            return m_db.failure(findPackage.lastError(), QStringLiteral("reading software"));
        }
        qint64 id = findPackage.next() ? findPackage.value(0).toLongLong() : 0;
        findPackage.finish();
        if (id == 0) {
            insertPackage.addBindValue(package.name);
            insertPackage.addBindValue(package.version);
            insertPackage.addBindValue(package.name.toLower());
            insertPackage.addBindValue(groups::versionKey(package.version));
            if (!insertPackage.exec()) {
                return m_db.failure(insertPackage.lastError(), QStringLiteral("storing software"));
            }
            findPackage.addBindValue(package.name);
            findPackage.addBindValue(package.version);
            if (!findPackage.exec() || !findPackage.next()) {
                return m_db.failure(findPackage.lastError(), QStringLiteral("reading stored software"));
            }
            id = findPackage.value(0).toLongLong();
            findPackage.finish();
        }
        link.addBindValue(deviceId);
        link.addBindValue(id);
        if (!link.exec()) {
            return m_db.failure(link.lastError(), QStringLiteral("linking software"));
        }
    }
    // What is left was removed from the device.
    if (!stored.isEmpty()) {
        QSqlQuery unlink(connection);
        if (!unlink.prepare(QStringLiteral("DELETE FROM device_software WHERE device_id = ? AND software_id = ?"))) {
            return m_db.failure(unlink.lastError(), QStringLiteral("preparing software removal"));
        }
        for (const qint64 id : std::as_const(stored)) {
            unlink.addBindValue(deviceId);
            unlink.addBindValue(id);
            if (!unlink.exec()) {
                return m_db.failure(unlink.lastError(), QStringLiteral("unlinking software"));
            }
        }
    }
    return Ok{};
}

} // namespace steward::server
