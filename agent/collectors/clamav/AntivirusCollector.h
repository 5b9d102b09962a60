// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <memory>
#include <vector>

namespace steward::agent
{

class AntivirusProductCollector;

// The "antivirus" section: the products of every product collector of this
// platform, in order. A product collector that fails fails the whole
// section, because a partial list would read as the complete one ("ClamAV
// only") while the server must treat it as unknown.
class AntivirusCollector : public Collector
{
public:
    // The collectors of the platform this agent is built for.
    AntivirusCollector();
    explicit AntivirusCollector(std::vector<std::unique_ptr<AntivirusProductCollector>> products);
    ~AntivirusCollector() override;

    AntivirusCollector(const AntivirusCollector &) = delete;
    AntivirusCollector &operator=(const AntivirusCollector &) = delete;

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    // Linux: ClamAV, Microsoft Defender for Endpoint. Windows: Microsoft
    // Defender Antivirus, then third-party products from SecurityCenter2.
    static std::vector<std::unique_ptr<AntivirusProductCollector>> defaultProductCollectors();

private:
    std::vector<std::unique_ptr<AntivirusProductCollector>> m_products;
};

} // namespace steward::agent
