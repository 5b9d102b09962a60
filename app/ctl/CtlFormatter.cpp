// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlFormatter.h"

#include "ApiTime.h"
#include "DeviceDetail.h"
#include "DeviceSummary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace steward::app
{

namespace
{
QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QString optionalNumber(const std::optional<int> &value)
{
    return value ? QString::number(*value) : QStringLiteral("?");
}

QString yesNo(const std::optional<bool> &value, const QString &yes, const QString &no)
{
    return value ? (*value ? yes : no) : QStringLiteral("unknown");
}

QString text(const QJsonObject &object, const char *key)
{
    return CtlFormatter::clean(object.value(QLatin1String(key)).toString());
}

// Words, not colour: a revoked or silent machine must stand out in any terminal. A state this
// stewardctl does not know (none, from an older server) is not guessed at.
QString stateText(const QString &state)
{
    if (state == QLatin1String("reporting")) {
        return QStringLiteral("ok");
    }
    if (state == QLatin1String("never-reported")) {
        return QStringLiteral("never reported");
    }
    if (state == QLatin1String("stale") || state == QLatin1String("revoked")) {
        return state;
    }
    return QStringLiteral("unknown");
}

// A time the API may leave null ("never", "not yet"): a dash then.
QString timeOrDash(const QJsonObject &object, const char *key)
{
    const QDateTime time = ApiTime::parse(object.value(QLatin1String(key)));
    return time.isValid() ? CtlFormatter::timestamp(time) : QStringLiteral("-");
}
} // namespace

CtlFormatter::CtlFormatter(QDateTime now)
    : m_now(std::move(now))
{
}

QString CtlFormatter::clean(const QString &text)
{
    QString result = text;
    for (QChar &c : result) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0)) {
            c = QLatin1Char('?');
        }
    }
    return result;
}

QString CtlFormatter::timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QStringLiteral("unknown");
}

QString CtlFormatter::ago(const QDateTime &time) const
{
    if (!time.isValid()) {
        return QStringLiteral("never");
    }
    const qint64 seconds = time.secsTo(m_now);
    if (seconds < 60) {
        return QStringLiteral("just now");
    }
    if (seconds < 3600) {
        return QStringLiteral("%1 min ago").arg(seconds / 60);
    }
    if (seconds < 48 * 3600) {
        return QStringLiteral("%1 h ago").arg(seconds / 3600);
    }
    return QStringLiteral("%1 d ago").arg(seconds / 86400);
}

QString CtlFormatter::table(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &title : header) {
        widths.append(title.size());
    }
    for (const QStringList &row : rows) {
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column) {
            widths[column] = std::max(widths[column], row.at(column).size());
        }
    }
    const auto line = [&widths](const QStringList &cells) -> QString {
        QString text;
        for (qsizetype column = 0; column < widths.size(); ++column) {
            const QString cell = cells.value(column);
            text += column + 1 < widths.size() ? cell.leftJustified(widths[column]) + QStringLiteral("  ") : cell;
        }
        while (text.endsWith(QLatin1Char(' '))) {
            text.chop(1);
        }
        return text + QLatin1Char('\n');
    };
    QString text = line(header);
    for (const QStringList &row : rows) {
        text += line(row);
    }
    return text;
}

QString CtlFormatter::devices(const QJsonArray &array) const
{
    const QList<DeviceSummary> devices = DeviceSummary::listFromJson(array);
    if (devices.isEmpty()) {
        return QStringLiteral("No devices enrolled.\n");
    }
    QList<QStringList> rows;
    for (const DeviceSummary &device : devices) {
        QString definitions = QStringLiteral("-");
        if (device.definitionsAgeDays) {
            definitions = QStringLiteral("%1 d").arg(qint64(*device.definitionsAgeDays));
        } else if (!device.antivirus.isEmpty()) {
            definitions = QStringLiteral("?");
        }
        rows.append({clean(device.id),
                     clean(orDash(device.hostname)),
                     clean(orDash(device.ipAddresses.value(0))),
                     clean(orDash(device.os)),
                     ago(device.lastSeen),
                     stateText(device.state),
                     optionalNumber(device.pendingUpdates),
                     optionalNumber(device.securityUpdates),
                     !device.antivirusReported        ? QStringLiteral("not reported")
                         : device.antivirus.isEmpty() ? QStringLiteral("none")
                                                      : clean(device.antivirus),
                     definitions,
                     yesNo(device.compliant, QStringLiteral("yes"), QStringLiteral("NO"))});
    }
    return table({QStringLiteral("ID"),
                  QStringLiteral("HOSTNAME"),
                  QStringLiteral("IP"),
                  QStringLiteral("OS"),
                  QStringLiteral("LAST SEEN"),
                  QStringLiteral("STATE"),
                  QStringLiteral("UPDATES"),
                  QStringLiteral("SECURITY"),
                  QStringLiteral("ANTIVIRUS"),
                  QStringLiteral("DEFINITIONS"),
                  QStringLiteral("COMPLIANT")},
                 rows);
}

