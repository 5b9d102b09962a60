// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>

#include <chrono>
#include <memory>
#include <optional>

namespace steward::agent
{

struct PatchStatus;
struct PendingUpdate;

// Pending updates exactly as `apt-get dist-upgrade` would apply them, read
// from APT's own data by the steward-apt-scan helper (libapt-pkg, see
// LibAptScan and README.md), plus refresh, install and reboot state from
// APT's files. Reading needs neither root nor the dpkg lock; refreshing the
// lists is the update job's work.
class AptCollector : public Collector
{
public:
    // `scanner` is the steward-apt-scan executable; empty: defaultScanner().
    explicit AptCollector(std::chrono::milliseconds timeout = std::chrono::minutes(5), QString scanner = QString());
    ~AptCollector() override;

    // Collects the section instead when the root has no apt-get (dnf on RHEL),
    // so that exactly one collector fills "patches".
    void setFallback(std::unique_ptr<Collector> fallback);

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<PatchStatus> collectStatus(const CollectContext &context) const;

    // Next to the running executable (build tree), else the installed libexec path.
    static QString defaultScanner();
    // Where the helper keeps its last answer for reuse while APT's inputs are
    // unchanged: in the state directory; empty when there is none.
    static QString reuseFile(const CollectContext &context);
    static QStringList arguments(const CollectContext &context);

    // Reads steward-apt-scan's output; the record count in its last line is
    // checked, so that truncated output is an error rather than a short
    // list. Sorted by name.
    static Result<QList<PendingUpdate>> parseScan(const QByteArray &output);
    // Newest Start-Date/End-Date of APT's history.log (local time, as apt writes it).
    static std::optional<qint64> parseHistoryLog(const QByteArray &log);
    // Newest install/upgrade/remove/purge line of dpkg.log.
    static std::optional<qint64> parseDpkgLog(const QByteArray &log);

    static std::optional<qint64> lastRefresh(const CollectContext &context);
    static std::optional<qint64> lastInstall(const CollectContext &context);

private:
    std::chrono::milliseconds m_timeout;
    QString m_scanner;
    std::unique_ptr<Collector> m_fallback;
};

} // namespace steward::agent
