// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncApiClient.h"

#include "ApiClient.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace steward::app
{

SyncApiClient::SyncApiClient(ApiClient &client, std::chrono::milliseconds deadline)
    : m_client(client)
    , m_deadline(deadline)
{
}

ApiClient &SyncApiClient::client() const
{
    return m_client;
}

Result<QJsonValue> SyncApiClient::wait(const AsyncCall &call)
{
    std::optional<Result<QJsonValue>> result;
    QEventLoop loop;
    {
        // The context dies with this scope, so a reply arriving after the
        // deadline is aborted instead of writing into a dead stack frame.
        QObject context;
        call(&context, [&result, &loop](const Result<QJsonValue> &reply) {
            result = reply;
            loop.quit();
        });
        if (!result) {
            QTimer::singleShot(m_deadline, &loop, &QEventLoop::quit);
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        }
    }
    if (!result) {
        return makeError(QStringLiteral("network.timeout"),
                         QStringLiteral("no answer from %1 within %2 s")
                             .arg(m_client.baseUrl().toDisplayString())
                             .arg(std::chrono::duration_cast<std::chrono::seconds>(m_deadline).count()));
    }
    return *result;
}

Result<QJsonValue> SyncApiClient::login(const QString &user, const QString &password)
{
    return wait([&](QObject *context, auto done) {
        m_client.login(user, password, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::logout()
{
    return wait([&](QObject *context, auto done) {
        m_client.logout(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::devices()
{
    return wait([&](QObject *context, auto done) {
        m_client.devices(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::device(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.device(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::createEnrollmentToken(int uses, qint64 ttlSeconds, const QString &orgUnit)
{
    return wait([&](QObject *context, auto done) {
        m_client.createEnrollmentToken(uses, ttlSeconds, orgUnit, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::searchDevices(const QString &text, int limit)
{
    return wait([&](QObject *context, auto done) {
        m_client.searchDevices(text, limit, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::groups()
{
    return wait([&](QObject *context, auto done) {
        m_client.groups(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::group(const QString &name)
{
    return wait([&](QObject *context, auto done) {
        m_client.group(name, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::createGroup(const QString &name, const QString &query, const QString &description)
{
    return wait([&](QObject *context, auto done) {
        m_client.createGroup(name, query, description, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::deleteGroup(const QString &name)
{
    return wait([&](QObject *context, auto done) {
        m_client.deleteGroup(name, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::changeGroupMembers(const QString &name,
                                                     const QStringList &add,
                                                     const QStringList &remove)
{
    return wait([&](QObject *context, auto done) {
        m_client.changeGroupMembers(name, add, remove, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::queryDevices(const QString &query)
{
    return wait([&](QObject *context, auto done) {
        m_client.queryDevices(query, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::policy(const QString &orgUnit)
{
    return wait([&](QObject *context, auto done) {
        m_client.policy(orgUnit, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::changePolicy(const QString &orgUnit, const QJsonObject &set, const QStringList &unset)
{
    return wait([&](QObject *context, auto done) {
        m_client.changePolicy(orgUnit, set, unset, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::retireDevice(const QString &id, const QString &reason)
{
    return wait([&](QObject *context, auto done) {
        m_client.retireDevice(id, reason, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::orgUnits()
{
    return wait([&](QObject *context, auto done) {
        m_client.orgUnits(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::createOrgUnit(const QString &path)
{
    return wait([&](QObject *context, auto done) {
        m_client.createOrgUnit(path, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::deleteOrgUnit(qint64 id)
{
    return wait([&](QObject *context, auto done) {
        m_client.deleteOrgUnit(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::moveDevice(const QString &id, const QString &orgUnit)
{
    return wait([&](QObject *context, auto done) {
        m_client.moveDevice(id, orgUnit, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::revokeDevice(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.revokeDevice(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::deleteDevice(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.deleteDevice(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::audit(int limit)
{
    return wait([&](QObject *context, auto done) {
        m_client.audit(limit, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::audit(const AuditQuery &query)
{
    return wait([&](QObject *context, auto done) {
        m_client.audit(query, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::verifyAudit()
{
    return wait([&](QObject *context, auto done) {
        m_client.verifyAudit(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::users()
{
    return wait([&](QObject *context, auto done) {
        m_client.users(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::createUser(const QString &name, const QString &role, const QString &password)
{
    return wait([&](QObject *context, auto done) {
        m_client.createUser(name, role, password, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::setUserDisabled(const QString &name, bool disabled)
{
    return wait([&](QObject *context, auto done) {
        m_client.setUserDisabled(name, disabled, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::resetUserPassword(const QString &name, const QString &password)
{
    return wait([&](QObject *context, auto done) {
        m_client.resetUserPassword(name, password, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::changeOwnPassword(const QString &currentPassword, const QString &newPassword)
{
    return wait([&](QObject *context, auto done) {
        m_client.changeOwnPassword(currentPassword, newPassword, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::createApiToken(const QString &name, qint64 ttlSeconds, const QString &role)
{
    return wait([&](QObject *context, auto done) {
        m_client.createApiToken(name, ttlSeconds, role, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::apiTokens()
{
    return wait([&](QObject *context, auto done) {
        m_client.apiTokens(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::revokeApiToken(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.revokeApiToken(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::operatorList()
{
    return wait([&](QObject *context, auto done) {
        m_client.operatorList(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::uploadOperatorList(const QByteArray &document, const QByteArray &signature)
{
    return wait([&](QObject *context, auto done) {
        m_client.uploadOperatorList(document, signature, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::createJob(const QByteArray &document,
                                            const QByteArray &signature,
                                            const QStringList &targets,
                                            const QJsonObject &rollout)
{
    return wait([&](QObject *context, auto done) {
        m_client.createJob(document, signature, targets, rollout, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::jobs()
{
    return wait([&](QObject *context, auto done) {
        m_client.jobs(context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::job(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.job(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::cancelJob(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.cancelJob(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::pauseJob(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.pauseJob(id, context, std::move(done));
    });
}

Result<QJsonValue> SyncApiClient::resumeJob(const QString &id)
{
    return wait([&](QObject *context, auto done) {
        m_client.resumeJob(id, context, std::move(done));
    });
}

} // namespace steward::app
