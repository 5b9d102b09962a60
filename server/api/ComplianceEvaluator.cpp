// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComplianceEvaluator.h"

#include "api/ApiContext.h"
#include "store/Repositories.h"

#include <limits>

namespace steward::server
{

ComplianceEvaluator::ComplianceEvaluator(PolicyTree tree)
    : m_tree(std::move(tree))
{
}

Result<PolicyTree> ComplianceEvaluator::policies(ApiContext &context)
{
    const Result<QList<PolicySetting>> settings = context.store.policies.list();
    if (!settings) {
        return settings.error();
    }
    QList<PolicyTree::Setting> rows;
    for (const PolicySetting &setting : settings.value()) {
        rows.append(PolicyTree::Setting{setting.orgUnit, setting.rule, setting.value});
    }
    return PolicyTree(context.policy, rows);
}

Result<ComplianceEvaluator> ComplianceEvaluator::load(ApiContext &context, Packages packages)
{
    Result<PolicyTree> tree = policies(context);
    if (!tree) {
        return tree.error();
    }
    ComplianceEvaluator evaluator(std::move(tree).value());
    const QStringList names = evaluator.m_tree.softwareNames();
    if (packages == Packages::FromStore && !names.isEmpty()) {
        const Result<InstalledPackages> installed = context.store.devices.installedPackages(names);
        if (!installed) {
            return installed.error();
        }
        evaluator.m_installed = installed.value().byDevice;
        evaluator.m_softwareReported = installed.value().reporting;
    }
    return evaluator;
}

ComplianceResult ComplianceEvaluator::evaluate(const Device &device, const QDateTime &now)
{
    const CompliancePolicy &policy = m_tree.forUnit(device.orgUnit);
    // From the device's own section when it has one; "not reported" when the store knows none.
    const bool fromStore = policy.hasSoftwareRules() && !device.sections.contains(QLatin1String("software"))
        && m_softwareReported.contains(device.id);
    if (!fromStore) {
        return policy.evaluate(device, now);
    }
    const QSet<QString> installed = m_installed.value(device.id);
    return policy.evaluate(device, now, &installed);
}

const CompliancePolicy &ComplianceEvaluator::policyFor(const QString &orgUnit)
{
    return m_tree.forUnit(orgUnit);
}

qint64 ComplianceEvaluator::staleAfterSeconds(const QString &orgUnit)
{
    return policyFor(orgUnit).maxContactAgeSeconds.value_or(std::numeric_limits<qint64>::max());
}

} // namespace steward::server
