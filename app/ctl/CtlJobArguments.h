// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The values of stewardctl's job and signing options (docs/jobs.md), checked before anything is
// signed or sent. Every Error here has the code "usage" and a message naming the bad value.
namespace steward::app::jobargs
{

inline constexpr qsizetype kMaxDevices = 100000; // what the server takes in one job
inline constexpr qsizetype kMaxDeviceIdLength = 256;
inline constexpr qsizetype kMaxOperatorNameLength = 256;
inline constexpr qsizetype kMaxKindLength = 64;
inline constexpr qint64 kMaxDurationSeconds = qint64(3660) * 24 * 3600; // about ten years

// One package of a patch job: `version` empty means the newest candidate.
struct Package {
    QString name;
    QString version;

    friend bool operator==(const Package &, const Package &) = default;
};

// `job create patch`, as asked for; the envelope is made of it when the command runs.
struct PatchJob {
    QStringList devices; // distinct, in the order given
    QString select; // "security", "all" or "packages"
    QList<Package> packages; // select == "packages"
    QDateTime notBefore; // whole seconds, UTC
    QDateTime deadline; // invalid: none
    QDateTime expiresAt;
    std::optional<int> maxConcurrent;
    QString reboot = QStringLiteral("never");
    int maxRuntimeSeconds = 3600;
};

// "+90s", "+30m", "+2h", "+3d", "+1w" or several of them ("+1d12h"): seconds, at least 1 and at
// most kMaxDurationSeconds; nullopt for anything else.
std::optional<qint64> duration(const QString &text);

// An ISO 8601 date and time (2024-05-01T18:00:00Z; one without a zone is in this machine's
// zone), or +DURATION from `now`. Whole seconds in UTC; nullopt when it is neither.
std::optional<QDateTime> time(const QString &text, const QDateTime &now);

// Debian's rules for a package name (Policy 5.6.1: [a-z0-9][a-z0-9+.-]+) and the characters of a
// version ([A-Za-z0-9.+~:-]+, starting with a letter or digit). Anything else (a space, ';', '$', '|', '`'
// ...) is refused: names and versions end up on an apt command line on every target.
bool isPackageName(const QString &text);
bool isPackageVersion(const QString &text);

// NAME or NAME=VERSION.
Result<Package> package(const QString &text);

// The values of --devices, each a comma-separated list: distinct ids in the order given.
Result<QStringList> deviceIds(const QStringList &values);

// A comma-separated list of job kinds ("patch,license"): distinct, [a-z0-9][a-z0-9.-]*.
Result<QStringList> kinds(const QString &text);

// An operator's name as the operator list shows it: not blank, no control characters.
Result<QString> operatorName(const QString &text);

// A patch job's times against `now`: a deadline or expiry already past, a deadline after the
// expiry or before the start, or a start at or after the expiry, is refused.
Status checkTimes(const PatchJob &job, const QDateTime &now);

} // namespace steward::app::jobargs
