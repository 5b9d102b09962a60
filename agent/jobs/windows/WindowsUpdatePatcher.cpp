// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsUpdatePatcher.h"

#include "CommandRunner.h"
#include "windows/defender/PowerShell.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace steward::agent::jobs
{

namespace
{
const QString s_tool = QStringLiteral("windows-update");
const QString s_planned = QStringLiteral("planned");
const QString s_installed = QStringLiteral("installed");
const QString s_failed = QStringLiteral("failed");
const QString s_notApplicable = QStringLiteral("not-applicable");
// The WSUS classification id of "Security Updates"; category names are localized.
const QLatin1String s_securityUpdates("0fa1201d-4330-4fa8-8ae9-b877473b6441");

// Hidden updates are ones an administrator declined: like held packages, they are left alone.
const QLatin1String s_criteria("IsInstalled=0 and Type=''Software'' and IsHidden=0");

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

// "KB5034441", "5034441" or 5034441 -> "KB5034441".
QString kbName(const QJsonValue &value)
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
    return numeric ? QStringLiteral("KB") + text : QString();
}

QString resultCodeName(int code)
{
    switch (code) {
    case 0:
        return QStringLiteral("not started");
    case 1:
        return QStringLiteral("in progress");
    case 2:
        return QStringLiteral("succeeded");
    case 3:
        return QStringLiteral("succeeded with errors");
    case 4:
        return QStringLiteral("failed");
    case 5:
        return QStringLiteral("aborted");
    default:
        return QStringLiteral("unknown result %1").arg(code);
    }
}

QString hresultText(qint64 hresult)
{
    return QStringLiteral("0x") + QString::number(quint32(hresult), 16).rightJustified(8, u'0').toUpper();
}

void append(QByteArray &output, const CommandResult &result)
{
    output += result.standardOutput;
    if (!result.standardOutput.isEmpty() && !result.standardOutput.endsWith('\n')) {
        output += '\n';
    }
    output += result.standardError;
}

// The error a PowerShell run that did not end normally is, or nothing.
std::optional<Error> runError(const CommandResult &result, std::chrono::milliseconds timeout)
{
    if (result.timedOut) {
        return makeError(s_tool + QStringLiteral(".timeout"),
                         QStringLiteral("powershell.exe did not finish within %1 ms").arg(timeout.count()));
    }
    if (result.failedToStart) {
        return makeError(s_tool + QStringLiteral(".failed"), QStringLiteral("powershell.exe could not be started"));
    }
    if (result.exitCode != 0) {
        return makeError(s_tool + QStringLiteral(".failed"),
                         QStringLiteral("powershell.exe exited with %1: %2")
                             .arg(result.exitCode)
                             .arg(QString::fromUtf8(result.standardError).simplified().left(300)));
    }
    return std::nullopt;
}

bool isChecked(const PatchItem &item)
{
    return item.result == s_planned || item.result == s_installed || item.result == s_failed;
}

// Every item still to be installed fails with the same message.
void failPlanned(QList<PatchItem> &items, const QString &message)
{
    for (PatchItem &item : items) {
        if (item.result == s_planned) {
            item.result = s_failed;
            item.message = message;
        }
    }
}

Result<QJsonObject> singleObject(const QByteArray &json)
{
    const Result<QList<QJsonObject>> objects = PowerShell::parseObjects(json, s_tool);
    if (!objects) {
        return objects.error();
    }
    if (objects.value().size() != 1) {
        return makeError(s_tool + QStringLiteral(".unparseable"),
                         QStringLiteral("expected one result object, got %1").arg(objects.value().size()));
    }
    return objects.value().constFirst();
}
} // namespace

WindowsUpdatePatcher::WindowsUpdatePatcher(CommandRunner &runner)
    : WindowsUpdatePatcher(runner, Timeouts())
{
}

WindowsUpdatePatcher::WindowsUpdatePatcher(CommandRunner &runner, Timeouts timeouts)
    : m_runner(runner)
    , m_timeouts(timeouts)
{
}

bool WindowsUpdatePatcher::isUpdateId(const QString &text)
{
    static const QRegularExpression guid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return guid.match(text).hasMatch();
}

