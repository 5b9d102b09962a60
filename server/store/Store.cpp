// SPDX-License-Identifier: GPL-3.0-or-later
#include "Store.h"

#include "Messages.h"
#include "SqlTransaction.h"
#include "StewardServerLogging.h"

#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QUuid>

namespace steward::server
{

namespace
{
Error sqlError(const QSqlError &error, const QString &what)
{
    return makeError(QStringLiteral("store.sql"), QStringLiteral("%1: %2").arg(what, error.text()));
}

qint64 toEpoch(const QDateTime &time)
{
    return time.toSecsSinceEpoch();
}

QDateTime fromEpoch(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// The report sections of docs/protocol.md; anything else a peer sends is not stored.
bool isKnownSection(const QString &name)
{
    static const QStringList known = {QStringLiteral("os"),      QStringLiteral("hardware"),  QStringLiteral("software"),
                                      QStringLiteral("patches"), QStringLiteral("antivirus"), QStringLiteral("errors"),
                                      QStringLiteral("agent"), QStringLiteral("network")};
    return known.contains(name);
}

Error tokenRejection(QSqlDatabase db, const QByteArray &tokenHash, const QDateTime &now)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT uses_left, expires_at FROM enrollment_tokens WHERE token_hash = ?"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    if (!query.exec() || !query.next()) {
        return makeError(QStringLiteral("token.unknown"), QStringLiteral("the enrolment token is not known to this server"));
    }
    if (query.value(1).toLongLong() <= toEpoch(now)) {
        return makeError(QStringLiteral("token.expired"), QStringLiteral("the enrolment token has expired"));
    }
    if (query.value(0).toInt() <= 0) {
        return makeError(QStringLiteral("token.used-up"), QStringLiteral("the enrolment token has no uses left"));
    }
    return makeError(QStringLiteral("token.invalid"), QStringLiteral("the enrolment token cannot be used"));
}
}

QString roleName(Role role)
{
    return role == Role::Admin ? QStringLiteral("admin") : QStringLiteral("helpdesk");
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == QLatin1String("admin")) {
        return Role::Admin;
    }
    if (name == QLatin1String("helpdesk")) {
        return Role::Helpdesk;
    }
    return std::nullopt;
}

Store::Store()
    : m_connectionName(QStringLiteral("steward-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Store::~Store()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen()) {
            database.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Store::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Status Store::exec(const QString &sql)
{
    QSqlQuery query(db());
    if (!query.exec(sql)) {
        return sqlError(query.lastError(), sql.left(60));
    }
    return Ok{};
}

Status Store::open(const QString &path)
{
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    database.setDatabaseName(path);
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!database.open()) {
        return sqlError(database.lastError(), QStringLiteral("cannot open %1").arg(path));
    }
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
        if (Status status = exec(QLatin1String(pragma)); !status) {
            return status;
        }
    }
    return migrate();
}

int Store::schemaVersion() const
{
    QSqlQuery query(db());
    if (query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) && query.next()) {
        return query.value(0).toInt();
    }
    return 0;
}

// Applies every numbered script under :/steward/migrations that is newer than the database,
// each in its own transaction together with its schema_migrations row.
Status Store::migrate()
{
    if (Status status = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"));
        !status) {
        return status;
    }
    const int current = schemaVersion();
    QDir dir(QStringLiteral(":/steward/migrations"));
    const QStringList scripts = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &script : scripts) {
        const int version = script.section(QLatin1Char('_'), 0, 0).toInt();
        if (version <= current) {
            continue;
        }
        QFile file(dir.filePath(script));
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(QStringLiteral("store.migration"), QStringLiteral("cannot read migration %1").arg(script));
        }
        const QString sql = QString::fromUtf8(file.readAll());
        SqlTransaction transaction(db());
        if (!transaction.isOpen()) {
            return sqlError(db().lastError(), QStringLiteral("starting migration %1").arg(script));
        }
        const QStringList statements = sql.split(QRegularExpression(QStringLiteral(";\\s*\\n")), Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            QString body;
            for (const QString &line : statement.split(QLatin1Char('\n'))) {
                if (!line.trimmed().startsWith(QLatin1String("--"))) {
                    body += line + QLatin1Char('\n');
                }
            }
            body = body.trimmed();
            if (body.endsWith(QLatin1Char(';'))) {
                body.chop(1);
            }
            if (body.isEmpty()) {
                continue;
            }
            if (Status status = exec(body); !status) {
                return makeError(QStringLiteral("store.migration"), QStringLiteral("migration %1 failed: %2").arg(script, status.error().message));
            }
        }
        QSqlQuery record(db());
        record.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        record.addBindValue(version);
        record.addBindValue(toEpoch(QDateTime::currentDateTimeUtc()));
        if (!record.exec()) {
            return sqlError(record.lastError(), QStringLiteral("recording migration %1").arg(script));
        }
        if (Status status = transaction.commit(); !status) {
            return status;
        }
        qCInfo(lcServer) << "applied database migration" << script;
    }
    return Ok{};
}

