// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>
#include <QStringList>

#include <chrono>

namespace steward::agent
{

struct WindowsProgram;

// Installed programs on Windows, as Programs and Features lists them: the
// Uninstall keys of the 64-bit and the 32-bit (WOW6432Node) registry views and
// of every loaded user hive, read by one PowerShell command that prints JSON
// (README.md in this folder has the command). Fills the "software" section.
class WindowsProgramsCollector : public Collector
{
public:
    explicit WindowsProgramsCollector(std::chrono::milliseconds timeout = std::chrono::seconds(60));

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<QList<WindowsProgram>> collectPrograms(const CollectContext &context) const;

    // The PowerShell script, and the arguments that run it (as
    // -EncodedCommand, so no quoting survives a command line).
    static QString script();
    static QStringList powershellArguments();

    // The script's output (`ConvertTo-Json -Compress`: an array, a single
    // object, or nothing). Entries without a DisplayName, system components
    // and updates of other entries are skipped, as Programs and Features
    // does; an entry present in several views is kept once (by name and
    // version), preferring machine-wide x64, then x86, then per-user.
    static Result<QList<WindowsProgram>> parsePrograms(const QByteArray &json);
    // "yyyyMMdd" (or already "yyyy-MM-dd") → "yyyy-MM-dd"; anything else → "".
    static QString parseInstallDate(const QString &raw);

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
