// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

// A patch job as the agent runs it (docs/jobs.md, "Update jobs"): what the signed envelope asks
// for, the plan the platform's preflight makes of it, and what came of each item.
namespace steward::agent::jobs
{

// One package asked for: `version` empty means the newest candidate.
struct PackageRequest {
    QString name;
    QString version;
};

struct PatchRequest {
    QString select; // "packages", "security" or "all"
    QList<PackageRequest> packages; // select == "packages"
    QString reboot = QStringLiteral("never"); // "never", "if-required" or "at-deadline"

    // From the envelope's content ({select, packages: [{name, version}]}) and options ({reboot}).
    // Error code "job.content" naming what is wrong.
    static Result<PatchRequest> fromEnvelope(const QCborMap &content, const QCborMap &options);
};

// One item of a plan, then of a result: "3 of 5 updates installed" is counted from these.
struct PatchItem {
    QString name; // package name (APT, dnf) or UpdateID (Windows)
    QString title; // what the console shows; may equal name
    QString before; // installed version, empty when not installed
    QString target; // the version the plan installs
    QString after; // installed version once the job ran (empty before it runs)
    // "planned", "installed", "already-installed", "failed", "refused", "not-applicable"
    QString result = QStringLiteral("planned");
    QString message; // why it failed or was refused; empty otherwise

    QCborMap toCbor() const;
    static PatchItem fromCbor(const QCborMap &map);
};

struct PatchPlan {
    QList<PatchItem> items;
    // Set when the preflight refuses the whole job (a removal, a downgrade, a version not in
    // the configured sources, a held package); `reason` is a code, `message` says which package.
    QString refusal;
    QString message;
};

// How a run ended, apart from the exit code of what ran.
struct PatchOutcome {
    QString state; // "succeeded", "failed", "not-applicable"
    QString reason; // code, e.g. "apt.lock-timeout", "apt.failed", "interrupted"; empty on success
    std::optional<qint64> exitCode; // of the package manager; none when nothing ran
    QList<PatchItem> items;
    QByteArray output; // everything the commands printed, unbounded (JobOutput bounds it)
    bool rebootRequired = false;
};

// A platform's patching (Debian/Ubuntu: AptPatcher; RHEL/Fedora: DnfPatcher; Windows:
// WindowsUpdatePatcher). Runs inside `steward-agent job-exec`, a child process, so it may block.
class Patcher
{
public:
    virtual ~Patcher() = default;
    // Resolves the request into exact items without changing the system.
    virtual Result<PatchPlan> plan(const PatchRequest &request) = 0;
    // Installs the plan's items.
    virtual PatchOutcome run(const PatchPlan &plan) = 0;
    // After an interruption (agent killed, reboot): whether the plan's items are now at their
    // targets (state "succeeded"), else "failed" with reason "interrupted". Installs nothing
    // except a `dpkg --configure -a` style repair of an interrupted package manager.
    virtual PatchOutcome verify(const PatchPlan &plan) = 0;
};

} // namespace steward::agent::jobs