Status Store::addUser(const User &user, const QDateTime &now)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(user.name);
    query.addBindValue(roleName(user.role));
    query.addBindValue(user.passwordHash);
    query.addBindValue(toEpoch(now));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("adding user"));
    }
    return Ok{};
}

std::optional<User> Store::user(const QString &name) const
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT name, role, password_hash FROM users WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    const std::optional<Role> role = roleFromName(query.value(1).toString());
    if (!role) {
        return std::nullopt;
    }
    return User{query.value(0).toString(), *role, query.value(2).toString()};
}

Status Store::addSession(const QByteArray &tokenHash, const QString &userName, const QDateTime &now, const QDateTime &expires)
{
    QSqlQuery query(db());
    // Expired sessions are swept whenever a new one starts, so the table stays small.
    query.prepare(QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"));
    query.addBindValue(toEpoch(now));
    query.exec();
    query.prepare(QStringLiteral("INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    query.addBindValue(userName);
    query.addBindValue(toEpoch(now));
    query.addBindValue(toEpoch(expires));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("adding session"));
    }
    return Ok{};
}

std::optional<User> Store::sessionUser(const QByteArray &tokenHash, const QDateTime &now) const
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT user_name FROM sessions WHERE token_hash = ? AND expires_at > ?"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    query.addBindValue(toEpoch(now));
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return user(query.value(0).toString());
}

Status Store::removeSession(const QByteArray &tokenHash)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("removing session"));
    }
    return Ok{};
}

Status Store::addEnrollmentToken(const QByteArray &tokenHash, int uses, const QDateTime &expires, const QString &createdBy, const QDateTime &now)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO enrollment_tokens (token_hash, uses_left, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    query.addBindValue(uses);
    query.addBindValue(toEpoch(expires));
    query.addBindValue(createdBy);
    query.addBindValue(toEpoch(now));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("adding enrolment token"));
    }
    return Ok{};
}

Result<quint64> Store::nextSerial()
{
    SqlTransaction transaction(db());
    if (!transaction.isOpen()) {
        return sqlError(db().lastError(), QStringLiteral("starting transaction"));
    }
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("UPDATE counters SET value = value + 1 WHERE name = 'certificate_serial'"))
        || !query.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'certificate_serial'")) || !query.next()) {
        return sqlError(query.lastError(), QStringLiteral("reserving a certificate serial"));
    }
    const quint64 serial = query.value(0).toULongLong();
    if (Status status = transaction.commit(); !status) {
        return status.error();
    }
    return serial;
}

Status Store::checkEnrollmentToken(const QByteArray &tokenHash, const QDateTime &now) const
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT 1 FROM enrollment_tokens WHERE token_hash = ? AND uses_left > 0 AND expires_at > ?"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    query.addBindValue(toEpoch(now));
    if (query.exec() && query.next()) {
        return Ok{};
    }
    return tokenRejection(db(), tokenHash, now);
}

Status Store::enrollDevice(const QByteArray &tokenHash, const NewDevice &device, const QDateTime &now)
{
    SqlTransaction transaction(db());
    if (!transaction.isOpen()) {
        return sqlError(db().lastError(), QStringLiteral("starting transaction"));
    }
    QSqlQuery query(db());
    query.prepare(QStringLiteral("UPDATE enrollment_tokens SET uses_left = uses_left - 1 WHERE token_hash = ? AND uses_left > 0 AND expires_at > ?"));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    query.addBindValue(toEpoch(now));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("consuming enrolment token"));
    }
    if (query.numRowsAffected() != 1) {
        return tokenRejection(db(), tokenHash, now);
    }
    query.prepare(QStringLiteral("INSERT INTO devices (id, hostname, enrolled_at) VALUES (?, ?, ?)"));
    query.addBindValue(device.id);
    query.addBindValue(device.hostname);
    query.addBindValue(toEpoch(now));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("adding device"));
    }
    query.prepare(QStringLiteral("INSERT INTO certificates (serial, device_id, fingerprint, issued_at, not_after) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(qint64(device.serial));
    query.addBindValue(device.id);
    query.addBindValue(device.fingerprint);
    query.addBindValue(toEpoch(now));
    query.addBindValue(toEpoch(device.notAfter));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("recording certificate"));
    }
    return transaction.commit();
}

