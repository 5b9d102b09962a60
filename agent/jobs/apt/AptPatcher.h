// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PatchJob.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <chrono>
#include <functional>

namespace steward::agent
{
class CommandRunner;
struct CommandResult;
}

namespace steward::agent::jobs
{

struct AptPatcherOptions {
    // steward-apt-scan; empty: AptCollector::defaultScanner().
    QString scanner;
    // How long apt-get waits for dpkg's lock (DPkg::Lock::Timeout), and a repair for it.
    std::chrono::seconds lockTimeout{300};
    std::chrono::milliseconds planTimeout{std::chrono::minutes(5)};
    // apt-get and `dpkg --configure -a`, each; the job's own runtime cap ends it earlier.
    std::chrono::milliseconds installTimeout{std::chrono::hours(2)};
    QString rebootRequiredFile = QStringLiteral("/var/run/reboot-required");
    // dpkg's journal: an entry here means dpkg was interrupted.
    QString dpkgUpdatesDirectory = QStringLiteral("/var/lib/dpkg/updates");
    // Waits between attempts of `dpkg --configure -a` while another process holds dpkg's lock;
    // empty: sleeps. Tests count instead.
    std::function<void(std::chrono::seconds)> sleep;
};

// Update jobs on Debian and Ubuntu (README.md in agent/collectors/apt, "Update jobs"): the plan
// comes from `steward-apt-scan --plan` (libapt-pkg's depcache, no lock, no root), the
// installation from `apt-get install -y --no-remove name=version ...`, run through `env` so that
// it gets a non-interactive environment without a shell, and the result from dpkg-query.
class AptPatcher : public Patcher
{
public:
    explicit AptPatcher(CommandRunner &runner, AptPatcherOptions options = {});

    // A refused request is a plan with `refusal` set, not an error; errors are the helper's
    // (apt.cache-unreadable, apt.unresolvable, apt.timeout, apt.failed, apt.unparseable).
    Result<PatchPlan> plan(const PatchRequest &request) override;
    // A plan with a refusal installs nothing: state "failed", reason = the refusal. An empty
    // plan is "not-applicable"; one whose items are all installed already "succeeded".
    PatchOutcome run(const PatchPlan &plan) override;
    PatchOutcome verify(const PatchPlan &plan) override;

    // steward-apt-scan's arguments for `request`, or a refusal of names or versions APT cannot
    // have (they are never passed on: a name could otherwise be read as an option).
    static Result<QStringList> planArguments(const PatchRequest &request);
    // The helper's JSON (README.md, "Plan format"). `automatic`, when given, receives the new
    // packages nobody asked for: apt-get installs them as dependencies (marked automatic), so
    // run() does not name them.
    static Result<PatchPlan> parsePlan(const QByteArray &json, QSet<QString> *automatic = nullptr);
    // The argv of `env` for the installation of `plan`, without the packages `automatic` holds.
    QStringList installArguments(const PatchPlan &plan, const QSet<QString> &automatic) const;

    static bool isPackageName(const QString &name);
    static bool isVersion(const QString &version);

private:
    struct InstalledVersion {
        QString version;
        QString status; // dpkg's db:Status-Abbrev, e.g. "ii "
    };

    CommandResult runLogged(const QString &program,
                            const QStringList &args,
                            std::chrono::milliseconds timeout,
                            QByteArray &output);
    bool dpkgInterrupted();
    // `dpkg --configure -a` when dpkg was interrupted; waits for dpkg's lock up to the lock
    // timeout. Sets `reason` ("apt.lock-timeout", "apt.configure-failed") and returns false
    // when the repair failed.
    bool repair(PatchOutcome &outcome, QString &reason);
    // Installed versions of `items` (those not refused), by dpkg-query.
    QHash<QString, InstalledVersion> installedVersions(const QList<PatchItem> &items, QByteArray &output);
    // Fills `after` and `result` of every item that is not refused; true when all are at target.
    static bool settle(QList<PatchItem> &items, const QHash<QString, InstalledVersion> &installed);
    bool rebootRequired() const;

    CommandRunner &m_runner;
    AptPatcherOptions m_options;
    // From the last plan(): new dependencies that run() leaves to apt-get.
    QSet<QString> m_automatic;
    QString m_nativeArchitecture;
};

} // namespace steward::agent::jobs
