// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// One element of the "software" section on Windows: an entry of Programs and
// Features (the registry's Uninstall keys).
struct WindowsProgram {
    QString name;
    QString version;
    QString publisher;
    QString installDate; // "YYYY-MM-DD" (a local calendar date, no time); empty when absent or malformed
    QString arch; // "x64" or "x86" for machine-wide entries; empty for per-user ones, which the registry does not tell
    QString scope; // "machine" or "user"
    QString userSid; // for per-user entries: whose hive ("S-1-5-21-…")

    QCborMap toCbor() const;

    friend bool operator==(const WindowsProgram &, const WindowsProgram &) = default;
};

} // namespace steward::agent
