// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "compliance/PolicyTree.h"
#include "domain/Device.h"

#include <QHash>
#include <QSet>

namespace steward::server
{
struct ApiContext;

// Device compliance as one request sees it: every device judged by its own org unit's policy
// (PolicyTree), read once per request so that a list of thousands costs one read of the
// policies, and (for a list) one of the packages they name.
class ComplianceEvaluator
{
public:
    // Where the packages software rules check come from: the devices' own software sections
    // (a device detail carries them), or one read of the packages the rules name (a list of
    // devices, which comes without them).
    enum class Packages { FromSections, FromStore };
    static Result<ComplianceEvaluator> load(ApiContext &context, Packages packages);
    // Every org unit's settings over the server's base policy, without reading any device.
    static Result<PolicyTree> policies(ApiContext &context);

    ComplianceResult evaluate(const Device &device, const QDateTime &now);
    const CompliancePolicy &policyFor(const QString &orgUnit);
    // How long a device of the unit may stay silent before it is "not seen" (and "stale").
    qint64 staleAfterSeconds(const QString &orgUnit);

private:
    explicit ComplianceEvaluator(PolicyTree tree);

    PolicyTree m_tree;
    // Of the packages some unit requires or forbids, those each device has; and which devices
    // reported their software at all. Only read when some unit has software rules.
    QHash<QString, QSet<QString>> m_installed;
    QSet<QString> m_softwareReported;
};

} // namespace steward::server
