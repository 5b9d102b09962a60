// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QHash>
#include <QList>

#include <chrono>

namespace steward::agent
{

struct PatchStatus;
struct PendingUpdate;
struct SecurityAdvisory;

// The "patches" section on RHEL, Fedora and their rebuilds (dnf 4):
// `dnf check-update` for what an upgrade would change, `dnf updateinfo list
// --security` for which of those fix a security advisory, and `rpm -qa` for
// the installed versions. dnf runs with --cacheonly: like the apt collector
// it reads the metadata as it is and never downloads (dnf-makecache.timer
// refreshes it).
class DnfCollector : public Collector
{
public:
    explicit DnfCollector(std::chrono::milliseconds timeout = std::chrono::minutes(5));

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<PatchStatus> collectStatus(const CollectContext &context) const;

    // `dnf -q check-update` (exit 100 = updates available): available
    // upgrades plus the "Obsoleting Packages" section, whose replacing
    // packages are new installs. Sorted by name, then arch.
    static Result<QList<PendingUpdate>> parseCheckUpdate(const QByteArray &output);
    // `dnf -q updateinfo list --security`: "ADVISORY SEVERITY/Sec. NEVRA".
    static Result<QList<SecurityAdvisory>> parseSecurityAdvisories(const QByteArray &output);
    // `rpm -qa --qf "NAME.ARCH<tab>[EPOCH:]VERSION-RELEASE<tab>INSTALLTIME"`: "name.arch" -> version.
    static Result<QHash<QString, QString>> parseInstalled(const QByteArray &output);
    // Fills installedVersion and the advisory fields of `pending`.
    static void merge(QList<PendingUpdate> &pending,
                      const QHash<QString, QString> &installed,
                      const QList<SecurityAdvisory> &advisories);

    static QStringList dnfArguments(const CollectContext &context, const QStringList &command);
    static QStringList rpmArguments(const CollectContext &context);

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
