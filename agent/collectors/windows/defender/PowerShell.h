// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace steward::agent
{

struct CollectContext;

// Running a PowerShell script and reading what `ConvertTo-Json` prints, for
// the Windows collectors. Errors are "<tool>.timeout", "<tool>.failed" and
// "<tool>.unparseable", with <tool> the caller's ("windows-defender", …).
class PowerShell
{
public:
    // `powershell.exe -NoLogo -NoProfile -NonInteractive -Command <script>`,
    // the script's lines trimmed and joined with spaces (so every statement
    // ends with ';' and there are no comments). Scripts are plain text on the
    // command line, not -EncodedCommand, which endpoint protection rightly
    // treats as suspicious; so they must not contain double quotes, which
    // Windows command-line quoting mangles. They print JSON with everything
    // beyond ASCII escaped (asciiJson()), so the console code page (OEM on
    // most machines) cannot garble names.
    static Result<QByteArray> run(const CollectContext &context,
                                  const QString &tool,
                                  const QString &script,
                                  std::chrono::milliseconds timeout);

    // The script line that prints $json with every non-ASCII UTF-16 unit as
    // \uXXXX (Windows PowerShell 5.1 has no -EscapeHandling).
    static QString asciiJson();

    // ConvertTo-Json prints one object for one result and an array for
    // several; both become a list. "[]" is an empty list; no output at all,
    // invalid JSON or non-objects are errors.
    static Result<QList<QJsonObject>> parseObjects(const QByteArray &json, const QString &tool);
    // Windows PowerShell decorates some values (DateTime from cmdlets,
    // settings in newer tools) as {"value": x, …}: x. Anything else as is.
    static QJsonValue unwrap(const QJsonValue &value);
    // A point in time as PowerShell and WMI write it: "/Date(1700206320000)/"
    // (optionally "+0100", the milliseconds are UTC regardless), ISO 8601
    // with or without offset and fraction (PowerShell 7; no offset = the
    // machine's local time), CIM DMTF "20231117073200.000000+000", RFC 1123
    // "Fri, 17 Nov 2023 07:32:00 GMT", or any of these wrapped as {"value"}.
    // Null, empty and dates before 1990 (unset FILETIMEs, DateTime.MinValue)
    // are std::nullopt: never.
    static std::optional<qint64> parseTime(const QJsonValue &value);
    // A non-empty string (after unwrap), else nullopt.
    static std::optional<QString> text(const QJsonObject &object, QLatin1String key);
    // A JSON boolean (after unwrap), else nullopt; "True" or 1 are not guessed at.
    static std::optional<bool> flag(const QJsonObject &object, QLatin1String key);
};

} // namespace steward::agent
