// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsProgramsCollector.h"

#include "CollectContext.h"
#include "CommandRunner.h"
#include "WindowsProgram.h"
#include "WindowsProgramsCollectorLogging.h"

#include <QCborArray>
#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace steward::agent
{

namespace
{
// Strings, or the numbers a REG_DWORD becomes in JSON.
QString text(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble()) {
        return QString::number(qint64(value.toDouble()));
    }
    return value.toString().trimmed();
}

// 0 is best: the 64-bit machine view is what Programs and Features shows
// first; the 32-bit view and user hives duplicate it for some installers.
int preference(const WindowsProgram &program)
{
    if (program.scope == QLatin1String("user")) {
        return 2;
    }
    return program.arch == QLatin1String("x64") ? 0 : 1;
}

// From PSPath, e.g.
// "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\…\Uninstall\{GUID}".
bool classify(const QString &psPath, WindowsProgram &program)
{
    const qsizetype start = psPath.indexOf(QLatin1String("::"));
    const QString path = start >= 0 ? psPath.mid(start + 2) : psPath;
    const QStringList parts = path.split(u'\\', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        return false;
    }
    const QString hive = parts.first().toUpper();
    if (hive == QLatin1String("HKEY_LOCAL_MACHINE")) {
        program.scope = QStringLiteral("machine");
        const bool wow64 =
            parts.size() > 2 && parts.at(2).compare(QLatin1String("WOW6432Node"), Qt::CaseInsensitive) == 0;
        program.arch = wow64 ? QStringLiteral("x86") : QStringLiteral("x64");
        return true;
    }
    if (hive == QLatin1String("HKEY_USERS") && parts.size() > 1) {
        program.scope = QStringLiteral("user");
        program.userSid = parts.at(1);
        return true;
    }
    if (hive == QLatin1String("HKEY_CURRENT_USER")) {
        program.scope = QStringLiteral("user");
        return true;
    }
    return false;
}

QByteArray toUtf8(const QByteArray &output)
{
    // Windows PowerShell 5.1 may prepend a byte order mark, or write UTF-16
    // when the console encoding was not switched.
    if (output.startsWith("\xEF\xBB\xBF")) {
        return output.mid(3);
    }
    if (output.startsWith("\xFF\xFE")) {
        const QByteArray body = output.mid(2);
        return QString::fromUtf16(reinterpret_cast<const char16_t *>(body.constData()), body.size() / 2).toUtf8();
    }
    return output;
}
} // namespace

WindowsProgramsCollector::WindowsProgramsCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString WindowsProgramsCollector::name() const
{
    return QStringLiteral("software");
}

QString WindowsProgramsCollector::script()
{
    // Keep in sync with README.md. HKEY_USERS\* rather than HKCU: the agent
    // runs as LocalSystem, whose HKCU is not any person's hive.
    return QStringLiteral(
        "$ErrorActionPreference = 'SilentlyContinue'\n"
        "[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false\n"
        "Get-ItemProperty -Path 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',"
        " 'HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',"
        " 'Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' |\n"
        "  Select-Object DisplayName, DisplayVersion, Publisher, InstallDate, SystemComponent, ParentKeyName, PSPath "
        "|\n"
        "  ConvertTo-Json -Compress\n");
}

QStringList WindowsProgramsCollector::powershellArguments()
{
    const QString source = script();
    const QByteArray utf16le(reinterpret_cast<const char *>(source.utf16()), source.size() * 2);
    return {QStringLiteral("-NoProfile"),
            QStringLiteral("-NonInteractive"),
            QStringLiteral("-ExecutionPolicy"),
            QStringLiteral("Bypass"),
            QStringLiteral("-EncodedCommand"),
            QString::fromLatin1(utf16le.toBase64())};
}

