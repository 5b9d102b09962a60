// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>

#include <chrono>

namespace steward::agent
{

struct InstalledPackage;

// Installed software from the dpkg database (read directly: no dpkg-query
// process, no lock) and, where rpm exists, from `rpm -qa`. On a dpkg system a
// failing rpm (often installed only for alien, with no database) is logged and
// ignored; where rpm is the only manager its failure fails the section, since
// an empty list would read as "everything was uninstalled".
class PackagesCollector : public Collector
{
public:
    explicit PackagesCollector(std::chrono::milliseconds rpmTimeout = std::chrono::seconds(60));

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<QList<InstalledPackage>> collectPackages(const CollectContext &context) const;

    // Packages whose dpkg status is "<want> ok installed": held packages are
    // installed too; config-files, half-installed etc. are not.
    static QList<InstalledPackage> parseDpkgStatus(const QByteArray &data);
    // Output of `rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{ARCH}\n'`.
    static Result<QList<InstalledPackage>> parseRpmQuery(const QByteArray &data);
    static QStringList rpmArguments(const CollectContext &context);

private:
    Result<QList<InstalledPackage>> queryRpm(const CollectContext &context) const;

    std::chrono::milliseconds m_rpmTimeout;
};

} // namespace steward::agent
