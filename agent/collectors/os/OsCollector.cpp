// SPDX-License-Identifier: GPL-3.0-or-later
#include "OsCollector.h"

#include "Clock.h"
#include "CollectContext.h"
#include "CommandRunner.h"
#include "LoggedInUser.h"
#include "OsCollectorLogging.h"
#include "OsInfo.h"

#include <QFileInfo>

#include <sys/utsname.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

namespace steward::agent
{

namespace
{
bool isValidKey(QStringView key)
{
    if (key.isEmpty()) {
        return false;
    }
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == u'_') || c.unicode() > 127) {
            return false;
        }
    }
    return !key.front().isDigit();
}

// Undoes shell quoting of one os-release value. Returns false for unbalanced
// quotes, which the spec says to ignore; unquoted blanks are kept because
// hand-written files have them and a shell-exact reading would lose the value.
bool unquote(QStringView raw, QString &out)
{
    out.clear();
    QChar quote;
    bool escaped = false;
    for (const QChar c : raw) {
        if (escaped) {
            // Inside double quotes only these are escapable; elsewhere the
            // backslash is kept literally.
            if (quote == u'"' && !(c == u'"' || c == u'\\' || c == u'$' || c == u'`')) {
                out += u'\\';
            }
            out += c;
            escaped = false;
        } else if (quote.isNull()) {
            if (c == u'"' || c == u'\'') {
                quote = c;
            } else if (c == u'\\') {
                escaped = true;
            } else {
                out += c;
            }
        } else if (c == quote) {
            quote = QChar();
        } else if (c == u'\\' && quote == u'"') {
            escaped = true;
        } else {
            out += c;
        }
    }
    return quote.isNull() && !escaped;
}

QString readTrimmed(const CollectContext &context, const QString &relative)
{
    const Result<QByteArray> data = context.readFile(relative, 64 * 1024);
    return data ? QString::fromUtf8(data.value()).trimmed() : QString();
}

QString firstLabel(const QString &name)
{
    return name.section(u'.', 0, 0);
}

// A fully qualified form of `hostname`; "localhost.localdomain" and names
// of other machines are not.
bool isFqdnOf(const QString &candidate, const QString &hostname)
{
    return candidate.contains(u'.') && !candidate.endsWith(u'.')
        && firstLabel(candidate).compare(firstLabel(hostname), Qt::CaseInsensitive) == 0
        && !candidate.startsWith(QLatin1String("localhost"), Qt::CaseInsensitive);
}

// A NUL-terminated (or full-length) char array of a utmp record.
QString utmpString(const char *field, size_t size)
{
    return QString::fromUtf8(field, qsizetype(::strnlen(field, size)));
}

template<typename T>
T utmpNumber(const char *record, size_t offset)
{
    T value;
    std::memcpy(&value, record + offset, sizeof value);
    return value;
}
} // namespace

OsCollector::OsCollector(const Clock &clock, std::chrono::milliseconds resolverTimeout)
    : m_clock(&clock)
    , m_resolverTimeout(resolverTimeout)
{
}

QString OsCollector::name() const
{
    return QStringLiteral("os");
}

QString OsCollector::fqdnFromHosts(const QByteArray &hosts, const QString &hostname)
{
    if (hostname.isEmpty()) {
        return {};
    }
    for (const QByteArray &rawLine : hosts.split('\n')) {
        const qsizetype hash = rawLine.indexOf('#');
        const QList<QByteArray> fields = (hash >= 0 ? rawLine.left(hash) : rawLine).simplified().split(' ');
        if (fields.size() < 2) {
            continue;
        }
        for (qsizetype i = 1; i < fields.size(); ++i) {
            if (QString::fromUtf8(fields.at(i)).compare(hostname, Qt::CaseInsensitive) == 0) {
                const QString canonical = QString::fromUtf8(fields.at(1));
                return isFqdnOf(canonical, hostname) ? canonical : QString();
            }
        }
    }
    return {};
}

QString OsCollector::domainFromResolvConf(const QByteArray &resolvConf)
{
    QString domain;
    for (const QByteArray &line : resolvConf.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 2 && (fields.first() == "domain" || fields.first() == "search")) {
            domain = QString::fromUtf8(fields.at(1));
        }
    }
    // "search ." means "no search domain".
    while (domain.endsWith(u'.')) {
        domain.chop(1);
    }
    return domain;
}

