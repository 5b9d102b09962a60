// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QHash>
#include <QList>

#include <chrono>
#include <optional>

namespace steward
{
class Clock;
}

namespace steward::agent
{

struct LoggedInUser;
struct OsInfo;

// os-release(5), the running kernel, the host's names, boot time and uptime,
// and who is logged in (utmp). Fails only when no os-release exists: without
// it the distribution is unknown, and guessing would mislead compliance
// policies keyed on it. Everything else is optional and left empty (or null)
// when its source is missing.
class OsCollector : public Collector
{
public:
    // `clock` turns uptime into boot time (and back) when /proc has only one
    // of them; a fixed one gives fixture trees a fixed boot time.
    explicit OsCollector(const Clock &clock, std::chrono::milliseconds resolverTimeout = std::chrono::seconds(2));

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<OsInfo> collectInfo(const CollectContext &context) const;

    // Shell-like KEY=value assignments; quotes and backslash escapes are
    // undone, comments and malformed lines are ignored, as os-release(5) asks.
    static QHash<QString, QString> parseOsRelease(const QByteArray &data);

    // The name glibc's "files" resolver makes canonical for `hostname`: the
    // first name of the first hosts(5) line listing it, if that is a
    // fully qualified form of it ("pc1.example.org" for "pc1"); else empty.
    static QString fqdnFromHosts(const QByteArray &hosts, const QString &hostname);
    // resolv.conf(5): the last "domain" or "search" line wins; its first name.
    static QString domainFromResolvConf(const QByteArray &resolvConf);
    // /proc/uptime's first field, whole seconds.
    static std::optional<qint64> parseUptime(const QByteArray &data);
    // /proc/stat's "btime".
    static std::optional<qint64> parseBootTime(const QByteArray &data);

    // glibc's utmp file (utmp(5)): fixed 384-byte records in host byte order,
    // the same on every Linux architecture glibc supports. USER_PROCESS
    // records only; a trailing partial record is ignored.
    static QList<LoggedInUser> parseUtmp(const QByteArray &data);
    static constexpr qsizetype s_utmpRecordSize = 384;

private:
    QString resolveFqdn(const CollectContext &context, const QString &hostname) const;

    const Clock *m_clock; // not a reference: collectors stay copyable
    std::chrono::milliseconds m_resolverTimeout;
};

} // namespace steward::agent
