// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceSheet.h"

#include "ComplianceReasonModel.h"
#include "DeviceText.h"
#include "RelativeTime.h"

#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace steward::app
{

namespace
{
QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td class=\"label\">%1</td><td>%2</td></tr>").arg(escaped(label), escaped(value));
}

QString joinedOrUnknown(const QStringList &values)
{
    return values.isEmpty() ? DeviceText::unknown() : values.join(QStringLiteral(", "));
}
} // namespace

QString ComplianceSheet::html(const DeviceDetail &d, const Context &context)
{
    QStringList addresses;
    QStringList macs;
    for (const DeviceDetail::NetworkInterface &interface : d.interfaces) {
        if (interface.type == QLatin1String("loopback")) {
            continue;
        }
        for (const QString &cidr : interface.ipv4 + interface.ipv6) {
            addresses.append(cidr.section(QLatin1Char('/'), 0, 0));
        }
        if (!interface.mac.isEmpty() && !macs.contains(interface.mac)) {
            macs.append(interface.mac);
        }
    }
    QStringList users;
    for (const DeviceDetail::LoggedInUser &user : d.users) {
        if (!users.contains(user.user)) {
            users.append(user.user);
        }
    }

    QString verdict;
    QString colour;
    if (!d.compliant) {
        verdict = tr("Not evaluated yet");
        colour = QStringLiteral("#555555");
    } else if (*d.compliant) {
        verdict = tr("Compliant");
        colour = QStringLiteral("#1e7b34");
    } else if (d.complianceState == QLatin1String("not-seen")) {
        verdict = tr("Not seen since %1").arg(RelativeTime::absolute(d.complianceSince));
        colour = QStringLiteral("#9a6700");
    } else {
        verdict = d.complianceSince.isValid()
            ? tr("Not compliant since %1").arg(RelativeTime::absolute(d.complianceSince))
            : tr("Not compliant");
        colour = QStringLiteral("#b42318");
    }

    QString out = QStringLiteral(
        "<html><head><style>"
        "body { font-size: 9pt; } h1 { font-size: 15pt; margin-bottom: 2pt; }"
        "h2 { font-size: 11pt; margin-top: 10pt; margin-bottom: 3pt; }"
        "td { padding: 1pt 6pt 1pt 0pt; vertical-align: top; } td.label { color: #555555; }"
        "th { text-align: left; padding: 2pt 6pt 2pt 0pt; border-bottom: 1px solid #999999; }"
        ".small { font-size: 7.5pt; color: #555555; }"
        "</style></head><body>");
    out += QStringLiteral("<h1>%1</h1>").arg(escaped(tr("Compliance sheet: %1").arg(d.hostname)));
    out += QStringLiteral("<p style=\"font-size: 12pt; color: %1;\"><b>%2</b></p>").arg(colour, escaped(verdict));

    out += QStringLiteral("<h2>%1</h2><table>").arg(escaped(tr("Device")));
    out += row(tr("Host name"), d.hostname);
    out += row(tr("Org unit"), d.orgUnit.isEmpty() ? DeviceText::unknown() : d.orgUnit);
    out += row(tr("Operating system"), DeviceText::orUnknown(d.os));
    out += row(tr("Model"), DeviceText::orUnknown(QStringList{d.manufacturer, d.model}.join(u' ').trimmed()));
    out += row(tr("Serial number"), DeviceText::orUnknown(d.serial));
    out += row(tr("Asset tag"), DeviceText::orUnknown(d.assetTag));
    out += row(tr("IP addresses"), joinedOrUnknown(addresses));
    out += row(tr("MAC addresses"), joinedOrUnknown(macs));
    out += row(tr("Logged-in users"), users.isEmpty() ? tr("Nobody") : users.join(QStringLiteral(", ")));
    out += row(tr("Last contact"), DeviceText::when(d.lastSeen, context.now, tr("Never")));
    out += row(tr("Device id"), d.id);
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h2>%1</h2><table>").arg(escaped(tr("Protection")));
    QString antivirus = DeviceText::unknown();
    if (d.antivirusKnown) {
        QStringList products;
        for (const DeviceDetail::AntivirusProduct &product : d.antivirus) {
            products.append(product.name);
        }
        antivirus = products.isEmpty() ? tr("None found") : products.join(QStringLiteral(", "));
    }
    out += row(tr("Antivirus"), antivirus);
    out += row(tr("Pending updates"),
               d.patchesKnown ? tr("%1, of which %2 security updates").arg(d.pendingUpdates.size()).arg(d.securityCount)
                              : DeviceText::unknown());
    out += row(tr("Restart required"), DeviceText::yesNo(d.rebootRequired));
    out += QStringLiteral("</table>");

    if (!d.reasons.isEmpty()) {
        out += QStringLiteral("<h2>%1</h2>").arg(escaped(tr("Why it is not compliant")));
        out += QStringLiteral(
                   "<table width=\"100%\"><tr><th width=\"45%\">%1</th><th width=\"17%\">%2</th>"
                   "<th width=\"38%\">%3</th></tr>")
                   .arg(escaped(tr("Reason")), escaped(tr("Since")), escaped(tr("What to do")));
        for (qsizetype i = 0; i < d.reasons.size() && i < maxReasons; ++i) {
            const DeviceDetail::ComplianceReason &reason = d.reasons.at(i);
            const QString title = ComplianceReasonModel::title(reason.code);
            const QString policy = ComplianceReasonModel::policy(reason);
            out +=
                QStringLiteral(
                    "<tr><td><b>%1</b><br/>%2<br/><span class=\"small\">%3</span></td><td>%4</td><td>%5</td></tr>")
                    .arg(escaped(title.isEmpty() ? reason.code : title),
                         escaped(reason.text),
                         escaped(policy),
                         escaped(reason.since.isValid() ? RelativeTime::absolute(reason.since) : DeviceText::unknown()),
                         escaped(ComplianceReasonModel::remedy(reason.code)));
        }
        out += QStringLiteral("</table>");
        if (d.reasons.size() > maxReasons) {
            out += QStringLiteral("<p>%1</p>")
                       .arg(escaped(
                           tr("…and %n more reasons: see the console.", nullptr, int(d.reasons.size() - maxReasons))));
        }
    }

    out += QStringLiteral("<p class=\"small\">%1</p>")
               .arg(escaped(
                   tr("Printed %1 by %2 from %3. Compliance evaluated %4.")
                       .arg(RelativeTime::absolute(context.now),
                            context.printedBy,
                            context.server,
                            d.evaluatedAt.isValid() ? RelativeTime::absolute(d.evaluatedAt) : DeviceText::unknown())));
    out += QStringLiteral("</body></html>");
    return out;
}

Status ComplianceSheet::writePdf(const DeviceDetail &device, const Context &context, const QString &fileName)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(QStringLiteral("sheet.write"),
                         QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString()));
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(tr("Compliance sheet: %1").arg(device.hostname));
        writer.setCreator(QStringLiteral("Steward"));
        QTextDocument document;
        // The page the writer's margins leave, in the 96 dpi units print() scales from, so that
        // it adds no margins of its own.
        document.setPageSize(writer.pageLayout().paintRectPixels(96).size());
        document.setDocumentMargin(0);
        document.setHtml(html(device, context));
        document.print(&writer);
    }
    if (!file.commit()) {
        return makeError(QStringLiteral("sheet.write"),
                         QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString()));
    }
    return Ok{};
}

} // namespace steward::app
