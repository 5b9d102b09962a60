// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlFormatter.h"

#include "jobs/JobStates.h"

#include "ApiTime.h"
#include "DeviceDetail.h"
#include "DeviceSummary.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
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
// A job's time: the API leaves a time null, and a job without a deadline carries none (0).
QString jobTime(const QJsonObject &object, const char *key)
{
    const QDateTime time = ApiTime::parse(object.value(QLatin1String(key)));
    return time.isValid() && time.toSecsSinceEpoch() > 0 ? CtlFormatter::timestamp(time) : QStringLiteral("none");
}

// Device job states in the order people read them: finished first (docs/jobs.md, "States"), then
// the ones on their way.
const QStringList deviceStateOrder = jobs::finalDeviceJobStates()
    + QStringList{QStringLiteral("running"),
                  QStringLiteral("waiting"),
                  QStringLiteral("delivered"),
                  QStringLiteral("queued"),
                  QStringLiteral("unknown")};

QMap<QString, qint64> deviceCounts(const QJsonObject &job)
{
    QMap<QString, qint64> counts;
    const QJsonValue devices = job.value(QStringLiteral("devices"));
    if (devices.isArray()) {
        for (const QJsonValue &device : devices.toArray()) {
            ++counts[device.toObject().value(QStringLiteral("state")).toString()];
        }
        return counts;
    }
    const QJsonObject given = job.value(QStringLiteral("counts")).toObject();
    for (auto it = given.constBegin(); it != given.constEnd(); ++it) {
        counts.insert(it.key(), qint64(it.value().toDouble()));
    }
    return counts;
}

// What a job does, from its summary: "security updates", "packages openssl=3.0.13-1, vim; reboot
// if-required".
QString jobWhat(const QJsonObject &job)
{
    const QJsonObject summary = job.value(QStringLiteral("summary")).toObject();
    const QString select = summary.value(QStringLiteral("select")).toString();
    QString what;
    if (select == QLatin1String("security")) {
        what = QStringLiteral("security updates");
    } else if (select == QLatin1String("all")) {
        what = QStringLiteral("all updates");
    } else if (select == QLatin1String("packages")) {
        QStringList packages;
        for (const QJsonValue &value : summary.value(QStringLiteral("packages")).toArray()) {
            const QJsonObject package = value.toObject();
            const QString version = text(package, "version");
            packages.append(text(package, "name") + (version.isEmpty() ? QString() : QLatin1Char('=') + version));
        }
        what = QStringLiteral("packages ") + packages.join(QStringLiteral(", "));
    } else {
        what = orDash(CtlFormatter::clean(select));
    }
    const QString reboot = text(summary, "reboot");
    if (!reboot.isEmpty() && reboot != QLatin1String("never")) {
        what += QStringLiteral("; reboot ") + reboot;
    }
    return what;
}

// "2 installed, 1 failed": a device's items by result.
QString itemResults(const QJsonArray &items)
{
    QStringList order;
    QHash<QString, int> counts;
    for (const QJsonValue &value : items) {
        const QString result = orDash(text(value.toObject(), "result"));
        if (!counts.contains(result)) {
            order.append(result);
        }
        ++counts[result];
    }
    QStringList parts;
    for (const QString &result : std::as_const(order)) {
        parts.append(QStringLiteral("%1 %2").arg(counts.value(result)).arg(result));
    }
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
}

QString receiptText(const QJsonObject &device)
{
    QString check = device.value(QStringLiteral("receiptCheck")).toString();
    if (check.isEmpty()) {
        check = device.value(QStringLiteral("receipt")).toString().isEmpty() ? QStringLiteral("none")
                                                                             : QStringLiteral("not-checked");
    }
    if (check == QLatin1String("invalid")) {
        return QStringLiteral("INVALID");
    }
    return check == QLatin1String("not-checked") ? QStringLiteral("not checked") : CtlFormatter::clean(check);
}

// An operator's job kinds: "patch,license".
QString kindsText(const QJsonObject &entry)
{
    QStringList kinds;
    for (const QJsonValue &kind : entry.value(QStringLiteral("kinds")).toArray()) {
        kinds.append(CtlFormatter::clean(kind.toString()));
    }
    return kinds.join(QLatin1Char(','));
}

