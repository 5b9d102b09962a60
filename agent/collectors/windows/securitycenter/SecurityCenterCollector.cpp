// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecurityCenterCollector.h"

#include "SecurityCenterCollectorLogging.h"
#include "clamav/AntivirusProduct.h"
#include "windows/defender/PowerShell.h"

#include <QCborMap>

#include <cmath>

namespace steward::agent
{

namespace
{
const QString s_tool = QStringLiteral("securitycenter");

std::optional<quint32> productStateOf(const QJsonObject &product)
{
    const QJsonValue value = PowerShell::unwrap(product.value(QLatin1String("productState")));
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number) && number >= 0 && number <= 0xffffffffu && number == std::floor(number)) {
            return quint32(number);
        }
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const quint32 number = value.toString().trimmed().toUInt(&ok);
        return ok ? std::optional<quint32>(number) : std::nullopt;
    }
    return std::nullopt;
}
} // namespace

SecurityCenterCollector::SecurityCenterCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString SecurityCenterCollector::productKey() const
{
    return s_tool;
}

QString SecurityCenterCollector::script()
{
    return QStringLiteral(R"ps($ErrorActionPreference = 'Stop';
$ProgressPreference = 'SilentlyContinue';
try { $products = @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct) }
catch { if ($_.FullyQualifiedErrorId -match '0x8004100e|0x80041010') { $products = @() } else { throw } };
$json = ConvertTo-Json -Compress -InputObject @($products | Select-Object displayName, instanceGuid,
    pathToSignedProductExe, productState, timestamp);
)ps") + PowerShell::asciiJson();
}

SecurityCenterCollector::ProductState SecurityCenterCollector::decodeProductState(quint32 productState)
{
    ProductState state;
    state.providers = int((productState >> 16) & 0xff);
    state.enabled = (productState & 0x1000) != 0;
    state.upToDate = (productState & 0x10) == 0;
    return state;
}

Result<QList<AntivirusProduct>> SecurityCenterCollector::parseProducts(const QByteArray &json)
{
    const Result<QList<QJsonObject>> objects = PowerShell::parseObjects(json, s_tool);
    if (!objects) {
        return objects.error();
    }
    QList<AntivirusProduct> products;
    for (const QJsonObject &entry : objects.value()) {
        const std::optional<QString> displayName = PowerShell::text(entry, QLatin1String("displayName"));
        if (!displayName) {
            return makeError(s_tool + QStringLiteral(".unparseable"),
                             QStringLiteral("AntiVirusProduct without displayName"));
        }
        const std::optional<QString> path = PowerShell::text(entry, QLatin1String("pathToSignedProductExe"));
        if (path && path->startsWith(QLatin1String("windowsdefender:"), Qt::CaseInsensitive)) {
            qCDebug(lcCollectorSecurityCenter) << "skipping" << *displayName << "(reported by MSFT_MpComputerStatus)";
            continue;
        }
        AntivirusProduct product;
        product.name = *displayName;
        const std::optional<quint32> productState = productStateOf(entry);
        std::optional<ProductState> state;
        if (productState) {
            state = decodeProductState(*productState);
        } else {
            qCWarning(lcCollectorSecurityCenter) << *displayName << "has no usable productState";
        }
        // Security Center knows "on", not whether a service or a driver
        // does the work; "on" is the product saying it protects.
        product.realTimeProtection = state && state->enabled;
        product.serviceRunning = state && state->enabled;
        const std::optional<qint64> timestamp = PowerShell::parseTime(entry.value(QLatin1String("timestamp")));
        product.extras = QCborMap{
            {QStringLiteral("productState"), productState ? QCborValue(qint64(*productState)) : QCborValue(nullptr)},
            {QStringLiteral("definitionsUpToDate"), state ? QCborValue(state->upToDate) : QCborValue(nullptr)},
            {QStringLiteral("stateTimestamp"), timestamp ? QCborValue(*timestamp) : QCborValue(nullptr)},
        };
        products.append(product);
    }
    return products;
}

Result<QList<AntivirusProduct>> SecurityCenterCollector::collectProducts(const CollectContext &context) const
{
    const Result<QByteArray> output = PowerShell::run(context, s_tool, script(), m_timeout);
    if (!output) {
        return output.error();
    }
    return parseProducts(output.value());
}

} // namespace steward::agent
