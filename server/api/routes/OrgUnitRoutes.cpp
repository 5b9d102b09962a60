// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/org-units, POST /api/v1/org-units, DELETE /api/v1/org-units/{id},
// POST /api/v1/devices/{id}/move.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/ComplianceEvaluator.h"
#include "api/JsonBody.h"
#include "store/Repositories.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
// A path from a request, canonical; a 400 problem when it is not a path.
Result<QString> requestedPath(JsonBody &body, const QString &field)
{
    const QString text = body.string(field, true, (orgunit::kMaxNameLength + 1) * orgunit::kMaxDepth);
    if (const std::optional<Error> &problem = body.problem()) {
        return *problem;
    }
    return orgunit::canonicalPath(text);
}

ApiReply orgUnitError(const Error &error)
{
    if (error.code == QLatin1String("org-unit.unknown") || error.code == QLatin1String("org-unit.parent-unknown")) {
        return ApiReply::notFound(error.code, error.message);
    }
    if (error.code == QLatin1String("org-unit.exists") || error.code == QLatin1String("org-unit.not-empty")
        || error.code == QLatin1String("org-unit.root")) {
        return ApiReply::error(ApiReply::Status::Conflict, error.code, error.message);
    }
    return ApiReply::storeFailure(error);
}

// Per unit: its devices and theirs below it, how many of them are compliant, and how many are
// not for each reason. Revoked devices no longer count.
struct Tally {
    qint64 own = 0;
    qint64 devices = 0;
    qint64 compliant = 0;
    QHash<QString, qint64> reasons;
};

ApiReply list(ApiContext &context)
{
    const Result<QList<OrgUnit>> units = context.store.orgUnits.list();
    if (!units) {
        return ApiReply::storeFailure(units.error());
    }
    const Result<QList<Device>> devices = context.store.devices.list();
    if (!devices) {
        return ApiReply::storeFailure(devices.error());
    }
    Result<ComplianceEvaluator> evaluator =
        ComplianceEvaluator::load(context, ComplianceEvaluator::Packages::FromStore);
    if (!evaluator) {
        return ApiReply::storeFailure(evaluator.error());
    }
    QHash<qint64, Tally> tallies;
    QHash<qint64, qint64> parentOf;
    QHash<qint64, QString> pathOf;
    for (const OrgUnit &unit : units.value()) {
        parentOf.insert(unit.id, unit.parentId);
        pathOf.insert(unit.id, unit.path);
    }
    const QDateTime now = context.clock.now();
    for (const Device &device : devices.value()) {
        if (device.revoked) {
            continue;
        }
        const ComplianceResult compliance = evaluator.value().evaluate(device, now);
        ++tallies[device.orgUnitId].own;
        // Up the tree: each unit counts what lies below it. A unit's parent always exists (a unit
        // with children cannot be deleted), so the walk ends at the root.
        for (qint64 id = device.orgUnitId; id != 0; id = parentOf.value(id)) {
            Tally &tally = tallies[id];
            ++tally.devices;
            if (compliance.compliant) {
                ++tally.compliant;
            }
            for (const ComplianceReason &reason : compliance.reasons) {
                ++tally.reasons[reason.code];
            }
        }
    }
    QJsonArray json;
    for (const OrgUnit &unit : units.value()) {
        const Tally tally = tallies.value(unit.id);
        QJsonObject reasons;
        for (auto reason = tally.reasons.cbegin(); reason != tally.reasons.cend(); ++reason) {
            reasons.insert(reason.key(), reason.value());
        }
        json.append(QJsonObject{
            {QStringLiteral("id"), unit.id},
            {QStringLiteral("path"), unit.path},
            {QStringLiteral("name"), unit.name},
            {QStringLiteral("parent"),
             unit.parentId == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(pathOf.value(unit.parentId))},
            {QStringLiteral("ownDevices"), tally.own},
            {QStringLiteral("devices"), tally.devices},
            {QStringLiteral("compliant"), tally.compliant},
            {QStringLiteral("reasons"), reasons},
            {QStringLiteral("createdAt"), isoTimeOrNull(unit.createdAt)},
        });
    }
    return ApiReply::json(json);
}

