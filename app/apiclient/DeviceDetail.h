// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QJsonObject;

namespace steward::app
{

// GET /api/v1/devices/{id}, decoded defensively for display. The report
// sections inside it are whatever the agent last sent; any may be absent.
struct DeviceDetail {
    struct ComplianceReason {
        QString code;
        QString text;
        QDateTime since; // invalid when the server does not know
    };
    struct PendingUpdate {
        QString name;
        QString installedVersion;
        QString candidateVersion;
        QString origin;
        bool security = false;
    };
    struct AntivirusProduct {
        QString name;
        QString definitionsVersion;
        QDateTime definitionsTime;
        std::optional<bool> realTimeProtection;
        std::optional<bool> serviceRunning;
    };

    QString id;
    QString hostname;
    QString os; // pretty name
    QString kernel;
    QString arch;

    QString manufacturer;
    QString model;
    QString serial;
    QString biosVersion;
    QString cpuModel;
    std::optional<int> cpuCores;
    std::optional<qint64> memoryBytes;

    QDateTime lastSeen;
    QDateTime enrolledAt;
    bool revoked = false;
    std::optional<int> softwareCount;

    bool patchesKnown = false;
    QString patchManager;
    QList<PendingUpdate> pendingUpdates;
    int securityCount = 0;

    bool antivirusKnown = false;
    QList<AntivirusProduct> antivirus; // known and empty: no antivirus found

    std::optional<bool> compliant; // nullopt: not evaluated yet
    QDateTime evaluatedAt;
    QList<ComplianceReason> reasons;

    static DeviceDetail fromJson(const QJsonObject &object);
};

} // namespace steward::app