QString WindowsProgramsCollector::parseInstallDate(const QString &raw)
{
    const QString trimmed = raw.trimmed();
    QDate date;
    if (trimmed.size() == 8) {
        date = QDate::fromString(trimmed, QStringLiteral("yyyyMMdd"));
    } else if (trimmed.size() == 10) {
        date = QDate::fromString(trimmed, QStringLiteral("yyyy-MM-dd"));
    }
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

Result<QList<WindowsProgram>> WindowsProgramsCollector::parsePrograms(const QByteArray &json)
{
    const QByteArray data = toUtf8(json).trimmed();
    if (data.isEmpty()) {
        return QList<WindowsProgram>(); // ConvertTo-Json prints nothing for no input
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isNull()) {
        return makeError(QStringLiteral("powershell.unparseable"),
                         QStringLiteral("installed programs: invalid JSON at offset %1: %2")
                             .arg(parseError.offset)
                             .arg(parseError.errorString()));
    }
    // One key gives an object, several an array.
    const QJsonArray entries = document.isArray() ? document.array() : QJsonArray{document.object()};

    QList<WindowsProgram> programs;
    QHash<QString, qsizetype> byIdentity; // "name\nversion" → index in programs
    for (const QJsonValue &entry : entries) {
        if (!entry.isObject()) {
            return makeError(QStringLiteral("powershell.unparseable"),
                             QStringLiteral("installed programs: an entry is not an object"));
        }
        const QJsonObject object = entry.toObject();
        WindowsProgram program;
        program.name = text(object, QLatin1String("DisplayName"));
        if (program.name.isEmpty() || text(object, QLatin1String("SystemComponent")) == u'1'
            || !text(object, QLatin1String("ParentKeyName")).isEmpty()) {
            continue;
        }
        if (!classify(text(object, QLatin1String("PSPath")), program)) {
            qCDebug(lcCollectorWindowsPrograms)
                << "entry outside the Uninstall keys:" << object.value(QLatin1String("PSPath"));
            continue;
        }
        program.version = text(object, QLatin1String("DisplayVersion"));
        program.publisher = text(object, QLatin1String("Publisher"));
        program.installDate = parseInstallDate(text(object, QLatin1String("InstallDate")));

        const QString identity = program.name + u'\n' + program.version;
        const auto existing = byIdentity.constFind(identity);
        if (existing == byIdentity.cend()) {
            byIdentity.insert(identity, programs.size());
            programs.append(std::move(program));
            continue;
        }
        WindowsProgram &kept = programs[*existing];
        if (preference(program) < preference(kept)) {
            std::swap(kept, program);
        }
        // The views often disagree only in what they bothered to record.
        if (kept.publisher.isEmpty()) {
            kept.publisher = program.publisher;
        }
        if (kept.installDate.isEmpty()) {
            kept.installDate = program.installDate;
        }
    }

    std::sort(programs.begin(), programs.end(), [](const WindowsProgram &a, const WindowsProgram &b) {
        if (const int byName = a.name.compare(b.name, Qt::CaseInsensitive); byName != 0) {
            return byName < 0;
        }
        return a.version < b.version;
    });
    return programs;
}

Result<QList<WindowsProgram>> WindowsProgramsCollector::collectPrograms(const CollectContext &context) const
{
    if (!context.runner) {
        return makeError(QStringLiteral("powershell.failed"), QStringLiteral("no command runner"));
    }
    const CommandResult run = context.runner->run(QStringLiteral("powershell.exe"), powershellArguments(), m_timeout);
    if (run.timedOut) {
        return makeError(
            QStringLiteral("powershell.timeout"),
            QStringLiteral("listing installed programs did not finish within %1 ms").arg(m_timeout.count()));
    }
    if (run.failedToStart) {
        return makeError(QStringLiteral("powershell.failed"), QStringLiteral("powershell.exe could not be started"));
    }
    if (run.exitCode != 0) {
        return makeError(QStringLiteral("powershell.failed"),
                         QStringLiteral("listing installed programs exited with %1: %2")
                             .arg(run.exitCode)
                             .arg(QString::fromUtf8(run.standardError.trimmed().left(300))));
    }
    return parsePrograms(run.standardOutput);
}

Result<QCborValue> WindowsProgramsCollector::collect(const CollectContext &context)
{
    const Result<QList<WindowsProgram>> programs = collectPrograms(context);
    if (!programs) {
        return programs.error();
    }
    QCborArray array;
    for (const WindowsProgram &program : programs.value()) {
        array.append(program.toCbor());
    }
    return QCborValue(array);
}

} // namespace steward::agent