ApiReply create(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("path")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    const Result<QString> path = requestedPath(parsed.value(), QStringLiteral("path"));
    if (!path) {
        return ApiReply::badRequest(path.error());
    }
    const Result<OrgUnit> created = context.store.orgUnits.create(path.value(), context.clock.now());
    if (!created) {
        if (!created.error().code.startsWith(QLatin1String("store."))) {
            context.router.audit(caller.user.name,
                                 QStringLiteral("org-unit.create"),
                                 logSafe(path.value(), 512),
                                 QStringLiteral("denied"),
                                 request.source,
                                 created.error().message);
        }
        return orgUnitError(created.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("org-unit.create"),
                         logSafe(path.value(), 512),
                         QStringLiteral("ok"),
                         request.source);
    const OrgUnit &unit = created.value();
    return ApiReply::json(QJsonObject{{QStringLiteral("id"), unit.id},
                                      {QStringLiteral("path"), unit.path},
                                      {QStringLiteral("name"), unit.name},
                                      {QStringLiteral("parent"), orgunit::parentPath(unit.path)},
                                      {QStringLiteral("createdAt"), isoTime(unit.createdAt)}},
                          ApiReply::Status::Created);
}

ApiReply remove(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString idText = request.arguments.value(0);
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    const Result<QList<OrgUnit>> units = context.store.orgUnits.list();
    if (!units) {
        return ApiReply::storeFailure(units.error());
    }
    QString path;
    for (const OrgUnit &unit : units.value()) {
        if (ok && unit.id == id) {
            path = unit.path;
        }
    }
    if (path.isEmpty()) {
        return ApiReply::notFound(QStringLiteral("org-unit.unknown"),
                                  QStringLiteral("no org unit with id %1").arg(logSafe(idText)));
    }
    if (const Status removed = context.store.orgUnits.remove(path, context.clock.now()); !removed) {
        if (!removed.error().code.startsWith(QLatin1String("store."))) {
            context.router.audit(caller.user.name,
                                 QStringLiteral("org-unit.delete"),
                                 logSafe(path, 512),
                                 QStringLiteral("denied"),
                                 request.source,
                                 removed.error().message);
        }
        return orgUnitError(removed.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("org-unit.delete"),
                         logSafe(path, 512),
                         QStringLiteral("ok"),
                         request.source);
    return ApiReply::noContent();
}

ApiReply moveDevice(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString deviceId = request.arguments.value(0);
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("orgUnit")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    const Result<QString> path = requestedPath(parsed.value(), QStringLiteral("orgUnit"));
    if (!path) {
        return ApiReply::badRequest(path.error());
    }
    const Result<std::optional<QString>> moved = context.store.devices.move(deviceId, path.value());
    if (!moved) {
        if (moved.error().code == QLatin1String("org-unit.unknown")) {
            context.router.audit(caller.user.name,
                                 QStringLiteral("device.move"),
                                 deviceId,
                                 QStringLiteral("denied"),
                                 request.source,
                                 moved.error().message);
            return ApiReply::error(ApiReply::Status::BadRequest, moved.error().code, moved.error().message);
        }
        return ApiReply::storeFailure(moved.error());
    }
    if (!moved.value()) {
        return ApiReply::notFound(QStringLiteral("device.unknown"),
                                  QStringLiteral("no device with id %1").arg(logSafe(deviceId)));
    }
    context.router.audit(
        caller.user.name,
        QStringLiteral("device.move"),
        deviceId,
        QStringLiteral("ok"),
        request.source,
        QStringLiteral("from '%1' to '%2'").arg(logSafe(*moved.value(), 512), logSafe(path.value(), 512)));
    return ApiReply::json(QJsonObject{{QStringLiteral("id"), deviceId},
                                      {QStringLiteral("orgUnit"), path.value()},
                                      {QStringLiteral("previousOrgUnit"), *moved.value()}});
}
} // namespace

void addOrgUnitRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/org-units"),
                            Permission::DevicesRead,
                            QStringLiteral("org-unit.list"),
                            [&context](const ApiRequest &, const ApiCaller &) {
                                return list(context);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/org-units"),
                            Permission::OrgUnitsManage,
                            QStringLiteral("org-unit.create"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return create(context, request, caller);
                            });
    context.router.addRoute(Method::Delete,
                            QStringLiteral("/api/v1/org-units/<arg>"),
                            Permission::OrgUnitsManage,
                            QStringLiteral("org-unit.delete"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return remove(context, request, caller);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/devices/<arg>/move"),
                            Permission::DevicesMove,
                            QStringLiteral("device.move"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return moveDevice(context, request, caller);
                            });
}

} // namespace steward::server::routes
