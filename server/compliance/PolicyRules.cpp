// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyRules.h"

#include <QRegularExpression>

namespace steward::server
{

namespace
{
constexpr qint64 kMaxDurationSeconds = 3660LL * 86400; // ten years

Error invalid(const PolicyRule &rule, const QString &text, const QString &takes)
{
    return makeError(QStringLiteral("policy.invalid-value"),
                     QStringLiteral("%1 takes %2, not '%3'").arg(rule.name, takes, text.left(64)));
}
} // namespace

const QList<PolicyRule> &policyRules()
{
    static const QList<PolicyRule> rules{
        {QStringLiteral("contact.max-age"),
         RuleKind::Duration,
         QStringLiteral("24h"),
         QStringLiteral("A device not heard from for longer is not compliant (\"not seen since\").")},
        {QStringLiteral("antivirus.required"),
         RuleKind::Boolean,
         QStringLiteral("true"),
         QStringLiteral("An antivirus product must be reported.")},
        {QStringLiteral("antivirus.realtime-required"),
         RuleKind::Boolean,
         QStringLiteral("true"),
         QStringLiteral("Some antivirus product must have real-time protection on.")},
        {QStringLiteral("antivirus.definitions-max-age"),
         RuleKind::Duration,
         QStringLiteral("3d"),
         QStringLiteral("Antivirus definitions may be at most this old; off: their age is not checked.")},
        {QStringLiteral("updates.required"),
         RuleKind::Boolean,
         QStringLiteral("true"),
         QStringLiteral("The device must report its pending updates from a package manager Steward reads.")},
        {QStringLiteral("updates.security-max-age"),
         RuleKind::Duration,
         QStringLiteral("0s"),
         QStringLiteral("Security updates may stay pending this long; 0s: none may be pending; off: not checked.")},
        {QStringLiteral("updates.min-severity"),
         RuleKind::Severity,
         QStringLiteral("any"),
         QStringLiteral("Only security updates of this severity or higher count (updates of unknown severity "
                        "always count).")},
        {QStringLiteral("reboot.max-pending"),
         RuleKind::Duration,
         QStringLiteral("off"),
         QStringLiteral("A restart the updates need may stay pending this long.")},
        {QStringLiteral("software.required"),
         RuleKind::Names,
         QString(),
         QStringLiteral("Packages that must be installed.")},
        {QStringLiteral("software.forbidden"),
         RuleKind::Names,
         QString(),
         QStringLiteral("Packages that must not be installed.")},
        {QStringLiteral("disk.min-free-percent"),
         RuleKind::Percent,
         QStringLiteral("off"),
         QStringLiteral("Every filesystem must have at least this share of its space free.")},
    };
    return rules;
}

const PolicyRule *policyRule(const QString &name)
{
    for (const PolicyRule &rule : policyRules()) {
        if (rule.name == name) {
            return &rule;
        }
    }
    return nullptr;
}

Result<QString> policyValue(const QString &ruleName, const QString &text)
{
    const PolicyRule *rule = policyRule(ruleName);
    if (!rule) {
        QStringList known;
        for (const PolicyRule &each : policyRules()) {
            known.append(each.name);
        }
        return makeError(QStringLiteral("policy.unknown-rule"),
                         QStringLiteral("no policy rule is named '%1'; the rules are %2")
                             .arg(ruleName.left(64), known.join(QStringLiteral(", "))));
    }
    const QString value = text.trimmed().toLower();
    if (text.size() > kMaxPolicyValueLength) {
        return invalid(*rule, text, QStringLiteral("at most %1 characters").arg(kMaxPolicyValueLength));
    }
    switch (rule->kind) {
    case RuleKind::Duration:
        if (value == QLatin1String("off") || durationSeconds(value)) {
            return value;
        }
        return invalid(*rule, text, QStringLiteral("a time such as 30m, 12h, 7d or 2w, or off"));
    case RuleKind::Boolean:
        if (value == QLatin1String("true") || value == QLatin1String("yes") || value == QLatin1String("on")) {
            return QStringLiteral("true");
        }
        if (value == QLatin1String("false") || value == QLatin1String("no") || value == QLatin1String("off")) {
            return QStringLiteral("false");
        }
        return invalid(*rule, text, QStringLiteral("true or false"));
    case RuleKind::Percent:
        if (value == QLatin1String("off") || percent(value)) {
            return value == QLatin1String("off") ? value : QString::number(*percent(value));
        }
        return invalid(*rule, text, QStringLiteral("a whole percentage from 0 to 100, or off"));
    case RuleKind::Names: {
        static const QRegularExpression name(QStringLiteral("\\A[a-z0-9][a-z0-9+._: ()-]{0,127}\\z"));
        QStringList list;
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString trimmed = part.trimmed();
            if (!name.match(trimmed).hasMatch()) {
                return invalid(*rule, text, QStringLiteral("package names separated by commas"));
            }
            if (!list.contains(trimmed)) {
                list.append(trimmed);
            }
        }
        return list.join(QLatin1Char(','));
    }
    case RuleKind::Severity:
        if (severityRank(value) >= 0) {
            return value;
        }
        return invalid(*rule, text, QStringLiteral("any, low, moderate, important or critical"));
    }
    return invalid(*rule, text, QStringLiteral("a value"));
}

std::optional<qint64> durationSeconds(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("\\A(\\d{1,6})([smhdw])\\z"));
    const QRegularExpressionMatch match = pattern.match(value);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const qint64 count = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 scale = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86400 : 604800;
    return qMin(count * scale, kMaxDurationSeconds);
}

std::optional<int> percent(const QString &value)
{
    bool ok = false;
    const int number = value.trimmed().toInt(&ok);
    return ok && number >= 0 && number <= 100 ? std::optional<int>(number) : std::nullopt;
}

QStringList names(const QString &value)
{
    return value.toLower().split(QLatin1Char(','), Qt::SkipEmptyParts);
}

int severityRank(const QString &severity)
{
    static const QStringList ranks{QStringLiteral("any"),
                                   QStringLiteral("low"),
                                   QStringLiteral("moderate"),
                                   QStringLiteral("important"),
                                   QStringLiteral("critical")};
    return int(ranks.indexOf(severity.trimmed().toLower()));
}

} // namespace steward::server
