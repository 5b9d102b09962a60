// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyTree.h"

#include "OrgUnitPath.h"
#include "StewardServerLogging.h"
#include "compliance/PolicyRules.h"

namespace steward::server
{

PolicyTree::PolicyTree(CompliancePolicy base, const QList<Setting> &settings)
    : m_base(std::move(base))
{
    for (const Setting &setting : settings) {
        m_settings[setting.orgUnit].insert(setting.rule, setting.value);
    }
}

const CompliancePolicy &PolicyTree::forUnit(const QString &path)
{
    if (const auto found = m_effective.constFind(path); found != m_effective.constEnd()) {
        return *found;
    }
    CompliancePolicy policy = m_base;
    // The root first, then each unit on the way down: "A", "A/B", "A/B/C".
    QStringList chain{QString::fromLatin1(orgunit::kRootPath)};
    if (!orgunit::isRoot(path)) {
        const QStringList names = path.split(QLatin1Char('/'));
        for (qsizetype i = 1; i <= names.size(); ++i) {
            chain.append(names.mid(0, i).join(QLatin1Char('/')));
        }
    }
    for (const QString &unit : std::as_const(chain)) {
        const QHash<QString, QString> own = m_settings.value(unit);
        for (auto it = own.constBegin(); it != own.constEnd(); ++it) {
            // A stored value an older or newer server wrote differently is skipped, not guessed.
            if (const Status set = policy.set(it.key(), it.value(), unit); !set) {
                qCWarning(lcServer).noquote() << "org unit" << unit << "policy:" << set.error().message;
            }
        }
    }
    return *m_effective.insert(path, policy);
}

QStringList PolicyTree::softwareNames() const
{
    QStringList all;
    for (const QHash<QString, QString> &own : m_settings) {
        for (const char *rule : {"software.required", "software.forbidden"}) {
            for (const QString &name : names(own.value(QLatin1String(rule)))) {
                if (!all.contains(name)) {
                    all.append(name);
                }
            }
        }
    }
    return all;
}

QHash<QString, QString> PolicyTree::ownSettings(const QString &path) const
{
    return m_settings.value(path);
}

} // namespace steward::server
