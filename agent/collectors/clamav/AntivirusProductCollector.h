// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>
#include <QStringList>

namespace steward::agent
{

struct AntivirusProduct;

// One antivirus product family (ClamAV, Defender, …). Each fills the
// "antivirus" section on its own (collect() gives {"products": [...]}) and
// AntivirusCollector merges several into one section.
class AntivirusProductCollector : public Collector
{
public:
    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    // Which products, for logs and error messages: "clamav", "mdatp", …
    virtual QString productKey() const = 0;
    // Empty when the product is not installed: a valid "no antivirus" answer.
    virtual Result<QList<AntivirusProduct>> collectProducts(const CollectContext &context) const = 0;

    // Names (comm) of all processes under <root>/proc.
    static QStringList processNames(const CollectContext &context);

protected:
    AntivirusProductCollector() = default;
};

} // namespace steward::agent