Status Store::addCertificate(const QString &deviceId, quint64 serial, const QString &fingerprint, const QDateTime &notAfter, const QDateTime &now)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO certificates (serial, device_id, fingerprint, issued_at, not_after) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(qint64(serial));
    query.addBindValue(deviceId);
    query.addBindValue(fingerprint);
    query.addBindValue(toEpoch(now));
    query.addBindValue(toEpoch(notAfter));
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("recording renewed certificate"));
    }
    return Ok{};
}

std::optional<CertificateStatus> Store::certificateStatus(const QString &fingerprint) const
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT d.id, d.revoked FROM certificates c JOIN devices d ON d.id = c.device_id WHERE c.fingerprint = ?"));
    query.addBindValue(fingerprint);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return CertificateStatus{query.value(0).toString(), query.value(1).toInt() != 0};
}

Result<bool> Store::revokeDevice(const QString &deviceId)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("UPDATE devices SET revoked = 1 WHERE id = ?"));
    query.addBindValue(deviceId);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("revoking device"));
    }
    return query.numRowsAffected() == 1;
}

Result<IngestOutcome> Store::ingestReport(const QString &deviceId, qint64 sequence, const QCborMap &sections, const QCborMap &hashes,
                                          const QDateTime &now)
{
    SqlTransaction transaction(db());
    if (!transaction.isOpen()) {
        return sqlError(db().lastError(), QStringLiteral("starting transaction"));
    }
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT last_sequence FROM devices WHERE id = ?"));
    query.addBindValue(deviceId);
    if (!query.exec() || !query.next()) {
        return makeError(QStringLiteral("device.unknown"), QStringLiteral("device %1 is not enrolled").arg(deviceId));
    }
    if (sequence <= query.value(0).toLongLong()) {
        return IngestOutcome::Duplicate;
    }

    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        const QString name = it.key().toString();
        if (!isKnownSection(name)) {
            continue; // a newer agent's extra section: ignored, never stored without bound
        }
        const QByteArray data = it.value().toCbor();
        query.prepare(QStringLiteral("INSERT INTO device_sections (device_id, name, hash, data, updated_at) VALUES (?, ?, ?, ?, ?) "
                                     "ON CONFLICT (device_id, name) DO UPDATE SET hash = excluded.hash, data = excluded.data, "
                                     "updated_at = excluded.updated_at"));
        query.addBindValue(deviceId);
        query.addBindValue(name);
        query.addBindValue(protocol::Report::sectionHash(it.value()));
        query.addBindValue(data);
        query.addBindValue(toEpoch(now));
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("storing section %1").arg(name));
        }
    }

    // `hashes` names every section the agent has now; one it no longer reports (its collector
    // failed, or the product was removed) must not linger and be judged as current.
    query.prepare(QStringLiteral("SELECT name FROM device_sections WHERE device_id = ?"));
    query.addBindValue(deviceId);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("reading section names"));
    }
    QStringList gone;
    while (query.next()) {
        if (!hashes.contains(query.value(0).toString())) {
            gone.append(query.value(0).toString());
        }
    }
    for (const QString &name : std::as_const(gone)) {
        query.prepare(QStringLiteral("DELETE FROM device_sections WHERE device_id = ? AND name = ?"));
        query.addBindValue(deviceId);
        query.addBindValue(name);
        if (!query.exec()) {
            return sqlError(query.lastError(), QStringLiteral("dropping section %1").arg(name));
        }
    }

    // Sections the agent left out because they did not change must match what we hold.
    bool needsResync = false;
    query.prepare(QStringLiteral("SELECT name, hash FROM device_sections WHERE device_id = ?"));
    query.addBindValue(deviceId);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("reading section hashes"));
    }
    QHash<QString, QByteArray> stored;
    while (query.next()) {
        stored.insert(query.value(0).toString(), query.value(1).toByteArray());
    }
    for (auto it = hashes.constBegin(); it != hashes.constEnd(); ++it) {
        const QString name = it.key().toString();
        if (isKnownSection(name) && !sections.contains(it.key()) && stored.value(name) != it.value().toByteArray()) {
            needsResync = true;
        }
    }

    query.prepare(QStringLiteral("UPDATE devices SET last_sequence = ?, last_seen = ?, reports_stored = reports_stored + 1 WHERE id = ?"));
    query.addBindValue(sequence);
    query.addBindValue(toEpoch(now));
    query.addBindValue(deviceId);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("updating device"));
    }
    if (sections.contains(QLatin1String("os"))) {
        const QString hostname = sections.value(QLatin1String("os")).toMap().value(QLatin1String("hostname")).toString().left(255);
        if (!hostname.isEmpty()) {
            query.prepare(QStringLiteral("UPDATE devices SET hostname = ? WHERE id = ?"));
            query.addBindValue(hostname);
            query.addBindValue(deviceId);
            query.exec();
        }
    }
    if (Status status = transaction.commit(); !status) {
        return status.error();
    }
    return needsResync ? IngestOutcome::StoredNeedsResync : IngestOutcome::Stored;
}

