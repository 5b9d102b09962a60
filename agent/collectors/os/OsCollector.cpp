// SPDX-License-Identifier: GPL-3.0-or-later
#include "OsCollector.h"

#include "CollectContext.h"
#include "OsCollectorLogging.h"
#include "OsInfo.h"

#include <sys/utsname.h>

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
} // namespace

QString OsCollector::name() const
{
    return QStringLiteral("os");
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
