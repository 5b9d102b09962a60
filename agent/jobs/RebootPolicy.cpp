// SPDX-License-Identifier: GPL-3.0-or-later
#include "RebootPolicy.h"

#include <QDateTime>

#include <algorithm>

namespace steward::agent::jobs
{

namespace
{
RebootDecision none(const QString &reason)
{
    RebootDecision decision;
    decision.reason = reason;
    return decision;
}

RebootDecision make(RebootDecision::Action action, qint64 at, const QString &reason)
{
    RebootDecision decision;
    decision.action = action;
    decision.at = at;
    decision.reason = reason;
    decision.message = RebootPolicy::messageFor(action, at);
    return decision;
}

// "if-required": only inside the maintenance window, which is when users expect restarts.
RebootDecision inWindow(const RebootInputs &inputs)
{
    if (inputs.maintenanceWindowOpen) {
        return make(RebootDecision::Action::RebootNow, inputs.now, QStringLiteral("window"));
    }
    RebootDecision decision;
    decision.action = RebootDecision::Action::WaitForWindow;
    decision.reason = QStringLiteral("window-closed");
    return decision;
}
} // namespace

std::chrono::seconds RebootDecision::delay(qint64 now) const
{
    if (action == Action::RebootAt) {
        return std::chrono::seconds(std::max<qint64>(0, at - now));
    }
    return std::chrono::seconds(0);
}

QString RebootPolicy::messageFor(RebootDecision::Action action, qint64 at)
{
    switch (action) {
    case RebootDecision::Action::RebootNow:
        return QStringLiteral("Steward: this computer is restarting now to finish installing updates.");
    case RebootDecision::Action::RebootAt: {
        const QDateTime local = QDateTime::fromSecsSinceEpoch(at).toLocalTime();
        return QStringLiteral(
                   "Steward: this computer will restart at %1 (%2) to finish installing updates. "
                   "Save your work before then; restarting earlier yourself is fine.")
            .arg(local.toString(QStringLiteral("HH:mm")), local.toString(QStringLiteral("yyyy-MM-dd t")));
    }
    case RebootDecision::Action::None:
    case RebootDecision::Action::WaitForWindow:
        break;
    }
    return QString();
}

RebootDecision RebootPolicy::decide(const RebootInputs &inputs)
{
    const bool ifRequired = inputs.policy == QLatin1String("if-required");
    const bool atDeadline = inputs.policy == QLatin1String("at-deadline");
    // Anything else (PatchRequest only lets the three through) is "never": no guessing.
    if (!ifRequired && !atDeadline) {
        return none(QStringLiteral("policy-never"));
    }
    if (!inputs.rebootRequired) {
        return none(QStringLiteral("not-required"));
    }
    if (inputs.alreadyRebooted) {
        return none(QStringLiteral("already-rebooted"));
    }
    if (inputs.isServer && !inputs.allowServers) {
        return none(QStringLiteral("server"));
    }
    if (ifRequired || inputs.deadline <= 0 || inputs.maintenanceWindowOpen) {
        return inWindow(inputs);
    }
    // "at-deadline" outside the window: the deadline is the operator's limit, window or not.
    if (inputs.now < inputs.deadline) {
        return make(RebootDecision::Action::RebootAt, inputs.deadline, QStringLiteral("deadline"));
    }
    const qint64 at = inputs.now + std::chrono::duration_cast<std::chrono::seconds>(inputs.grace).count();
    return make(RebootDecision::Action::RebootAt, at, QStringLiteral("deadline-passed"));
}

} // namespace steward::agent::jobs
