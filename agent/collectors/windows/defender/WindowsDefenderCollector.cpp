// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsDefenderCollector.h"

#include "PowerShell.h"
#include "clamav/AntivirusProduct.h"

#include <QCborMap>

#include <algorithm>

namespace steward::agent
{

namespace
{
const QString s_tool = QStringLiteral("windows-defender");

template<typename T>
QCborValue orNull(const std::optional<T> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}
} // namespace

WindowsDefenderCollector::WindowsDefenderCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString WindowsDefenderCollector::productKey() const
{
    return s_tool;
}

QString WindowsDefenderCollector::script()
{
    // Invalid namespace/class (0x8004100E/0x80041010): Defender is not
    // installed (Server without the feature), an answer. 0x800106BA: the
    // service is off because another product took over; Defender is there
    // but does not protect. Anything else fails the collector.
    return QStringLiteral(R"ps($ErrorActionPreference = 'Stop';
$ProgressPreference = 'SilentlyContinue';
try { $status = @(Get-CimInstance -Namespace root/Microsoft/Windows/Defender -ClassName MSFT_MpComputerStatus) }
catch {
    if ($_.FullyQualifiedErrorId -match '0x8004100e|0x80041010') { $status = @() }
    elseif ($_.FullyQualifiedErrorId -match '0x800106ba') {
        $status = @([pscustomobject]@{ AMServiceEnabled = $false; AntivirusEnabled = $false;
            RealTimeProtectionEnabled = $false }) }
    else { throw } };
$json = ConvertTo-Json -Compress -InputObject @($status | Select-Object AMProductVersion, AMEngineVersion,
    AMServiceEnabled, AMRunningMode, AntivirusEnabled, AntivirusSignatureVersion, AntivirusSignatureLastUpdated,
    RealTimeProtectionEnabled, QuickScanEndTime, FullScanEndTime, IsTamperProtected);
)ps") + PowerShell::asciiJson();
}

Result<QList<AntivirusProduct>> WindowsDefenderCollector::parseStatus(const QByteArray &json)
{
    const Result<QList<QJsonObject>> objects = PowerShell::parseObjects(json, s_tool);
    if (!objects) {
        return objects.error();
    }
    QList<AntivirusProduct> products;
    for (const QJsonObject &status : objects.value()) {
        AntivirusProduct product;
        product.name = QStringLiteral("Microsoft Defender Antivirus");
        product.engineVersion = PowerShell::text(status, QLatin1String("AMEngineVersion"));
        product.definitionsVersion = PowerShell::text(status, QLatin1String("AntivirusSignatureVersion"));
        product.definitionsTime = PowerShell::parseTime(status.value(QLatin1String("AntivirusSignatureLastUpdated")));
        product.serviceRunning = PowerShell::flag(status, QLatin1String("AMServiceEnabled")).value_or(false);

        const std::optional<bool> antivirusEnabled = PowerShell::flag(status, QLatin1String("AntivirusEnabled"));
        const std::optional<QString> runningMode = PowerShell::text(status, QLatin1String("AMRunningMode"));
        // Passive and EDR block mode leave real-time scanning to another
        // product even when RealTimeProtectionEnabled says true.
        const bool activeMode = !runningMode || runningMode->compare(QLatin1String("Normal"), Qt::CaseInsensitive) == 0;
        product.realTimeProtection =
            PowerShell::flag(status, QLatin1String("RealTimeProtectionEnabled")).value_or(false)
            && antivirusEnabled.value_or(false) && activeMode;

        const std::optional<qint64> quickScan = PowerShell::parseTime(status.value(QLatin1String("QuickScanEndTime")));
        const std::optional<qint64> fullScan = PowerShell::parseTime(status.value(QLatin1String("FullScanEndTime")));
        if (quickScan || fullScan) {
            product.lastScan = std::max(quickScan.value_or(0), fullScan.value_or(0));
        }
        product.extras = QCborMap{
            {QStringLiteral("productVersion"), orNull(PowerShell::text(status, QLatin1String("AMProductVersion")))},
            {QStringLiteral("antivirusEnabled"), orNull(antivirusEnabled)},
            {QStringLiteral("runningMode"), orNull(runningMode)},
            {QStringLiteral("tamperProtected"), orNull(PowerShell::flag(status, QLatin1String("IsTamperProtected")))},
            {QStringLiteral("lastQuickScan"), orNull(quickScan)},
            {QStringLiteral("lastFullScan"), orNull(fullScan)},
        };
        products.append(product);
    }
    return products;
}

Result<QList<AntivirusProduct>> WindowsDefenderCollector::collectProducts(const CollectContext &context) const
{
    const Result<QByteArray> output = PowerShell::run(context, s_tool, script(), m_timeout);
    if (!output) {
        return output.error();
    }
    return parseStatus(output.value());
}

} // namespace steward::agent
