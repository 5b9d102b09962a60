// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <optional>

namespace steward::agent
{

struct HardwareInfo;

// DMI identity plus CPU and memory from /proc. DMI is optional (ARM boards,
// some VMs and containers have none; product_serial is root-only), so its
// absence leaves fields empty; unreadable /proc/cpuinfo or /proc/meminfo is
// an error because those exist on every Linux system.
class HardwareCollector : public Collector
{
public:
    HardwareCollector() = default;

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<HardwareInfo> collectInfo(const CollectContext &context) const;

    struct CpuInfo {
        QString model;
        int logicalProcessors = 0;
    };
    static CpuInfo parseCpuInfo(const QByteArray &data);
    // MemTotal in bytes, or nothing when the line is missing or malformed.
    static std::optional<qint64> parseMemTotal(const QByteArray &data);
};

} // namespace steward::agent
