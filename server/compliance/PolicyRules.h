// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace steward::server
{

// The rules a compliance policy is made of (docs/policies.md lists them). Each org unit may set
// any of them; a unit's devices follow the nearest setting up the tree, else the built-in value.
enum class RuleKind {
    Duration, // "30m", "12h", "7d", "2w", or "off"
    Boolean, // "true" or "false"
    Percent, // 0 to 100, or "off"
    Names, // package names, comma-separated; "" for none
    Severity, // any, low, moderate, important or critical
};

struct PolicyRule {
    QString name;
    RuleKind kind;
    QString builtIn; // the value when no unit sets it
    QString description; // one English sentence, for stewardctl and the API
};

const QList<PolicyRule> &policyRules();
const PolicyRule *policyRule(const QString &name);

// `text` as the rule's value, written the one way it is stored and shown ("7D" -> "7d", "no" ->
// "false", " a, b " -> "a,b"). Errors: policy.unknown-rule (naming the rules),
// policy.invalid-value (saying what the rule takes).
Result<QString> policyValue(const QString &rule, const QString &text);

// A stored Duration value in seconds; nullopt for "off".
std::optional<qint64> durationSeconds(const QString &value);
// A stored Percent value; nullopt for "off".
std::optional<int> percent(const QString &value);
// A stored Names value as its names, lower-cased.
QStringList names(const QString &value);
// A severity's rank: any 0, low 1, moderate 2, important 3, critical 4; -1 when unknown.
int severityRank(const QString &severity);

inline constexpr int kMaxPolicyValueLength = 1024;

} // namespace steward::server