// The last few lines of a device's output, indented.
QString outputTail(const QJsonObject &output)
{
    constexpr qsizetype lines = 5;
    QStringList tail = output.value(QStringLiteral("tail")).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (tail.isEmpty()) {
        return QString();
    }
    tail = tail.mid(std::max<qsizetype>(0, tail.size() - lines));
    QString result = QStringLiteral("  output (%1 bytes), last lines:\n")
                         .arg(qint64(output.value(QStringLiteral("totalBytes")).toDouble()));
    for (const QString &line : std::as_const(tail)) {
        result += QStringLiteral("    ") + CtlFormatter::clean(line) + QLatin1Char('\n');
    }
    return result;
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
    field(QStringLiteral("Org unit"), clean(orDash(device.orgUnit)));
    if (!device.sameSerialAs.isEmpty()) {
        field(QStringLiteral("Duplicate?"),
              QStringLiteral("same serial number as ") + clean(device.sameSerialAs.join(QStringLiteral(", ")))
                  + QStringLiteral(": the same machine enrolled twice?"));
    }
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
    if (!device.assetTag.isEmpty()) {
        hardware.append(QStringLiteral("asset tag ") + clean(device.assetTag));
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
    const QJsonValue jobRoot = answer.value(QStringLiteral("jobRootFingerprint"));
    if (jobRoot.isString()) {
        text += QStringLiteral("Job root:        ") + clean(jobRoot.toString()) + QLatin1Char('\n');
    } else if (answer.contains(QLatin1String("jobRootFingerprint"))) {
        text += QStringLiteral("Job root:        none yet (stewardctl signing add-operator sets it)\n");
    }
    if (answer.contains(QLatin1String("orgUnit"))) {
        text += QStringLiteral("Org unit:        ") + clean(answer.value(QStringLiteral("orgUnit")).toString())
            + QLatin1Char('\n');
    }
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

QString CtlFormatter::orgUnits(const QJsonArray &units) const
{
    QList<QStringList> rows;
    for (const QJsonValue &value : units) {
        const QJsonObject unit = value.toObject();
        const QString path = unit.value(QStringLiteral("path")).toString();
        // The server lists each unit after the one above it: indenting by depth draws the tree.
        const QString shown = path == QLatin1String("/")
            ? QStringLiteral("/ (site)")
            : QString(2 * (path.count(QLatin1Char('/')) + 1), QLatin1Char(' ')) + text(unit, "name");
        const qint64 devices = unit.value(QStringLiteral("devices")).toInteger();
        const qint64 compliant = unit.value(QStringLiteral("compliant")).toInteger();
        const QString share = devices > 0
            ? QStringLiteral("%1%").arg(qRound(100.0 * double(compliant) / double(devices)))
            : QStringLiteral("-");
        rows.append({clean(shown), QString::number(devices), QString::number(compliant), share});
    }
    return table(
        {QStringLiteral("ORG UNIT"), QStringLiteral("DEVICES"), QStringLiteral("COMPLIANT"), QStringLiteral("%")},
        rows);
}

QString CtlFormatter::searchHits(const QJsonArray &hits) const
{
    if (hits.isEmpty()) {
        return QStringLiteral("No device found.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : hits) {
        const QJsonObject hit = value.toObject();
        QStringList matched;
        for (const QJsonValue &match : hit.value(QStringLiteral("matches")).toArray()) {
            matched.append(text(match.toObject(), "field") + QLatin1Char(' ') + text(match.toObject(), "value"));
        }
        rows.append({text(hit, "id"),
                     text(hit, "hostname")
                         + (hit.value(QStringLiteral("revoked")).toBool() ? QStringLiteral(" (revoked)") : QString()),
                     text(hit, "orgUnit"),
                     matched.join(QStringLiteral(", "))});
    }
    return table(
        {QStringLiteral("ID"), QStringLiteral("HOSTNAME"), QStringLiteral("ORG UNIT"), QStringLiteral("MATCHED")},
        rows);
}

QString CtlFormatter::groups(const QJsonArray &groups) const
{
    if (groups.isEmpty()) {
        return QStringLiteral("No groups.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : groups) {
        const QJsonObject group = value.toObject();
        const QJsonValue count = group.value(QStringLiteral("memberCount"));
        rows.append(
            {text(group, "name"),
             count.isDouble() ? QString::number(count.toInteger()) : QStringLiteral("?"),
             group.value(QStringLiteral("query")).isString() ? text(group, "query") : QStringLiteral("(static)"),
             text(group, "problem")});
    }
    return table(
        {QStringLiteral("GROUP"), QStringLiteral("DEVICES"), QStringLiteral("QUERY"), QStringLiteral("PROBLEM")},
        rows);
}

QString CtlFormatter::group(const QJsonObject &group) const
{
    QString out;
    if (group.contains(QStringLiteral("name"))) {
        out += QStringLiteral("Group:    %1\n").arg(text(group, "name"));
        if (!text(group, "description").isEmpty()) {
            out += QStringLiteral("About:    %1\n").arg(text(group, "description"));
        }
    }
    out +=
        QStringLiteral("Query:    %1\n")
            .arg(group.value(QStringLiteral("query")).isString() ? text(group, "query")
                                                                 : QStringLiteral("(static: devices added by hand)"));
    const QJsonArray members = group.value(QStringLiteral("members")).toArray();
    out += QStringLiteral("Devices:  %1 of %2 active, at %3 (%4 ms)\n")
               .arg(members.size())
               .arg(group.value(QStringLiteral("activeDevices")).toInteger())
               .arg(text(group, "evaluatedAt"))
               .arg(group.value(QStringLiteral("evaluationMs")).toDouble(), 0, 'f', 1);
    if (group.value(QStringLiteral("matchesEveryDevice")).toBool()) {
        out += QStringLiteral("Note:     this selects every device of the site.\n");
    }
    for (const QJsonValue &id : members) {
        out += QStringLiteral("  %1\n").arg(clean(id.toString()));
    }
    return out;
}

QString CtlFormatter::policy(const QJsonObject &policy) const
{
    QList<QStringList> rows;
    for (const QJsonValue &value : policy.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject rule = value.toObject();
        const QJsonValue origin = rule.value(QStringLiteral("origin"));
        QString from = origin.isString() ? origin.toString() : QStringLiteral("(built in)");
        if (rule.value(QStringLiteral("own")).toBool()) {
            from = QStringLiteral("this unit");
        }
        const QString shown = text(rule, "value");
        rows.append({text(rule, "rule"), shown.isEmpty() ? QStringLiteral("(none)") : shown, clean(from)});
    }
    return QStringLiteral("Org unit: %1\n").arg(text(policy, "orgUnit"))
        + table({QStringLiteral("RULE"), QStringLiteral("VALUE"), QStringLiteral("FROM")}, rows);
}

QString CtlFormatter::sheetWritten(const QJsonObject &answer) const
{
    return QStringLiteral("Compliance sheet of %1 written to %2\n")
        .arg(text(answer, "hostname"), text(answer, "sheet"));
}

QString CtlFormatter::retired(const QJsonObject &answer) const
{
    return QStringLiteral(
               "Device %1 retired: it is refused from its next connection on, and what is stored about it "
               "stays.\n")
        .arg(clean(answer.value(QStringLiteral("id")).toString()));
}

QString CtlFormatter::groupDeleted(const QJsonObject &answer) const
{
    return QStringLiteral("Group '%1' deleted.\n").arg(text(answer, "name"));
}

QString CtlFormatter::jobTargets(const QJsonObject &targets) const
{
    const QString source = text(targets, "source");
    const QJsonArray devices = targets.value(QStringLiteral("devices")).toArray();
    QString out;
    if (source == QLatin1String("devices")) {
        out += QStringLiteral("Targets: %1 devices, as listed\n").arg(devices.size());
    } else {
        out += QStringLiteral("Targets: %1 devices of %2 '%3', resolved at %4")
                   .arg(devices.size())
                   .arg(source == QLatin1String("group") ? QStringLiteral("group") : QStringLiteral("org unit"),
                        text(targets, "name"),
                        text(targets, "resolvedAt"));
        if (targets.value(QStringLiteral("query")).isString()) {
            out += QStringLiteral(" (query: %1)").arg(text(targets, "query"));
        }
        out += QLatin1Char('\n');
    }
    if (targets.value(QStringLiteral("matchesEveryDevice")).toBool()) {
        out += QStringLiteral("Note: that is every device of the site.\n");
    }
    for (const QJsonValue &id : devices) {
        out += QStringLiteral("  %1\n").arg(clean(id.toString()));
    }
    return out;
}

QString CtlFormatter::orgUnitCreated(const QJsonObject &unit) const
{
    return QStringLiteral("Org unit '%1' created.\n").arg(text(unit, "path"));
}

QString CtlFormatter::orgUnitDeleted(const QJsonObject &answer) const
{
    return QStringLiteral("Org unit '%1' deleted.\n").arg(text(answer, "path"));
}

QString CtlFormatter::deviceMoved(const QJsonObject &answer) const
{
    return QStringLiteral("Device %1 moved from '%2' to '%3'.\n")
        .arg(text(answer, "id"), text(answer, "previousOrgUnit"), text(answer, "orgUnit"));
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

bool CtlFormatter::isFinalDeviceState(const QString &state)
{
    return jobs::isFinalDeviceJobState(state);
}

QString CtlFormatter::stateCounts(const QJsonObject &job)
{
    const QMap<QString, qint64> counts = deviceCounts(job);
    QStringList states = counts.keys();
    std::stable_sort(states.begin(), states.end(), [](const QString &a, const QString &b) {
        const auto rank = [](const QString &state) {
            const qsizetype index = deviceStateOrder.indexOf(state);
            return index < 0 ? deviceStateOrder.size() : index;
        };
        return rank(a) < rank(b);
    });
    QStringList parts;
    for (const QString &state : std::as_const(states)) {
        if (counts.value(state) > 0) {
            parts.append(QStringLiteral("%1 %2").arg(counts.value(state)).arg(clean(orDash(state))));
        }
    }
    return parts.isEmpty() ? QStringLiteral("no devices") : parts.join(QStringLiteral(", "));
}

QString CtlFormatter::operators(const QJsonObject &list) const
{
    const QDateTime expires = ApiTime::parse(list.value(QStringLiteral("expiresAt")));
    QString result = QStringLiteral("Operator list version %1, issued %2, expires %3%4\n")
                         .arg(qint64(list.value(QStringLiteral("version")).toDouble()))
                         .arg(timeOrDash(list, "issuedAt"), timeOrDash(list, "expiresAt"))
                         .arg(expires.isValid() && expires <= m_now ? QStringLiteral(" (EXPIRED)") : QString());
    result += QStringLiteral("Root fingerprint: %1\n\n").arg(orDash(text(list, "rootFingerprint")));
    const QJsonArray operators = list.value(QStringLiteral("operators")).toArray();
    if (operators.isEmpty()) {
        return result + QStringLiteral("No operators.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : operators) {
        const QJsonObject entry = value.toObject();
        const QDateTime notAfter = ApiTime::parse(entry.value(QStringLiteral("notAfter")));
        rows.append({text(entry, "name"),
                     text(entry, "fingerprint"),
                     orDash(kindsText(entry)),
                     timeOrDash(entry, "notAfter"),
                     notAfter.isValid() && notAfter <= m_now ? QStringLiteral("EXPIRED") : QStringLiteral("active")});
    }
    return result
        + table({QStringLiteral("NAME"),
                 QStringLiteral("FINGERPRINT"),
                 QStringLiteral("KINDS"),
                 QStringLiteral("NOT AFTER"),
                 QStringLiteral("STATUS")},
                rows);
}

QString CtlFormatter::operatorAdded(const QJsonObject &answer) const
{
    const QJsonObject added = answer.value(QStringLiteral("added")).toObject();
    return QStringLiteral(
               "Operator %1 added: fingerprint %2, may sign %3 jobs until %4.\n"
               "Key written to %5; operator list version %6 uploaded (root %7).\n")
        .arg(text(added, "name"),
             text(added, "fingerprint"),
             kindsText(added),
             timeOrDash(added, "notAfter"),
             text(added, "keyFile"))
        .arg(qint64(answer.value(QStringLiteral("version")).toDouble()))
        .arg(text(answer, "rootFingerprint"));
}

QString CtlFormatter::jobs(const QJsonArray &jobs) const
{
    if (jobs.isEmpty()) {
        return QStringLiteral("No jobs.\n");
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : jobs) {
        const QJsonObject job = value.toObject();
        rows.append({text(job, "id"),
                     text(job, "kind"),
                     text(job, "state"),
                     timeOrDash(job, "createdAt"),
                     orDash(text(job, "createdBy")),
                     jobWhat(job),
                     stateCounts(job)});
    }
    return table({QStringLiteral("ID"),
                  QStringLiteral("KIND"),
                  QStringLiteral("STATE"),
                  QStringLiteral("CREATED"),
                  QStringLiteral("BY"),
                  QStringLiteral("WHAT"),
                  QStringLiteral("DEVICES")},
                 rows);
}

QString CtlFormatter::job(const QJsonObject &job) const
{
    QString result;
    const auto field = [&result](const QString &label, const QString &value) {
        result += label.leftJustified(12) + value + QLatin1Char('\n');
    };
    field(QStringLiteral("Job"), text(job, "id"));
    field(QStringLiteral("Kind"), text(job, "kind") + QStringLiteral(": ") + jobWhat(job));
    field(QStringLiteral("State"), text(job, "state"));
    field(QStringLiteral("Created"),
          timeOrDash(job, "createdAt") + QStringLiteral(" by ") + orDash(text(job, "createdBy")));
    field(QStringLiteral("Signer"), orDash(text(job, "signer")));
    field(QStringLiteral("Not before"), jobTime(job, "notBefore"));
    field(QStringLiteral("Deadline"), jobTime(job, "deadline"));
    field(QStringLiteral("Expires"), jobTime(job, "expiresAt"));
    if (ApiTime::parse(job.value(QStringLiteral("cancelledAt"))).isValid()) {
        field(QStringLiteral("Cancelled"),
              timeOrDash(job, "cancelledAt") + QStringLiteral(" by ") + orDash(text(job, "cancelledBy")));
    }
    field(QStringLiteral("Devices"), stateCounts(job));

    const QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    if (devices.isEmpty()) {
        return result;
    }
    QList<QStringList> rows;
    QString details;
    for (const QJsonValue &value : devices) {
        const QJsonObject device = value.toObject();
        const QString state = text(device, "state");
        const QString reason = text(device, "reason");
        const QJsonValue exitCode = device.value(QStringLiteral("exitCode"));
        const QJsonArray items = device.value(QStringLiteral("items")).toArray();
        rows.append({text(device, "id"),
                     orDash(text(device, "hostname")),
                     reason.isEmpty() ? state : state + QStringLiteral(" (") + reason + QLatin1Char(')'),
                     exitCode.isDouble() ? QString::number(qint64(exitCode.toDouble())) : QStringLiteral("-"),
                     itemResults(items),
                     timeOrDash(device, "updatedAt"),
                     receiptText(device)});

        QString lines;
        for (const QJsonValue &itemValue : items) {
            const QJsonObject item = itemValue.toObject();
            lines += QStringLiteral("  %1 %2 -> %3: %4\n")
                         .arg(text(item, "name"),
                              orDash(text(item, "before")),
                              orDash(text(item, "after")),
                              orDash(text(item, "result")));
        }
        const bool wentWrong = state == QLatin1String("failed") || state == QLatin1String("timed-out")
            || state == QLatin1String("rejected");
        if (wentWrong) {
            lines += outputTail(device.value(QStringLiteral("output")).toObject());
        }
        if (!lines.isEmpty()) {
            details +=
                QStringLiteral("\n%1 (%2): %3\n").arg(text(device, "id"), orDash(text(device, "hostname")), state)
                + lines;
        }
    }
    result += QLatin1Char('\n');
    result += table({QStringLiteral("DEVICE"),
                     QStringLiteral("HOSTNAME"),
                     QStringLiteral("STATE"),
                     QStringLiteral("EXIT"),
                     QStringLiteral("ITEMS"),
                     QStringLiteral("UPDATED"),
                     QStringLiteral("RECEIPT")},
                    rows);
    return result + details;
}

QString CtlFormatter::jobCreated(const QJsonObject &job) const
{
    qint64 devices = 0;
    const QJsonObject counts = job.value(QStringLiteral("counts")).toObject();
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        devices += qint64(it.value().toDouble());
    }
    return QStringLiteral(
               "Job %1 created for %2 device%3 (%4: %5).\n"
               "Not before %6, deadline %7, expires %8.\n"
               "Follow it with: stewardctl job wait %1\n")
        .arg(text(job, "id"))
        .arg(devices)
        .arg(devices == 1 ? QString() : QStringLiteral("s"))
        .arg(text(job, "kind"),
             jobWhat(job),
             jobTime(job, "notBefore"),
             jobTime(job, "deadline"),
             jobTime(job, "expiresAt"));
}

QString CtlFormatter::jobCancelled(const QJsonObject &job) const
{
    return QStringLiteral(
               "Job %1 cancelled: devices that have not started it will not run it, and one running "
               "it now is asked to stop.\nDevices: %2\n")
        .arg(text(job, "id"), stateCounts(job));
}

QString CtlFormatter::jobRollout(const QJsonObject &job) const
{
    return QStringLiteral("Job %1 is %2.\nDevices: %3\n").arg(text(job, "id"), text(job, "state"), stateCounts(job));
}

QString CtlFormatter::jobFinished(const QJsonObject &job) const
{
    return QStringLiteral("Job %1 finished: %2.\n").arg(text(job, "id"), stateCounts(job));
}

} // namespace steward::app
