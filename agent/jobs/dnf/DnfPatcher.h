// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PatchJob.h"

#include <QHash>
#include <QStringList>

#include <chrono>

namespace steward::agent
{
class CommandRunner;
}

namespace steward::agent::jobs
{

// Patching on RHEL, Fedora and their rebuilds (dnf 4), as docs/patching.md describes. The plan
// is made from queries (`rpm -qa`, `dnf check-update`, `dnf updateinfo list`, `dnf repoquery`)
// and pins every item to an exact NEVRA, so that the run installs what was planned and not
// whatever a mirror published in between. Items are named "name.arch" (rpm's own unambiguous
// name for a package installed in several architectures); the title is the package name.
class DnfPatcher : public Patcher
{
public:
    struct Timeouts {
        // Queries refresh expired metadata first, which can take minutes on a slow mirror.
        std::chrono::milliseconds query = std::chrono::minutes(10);
        // The transaction; the job's own runtime cap (job-exec) usually ends it first.
        std::chrono::milliseconds run = std::chrono::hours(2);
    };

    // `runner` must outlive the patcher.
    explicit DnfPatcher(CommandRunner &runner);
    DnfPatcher(CommandRunner &runner, Timeouts timeouts);

    Result<PatchPlan> plan(const PatchRequest &request) override;
    PatchOutcome run(const PatchPlan &plan) override;
    PatchOutcome verify(const PatchPlan &plan) override;

    // One line of `dnf repoquery --qf "%{name} %{arch} %{evr} %{reponame}"`.
    struct Available {
        QString name;
        QString arch;
        QString version; // [EPOCH:]VERSION-RELEASE, epoch only when set
        QString repo;
        friend bool operator==(const Available &, const Available &) = default;
    };
    // One line of `dnf updateinfo list`, of any type ("Important/Sec.", "bugfix", …).
    struct AdvisoryPackage {
        QString id;
        QString type;
        QString name;
        QString version;
        QString arch;
        friend bool operator==(const AdvisoryPackage &, const AdvisoryPackage &) = default;
    };

    static Result<QList<Available>> parseRepoquery(const QByteArray &output);
    static Result<QList<AdvisoryPackage>> parseAdvisoryList(const QByteArray &output);
    // `rpm -q --qf <installedFormat()> name.arch…`: "name.arch" -> every installed version, the
    // one installed last first (install-only packages such as the kernel have several).
    // "package … is not installed" lines leave the name out.
    static Result<QHash<QString, QStringList>> parseQueried(const QByteArray &output);

    // rpm's ordering of "[EPOCH:]VERSION[-RELEASE]" (rpmvercmp with ~ and ^): <0, 0, >0.
    static int compareVersions(QStringView a, QStringView b);
    // "RHSA-2024:1234", "FEDORA-2024-7b1f4a8d5e", "ALSA-2024:0897", "FEDORA-EPEL-2024-…".
    static bool looksLikeAdvisory(QStringView name);
    // The exact spec dnf is given for an item: "openssl-libs-1:3.0.7-25.el9_3.x86_64".
    static QString spec(const PatchItem &item);
    // `dnf -y upgrade SPEC…`, or `dnf -y install SPEC…` when an item is not installed yet (a
    // package asked for by name, or one that obsoletes an installed one); with exact NEVRAs
    // `install` upgrades installed packages too.
    static QStringList runArguments(const PatchPlan &plan);
    static QString installedFormat();
    // What `needs-restarting -r` checks, for when it is missing: a change to one of these
    // packages takes a reboot to take effect.
    static bool needsRebootFor(const QString &packageName);

private:
    Result<QByteArray> query(const QString &program, const QStringList &args, std::initializer_list<int> okCodes);
    Result<QHash<QString, QStringList>> queryItems(const QList<PatchItem> &items, QByteArray &output);
    bool rebootRequired(const QList<PatchItem> &items, QByteArray &output);
    Status planAll(const PatchRequest &request, const QHash<QString, QString> &installed, PatchPlan &plan);
    Status planAdvisories(const QStringList &ids, const QHash<QString, QString> &installed, PatchPlan &plan);
    Status planPackages(const QList<PackageRequest> &requests,
                        const QHash<QString, QString> &installed,
                        PatchPlan &plan);

    CommandRunner &m_runner;
    Timeouts m_timeouts;
};

} // namespace steward::agent::jobs
