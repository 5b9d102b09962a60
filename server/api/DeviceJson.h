// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/CompliancePolicy.h"
#include "domain/Device.h"

#include <QJsonObject>

// The JSON shapes of devices in the admin API (docs/protocol.md).
namespace steward::server
{

QJsonObject complianceJson(const ComplianceResult &compliance);
// `staleAfterSeconds`: a device not heard from for longer is "stale".
QJsonObject deviceSummaryJson(const Device &device,
                              const ComplianceResult &compliance,
                              const QDateTime &now,
                              qint64 staleAfterSeconds);
QJsonObject deviceDetailJson(const Device &device,
                             const ComplianceResult &compliance,
                             const QDateTime &now,
                             qint64 staleAfterSeconds);

} // namespace steward::server