std::optional<qint64> OsCollector::parseUptime(const QByteArray &data)
{
    bool ok = false;
    const double seconds = data.simplified().split(' ').first().toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0) {
        return std::nullopt;
    }
    return qint64(seconds);
}

std::optional<qint64> OsCollector::parseBootTime(const QByteArray &data)
{
    for (const QByteArray &line : data.split('\n')) {
        if (line.startsWith("btime ")) {
            bool ok = false;
            const qint64 value = line.mid(6).trimmed().toLongLong(&ok);
            return ok && value > 0 ? std::optional<qint64>(value) : std::nullopt;
        }
    }
    return std::nullopt;
}

QList<LoggedInUser> OsCollector::parseUtmp(const QByteArray &data)
{
    // struct utmp from glibc's bits/utmp.h; times are 32-bit even on 64-bit
    // architectures (__WORDSIZE_TIME64_COMPAT32).
    constexpr size_t typeOffset = 0; // short ut_type
    constexpr size_t pidOffset = 4; // pid_t ut_pid
    constexpr size_t lineOffset = 8; // char ut_line[32]
    constexpr size_t userOffset = 44; // char ut_user[32]
    constexpr size_t hostOffset = 76; // char ut_host[256]
    constexpr size_t secondsOffset = 340; // int32_t ut_tv.tv_sec
    constexpr qint16 userProcess = 7;

    QList<LoggedInUser> users;
    if (data.size() % s_utmpRecordSize != 0) {
        qCWarning(lcCollectorOs) << "utmp size" << data.size() << "is not a multiple of" << s_utmpRecordSize;
    }
    for (qsizetype offset = 0; offset + s_utmpRecordSize <= data.size(); offset += s_utmpRecordSize) {
        const char *record = data.constData() + offset;
        if (utmpNumber<qint16>(record, typeOffset) != userProcess) {
            continue;
        }
        LoggedInUser user;
        user.user = utmpString(record + userOffset, 32);
        if (user.user.isEmpty()) {
            continue;
        }
        user.tty = utmpString(record + lineOffset, 32);
        user.host = utmpString(record + hostOffset, 256);
        user.loginTime = utmpNumber<qint32>(record, secondsOffset);
        user.pid = utmpNumber<qint32>(record, pidOffset);
        users.append(std::move(user));
    }
    return users;
}

QString OsCollector::resolveFqdn(const CollectContext &context, const QString &hostname) const
{
    if (hostname.contains(u'.')) {
        return hostname;
    }
    const Result<QByteArray> hosts = context.readFile(QStringLiteral("etc/hosts"));
    if (hosts) {
        const QString fromHosts = fqdnFromHosts(hosts.value(), hostname);
        if (!fromHosts.isEmpty()) {
            return fromHosts;
        }
    }
    // DNS (or NIS, LDAP…) as configured in nsswitch.conf, in a child process
    // so that a dead name server costs a bounded wait. Below a fixture root
    // the answer is the live machine's, and isFqdnOf() rejects it.
    if (!context.runner) {
        return {};
    }
    const CommandResult run =
        context.runner->run(QStringLiteral("hostname"), {QStringLiteral("--fqdn")}, m_resolverTimeout);
    if (!run.succeeded()) {
        qCDebug(lcCollectorOs) << "hostname --fqdn failed" << run.exitCode << run.timedOut
                               << run.standardError.trimmed();
        return {};
    }
    const QString resolved = QString::fromUtf8(run.standardOutput).trimmed();
    return isFqdnOf(resolved, hostname) ? resolved : QString();
}

QHash<QString, QString> OsCollector::parseOsRelease(const QByteArray &data)
{
    QHash<QString, QString> values;
    const QString text = QString::fromUtf8(data);
    for (const QStringView line : QStringView(text).split(u'\n')) {
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#')) {
            continue;
        }
        const qsizetype eq = trimmed.indexOf(u'=');
        if (eq <= 0) {
            continue;
        }
        const QStringView key = trimmed.left(eq);
        QString value;
        if (!isValidKey(key) || !unquote(trimmed.mid(eq + 1), value)) {
            qCDebug(lcCollectorOs) << "ignoring malformed os-release line" << line;
            continue;
        }
        values.insert(key.toString(), value);
    }
    return values;
}

