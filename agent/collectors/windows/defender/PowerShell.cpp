// SPDX-License-Identifier: GPL-3.0-or-later
#include "PowerShell.h"

#include "CollectContext.h"
#include "CommandRunner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace steward::agent
{

namespace
{
constexpr qint64 s_earliest = 631152000; // 1990-01-01T00:00:00Z

std::optional<qint64> plausible(qint64 seconds)
{
    return seconds >= s_earliest ? std::optional<qint64>(seconds) : std::nullopt;
}

std::optional<qint64> fromDateTime(const QDateTime &time)
{
    return time.isValid() ? plausible(time.toSecsSinceEpoch()) : std::nullopt;
}

std::optional<qint64> parseDmtf(const QString &text)
{
    // yyyymmddHHMMSS.mmmmmmsUUU, UUU = offset in minutes.
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})\\.\\d{6}([+-])(\\d{3})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (!date.isValid() || !time.isValid()) {
        return std::nullopt;
    }
    const int offsetMinutes = match.captured(8).toInt() * (match.captured(7) == QLatin1String("-") ? -1 : 1);
    return plausible(QDateTime(date, time, Qt::UTC).toSecsSinceEpoch() - qint64(offsetMinutes) * 60);
}
} // namespace

Result<QByteArray> PowerShell::run(const CollectContext &context,
                                   const QString &tool,
                                   const QString &script,
                                   std::chrono::milliseconds timeout)
{
    Q_ASSERT(!script.contains(QLatin1Char('"')));
    QStringList lines = script.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        line = line.trimmed();
    }
    lines.removeAll(QString());
    if (!context.runner) {
        return makeError(tool + QStringLiteral(".failed"), QStringLiteral("no command runner"));
    }
    const CommandResult result = context.runner->run(QStringLiteral("powershell.exe"),
                                                     {QStringLiteral("-NoLogo"),
                                                      QStringLiteral("-NoProfile"),
                                                      QStringLiteral("-NonInteractive"),
                                                      QStringLiteral("-Command"),
                                                      lines.join(QLatin1Char(' '))},
                                                     timeout);
    if (result.timedOut) {
        return makeError(tool + QStringLiteral(".timeout"),
                         QStringLiteral("powershell.exe did not finish within %1 ms").arg(timeout.count()));
    }
    if (result.failedToStart) {
        return makeError(tool + QStringLiteral(".failed"), QStringLiteral("powershell.exe could not be started"));
    }
    if (result.exitCode != 0) {
        return makeError(tool + QStringLiteral(".failed"),
                         QStringLiteral("powershell.exe exited with %1: %2")
                             .arg(result.exitCode)
                             .arg(QString::fromUtf8(result.standardError).simplified().left(300)));
    }
    return result.standardOutput;
}

QString PowerShell::asciiJson()
{
    return QStringLiteral(
        R"ps([regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value }))ps");
}

Result<QList<QJsonObject>> PowerShell::parseObjects(const QByteArray &json, const QString &tool)
{
    QByteArray text = json.trimmed();
    // Our scripts escape everything beyond ASCII, but a console set to
    // UTF-8 makes Windows PowerShell write a BOM.
    if (text.startsWith("\xef\xbb\xbf")) {
        text = text.mid(3).trimmed();
    }
    if (text.isEmpty()) {
        return makeError(tool + QStringLiteral(".unparseable"), QStringLiteral("PowerShell printed nothing"));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(tool + QStringLiteral(".unparseable"),
                         QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    }
    if (document.isObject()) {
        return QList<QJsonObject>{document.object()};
    }
    QList<QJsonObject> objects;
    const QJsonArray array = document.array();
    for (const QJsonValue &element : array) {
        if (!element.isObject()) {
            return makeError(tool + QStringLiteral(".unparseable"), QStringLiteral("array element is not an object"));
        }
        objects.append(element.toObject());
    }
    return objects;
}

QJsonValue PowerShell::unwrap(const QJsonValue &value)
{
    if (value.isObject() && value.toObject().contains(QLatin1String("value"))) {
        return value.toObject().value(QLatin1String("value"));
    }
    return value;
}

std::optional<qint64> PowerShell::parseTime(const QJsonValue &wrapped)
{
    const QJsonValue value = unwrap(wrapped);
    if (!value.isString()) {
        return std::nullopt;
    }
    const QString text = value.toString().trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }

    static const QRegularExpression msDate(QStringLiteral("^/Date\\((-?\\d+)(?:[+-]\\d{4})?\\)/$"));
    const QRegularExpressionMatch match = msDate.match(text);
    if (match.hasMatch()) {
        bool ok = false;
        const qint64 milliseconds = match.captured(1).toLongLong(&ok);
        // Floor, not truncation towards zero, for pre-1970 values.
        return ok ? plausible(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000) : std::nullopt;
    }
    if (const std::optional<qint64> dmtf = parseDmtf(text)) {
        return dmtf;
    }
    if (text.size() >= 10 && text.at(4) == QLatin1Char('-')) {
        // Qt reads at most millisecond fractions; PowerShell 7 writes seven
        // digits ("07:32:00.1234567+01:00"). Drop what Qt cannot read.
        QString iso = text;
        static const QRegularExpression longFraction(QStringLiteral("(\\.\\d{3})\\d+"));
        iso.replace(longFraction, QStringLiteral("\\1"));
        return fromDateTime(QDateTime::fromString(iso, Qt::ISODateWithMs));
    }
    // SecurityCenter2 writes RFC 1123 ("… 07:32:00 GMT"), which Qt's RFC 2822
    // parser only takes as a numeric zone.
    QString rfc = text;
    if (rfc.endsWith(QLatin1String(" GMT")) || rfc.endsWith(QLatin1String(" UTC"))) {
        rfc.chop(3);
        rfc.append(QLatin1String("+0000"));
    }
    return fromDateTime(QDateTime::fromString(rfc, Qt::RFC2822Date));
}

std::optional<QString> PowerShell::text(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = unwrap(object.value(key));
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        return std::nullopt;
    }
    return value.toString().trimmed();
}

std::optional<bool> PowerShell::flag(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = unwrap(object.value(key));
    return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

} // namespace steward::agent
