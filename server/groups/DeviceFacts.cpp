// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceFacts.h"

#include "compliance/ComplianceConditions.h"

#include <QCborArray>
#include <QSet>

namespace steward::server::groups
{

namespace
{
class Facts
{
public:
    void add(const QString &field, const QString &value)
    {
        const QString kept = value.trimmed().left(kMaxFactLength).toLower();
        if (kept.isEmpty()) {
            return;
        }
        const DeviceFact fact{field, kept};
        if (!m_facts.contains(fact)) {
            m_facts.append(fact);
        }
    }
    void add(const QString &field, const QCborValue &value)
    {
        if (value.isString()) {
            add(field, value.toString());
        }
    }
    void addBool(const QString &field, bool value)
    {
        add(field, value ? QStringLiteral("true") : QStringLiteral("false"));
    }
    QList<DeviceFact> facts() const
    {
        return m_facts;
    }

private:
    QList<DeviceFact> m_facts;
};
} // namespace

QList<DeviceFact> deviceFacts(const QString &hostname, const QCborMap &sections)
{
    Facts facts;
    const QCborMap os = sections.value(QLatin1String("os")).toMap();
    const QString reported = os.value(QLatin1String("hostname")).toString();
    facts.add(QStringLiteral("hostname"), reported.isEmpty() ? hostname : reported);
    facts.add(QStringLiteral("os.name"), os.value(QLatin1String("name")));
    facts.add(QStringLiteral("os.id"), os.value(QLatin1String("id")));
    // versionId is the comparable one ("12"); version may be "12 (bookworm)".
    const QCborValue versionId = os.value(QLatin1String("versionId"));
    facts.add(QStringLiteral("os.version"),
              versionId.isString() && !versionId.toString().isEmpty() ? versionId : os.value(QLatin1String("version")));
    facts.add(QStringLiteral("os.arch"), os.value(QLatin1String("arch")));
    facts.add(QStringLiteral("os.kernel"), os.value(QLatin1String("kernel")));

    const QCborMap hardware = sections.value(QLatin1String("hardware")).toMap();
    facts.add(QStringLiteral("hardware.manufacturer"), hardware.value(QLatin1String("manufacturer")));
    facts.add(QStringLiteral("hardware.model"), hardware.value(QLatin1String("model")));
    facts.add(QStringLiteral("hardware.serial"), hardware.value(QLatin1String("serial")));
    facts.add(QStringLiteral("hardware.virtualization"), hardware.value(QLatin1String("virtualization")));
    std::optional<qint64> leastFree;
    for (const QCborValue &entry : hardware.value(QLatin1String("filesystems")).toArray()) {
        const QCborMap filesystem = entry.toMap();
        const qint64 size = filesystem.value(QLatin1String("sizeBytes")).toInteger();
        const qint64 free = filesystem.value(QLatin1String("freeBytes")).toInteger();
        if (size > 0 && free >= 0) {
            const qint64 percent = qBound(qint64(0), free * 100 / size, qint64(100));
            leastFree = leastFree ? qMin(*leastFree, percent) : percent;
        }
    }
    if (leastFree) {
        facts.add(QStringLiteral("disk.free-percent"), QString::number(*leastFree));
    }

    if (sections.contains(QLatin1String("antivirus"))) {
        const ReportFacts report = reportFacts(sections);
        const QCborArray products =
            sections.value(QLatin1String("antivirus")).toMap().value(QLatin1String("products")).toArray();
        for (const QCborValue &product : products) {
            facts.add(QStringLiteral("antivirus.product"), product.toMap().value(QLatin1String("name")));
        }
        if (report.antivirusReported) {
            facts.addBool(QStringLiteral("antivirus.realtime"), report.anyRealTimeProtection);
        }
    }

    if (sections.contains(QLatin1String("patches"))) {
        const QCborMap patches = sections.value(QLatin1String("patches")).toMap();
        facts.add(QStringLiteral("updates.manager"), patches.value(QLatin1String("manager")));
        if (patches.value(QLatin1String("pending")).isArray()) {
            facts.add(QStringLiteral("updates.pending"),
                      QString::number(patches.value(QLatin1String("pending")).toArray().size()));
            facts.add(QStringLiteral("updates.security"), QString::number(securityUpdateCount(patches)));
        }
        const QCborValue reboot = patches.value(QLatin1String("rebootRequired"));
        if (reboot.isBool()) {
            facts.addBool(QStringLiteral("reboot.pending"), reboot.toBool());
        }
    }

    facts.add(QStringLiteral("agent.version"),
              sections.value(QLatin1String("agent")).toMap().value(QLatin1String("version")));
    return facts.facts();
}

QList<InstalledPackage> installedPackages(const QCborMap &sections)
{
    QList<InstalledPackage> packages;
    QSet<QString> seen;
    for (const QCborValue &entry : sections.value(QLatin1String("software")).toArray()) {
        const QCborMap package = entry.toMap();
        const QString name = package.value(QLatin1String("name")).toString().trimmed().left(kMaxFactLength);
        const QString version = package.value(QLatin1String("version")).toString().trimmed().left(kMaxFactLength);
        if (name.isEmpty()) {
            continue;
        }
        const QString key = name + QLatin1Char('\n') + version;
        if (!seen.contains(key)) {
            seen.insert(key);
            packages.append(InstalledPackage{name, version});
        }
    }
    return packages;
}

} // namespace steward::server::groups
