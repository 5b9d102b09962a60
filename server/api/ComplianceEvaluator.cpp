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

Result<ComplianceEvaluator> ComplianceEvaluator::load(ApiContext &context)
{
    const Result<QList<PolicySetting>> settings = context.store.policies.list();
    if (!settings) {
        return settings.error();
    }
    QList<PolicyTree::Setting> rows;
    for (const PolicySetting &setting : settings.value()) {
        rows.append(PolicyTree::Setting{setting.orgUnit, setting.rule, setting.value});
    }
    ComplianceEvaluator evaluator(PolicyTree(context.policy, rows));
    const QStringList names = evaluator.m_tree.softwareNames();
    if (!names.isEmpty()) {
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
    if (!policy.hasSoftwareRules() || device.sections.contains(QLatin1String("software"))) {
        return policy.evaluate(device, now);
    }
    if (!m_softwareReported.contains(device.id)) {
        return policy.evaluate(device, now); // no software section: "not reported"
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
