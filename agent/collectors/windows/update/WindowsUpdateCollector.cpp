// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsUpdateCollector.h"

#include "WindowsUpdateCollectorLogging.h"
#include "WindowsUpdateStatus.h"
#include "windows/defender/PowerShell.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace steward::agent
{

namespace
{
const QString s_tool = QStringLiteral("windows-update");

// Category names are localized ("Sicherheitsupdates"); the WSUS
// classification ids are not.
struct Classification {
    QLatin1String id;
    QLatin1String name;
};
const Classification s_classifications[] = {
    {QLatin1String("0fa1201d-4330-4fa8-8ae9-b877473b6441"), QLatin1String("Security Updates")},
    {QLatin1String("e6cf1350-c01b-414d-a61f-263d14d133b4"), QLatin1String("Critical Updates")},
    {QLatin1String("e0789628-ce08-4437-be74-2495b842f43b"), QLatin1String("Definition Updates")},
    {QLatin1String("cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83"), QLatin1String("Updates")},
    {QLatin1String("28bc880e-0592-4cbf-8f95-c79b17911d5f"), QLatin1String("Update Rollups")},
    {QLatin1String("b54e7d24-7add-428f-8b75-90a396fa584f"), QLatin1String("Feature Packs")},
    {QLatin1String("68c5b0a3-d1a6-4553-ae49-01d3a7827828"), QLatin1String("Service Packs")},
    {QLatin1String("ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0"), QLatin1String("Drivers")},
    {QLatin1String("3689bdc8-b205-4af4-8d4a-a63924c5e9d5"), QLatin1String("Upgrades")},
};
const QLatin1String s_securityUpdates("Security Updates");

QString resultCodeName(int code)
{
    switch (code) {
    case 0:
        return QStringLiteral("not started");
    case 1:
        return QStringLiteral("in progress");
    case 3:
        return QStringLiteral("succeeded with errors");
    case 4:
        return QStringLiteral("failed");
    case 5:
        return QStringLiteral("aborted");
    default:
        return QStringLiteral("unknown");
    }
}

// PowerShell unrolls one-element arrays in some places and not others.
QJsonArray asArray(const QJsonValue &value)
{
    if (value.isArray()) {
        return value.toArray();
    }
    if (value.isNull() || value.isUndefined()) {
        return {};
    }
    return QJsonArray{value};
}

std::optional<QString> kbName(const QJsonValue &value)
{
    QString text;
    if (value.isString()) {
        text = value.toString().trimmed();
    } else if (value.isDouble() && value.toDouble() > 0 && value.toDouble() == std::floor(value.toDouble())) {
        text = QString::number(qint64(value.toDouble()));
    }
    if (text.startsWith(QLatin1String("KB"), Qt::CaseInsensitive)) {
        text.remove(0, 2);
    }
    bool numeric = false;
    text.toLongLong(&numeric);
    return numeric ? std::optional<QString>(QStringLiteral("KB") + text) : std::nullopt;
}

std::optional<QString> classificationOf(const QJsonValue &categories)
{
    std::optional<QString> byType;
    const QJsonArray array = asArray(categories);
    for (const QJsonValue &value : array) {
        const QJsonObject category = value.toObject();
        const QString id = category.value(QLatin1String("CategoryID")).toString().trimmed().toLower();
        for (const Classification &known : s_classifications) {
            if (id == known.id) {
                return QString(known.name);
            }
        }
        const std::optional<QString> name = PowerShell::text(category, QLatin1String("Name"));
        if (!byType && name
            && PowerShell::text(category, QLatin1String("Type")) == QStringLiteral("UpdateClassification")) {
            byType = name;
        }
    }
    return byType;
}
} // namespace

WindowsUpdateCollector::WindowsUpdateCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString WindowsUpdateCollector::name() const
{
    return QStringLiteral("patches");
}

QString WindowsUpdateCollector::script()
{
    return QStringLiteral(R"ps($ErrorActionPreference = 'Stop';
$ProgressPreference = 'SilentlyContinue';
$session = New-Object -ComObject Microsoft.Update.Session;
$result = $session.CreateUpdateSearcher().Search('IsInstalled=0 and IsHidden=0');
$updates = @(foreach ($update in $result.Updates) {
    [pscustomobject]@{
        UpdateID = $update.Identity.UpdateID;
        KBArticleIDs = @(foreach ($kb in $update.KBArticleIDs) { [string]$kb });
        Title = $update.Title;
        MsrcSeverity = $update.MsrcSeverity;
        Categories = @(foreach ($category in $update.Categories) {
            [pscustomobject]@{ CategoryID = $category.CategoryID; Name = $category.Name; Type = $category.Type } })
    } });
$lastInstall = (New-Object -ComObject Microsoft.Update.AutoUpdate).Results.LastInstallationSuccessDate;
$lastInstallText = $null;
if ($lastInstall -is [datetime]) { $lastInstallText = $lastInstall.ToString('s') + 'Z' };
$rebootKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired';
$json = ConvertTo-Json -Depth 5 -Compress -InputObject ([pscustomobject]@{
    ResultCode = [int]$result.ResultCode;
    Updates = $updates;
    LastInstallationSuccessDate = $lastInstallText;
    RebootRequired = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired;
    RebootRequiredKey = (Test-Path -LiteralPath $rebootKey) });
)ps") + PowerShell::asciiJson();
}

Result<WindowsUpdateStatus> WindowsUpdateCollector::parseSearch(const QByteArray &json)
{
    const auto unparseable = [](const QString &why) {
        return makeError(s_tool + QStringLiteral(".unparseable"), why);
    };
    const Result<QList<QJsonObject>> objects = PowerShell::parseObjects(json, s_tool);
    if (!objects) {
        return objects.error();
    }
    if (objects.value().size() != 1) {
        return unparseable(QStringLiteral("expected one search result, got %1").arg(objects.value().size()));
    }
    const QJsonObject search = objects.value().constFirst();

    const QJsonValue resultCode = PowerShell::unwrap(search.value(QLatin1String("ResultCode")));
    if (!resultCode.isDouble()) {
        return unparseable(QStringLiteral("no ResultCode"));
    }
    const int code = resultCode.toInt(-1);
    if (code != 2) {
        return makeError(
            s_tool + QStringLiteral(".failed"),
            QStringLiteral("update search finished with result code %1 (%2)").arg(code).arg(resultCodeName(code)));
    }
    if (!search.contains(QLatin1String("Updates"))) {
        return unparseable(QStringLiteral("no Updates"));
    }

    WindowsUpdateStatus status;
    const QJsonArray updates = asArray(search.value(QLatin1String("Updates")));
    for (const QJsonValue &value : updates) {
        if (!value.isObject()) {
            return unparseable(QStringLiteral("an update is not an object"));
        }
        const QJsonObject object = value.toObject();
        WindowsPendingUpdate update;
        const QJsonArray kbValues = asArray(object.value(QLatin1String("KBArticleIDs")));
        for (const QJsonValue &kbValue : kbValues) {
            if (const std::optional<QString> kb = kbName(kbValue); kb && !update.kbs.contains(*kb)) {
                update.kbs.append(*kb);
            }
        }
        update.title = PowerShell::text(object, QLatin1String("Title")).value_or(QString());
        update.severity = PowerShell::text(object, QLatin1String("MsrcSeverity"));
        update.classification = classificationOf(object.value(QLatin1String("Categories")));
        // MSRC rates security bulletins only, so any rating marks one.
        update.security = update.classification == QString(s_securityUpdates) || update.severity.has_value();
        if (!update.kbs.isEmpty()) {
            update.name = update.kbs.constFirst();
        } else if (const std::optional<QString> id = PowerShell::text(object, QLatin1String("UpdateID"))) {
            update.name = *id;
        } else if (!update.title.isEmpty()) {
            update.name = update.title;
        } else {
            return unparseable(QStringLiteral("an update without KB, id or title"));
        }
        status.pending.append(update);
    }
    std::sort(status.pending.begin(),
              status.pending.end(),
              [](const WindowsPendingUpdate &a, const WindowsPendingUpdate &b) {
                  return a.name != b.name ? a.name < b.name : a.title < b.title;
              });

    status.lastInstall = PowerShell::parseTime(search.value(QLatin1String("LastInstallationSuccessDate")));
    status.rebootRequired = PowerShell::flag(search, QLatin1String("RebootRequired")).value_or(false)
        || PowerShell::flag(search, QLatin1String("RebootRequiredKey")).value_or(false);
    return status;
}

Result<WindowsUpdateStatus> WindowsUpdateCollector::collectStatus(const CollectContext &context) const
{
    const Result<QByteArray> output = PowerShell::run(context, s_tool, script(), m_timeout);
    if (!output) {
        return output.error();
    }
    Result<WindowsUpdateStatus> status = parseSearch(output.value());
    if (status) {
        qCDebug(lcCollectorWindowsUpdate)
            << status.value().pending.size() << "pending," << status.value().securityCount() << "security";
    }
    return status;
}

Result<QCborValue> WindowsUpdateCollector::collect(const CollectContext &context)
{
    const Result<WindowsUpdateStatus> status = collectStatus(context);
    if (!status) {
        return status.error();
    }
    return QCborValue(status.value().toCbor());
}

} // namespace steward::agent