QString WindowsUpdatePatcher::searchScript()
{
    return QStringLiteral(R"ps($ErrorActionPreference = 'Stop';
$ProgressPreference = 'SilentlyContinue';
$session = New-Object -ComObject Microsoft.Update.Session;
$session.ClientApplicationID = 'Steward';
$result = $session.CreateUpdateSearcher().Search('%1');
$updates = @(foreach ($update in $result.Updates) {
    [pscustomobject]@{
        UpdateID = $update.Identity.UpdateID;
        Title = $update.Title;
        KBArticleIDs = @(foreach ($kb in $update.KBArticleIDs) { [string]$kb });
        MsrcSeverity = $update.MsrcSeverity;
        CategoryIDs = @(foreach ($category in $update.Categories) { [string]$category.CategoryID })
    } });
$json = ConvertTo-Json -Depth 4 -Compress -InputObject ([pscustomobject]@{
    ResultCode = [int]$result.ResultCode;
    RebootRequired = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired;
    Updates = $updates });
)ps")
               .arg(s_criteria)
        + PowerShell::asciiJson();
}

QString WindowsUpdatePatcher::installScript(const QStringList &updateIds)
{
    QStringList quoted;
    for (const QString &id : updateIds) {
        // The only text from outside that enters a script: nothing but a GUID gets in.
        Q_ASSERT(isUpdateId(id));
        if (isUpdateId(id)) {
            quoted.append(u'\'' + id.toLower() + u'\'');
        }
    }
    // Download and installation results are per update, by position in the collection each
    // operation was given; an update whose download failed never reaches the installer.
    return QStringLiteral(R"ps($ErrorActionPreference = 'Stop';
$ProgressPreference = 'SilentlyContinue';
$wanted = @(%1);
$session = New-Object -ComObject Microsoft.Update.Session;
$session.ClientApplicationID = 'Steward';
$search = $session.CreateUpdateSearcher().Search('%2');
$selected = New-Object -ComObject Microsoft.Update.UpdateColl;
foreach ($update in $search.Updates) {
    if ($wanted -contains $update.Identity.UpdateID) {
        if (-not $update.EulaAccepted) { $update.AcceptEula() };
        [void]$selected.Add($update) } };
$downloads = @{};
$installs = @{};
$overall = $null;
$reboot = $false;
if ($selected.Count -gt 0) {
    $downloader = $session.CreateUpdateDownloader();
    $downloader.Updates = $selected;
    $download = $downloader.Download();
    $ready = New-Object -ComObject Microsoft.Update.UpdateColl;
    for ($i = 0; $i -lt $selected.Count; $i++) {
        $downloads[$selected.Item($i).Identity.UpdateID] = $download.GetUpdateResult($i);
        if ($selected.Item($i).IsDownloaded) { [void]$ready.Add($selected.Item($i)) } };
    if ($ready.Count -gt 0) {
        $installer = $session.CreateUpdateInstaller();
        $installer.ForceQuiet = $true;
        $installer.Updates = $ready;
        $install = $installer.Install();
        $overall = [int]$install.ResultCode;
        $reboot = [bool]$install.RebootRequired;
        for ($i = 0; $i -lt $ready.Count; $i++) {
            $installs[$ready.Item($i).Identity.UpdateID] = $install.GetUpdateResult($i) } } };
$updates = @(foreach ($update in $selected) {
    $id = $update.Identity.UpdateID;
    $stage = 'install';
    $result = $installs[$id];
    if ($null -eq $result) { $stage = 'download'; $result = $downloads[$id] };
    [pscustomobject]@{
        UpdateID = $id;
        Title = $update.Title;
        KB = (@(foreach ($kb in $update.KBArticleIDs) { 'KB' + $kb }) -join ',');
        Stage = $stage;
        ResultCode = [int]$result.ResultCode;
        HResult = [int]$result.HResult;
        RebootRequired = ($stage -eq 'install') -and [bool]$result.RebootRequired
    } });
$json = ConvertTo-Json -Depth 4 -Compress -InputObject ([pscustomobject]@{
    ResultCode = $overall;
    RebootRequired = $reboot -or [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired;
    Updates = $updates });
)ps")
               .arg(quoted.join(QStringLiteral(", ")), s_criteria)
        + PowerShell::asciiJson();
}

QStringList WindowsUpdatePatcher::powerShellArguments(const QString &script)
{
    Q_ASSERT(!script.contains(u'"'));
    QStringList lines = script.split(u'\n');
    for (QString &line : lines) {
        line = line.trimmed();
    }
    lines.removeAll(QString());
    return {QStringLiteral("-NoProfile"),
            QStringLiteral("-NonInteractive"),
            QStringLiteral("-ExecutionPolicy"),
            QStringLiteral("Bypass"),
            QStringLiteral("-Command"),
            lines.join(u' ')};
}

CommandResult WindowsUpdatePatcher::runScript(const QString &script, std::chrono::milliseconds timeout)
{
    return m_runner.run(QStringLiteral("powershell.exe"), powerShellArguments(script), timeout);
}

Result<WindowsUpdatePatcher::Search> WindowsUpdatePatcher::parseSearch(const QByteArray &json)
{
    const Result<QJsonObject> object = singleObject(json);
    if (!object) {
        return object.error();
    }
    const QJsonObject &search = object.value();
    const QJsonValue resultCode = PowerShell::unwrap(search.value(QLatin1String("ResultCode")));
    if (!resultCode.isDouble()) {
        return makeError(s_tool + QStringLiteral(".unparseable"), QStringLiteral("no ResultCode"));
    }
    if (resultCode.toInt(-1) != 2) {
        // "Succeeded with errors" gives a list that may miss updates: not a basis for a plan.
        return makeError(s_tool + QStringLiteral(".failed"),
                         QStringLiteral("update search finished with result code %1 (%2)")
                             .arg(resultCode.toInt(-1))
                             .arg(resultCodeName(resultCode.toInt(-1))));
    }
    if (!search.contains(QLatin1String("Updates"))) {
        return makeError(s_tool + QStringLiteral(".unparseable"), QStringLiteral("no Updates"));
    }
    Search result;
    result.rebootRequired = PowerShell::flag(search, QLatin1String("RebootRequired")).value_or(false);
    const QJsonArray updates = asArray(search.value(QLatin1String("Updates")));
    for (const QJsonValue &value : updates) {
        const QJsonObject update = value.toObject();
        Offer offer;
        offer.updateId = PowerShell::text(update, QLatin1String("UpdateID")).value_or(QString());
        if (!value.isObject() || !isUpdateId(offer.updateId)) {
            return makeError(s_tool + QStringLiteral(".unparseable"),
                             QStringLiteral("an update without a valid UpdateID"));
        }
        offer.updateId = offer.updateId.toLower();
        offer.title = PowerShell::text(update, QLatin1String("Title")).value_or(offer.updateId);
        const QJsonArray kbs = asArray(update.value(QLatin1String("KBArticleIDs")));
        for (const QJsonValue &kb : kbs) {
            if (const QString name = kbName(kb); !name.isEmpty() && !offer.kbs.contains(name)) {
                offer.kbs.append(name);
            }
        }
        const QJsonArray categories = asArray(update.value(QLatin1String("CategoryIDs")));
        // MSRC rates security bulletins only, so any rating marks one (as in the collector).
        offer.security = PowerShell::text(update, QLatin1String("MsrcSeverity")).has_value()
            || std::any_of(categories.begin(), categories.end(), [](const QJsonValue &category) {
                             return category.toString().trimmed().compare(s_securityUpdates, Qt::CaseInsensitive) == 0;
                         });
        result.updates.append(offer);
    }
    return result;
}

Result<WindowsUpdatePatcher::Installation> WindowsUpdatePatcher::parseInstallation(const QByteArray &json)
{
    const Result<QJsonObject> object = singleObject(json);
    if (!object) {
        return object.error();
    }
    const QJsonObject &report = object.value();
    if (!report.contains(QLatin1String("Updates"))) {
        return makeError(s_tool + QStringLiteral(".unparseable"), QStringLiteral("no Updates"));
    }
    Installation installation;
    installation.rebootRequired = PowerShell::flag(report, QLatin1String("RebootRequired")).value_or(false);
    const QJsonArray updates = asArray(report.value(QLatin1String("Updates")));
    for (const QJsonValue &value : updates) {
        const QJsonObject update = value.toObject();
        Installed installed;
        installed.updateId = PowerShell::text(update, QLatin1String("UpdateID")).value_or(QString()).toLower();
        const QJsonValue code = PowerShell::unwrap(update.value(QLatin1String("ResultCode")));
        if (!value.isObject() || !isUpdateId(installed.updateId) || !code.isDouble()) {
            return makeError(s_tool + QStringLiteral(".unparseable"),
                             QStringLiteral("an update result without UpdateID or ResultCode"));
        }
        installed.title = PowerShell::text(update, QLatin1String("Title")).value_or(QString());
        installed.kb = PowerShell::text(update, QLatin1String("KB")).value_or(QString());
        installed.stage = PowerShell::text(update, QLatin1String("Stage")).value_or(QStringLiteral("install"));
        installed.resultCode = code.toInt(-1);
        installed.hresult = qint64(PowerShell::unwrap(update.value(QLatin1String("HResult"))).toDouble(0));
        installed.rebootRequired = PowerShell::flag(update, QLatin1String("RebootRequired")).value_or(false);
        installation.updates.append(installed);
    }
    return installation;
}

PatchOutcome WindowsUpdatePatcher::outcomeOf(const PatchPlan &plan, const Installation &installation)
{
    PatchOutcome outcome;
    outcome.items = plan.items;
    outcome.rebootRequired = installation.rebootRequired;
    for (PatchItem &item : outcome.items) {
        if (item.result != s_planned) {
            continue;
        }
        const auto found =
            std::find_if(installation.updates.cbegin(), installation.updates.cend(), [&](const Installed &u) {
                return u.updateId.compare(item.name, Qt::CaseInsensitive) == 0;
            });
        if (found == installation.updates.cend()) {
            item.result = s_notApplicable;
            item.message = QStringLiteral("no longer offered: installed or superseded since the plan");
            continue;
        }
        outcome.rebootRequired = outcome.rebootRequired || found->rebootRequired;
        const QString detail =
            found->hresult != 0 ? QStringLiteral(" (%1)").arg(hresultText(found->hresult)) : QString();
        if (found->stage != QLatin1String("install")) {
            item.result = s_failed;
            item.message = found->resultCode == 2
                ? QStringLiteral("downloaded but not installed")
                : QStringLiteral("download %1%2").arg(resultCodeName(found->resultCode), detail);
            continue;
        }
        if (found->resultCode == 2 || found->resultCode == 3) {
            item.result = s_installed;
            item.after = item.target;
            if (found->resultCode == 3) {
                item.message = QStringLiteral("installation succeeded with errors") + detail;
            }
            continue;
        }
        item.result = s_failed;
        item.message = QStringLiteral("installation %1%2").arg(resultCodeName(found->resultCode), detail);
    }
    const bool anyFailed = std::any_of(outcome.items.cbegin(), outcome.items.cend(), [](const PatchItem &item) {
        return item.result == s_failed;
    });
    const bool anyInstalled = std::any_of(outcome.items.cbegin(), outcome.items.cend(), [](const PatchItem &item) {
        return item.result == s_installed;
    });
    if (anyFailed) {
        outcome.state = s_failed;
        outcome.reason = s_tool + QStringLiteral(".failed");
    } else {
        outcome.state = anyInstalled ? QStringLiteral("succeeded") : s_notApplicable;
    }
    return outcome;
}

Result<PatchPlan> WindowsUpdatePatcher::plan(const PatchRequest &request)
{
    const CommandResult result = runScript(searchScript(), m_timeouts.search);
    if (const std::optional<Error> error = runError(result, m_timeouts.search)) {
        return *error;
    }
    const Result<Search> search = parseSearch(result.standardOutput);
    if (!search) {
        return search.error();
    }

    PatchPlan plan;
    const auto add = [&plan](const Offer &offer) {
        for (const PatchItem &existing : std::as_const(plan.items)) {
            if (existing.name == offer.updateId) {
                return;
            }
        }
        PatchItem item;
        item.name = offer.updateId;
        item.title = offer.title;
        item.target = offer.kbs.join(QStringLiteral(", "));
        plan.items.append(item);
    };
    if (request.select == QLatin1String("packages")) {
        // By UpdateID or by KB article; a version means nothing to Windows Update and is ignored.
        for (const PackageRequest &package : request.packages) {
            const QString kb = kbName(QJsonValue(package.name));
            bool found = false;
            for (const Offer &offer : search.value().updates) {
                if (offer.updateId.compare(package.name.trimmed(), Qt::CaseInsensitive) == 0
                    || (!kb.isEmpty() && offer.kbs.contains(kb))) {
                    add(offer);
                    found = true;
                }
            }
            if (!found) {
                PatchItem item;
                item.name = package.name;
                item.title = package.name;
                item.result = s_notApplicable;
                item.message = QStringLiteral("not offered to this machine: installed, superseded or not applicable");
                plan.items.append(item);
            }
        }
    } else {
        const bool securityOnly = request.select == QLatin1String("security");
        for (const Offer &offer : search.value().updates) {
            if (!securityOnly || offer.security) {
                add(offer);
            }
        }
    }
    return plan;
}

PatchOutcome WindowsUpdatePatcher::run(const PatchPlan &plan)
{
    PatchOutcome outcome;
    outcome.items = plan.items;
    if (!plan.refusal.isEmpty()) {
        outcome.state = s_failed;
        outcome.reason = plan.refusal;
        return outcome;
    }
    QStringList ids;
    for (const PatchItem &item : plan.items) {
        if (item.result != s_planned) {
            continue;
        }
        if (!isUpdateId(item.name)) {
            outcome.state = s_failed;
            outcome.reason = s_tool + QStringLiteral(".bad-plan");
            failPlanned(outcome.items, QStringLiteral("\"%1\" is not an update id").arg(item.name.left(64)));
            return outcome;
        }
        ids.append(item.name);
    }
    if (ids.isEmpty()) {
        outcome.state = s_notApplicable;
        return outcome;
    }

    const CommandResult result = runScript(installScript(ids), m_timeouts.install);
    QByteArray output;
    append(output, result);
    std::optional<qint64> exitCode;
    if (!result.timedOut && !result.failedToStart) {
        exitCode = result.exitCode;
    }
    if (const std::optional<Error> error = runError(result, m_timeouts.install)) {
        outcome.state = s_failed;
        outcome.reason = error->code;
        outcome.exitCode = exitCode;
        outcome.output = output;
        failPlanned(outcome.items, error->message);
        return outcome;
    }
    const Result<Installation> installation = parseInstallation(result.standardOutput);
    if (!installation) {
        outcome.state = s_failed;
        outcome.reason = installation.error().code;
        outcome.exitCode = exitCode;
        outcome.output = output;
        failPlanned(outcome.items, installation.error().message);
        return outcome;
    }
    outcome = outcomeOf(plan, installation.value());
    outcome.exitCode = exitCode;
    outcome.output = output;
    return outcome;
}

PatchOutcome WindowsUpdatePatcher::verify(const PatchPlan &plan)
{
    // Windows Update repairs its own interrupted installations at the next start; what is left
    // is to see which planned updates are still offered.
    PatchOutcome outcome;
    outcome.items = plan.items;
    if (!plan.refusal.isEmpty()) {
        outcome.state = s_failed;
        outcome.reason = plan.refusal;
        return outcome;
    }
    if (std::none_of(outcome.items.cbegin(), outcome.items.cend(), isChecked)) {
        outcome.state = s_notApplicable;
        return outcome;
    }
    const CommandResult result = runScript(searchScript(), m_timeouts.search);
    append(outcome.output, result);
    std::optional<Error> error = runError(result, m_timeouts.search);
    Result<Search> search = error ? Result<Search>(*error) : parseSearch(result.standardOutput);
    bool complete = true;
    for (PatchItem &item : outcome.items) {
        if (!isChecked(item)) {
            continue;
        }
        if (!search) {
            item.result = s_failed;
            item.message = search.error().message;
            complete = false;
            continue;
        }
        const bool stillOffered =
            std::any_of(search.value().updates.cbegin(), search.value().updates.cend(), [&](const Offer &offer) {
                return offer.updateId.compare(item.name, Qt::CaseInsensitive) == 0;
            });
        if (stillOffered) {
            item.result = s_failed;
            item.message = QStringLiteral("still not installed after the interruption");
            complete = false;
        } else {
            item.result = s_installed;
            item.after = item.target;
            item.message.clear();
        }
    }
    outcome.state = complete ? QStringLiteral("succeeded") : s_failed;
    outcome.reason = complete ? QString() : QStringLiteral("interrupted");
    outcome.rebootRequired = search && search.value().rebootRequired;
    return outcome;
}

} // namespace steward::agent::jobs
