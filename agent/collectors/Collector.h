// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCborValue>
#include <QString>

namespace steward::agent
{

struct CollectContext;

// One inventory source. name() is the report section the collector fills
// ("os", "software", …) and the key of its entry in the report's "errors" map.
class Collector
{
public:
    virtual ~Collector();

    virtual QString name() const = 0;
    virtual Result<QCborValue> collect(const CollectContext &context) = 0;

protected:
    Collector() = default;
    Collector(const Collector &) = default;
    Collector &operator=(const Collector &) = default;
};

} // namespace steward::agent
