// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QStringList>

#include <memory>
#include <vector>

namespace steward
{
class Clock;
}

namespace steward::agent
{

class Collector;
struct CollectContext;

// Runs a set of collectors and assembles the report's "sections" map
// (docs/protocol.md, "Report sections"). A collector that fails contributes
// an entry to "errors" instead of its section; the others are unaffected.
class ReportCollector
{
public:
    // The default collectors (defaultCollectors()), reading the time from `clock`.
    explicit ReportCollector(const Clock &clock);
    explicit ReportCollector(std::vector<std::unique_ptr<Collector>> collectors);
    ~ReportCollector();

    ReportCollector(const ReportCollector &) = delete;
    ReportCollector &operator=(const ReportCollector &) = delete;

    // Always contains "errors" (possibly empty), plus one key per collector
    // that succeeded.
    QCborMap collectAll(const CollectContext &context) const;
    // Only the collectors producing `sections` (all of them when empty); "errors" covers those.
    QCborMap collect(const CollectContext &context, const QStringList &sections) const;

    // The sections these collectors fill, each once, in the collectors' order: what a caller may
    // ask collect() for. Each is one of protocol::reportSectionNames() (TestReportCollector
    // checks); "errors" is collect()'s own and "agent" the agent's (AgentCommand), so neither is
    // among them.
    QStringList sectionNames() const;

    // This platform's collectors: os, hardware, network, software, patches, antivirus.
    static std::vector<std::unique_ptr<Collector>> defaultCollectors(const Clock &clock);

private:
    std::vector<std::unique_ptr<Collector>> m_collectors;
};

// What `steward-agent collect --json` and the reporter call: every default
// Linux collector over `context`.
QCborMap collectReport(const CollectContext &context, const Clock &clock);
QCborMap collectReport(const CollectContext &context, const Clock &clock, const QStringList &sections);

} // namespace steward::agent