qint64 Store::lastSequence(const QString &deviceId) const
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT last_sequence FROM devices WHERE id = ?"));
    query.addBindValue(deviceId);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

Status Store::touchDevice(const QString &deviceId, const QDateTime &now)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("UPDATE devices SET last_seen = ? WHERE id = ?"));
    query.addBindValue(toEpoch(now));
    query.addBindValue(deviceId);
    if (!query.exec()) {
        return sqlError(query.lastError(), QStringLiteral("touching device"));
    }
    return Ok{};
}

namespace
{
Device deviceFromRow(const QSqlQuery &query)
{
    Device device;
    device.id = query.value(0).toString();
    device.hostname = query.value(1).toString();
    device.enrolledAt = fromEpoch(query.value(2));
    device.lastSeen = fromEpoch(query.value(3));
    device.lastSequence = query.value(4).toLongLong();
    device.revoked = query.value(5).toInt() != 0;
    device.reportsStored = query.value(6).toLongLong();
    return device;
}

void loadSections(QSqlDatabase db, Device &device)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT name, data FROM device_sections WHERE device_id = ?"));
    query.addBindValue(device.id);
    if (!query.exec()) {
        return;
    }
    while (query.next()) {
        device.sections.insert(query.value(0).toString(), QCborValue::fromCbor(query.value(1).toByteArray()));
    }
}

const QString kDeviceColumns = QStringLiteral("SELECT id, hostname, enrolled_at, last_seen, last_sequence, revoked, reports_stored FROM devices");
}

QList<Device> Store::devices() const
{
    QList<Device> result;
    QSqlQuery query(db());
    if (!query.exec(kDeviceColumns + QStringLiteral(" ORDER BY hostname, id"))) {
        qCWarning(lcServer) << "listing devices failed:" << query.lastError().text();
        return result;
    }
    QHash<QString, qsizetype> indexById;
    while (query.next()) {
        result.append(deviceFromRow(query));
        indexById.insert(result.last().id, result.size() - 1);
    }
    // One query for all sections, not one per device: the console lists thousands of devices.
    // The software list is left out; only the detail view needs it.
    if (!query.exec(QStringLiteral("SELECT device_id, name, data FROM device_sections WHERE name <> 'software'"))) {
        qCWarning(lcServer) << "listing device sections failed:" << query.lastError().text();
        return result;
    }
    while (query.next()) {
        const auto index = indexById.constFind(query.value(0).toString());
        if (index != indexById.constEnd()) {
            result[*index].sections.insert(query.value(1).toString(), QCborValue::fromCbor(query.value(2).toByteArray()));
        }
    }
    return result;
}

std::optional<Device> Store::device(const QString &id) const
{
    QSqlQuery query(db());
    query.prepare(kDeviceColumns + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    Device device = deviceFromRow(query);
    loadSections(db(), device);
    return device;
}

void Store::audit(const AuditEntry &entry)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO audit_log (at, actor, action, target, outcome, source, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(toEpoch(entry.at));
    query.addBindValue(entry.actor);
    query.addBindValue(entry.action);
    query.addBindValue(entry.target);
    query.addBindValue(entry.outcome);
    query.addBindValue(entry.source);
    query.addBindValue(entry.detail);
    if (!query.exec()) {
        qCWarning(lcServer) << "audit write failed:" << query.lastError().text();
    }
}

QList<AuditEntry> Store::auditEntries(int limit) const
{
    QList<AuditEntry> result;
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT at, actor, action, target, outcome, source, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        return result;
    }
    while (query.next()) {
        result.append(AuditEntry{fromEpoch(query.value(0)), query.value(1).toString(), query.value(2).toString(), query.value(3).toString(),
                                 query.value(4).toString(), query.value(5).toString(), query.value(6).toString()});
    }
    return result;
}

} // namespace steward::server
