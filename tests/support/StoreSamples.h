// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Messages.h"
#include "auth/Credentials.h"
#include "domain/Deployment.h"
#include "domain/Enrolment.h"
#include "store/UserRepository.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

// Sample rows and reports for store tests.
namespace steward::test::samples
{

inline const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
inline constexpr qint64 kHour = 3600;
inline constexpr qint64 kDay = 86400;

inline QCborMap osSection(const QString &hostname)
{
    return QCborMap{{QStringLiteral("prettyName"), QStringLiteral("Debian GNU/Linux 12 (bookworm)")},
                    {QStringLiteral("hostname"), hostname}};
}

inline QCborMap fullSections()
{
    QCborMap sections;
    sections.insert(QStringLiteral("os"), osSection(QStringLiteral("ws-017")));
    sections.insert(QStringLiteral("hardware"), QCborMap{{QStringLiteral("model"), QStringLiteral("ThinkPad T14")}});
    sections.insert(QStringLiteral("software"),
                    QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("bash")},
                                        {QStringLiteral("version"), QStringLiteral("5.2")}}});
    sections.insert(
        QStringLiteral("patches"),
        QCborMap{{QStringLiteral("manager"), QStringLiteral("apt")}, {QStringLiteral("pending"), QCborArray()}});
    sections.insert(QStringLiteral("antivirus"), QCborMap{{QStringLiteral("products"), QCborArray()}});
    sections.insert(QStringLiteral("errors"), QCborMap());
    return sections;
}

inline QCborMap hashesOf(const QCborMap &sections)
{
    QCborMap hashes;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        hashes.insert(it.key(), protocol::Report::sectionHash(it.value()));
    }
    return hashes;
}

// The store hands sections back in its own order; CBOR map equality is order-sensitive.
inline QCborMap byName(const QCborMap &sections)
{
    QMap<QString, QCborValue> ordered;
    for (auto it = sections.constBegin(); it != sections.constEnd(); ++it) {
        ordered.insert(it.key().toString(), it.value());
    }
    QCborMap result;
    for (auto it = ordered.constBegin(); it != ordered.constEnd(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

inline server::NewDevice newDevice(const QString &id, quint64 serial)
{
    server::NewDevice device;
    device.id = id;
    device.hostname = QStringLiteral("host-") + id;
    device.serial = serial;
    device.fingerprint = QString::fromLatin1(QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256).toHex());
    device.notAfter = kNow.addSecs(30 * kDay);
    return device;
}

// A patch job's successful end as a device reports it, with every result field filled: one
// package updated, the output's bounds, a receipt (not a signed one).
inline server::JobEvent succeededJobEvent(const QDateTime &at)
{
    server::JobEvent event;
    event.state = QStringLiteral("succeeded");
    event.at = at;
    event.receivedAt = at.addSecs(5);
    event.exitCode = 0;
    event.agentOutcome = QStringLiteral("ok");
    event.items = QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("openssl")},
                                         {QStringLiteral("before"), QStringLiteral("3.0.11-1")},
                                         {QStringLiteral("after"), QStringLiteral("3.0.13-1")},
                                         {QStringLiteral("result"), QStringLiteral("installed")}}};
    event.output = QJsonObject{{QStringLiteral("head"), QStringLiteral("Reading package lists...")},
                               {QStringLiteral("tail"), QStringLiteral("done")},
                               {QStringLiteral("totalBytes"), 1234},
                               {QStringLiteral("sha256"), QString(64, QLatin1Char('e'))}};
    event.receipt = QByteArray("receipt");
    event.receiptSignature = QByteArray("receipt signature");
    return event;
}

// The two people of the API tests: alice (admin, "alice-password") and hd (helpdesk,
// "hd-password"), hashed with few iterations so that tests stay fast.
inline Status addApiUsers(server::UserRepository &users, const QDateTime &now)
{
    for (const auto &[name, role] : {std::pair{QStringLiteral("alice"), server::Role::Admin},
                                     std::pair{QStringLiteral("hd"), server::Role::Helpdesk}}) {
        const QString password = (name == QLatin1String("alice") ? QStringLiteral("alice") : QStringLiteral("hd"))
            + QStringLiteral("-password");
        if (Status added = users.add(server::User{name, role, server::credentials::hashPassword(password, 1000)}, now);
            !added) {
            return added;
        }
    }
    return Ok{};
}

} // namespace steward::test::samples