QString CtlFormatter::device(const QJsonObject &object) const
{
    const DeviceDetail device = DeviceDetail::fromJson(object);
    QString text;
    const auto field = [&text](const QString &label, const QString &value) {
        text += label.leftJustified(12) + value + QLatin1Char('\n');
    };

    field(QStringLiteral("Device"), clean(device.id));
    field(QStringLiteral("Hostname"), clean(orDash(device.hostname)));
    QString os = clean(orDash(device.os));
    QStringList osDetails;
    for (const QString &part : {device.kernel, device.arch}) {
        if (!part.isEmpty()) {
            osDetails.append(clean(part));
        }
    }
    if (!osDetails.isEmpty()) {
        os += QStringLiteral(" (") + osDetails.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    field(QStringLiteral("OS"), os);

    QStringList hardware;
    const QString machine = QStringList{device.manufacturer, device.model}.join(QLatin1Char(' ')).trimmed();
    if (!machine.isEmpty()) {
        hardware.append(clean(machine));
    }
    if (!device.serial.isEmpty()) {
        hardware.append(QStringLiteral("serial ") + clean(device.serial));
    }
    if (!device.cpuModel.isEmpty()) {
        hardware.append(clean(device.cpuModel)
                        + (device.cpuCores ? QStringLiteral(" (%1 cores)").arg(*device.cpuCores) : QString()));
    }
    if (device.memoryBytes) {
        hardware.append(
            QStringLiteral("%1 GiB RAM").arg(double(*device.memoryBytes) / (1024.0 * 1024 * 1024), 0, 'f', 1));
    }
    field(QStringLiteral("Hardware"),
          hardware.isEmpty() ? QStringLiteral("unknown") : hardware.join(QStringLiteral(", ")));
    field(QStringLiteral("Last seen"),
          device.lastSeen.isValid()
              ? timestamp(device.lastSeen) + QStringLiteral(" (") + ago(device.lastSeen) + QLatin1Char(')')
              : QStringLiteral("never"));
    if (device.enrolledAt.isValid()) {
        field(QStringLiteral("Enrolled"), timestamp(device.enrolledAt));
    }
    if (device.revoked) {
        field(QStringLiteral("Status"), QStringLiteral("REVOKED"));
    }

    QString verdict = device.compliant
        ? (*device.compliant ? QStringLiteral("compliant") : QStringLiteral("NOT COMPLIANT"))
        : QStringLiteral("not evaluated yet");
    if (device.evaluatedAt.isValid()) {
        verdict += QStringLiteral(" (evaluated ") + timestamp(device.evaluatedAt) + QLatin1Char(')');
    }
    field(QStringLiteral("Compliance"), verdict);
    for (const DeviceDetail::ComplianceReason &reason : device.reasons) {
        text += QStringLiteral("  - ") + clean(reason.text.isEmpty() ? reason.code : reason.text) + QStringLiteral(" [")
            + clean(reason.code) + QLatin1Char(']');
        if (reason.since.isValid()) {
            text += QStringLiteral(" since ") + timestamp(reason.since);
        }
        text += QLatin1Char('\n');
    }

    if (!device.patchesKnown) {
        field(QStringLiteral("Updates"), QStringLiteral("unknown (not reported)"));
    } else {
        field(QStringLiteral("Updates"),
              QStringLiteral("%1 pending, %2 security (%3)")
                  .arg(device.pendingUpdates.size())
                  .arg(device.securityCount)
                  .arg(clean(orDash(device.patchManager))));
        for (const DeviceDetail::PendingUpdate &update : device.pendingUpdates) {
            text += QStringLiteral("  %1 %2 -> %3%4\n")
                        .arg(clean(update.name),
                             clean(orDash(update.installedVersion)),
                             clean(update.candidateVersion),
                             update.security ? QStringLiteral(" [security]") : QString());
        }
    }

    if (!device.antivirusKnown) {
        field(QStringLiteral("Antivirus"), QStringLiteral("unknown (not reported)"));
    } else if (device.antivirus.isEmpty()) {
        field(QStringLiteral("Antivirus"), QStringLiteral("none found"));
    } else {
        for (qsizetype i = 0; i < device.antivirus.size(); ++i) {
            const DeviceDetail::AntivirusProduct &product = device.antivirus.at(i);
            QString line = clean(orDash(product.name)) + QStringLiteral(": definitions ")
                + clean(orDash(product.definitionsVersion));
            if (product.definitionsTime.isValid()) {
                line += QStringLiteral(" from ") + timestamp(product.definitionsTime) + QStringLiteral(" (")
                    + ago(product.definitionsTime) + QLatin1Char(')');
            }
            line += QStringLiteral(", real-time protection ")
                + yesNo(product.realTimeProtection, QStringLiteral("on"), QStringLiteral("OFF"));
            line += QStringLiteral(", service ")
                + yesNo(product.serviceRunning, QStringLiteral("running"), QStringLiteral("STOPPED"));
            field(i == 0 ? QStringLiteral("Antivirus") : QString(), line);
        }
    }
    return text;
}

QString CtlFormatter::enrollmentToken(const QJsonObject &answer, const QUrl &server) const
{
    const QString token = clean(answer.value(QStringLiteral("token")).toString());
    const QString fingerprint = clean(answer.value(QStringLiteral("caFingerprint")).toString());
    const QDateTime expiresAt = ApiTime::parse(answer.value(QStringLiteral("expiresAt")));
    const int uses = answer.value(QStringLiteral("uses")).toInt(1);
    QString text;
    text += QStringLiteral("Token:           ") + token + QLatin1Char('\n');
    text += QStringLiteral("CA fingerprint:  ") + fingerprint + QLatin1Char('\n');
    text += QStringLiteral("Valid for:       %1 enrollment%2, until %3\n")
                .arg(uses)
                .arg(uses == 1 ? QString() : QStringLiteral("s"))
                .arg(timestamp(expiresAt));
    text += QStringLiteral("\nOn each new device, run as root:\n");
    text +=
        QStringLiteral(
            "  steward-agent enroll --data-dir /var/lib/steward-agent --server %1:%2 --token %3 --ca-fingerprint %4\n")
            .arg(server.host())
            .arg(agentPort)
            .arg(token, fingerprint);
    return text;
}

QString CtlFormatter::revoked(const QJsonObject &answer) const
{
    return QStringLiteral("Device %1 revoked; it is refused from its next connection on.\n")
        .arg(clean(answer.value(QStringLiteral("id")).toString()));
}

QString CtlFormatter::deleted(const QJsonObject &answer) const
{
    return QStringLiteral(
               "Device %1 deleted with its inventory and compliance history; its audit log entries "
               "stay.\n")
        .arg(text(answer, "id"));
}

QString CtlFormatter::audit(const QJsonArray &entries) const
{
    if (entries.isEmpty()) {
        return QStringLiteral("No audit entries.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const auto field = [&entry](const char *key) -> QString {
            const QJsonValue v = entry.value(QLatin1String(key));
            // Ids are whole numbers; 'g' formatting would print a large one as 1.23457e+06.
            return clean(orDash(v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString()));
        };
        rows.append({field("id"),
                     timestamp(ApiTime::parse(entry.value(QStringLiteral("at")))),
                     field("actor"),
                     field("action"),
                     field("target"),
                     field("outcome"),
                     field("sourceIp")});
    }
    // The id is what --before takes to read on.
    return table({QStringLiteral("ID"),
                  QStringLiteral("AT"),
                  QStringLiteral("ACTOR"),
                  QStringLiteral("ACTION"),
                  QStringLiteral("TARGET"),
                  QStringLiteral("OUTCOME"),
                  QStringLiteral("SOURCE")},
                 rows);
}

QString CtlFormatter::auditVerification(const QJsonObject &verification) const
{
    const qint64 rows = qint64(verification.value(QStringLiteral("rows")).toDouble());
    const qint64 unchained = qint64(verification.value(QStringLiteral("unchainedRows")).toDouble());
    QString result;
    if (verification.value(QStringLiteral("intact")).toBool()) {
        result += QStringLiteral("Audit log intact: %1 row%2 checked")
                      .arg(rows)
                      .arg(rows == 1 ? QString() : QStringLiteral("s"));
    } else {
        const QJsonValue row = verification.value(QStringLiteral("firstBrokenId"));
        result += QStringLiteral("Audit log BROKEN at row %1: %2")
                      .arg(row.isDouble() ? QString::number(qint64(row.toDouble())) : QStringLiteral("?"),
                           orDash(text(verification, "problem")));
        result += QStringLiteral("\n%1 row%2 read").arg(rows).arg(rows == 1 ? QString() : QStringLiteral("s"));
    }
    if (unchained > 0) {
        result += QStringLiteral(" (%1 written before the log was chained, not checkable)").arg(unchained);
    }
    result += QLatin1Char('\n');
    result += QStringLiteral("Head hash: %1\n").arg(orDash(text(verification, "headHash")));
    return result;
}

QString CtlFormatter::users(const QJsonArray &users) const
{
    if (users.isEmpty()) {
        return QStringLiteral("No users.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : users) {
        const QJsonObject user = value.toObject();
        const bool disabled = user.value(QStringLiteral("disabled")).toBool();
        rows.append({text(user, "name"),
                     text(user, "role"),
                     disabled ? QStringLiteral("DISABLED") : QStringLiteral("active"),
                     timeOrDash(user, "createdAt"),
                     timeOrDash(user, "passwordChangedAt")});
    }
    return table({QStringLiteral("NAME"),
                  QStringLiteral("ROLE"),
                  QStringLiteral("STATUS"),
                  QStringLiteral("CREATED"),
                  QStringLiteral("PASSWORD CHANGED")},
                 rows);
}

QString CtlFormatter::userChanged(const QJsonObject &user, bool created) const
{
    const QString name = text(user, "name");
    if (created) {
        return QStringLiteral("User %1 created with role %2.\n").arg(name, text(user, "role"));
    }
    return user.value(QStringLiteral("disabled")).toBool()
        ? QStringLiteral("User %1 disabled: they can no longer log in, and their sessions have ended.\n").arg(name)
        : QStringLiteral("User %1 enabled: they can log in again.\n").arg(name);
}

QString CtlFormatter::passwordSet(const QString &user, bool own) const
{
    return own ? QStringLiteral("Password of %1 changed; every session of %1 has ended.\n").arg(clean(user))
               : QStringLiteral("Password of %1 reset; their sessions have ended.\n").arg(clean(user));
}

QString CtlFormatter::apiTokenCreated(const QJsonObject &token) const
{
    QString result;
    result += QStringLiteral("Token:    ") + text(token, "token") + QLatin1Char('\n');
    result += QStringLiteral("ID:       ") + text(token, "id") + QLatin1Char('\n');
    result += QStringLiteral("Name:     ") + text(token, "name") + QLatin1Char('\n');
    result += QStringLiteral("User:     ") + text(token, "user") + QLatin1Char('\n');
    result += QStringLiteral("Role:     ") + text(token, "role") + QLatin1Char('\n');
    result += QStringLiteral("Expires:  ") + timeOrDash(token, "expiresAt") + QLatin1Char('\n');
    result += QStringLiteral(
                  "\nThe token is shown only now. Keep it in a file only you can read (chmod 600) and use it with\n"
                  "  stewardctl --token-file FILE COMMAND\n"
                  "Revoke it with: stewardctl api-token revoke %1\n")
                  .arg(text(token, "id"));
    return result;
}

QString CtlFormatter::apiTokens(const QJsonArray &tokens) const
{
    if (tokens.isEmpty()) {
        return QStringLiteral("No API tokens.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : tokens) {
        const QJsonObject token = value.toObject();
        const QDateTime expires = ApiTime::parse(token.value(QStringLiteral("expiresAt")));
        const QDateTime lastUsed = ApiTime::parse(token.value(QStringLiteral("lastUsedAt")));
        QString status = QStringLiteral("active");
        if (ApiTime::parse(token.value(QStringLiteral("revokedAt"))).isValid()) {
            status = QStringLiteral("REVOKED");
        } else if (expires.isValid() && expires <= m_now) {
            status = QStringLiteral("EXPIRED");
        }
        rows.append({text(token, "id"),
                     orDash(text(token, "name")),
                     text(token, "user"),
                     text(token, "role"),
                     timeOrDash(token, "createdAt"),
                     timeOrDash(token, "expiresAt"),
                     ago(lastUsed),
                     status});
    }
    return table({QStringLiteral("ID"),
                  QStringLiteral("NAME"),
                  QStringLiteral("USER"),
                  QStringLiteral("ROLE"),
                  QStringLiteral("CREATED"),
                  QStringLiteral("EXPIRES"),
                  QStringLiteral("LAST USED"),
                  QStringLiteral("STATUS")},
                 rows);
}

QString CtlFormatter::apiTokenRevoked(const QJsonObject &answer) const
{
    return QStringLiteral("API token %1 revoked; it is refused from now on.\n").arg(text(answer, "id"));
}

} // namespace steward::app
