// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "jobs/JobEnvelope.h"
#include "jobs/MaintenanceWindow.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// A patch deployment as an operator asks for it (stewardctl's options, the console's dialog), its
// checks, and the envelope signed from it (docs/jobs.md). Errors carry a stable code for each
// problem so that each program words it its own way; the messages are plain English for logs.
namespace steward::app::deployment
{

inline constexpr qsizetype kMaxDevices = 100000; // what the server takes in one job
inline constexpr qint64 kMaxDurationSeconds = qint64(3660) * 24 * 3600; // about ten years
inline constexpr int kMaxPackageTextLength = 256;

// One package of a patch job: `version` empty means the newest candidate.
struct Package {
    QString name;
    QString version;

    friend bool operator==(const Package &, const Package &) = default;
};

// What to install where and when; the envelope is made of it when it is signed.
struct PatchJob {
    QStringList devices; // distinct, in the order given
    QString select; // "security", "all" or "packages"
    QList<Package> packages; // select == "packages"
    QDateTime notBefore; // whole seconds, UTC
    QDateTime deadline; // invalid: none
    QDateTime expiresAt;
    std::optional<int> maxConcurrent;
    QString reboot = QStringLiteral("never"); // "never", "if-required" or "at-deadline"
    int maxRuntimeSeconds = 3600;
    // Servers restart only when this is set (signed as options.allowServers); workstations follow `reboot`.
    bool rebootServers = false;
    // Signed: a device starts the job only inside one of them (its local time) until the deadline.
    QList<jobs::MaintenanceWindow> windows;

    // The rollout (docs/jobs.md, "Rollout"): the server's release schedule, not signed, as it can
    // only hold jobs back. maxConcurrent above is signed and also caps the rollout.
    std::optional<int> perMinute;
    QStringList pilot; // device ids released first; the rest waits for pilotSuccessRatio
    std::optional<double> pilotSuccessRatio;
    std::optional<double> pauseFailureRatio;
};

// `time` in UTC, cut to whole seconds: what signed documents hold.
QDateTime wholeSeconds(const QDateTime &time);

// "+90s", "+30m", "+2h", "+3d", "+1w" or several of them ("+1d12h"): seconds, at least 1 and at
// most kMaxDurationSeconds; nullopt for anything else.
std::optional<qint64> duration(const QString &text);

// An ISO 8601 date and time (2024-05-01T18:00:00Z; one without a zone is in this machine's
// zone), or +DURATION from `now`. Whole seconds in UTC; nullopt when it is neither.
std::optional<QDateTime> time(const QString &text, const QDateTime &now);

// What any platform's patcher can be given: a Debian package name, an rpm name or NEVRA, a dnf
// advisory (RHSA-2024:1234), a Windows UpdateID or KB article, and a version: letters, digits
// and _ + . : ~ ^ -, starting with a letter or digit. Anything else (a space, ';', '$', '|', '`',
// a leading '-' ...) is refused here, and each agent checks again by its own platform's rules:
// names end up as arguments of a package tool on every target and must never read as an option.
bool isPackageName(const QString &text);
bool isPackageVersion(const QString &text);

// NAME or NAME=VERSION. Error codes "package.name" and "package.version".
Result<Package> package(const QString &text);

// A patch job's times against `now`. Error codes: "times.expires-past", "times.deadline-past",
// "times.expires-before-deadline", "times.expires-before-start" (a start at or after the expiry)
// and "times.deadline-before-start".
Status checkTimes(const PatchJob &job, const QDateTime &now);

// The envelope of a patch job: content {select, packages: [{name, version}]}, options {reboot,
// maxRuntimeSeconds, maxConcurrent and windows when given}, the Merkle root over the devices, issued `now`
// by the operator key `signer` (its fingerprint). No deadline is encoded as 0 (the epoch).
// The request's "rollout" object for the server; empty when the job has no rollout option (every
// device at once).
QJsonObject rolloutJson(const PatchJob &job);

// Error codes "rollout.pilot-not-target" (a pilot device the job does not target) and
// "rollout.ratio" (a ratio outside 0..1).
Status checkRollout(const PatchJob &job);

jobs::JobEnvelope patchEnvelope(const PatchJob &job, const QString &id, const QString &signer, const QDateTime &now);

} // namespace steward::app::deployment
