// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clamav/AntivirusProductCollector.h"

#include <chrono>
#include <optional>

namespace steward::agent
{

// Third-party antivirus products as registered with Windows Security Center
// (WMI root/SecurityCenter2, class AntiVirusProduct). Workstations only:
// Windows Server has no SecurityCenter2, which counts as "none registered".
// Defender's own entry is skipped; WindowsDefenderCollector reports it with
// versions and times, which Security Center does not know.
class SecurityCenterCollector : public AntivirusProductCollector
{
public:
    // productState, three bytes 0xPPSSDD: PP which providers the product
    // implements, SS scanner state (bit 0x10: on), DD definitions (0x00 up
    // to date, 0x10 out of date). Not formally documented by Microsoft; this
    // layout is what every management tool reads.
    struct ProductState {
        int providers = 0;
        bool enabled = false;
        bool upToDate = false;
    };

    explicit SecurityCenterCollector(std::chrono::milliseconds timeout = std::chrono::minutes(1));

    QString productKey() const override;
    Result<QList<AntivirusProduct>> collectProducts(const CollectContext &context) const override;

    static ProductState decodeProductState(quint32 productState);
    // What script() prints: one object or an array of
    // {displayName, pathToSignedProductExe, productState, timestamp}.
    static Result<QList<AntivirusProduct>> parseProducts(const QByteArray &json);
    static QString script();

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
