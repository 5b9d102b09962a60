// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clamav/AntivirusProductCollector.h"

#include <chrono>

namespace steward::agent
{

// Microsoft Defender Antivirus from WMI class MSFT_MpComputerStatus
// (namespace root/Microsoft/Windows/Defender), which, unlike SecurityCenter2,
// exists on Windows Server too. Runs only on Windows; the parser is tested
// everywhere on recorded output.
class WindowsDefenderCollector : public AntivirusProductCollector
{
public:
    explicit WindowsDefenderCollector(std::chrono::milliseconds timeout = std::chrono::minutes(1));

    QString productKey() const override;
    Result<QList<AntivirusProduct>> collectProducts(const CollectContext &context) const override;

    // What script() prints: ConvertTo-Json of the selected properties, one
    // object or an array; "[]" when Defender is not installed.
    static Result<QList<AntivirusProduct>> parseStatus(const QByteArray &json);
    static QString script();

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
