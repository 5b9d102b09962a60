// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QHash>

namespace steward::agent
{

struct OsInfo;

// os-release(5), the running kernel and the host name. Fails only when no
// os-release exists: without it the distribution is unknown, and guessing
// would mislead compliance policies keyed on it.
class OsCollector : public Collector
{
public:
    OsCollector() = default;

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<OsInfo> collectInfo(const CollectContext &context) const;

    // Shell-like KEY=value assignments; quotes and backslash escapes are
    // undone, comments and malformed lines are ignored, as os-release(5) asks.
    static QHash<QString, QString> parseOsRelease(const QByteArray &data);
};

} // namespace steward::agent
