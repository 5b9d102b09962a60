// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/CompliancePolicy.h"

#include <QHash>
#include <QList>
#include <QString>

namespace steward::server
{

// The policy each org unit's devices are held to: the server's base policy, then the settings of
// the root, then those of each unit down to the device's own, each overriding what came before.
class PolicyTree
{
public:
    struct Setting {
        QString orgUnit; // canonical path
        QString rule;
        QString value;
    };

    PolicyTree(CompliancePolicy base, const QList<Setting> &settings);

    // The effective policy of the unit at `path` (canonical); every rule knows its origin.
    const CompliancePolicy &forUnit(const QString &path);
    // The names of packages any unit requires or forbids, lower-cased.
    QStringList softwareNames() const;
    // The settings a unit makes itself: rule -> value.
    QHash<QString, QString> ownSettings(const QString &path) const;

private:
    CompliancePolicy m_base;
    QHash<QString, QHash<QString, QString>> m_settings; // path -> rule -> value
    QHash<QString, CompliancePolicy> m_effective; // computed on first use
};

} // namespace steward::server
