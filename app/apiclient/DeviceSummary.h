// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QJsonArray;
class QJsonObject;

namespace steward::app
{

// One row of GET /api/v1/devices, decoded defensively: missing or mistyped
// fields become "unknown" rather than zero.
struct DeviceSummary {
    QString id;
    QString hostname;
    QString orgUnit; // the org unit's path; "/" is the root
    QString os;
    QDateTime lastSeen;
    std::optional<int> pendingUpdates;
    std::optional<int> securityUpdates;
    QString antivirus; // empty: none found, or not reported (antivirusReported)
    bool antivirusReported = true; // servers before this field reported nothing else
    std::optional<double> definitionsAgeDays;
    std::optional<bool> compliant;
    QString state; // reporting, stale, never-reported, revoked; empty from older servers
    QString serial; // empty: not reported or not readable
    QString assetTag; // empty: none
    QString model;
    QString agentVersion;
    QStringList ipAddresses; // IPv4 first, then IPv6, without prefix length
    QStringList macAddresses;
    QStringList loggedInUsers; // distinct, in the order the agent listed the sessions
    QStringList sameSerialAs; // other devices reporting the same serial: likely one machine enrolled twice
    std::optional<bool> rebootRequired;

    static DeviceSummary fromJson(const QJsonObject &object);
    static QList<DeviceSummary> listFromJson(const QJsonArray &array);
};

} // namespace steward::app
