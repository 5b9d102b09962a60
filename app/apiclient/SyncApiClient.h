// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include "ApiClient.h"

#include <QJsonValue>
#include <QString>

#include <chrono>
#include <functional>

class QObject;

namespace steward::app
{

// Blocking façade over ApiClient for command-line use: each call spins a local
// event loop until the reply arrives or the deadline passes. Not for GUI code.
class SyncApiClient
{
public:
    explicit SyncApiClient(ApiClient &client, std::chrono::milliseconds deadline = std::chrono::seconds(60));

    Result<QJsonValue> login(const QString &user, const QString &password);
    Result<QJsonValue> logout();
    Result<QJsonValue> devices();
    Result<QJsonValue> device(const QString &id);
    Result<QJsonValue> createEnrollmentToken(int uses, qint64 ttlSeconds, const QString &orgUnit = {});
    Result<QJsonValue> searchDevices(const QString &text, int limit);
    Result<QJsonValue> orgUnits();
    Result<QJsonValue> createOrgUnit(const QString &path);
    Result<QJsonValue> deleteOrgUnit(qint64 id);
    Result<QJsonValue> moveDevice(const QString &id, const QString &orgUnit);
    Result<QJsonValue> groups();
    Result<QJsonValue> group(const QString &name);
    Result<QJsonValue> createGroup(const QString &name, const QString &query, const QString &description);
    Result<QJsonValue> deleteGroup(const QString &name);
    Result<QJsonValue> changeGroupMembers(const QString &name, const QStringList &add, const QStringList &remove);
    Result<QJsonValue> queryDevices(const QString &query);
    Result<QJsonValue> policy(const QString &orgUnit);
    Result<QJsonValue> changePolicy(const QString &orgUnit, const QJsonObject &set, const QStringList &unset);
    Result<QJsonValue> revokeDevice(const QString &id);
    Result<QJsonValue> retireDevice(const QString &id, const QString &reason);
    Result<QJsonValue> deleteDevice(const QString &id);
    Result<QJsonValue> audit(int limit);
    Result<QJsonValue> audit(const AuditQuery &query);
    Result<QJsonValue> verifyAudit();
    Result<QJsonValue> users();
    Result<QJsonValue> createUser(const QString &name, const QString &role, const QString &password);
    Result<QJsonValue> setUserDisabled(const QString &name, bool disabled);
    Result<QJsonValue> resetUserPassword(const QString &name, const QString &password);
    Result<QJsonValue> changeOwnPassword(const QString &currentPassword, const QString &newPassword);
    Result<QJsonValue> createApiToken(const QString &name, qint64 ttlSeconds, const QString &role);
    Result<QJsonValue> apiTokens();
    Result<QJsonValue> revokeApiToken(const QString &id);
    Result<QJsonValue> operatorList();
    Result<QJsonValue> uploadOperatorList(const QByteArray &document, const QByteArray &signature);
    Result<QJsonValue> createJob(const QByteArray &document,
                                 const QByteArray &signature,
                                 const QStringList &targets,
                                 const QJsonObject &rollout);
    Result<QJsonValue> jobs();
    Result<QJsonValue> job(const QString &id);
    Result<QJsonValue> cancelJob(const QString &id);
    Result<QJsonValue> pauseJob(const QString &id);
    Result<QJsonValue> resumeJob(const QString &id);

    ApiClient &client() const;

private:
    using AsyncCall = std::function<void(QObject *context, std::function<void(const Result<QJsonValue> &)> done)>;
    Result<QJsonValue> wait(const AsyncCall &call);

    ApiClient &m_client;
    std::chrono::milliseconds m_deadline;
};

} // namespace steward::app
