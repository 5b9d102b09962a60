// SPDX-License-Identifier: GPL-3.0-or-later
#include "PackagesCollector.h"

#include "CollectContext.h"
#include "CommandRunner.h"
#include "InstalledPackage.h"
#include "PackagesCollectorLogging.h"

#include <QCborArray>
#include <QDir>

#include <algorithm>
#include <tuple>

namespace steward::agent
{

namespace
{
// A large desktop's status file is ~10 MiB; this leaves ample headroom.
constexpr qint64 s_maxDpkgStatusBytes = 256 * 1024 * 1024;

bool isInstalledStatus(const QByteArray &status)
{
    const QList<QByteArray> words = status.simplified().split(' ');
    return words.size() == 3 && words.at(1) == "ok" && words.at(2) == "installed";
}

void sortPackages(QList<InstalledPackage> &packages)
{
    std::sort(packages.begin(), packages.end(), [](const InstalledPackage &a, const InstalledPackage &b) {
        return std::tie(a.name, a.arch, a.version, a.source) < std::tie(b.name, b.arch, b.version, b.source);
    });
}
} // namespace

PackagesCollector::PackagesCollector(std::chrono::milliseconds rpmTimeout)
    : m_rpmTimeout(rpmTimeout)
{
}

QString PackagesCollector::name() const
{
    return QStringLiteral("software");
}

QList<InstalledPackage> PackagesCollector::parseDpkgStatus(const QByteArray &data)
{
    QList<InstalledPackage> packages;
    QByteArray package;
    QByteArray version;
    QByteArray arch;
    QByteArray status;
    const auto flush = [&] {
        if (!package.isEmpty() && isInstalledStatus(status)) {
            packages.append(InstalledPackage{QString::fromUtf8(package),
                                             QString::fromUtf8(version),
                                             QString::fromUtf8(arch),
                                             QStringLiteral("dpkg")});
        }
        package.clear();
        version.clear();
        arch.clear();
        status.clear();
    };

    for (const QByteArray &rawLine : data.split('\n')) {
        const QByteArray line = rawLine.endsWith('\r') ? rawLine.chopped(1) : rawLine;
        if (line.trimmed().isEmpty()) {
            flush();
            continue;
        }
        if (line.startsWith(' ') || line.startsWith('\t')) {
            continue; // continuation of a multi-line field (Description, Conffiles…)
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            continue;
        }
        const QByteArray key = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (key == "Package") {
            package = value;
        } else if (key == "Version") {
            version = value;
        } else if (key == "Architecture") {
            arch = value;
        } else if (key == "Status") {
            status = value;
        }
    }
    flush();
    return packages;
}

Result<QList<InstalledPackage>> PackagesCollector::parseRpmQuery(const QByteArray &data)
{
    QList<InstalledPackage> packages;
    for (const QByteArray &line : data.split('\n')) {
        if (line.trimmed().isEmpty()) {
            continue;
        }
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() != 3 || fields.at(0).isEmpty() || fields.at(1).isEmpty()) {
            return makeError(QStringLiteral("rpm.unparseable"),
                             QStringLiteral("unexpected rpm output line: ") + QString::fromUtf8(line.left(200)));
        }
        // Imported signing keys are listed as packages but are not software.
        if (fields.at(0) == "gpg-pubkey") {
            continue;
        }
        packages.append(InstalledPackage{QString::fromUtf8(fields.at(0)),
                                         QString::fromUtf8(fields.at(1)),
                                         QString::fromUtf8(fields.at(2).trimmed()),
                                         QStringLiteral("rpm")});
    }
    return packages;
}

QStringList PackagesCollector::rpmArguments(const CollectContext &context)
{
    // rpm expands \t and \n in the query format itself, as it does when the
    // format comes single-quoted from a shell.
    QStringList args{QStringLiteral("-qa"),
                     QStringLiteral("--qf"),
                     QStringLiteral("%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\n")};
    if (QDir::cleanPath(context.root) != QStringLiteral("/")) {
        args << QStringLiteral("--root") << context.root;
    }
    return args;
}

Result<QList<InstalledPackage>> PackagesCollector::queryRpm(const CollectContext &context) const
{
    if (!context.runner) {
        return makeError(QStringLiteral("rpm.failed"), QStringLiteral("no command runner"));
    }
    const CommandResult run = context.runner->run(QStringLiteral("rpm"), rpmArguments(context), m_rpmTimeout);
    if (run.timedOut) {
        return makeError(QStringLiteral("rpm.timeout"),
                         QStringLiteral("rpm -qa did not finish within %1 ms").arg(m_rpmTimeout.count()));
    }
    if (run.failedToStart) {
        return makeError(QStringLiteral("rpm.failed"), QStringLiteral("rpm could not be started"));
    }
    if (run.exitCode != 0) {
        return makeError(QStringLiteral("rpm.failed"),
                         QStringLiteral("rpm -qa exited with %1: %2")
                             .arg(run.exitCode)
                             .arg(QString::fromUtf8(run.standardError.trimmed().left(300))));
    }
    return parseRpmQuery(run.standardOutput);
}

Result<QList<InstalledPackage>> PackagesCollector::collectPackages(const CollectContext &context) const
{
    const QString dpkgStatus = QStringLiteral("var/lib/dpkg/status");
    const bool hasDpkg = context.isFile(dpkgStatus);
    const bool hasRpm = context.isFile(QStringLiteral("usr/bin/rpm"));
    if (!hasDpkg && !hasRpm) {
        return makeError(QStringLiteral("packages.no-manager"),
                         QStringLiteral("neither a dpkg database nor rpm was found"));
    }

    QList<InstalledPackage> packages;
    if (hasDpkg) {
        const Result<QByteArray> data = context.readFile(dpkgStatus, s_maxDpkgStatusBytes);
        if (!data) {
            return makeError(QStringLiteral("dpkg.unreadable"), data.error().message);
        }
        packages = parseDpkgStatus(data.value());
        // Every dpkg system has at least dpkg itself installed.
        if (packages.isEmpty()) {
            return makeError(QStringLiteral("dpkg.unparseable"),
                             context.path(dpkgStatus) + QStringLiteral(": no installed packages found"));
        }
    }

    if (hasRpm) {
        const Result<QList<InstalledPackage>> rpmPackages = queryRpm(context);
        if (rpmPackages) {
            packages += rpmPackages.value();
        } else if (hasDpkg) {
            qCWarning(lcCollectorPackages)
                << "ignoring rpm on a dpkg system:" << rpmPackages.error().code << rpmPackages.error().message;
        } else {
            return rpmPackages.error();
        }
    }

    sortPackages(packages);
    return packages;
}

Result<QCborValue> PackagesCollector::collect(const CollectContext &context)
{
    Result<QList<InstalledPackage>> packages = collectPackages(context);
    if (!packages) {
        return packages.error();
    }
    QCborArray array;
    for (const InstalledPackage &package : packages.value()) {
        array.append(package.toCbor());
    }
    return QCborValue(array);
}

} // namespace steward::agent