Result<OsInfo> OsCollector::collectInfo(const CollectContext &context) const
{
    // os-release(5): /etc/os-release takes precedence, /usr/lib/os-release is
    // the vendor fallback.
    Result<QByteArray> release = context.readFile(QStringLiteral("etc/os-release"), 64 * 1024);
    if (!release) {
        release = context.readFile(QStringLiteral("usr/lib/os-release"), 64 * 1024);
    }
    if (!release) {
        return makeError(QStringLiteral("os.release-unreadable"), release.error().message);
    }
    const QHash<QString, QString> values = parseOsRelease(release.value());

    OsInfo info;
    // Defaults from os-release(5) for fields a file may omit.
    info.name = values.value(QStringLiteral("NAME"), QStringLiteral("Linux"));
    info.id = values.value(QStringLiteral("ID"), QStringLiteral("linux"));
    info.prettyName = values.value(QStringLiteral("PRETTY_NAME"), QStringLiteral("Linux"));
    info.version = values.value(QStringLiteral("VERSION"));
    info.versionId = values.value(QStringLiteral("VERSION_ID"));

    info.kernel = readTrimmed(context, QStringLiteral("proc/sys/kernel/osrelease"));
    if (info.kernel.isEmpty()) {
        qCWarning(lcCollectorOs) << "kernel release unreadable under" << context.root;
    }

    info.hostname = readTrimmed(context, QStringLiteral("proc/sys/kernel/hostname"));
    if (info.hostname.isEmpty()) {
        info.hostname = readTrimmed(context, QStringLiteral("etc/hostname"));
    }

    info.fqdn = resolveFqdn(context, info.hostname);
    if (info.fqdn.contains(u'.')) {
        info.domain = info.fqdn.section(u'.', 1);
    } else if (const Result<QByteArray> resolvConf = context.readFile(QStringLiteral("etc/resolv.conf")); resolvConf) {
        info.domain = domainFromResolvConf(resolvConf.value());
    }

    // btime is exact; now - uptime is off by the time it takes to compute.
    const Result<QByteArray> uptime = context.readFile(QStringLiteral("proc/uptime"), 4096);
    const Result<QByteArray> stat = context.readFile(QStringLiteral("proc/stat"), 4 * 1024 * 1024);
    info.uptimeSeconds = uptime ? parseUptime(uptime.value()) : std::nullopt;
    info.bootTime = stat ? parseBootTime(stat.value()) : std::nullopt;
    if (!info.bootTime && info.uptimeSeconds) {
        info.bootTime = m_clock->now().toSecsSinceEpoch() - *info.uptimeSeconds;
    } else if (info.bootTime && !info.uptimeSeconds) {
        info.uptimeSeconds = std::max<qint64>(0, m_clock->now().toSecsSinceEpoch() - *info.bootTime);
    }

    // Missing on systems without utmp (musl, utmp-less distributions): no
    // sessions known, which the report shows as an empty list.
    if (const Result<QByteArray> utmp = context.readFile(QStringLiteral("run/utmp"), 4 * 1024 * 1024); utmp) {
        // A crashed session leaves its record behind; `who` would list it.
        const bool haveProc = QFileInfo::exists(context.path(QStringLiteral("proc/1")));
        const QList<LoggedInUser> users = parseUtmp(utmp.value());
        for (const LoggedInUser &user : users) {
            if (!haveProc || QFileInfo::exists(context.path(QStringLiteral("proc/") + QString::number(user.pid)))) {
                info.users.append(user);
            }
        }
        std::sort(info.users.begin(), info.users.end(), [](const LoggedInUser &a, const LoggedInUser &b) {
            return std::tie(a.loginTime, a.tty, a.user) < std::tie(b.loginTime, b.tty, b.user);
        });
    }

    // kernel.arch (Linux >= 6.1) can be read below a fixture root; uname(2)
    // gives the same kernel naming ("x86_64", "aarch64") on older kernels.
    info.arch = readTrimmed(context, QStringLiteral("proc/sys/kernel/arch"));
    if (info.arch.isEmpty()) {
        struct utsname uts {
        };
        if (::uname(&uts) == 0) {
            info.arch = QString::fromLatin1(uts.machine);
        }
    }
    return info;
}

Result<QCborValue> OsCollector::collect(const CollectContext &context)
{
    Result<OsInfo> info = collectInfo(context);
    if (!info) {
        return info.error();
    }
    return QCborValue(info.value().toCbor());
}

} // namespace steward::agent
