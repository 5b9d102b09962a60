// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/devices, GET /api/v1/devices/{id}, POST /api/v1/devices/{id}/revoke,
// DELETE /api/v1/devices/{id}.
#include "Clock.h"
#include "api/AdminApi.h"
#include "api/ApiContext.h"
#include "api/ComplianceEvaluator.h"
#include "api/DeviceJson.h"
#include "api/JsonBody.h"
#include "search/SearchTerms.h"
#include "store/Repositories.h"

#include <QHash>
#include <QJsonArray>

namespace steward::server::routes
{

namespace
{
ApiReply unknownDevice(const QString &id)
{
    return ApiReply::notFound(QStringLiteral("device.unknown"),
                              QStringLiteral("no device with id %1").arg(logSafe(id)));
}

// For each device that is not revoked, the others that report the same hardware serial (read
// as the search keeps it, so that the list and the detail, which asks the search terms, agree).
QHash<QString, QStringList> sameSerials(const QList<Device> &devices)
{
    QHash<QString, QStringList> bySerial;
    for (const Device &device : devices) {
        const QString serial = search::term(
            device.sections.value(QLatin1String("hardware")).toMap().value(QLatin1String("serial")).toString());
        if (!device.revoked && !serial.isEmpty()) {
            bySerial[serial].append(device.id);
        }
    }
    QHash<QString, QStringList> others;
    for (const QStringList &ids : std::as_const(bySerial)) {
        for (const QString &id : ids) {
            if (ids.size() > 1) {
                QStringList rest = ids;
                rest.removeOne(id);
                others.insert(id, rest);
            }
        }
    }
    return others;
}

ApiReply list(ApiContext &context)
{
    const Result<QList<Device>> listed = context.store.devices.list();
    if (!listed) {
        return ApiReply::storeFailure(listed.error());
    }
    Result<ComplianceEvaluator> compliance =
        ComplianceEvaluator::load(context, ComplianceEvaluator::Packages::FromStore);
    if (!compliance) {
        return ApiReply::storeFailure(compliance.error());
    }
    const QDateTime now = context.clock.now();
    const QHash<QString, QStringList> duplicates = sameSerials(listed.value());
    QJsonArray devices;
    for (const Device &device : listed.value()) {
        QJsonObject summary = deviceSummaryJson(device,
                                                compliance.value().evaluate(device, now),
                                                now,
                                                compliance.value().staleAfterSeconds(device.orgUnit));
        summary.insert(QStringLiteral("sameSerialAs"), QJsonArray::fromStringList(duplicates.value(device.id)));
        devices.append(summary);
    }
    return ApiReply::json(devices);
}

ApiReply show(ApiContext &context, const QString &id)
{
    const Result<std::optional<Device>> found = context.store.devices.find(id);
    if (!found) {
        return ApiReply::storeFailure(found.error());
    }
    if (!found.value()) {
        return unknownDevice(id);
    }
    const Device &device = *found.value();
    const Result<QStringList> sameSerial =
        device.revoked ? Result<QStringList>(QStringList()) : context.store.devices.sameSerialAs(device.id);
    if (!sameSerial) {
        return ApiReply::storeFailure(sameSerial.error());
    }
    Result<ComplianceEvaluator> compliance =
        ComplianceEvaluator::load(context, ComplianceEvaluator::Packages::FromSections);
    if (!compliance) {
        return ApiReply::storeFailure(compliance.error());
    }
    const QDateTime now = context.clock.now();
    QJsonObject detail = deviceDetailJson(device,
                                          compliance.value().evaluate(device, now),
                                          now,
                                          compliance.value().staleAfterSeconds(device.orgUnit));
    detail.insert(QStringLiteral("sameSerialAs"), QJsonArray::fromStringList(sameSerial.value()));
    return ApiReply::json(detail);
}

ApiReply revoke(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString id = request.arguments.value(0);
    const Result<bool> revoked = context.store.devices.revoke(id);
    if (!revoked) {
        return ApiReply::storeFailure(revoked.error());
    }
    if (!revoked.value()) {
        return unknownDevice(id);
    }
    context.router.audit(caller.user.name, QStringLiteral("device.revoke"), id, QStringLiteral("ok"), request.source);
    Q_EMIT context.api.deviceRevoked(id);
    return ApiReply::json(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
}

ApiReply retire(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString id = request.arguments.value(0);
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("reason")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    const QString reason = parsed.value().string(QStringLiteral("reason"), false, 256);
    if (const std::optional<Error> &problem = parsed.value().problem()) {
        return ApiReply::badRequest(*problem);
    }
    const Result<DeviceRetirement> retired =
        context.store.devices.retire(id, caller.user.name, reason, context.clock.now());
    if (!retired) {
        return ApiReply::storeFailure(retired.error());
    }
    switch (retired.value()) {
    case DeviceRetirement::Unknown:
        return unknownDevice(id);
    case DeviceRetirement::AlreadyRetired:
        context.router.audit(caller.user.name,
                             QStringLiteral("device.retire"),
                             id,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("the device is retired already"));
        return ApiReply::error(ApiReply::Status::Conflict,
                               QStringLiteral("device.retired"),
                               QStringLiteral("device %1 is retired already").arg(logSafe(id)));
    case DeviceRetirement::Retired:
        break;
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("device.retire"),
                         id,
                         QStringLiteral("ok"),
                         request.source,
                         reason.isEmpty() ? QString() : logSafe(reason, 256));
    // Its agent is cut off as a revoked one is.
    Q_EMIT context.api.deviceRevoked(id);
    return ApiReply::json(
        QJsonObject{{QStringLiteral("id"), id},
                    {QStringLiteral("retired"), true},
                    {QStringLiteral("reason"), reason.isEmpty() ? QJsonValue() : QJsonValue(reason)}});
}

// Only a revoked device may go: revoking is what stops its agent, and is audited on its own, so
// no working machine disappears from the inventory by one mistaken call.
ApiReply remove(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString id = request.arguments.value(0);
    const Result<DeviceDeletion> deleted = context.store.devices.deleteRevoked(id);
    if (!deleted) {
        return ApiReply::storeFailure(deleted.error());
    }
    switch (deleted.value()) {
    case DeviceDeletion::Unknown:
        return unknownDevice(id);
    case DeviceDeletion::NotRevoked:
        context.router.audit(caller.user.name,
                             QStringLiteral("device.delete"),
                             id,
                             QStringLiteral("denied"),
                             request.source,
                             QStringLiteral("the device is not revoked"));
        return ApiReply::error(
            ApiReply::Status::Conflict,
            QStringLiteral("device.not-revoked"),
            QStringLiteral("device %1 is not revoked; revoke it before deleting it").arg(logSafe(id)));
    case DeviceDeletion::Deleted:
        break;
    }
    context.router.audit(caller.user.name, QStringLiteral("device.delete"), id, QStringLiteral("ok"), request.source);
    return ApiReply::noContent();
}
}

void addDeviceRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/devices"),
                            Permission::DevicesRead,
                            QStringLiteral("device.list"),
                            [&context](const ApiRequest &, const ApiCaller &) {
                                return list(context);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/devices/<arg>"),
                            Permission::DevicesRead,
                            QStringLiteral("device.read"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return show(context, request.arguments.value(0));
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/devices/<arg>/retire"),
                            Permission::DevicesRetire,
                            QStringLiteral("device.retire"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return retire(context, request, caller);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/devices/<arg>/revoke"),
                            Permission::DevicesRevoke,
                            QStringLiteral("device.revoke"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return revoke(context, request, caller);
                            });
    context.router.addRoute(Method::Delete,
                            QStringLiteral("/api/v1/devices/<arg>"),
                            Permission::DevicesDelete,
                            QStringLiteral("device.delete"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return remove(context, request, caller);
                            });
}

} // namespace steward::server::routes
