// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportCollector.h"

#include "CollectContext.h"
#include "Collector.h"
#include "CollectorsLogging.h"
#include "apt/AptCollector.h"
#include "clamav/AntivirusCollector.h"
#include "dnf/DnfCollector.h"
#include "hardware/HardwareCollector.h"
#include "network/NetworkCollector.h"
#include "os/OsCollector.h"
#include "packages/PackagesCollector.h"
#include "windows/update/WindowsUpdateCollector.h"

#include <QElapsedTimer>

namespace steward::agent
{

ReportCollector::ReportCollector(const Clock &clock)
    : ReportCollector(defaultCollectors(clock))
{
}

ReportCollector::ReportCollector(std::vector<std::unique_ptr<Collector>> collectors)
    : m_collectors(std::move(collectors))
{
}

ReportCollector::~ReportCollector() = default;

std::vector<std::unique_ptr<Collector>> ReportCollector::defaultCollectors(const Clock &clock)
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<OsCollector>(clock));
    collectors.push_back(std::make_unique<HardwareCollector>());
    collectors.push_back(std::make_unique<NetworkCollector>());
    collectors.push_back(std::make_unique<PackagesCollector>());
#ifdef Q_OS_WIN
    collectors.push_back(std::make_unique<WindowsUpdateCollector>());
#else
    // One collector fills "patches": apt where apt-get exists, dnf otherwise.
    auto patches = std::make_unique<AptCollector>();
    patches->setFallback(std::make_unique<DnfCollector>());
    collectors.push_back(std::move(patches));
#endif
    collectors.push_back(std::make_unique<AntivirusCollector>());
    return collectors;
}

QStringList ReportCollector::sectionNames() const
{
    QStringList names;
    for (const auto &collector : m_collectors) {
        if (!names.contains(collector->name())) {
            names.append(collector->name());
        }
    }
    return names;
}

QCborMap ReportCollector::collectAll(const CollectContext &context) const
{
    return collect(context, {});
}

QCborMap ReportCollector::collect(const CollectContext &context, const QStringList &sections) const
{
    QCborMap report;
    QCborMap errors;
    for (const auto &collector : m_collectors) {
        const QString section = collector->name();
        if (!sections.isEmpty() && !sections.contains(section)) {
            continue;
        }
        QElapsedTimer timer;
        timer.start();
        Result<QCborValue> result = collector->collect(context);
        if (result) {
            qCDebug(lcCollectors) << section << "collected in" << timer.elapsed() << "ms";
            report.insert(section, std::move(result).value());
        } else {
            qCWarning(lcCollectors) << section << "failed:" << result.error().code << result.error().message;
            errors.insert(section,
                          QCborMap{{QStringLiteral("code"), result.error().code},
                                   {QStringLiteral("message"), result.error().message}});
        }
    }
    report.insert(QStringLiteral("errors"), errors);
    return report;
}

QCborMap collectReport(const CollectContext &context, const Clock &clock)
{
    return ReportCollector(clock).collectAll(context);
}

QCborMap collectReport(const CollectContext &context, const Clock &clock, const QStringList &sections)
{
    return ReportCollector(clock).collect(context, sections);
}

} // namespace steward::agent
