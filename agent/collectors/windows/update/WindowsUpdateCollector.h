// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <chrono>

namespace steward::agent
{

struct WindowsUpdateStatus;

// The "patches" section on Windows, from the Windows Update Agent COM API
// (Microsoft.Update.Session) driven by a PowerShell script. The search asks
// the configured update service (Windows Update or WSUS) and can take
// minutes. Runs only on Windows; the parser is tested on recorded output.
class WindowsUpdateCollector : public Collector
{
public:
    explicit WindowsUpdateCollector(std::chrono::milliseconds timeout = std::chrono::minutes(10));

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<WindowsUpdateStatus> collectStatus(const CollectContext &context) const;

    // What script() prints: {ResultCode, Updates: [{UpdateID, KBArticleIDs,
    // Title, MsrcSeverity, Categories: [{CategoryID, Name, Type}]}],
    // LastInstallationSuccessDate, RebootRequired, RebootRequiredKey}.
    // A search that did not fully succeed (ResultCode other than 2) is an
    // error: a partial list would understate what is missing.
    static Result<WindowsUpdateStatus> parseSearch(const QByteArray &json);
    // The script as documented in README.md; lines are joined with spaces
    // for the command line, so every statement ends with ';'.
    static QString script();

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
