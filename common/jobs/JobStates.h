// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// The device job states of docs/jobs.md, shared by the server, stewardctl and the console.
namespace steward::jobs
{

// A device job in one of these is over; only `unknown` (not listed: a guess) may still change.
inline const QStringList &finalDeviceJobStates()
{
    static const QStringList states{QStringLiteral("succeeded"),
                                    QStringLiteral("failed"),
                                    QStringLiteral("not-applicable"),
                                    QStringLiteral("rejected"),
                                    QStringLiteral("timed-out"),
                                    QStringLiteral("cancelled"),
                                    QStringLiteral("expired")};
    return states;
}

inline bool isFinalDeviceJobState(const QString &state)
{
    return finalDeviceJobStates().contains(state);
}

} // namespace steward::jobs
