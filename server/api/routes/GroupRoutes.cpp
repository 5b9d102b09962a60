// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/groups, POST /api/v1/groups, GET /api/v1/groups/{name}, DELETE
// /api/v1/groups/{name}, POST /api/v1/groups/{name}/members, and GET /api/v1/query: what a
// query selects, without keeping it.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "groups/GroupQuery.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
constexpr int kMaxDescriptionLength = 512;
constexpr int kMaxMembersPerRequest = 10000;
constexpr int kMaxDeviceIdLength = 256;

ApiReply groupError(const Error &error)
{
    if (error.code == QLatin1String("group.unknown")) {
        return ApiReply::notFound(error.code, error.message);
    }
    if (error.code == QLatin1String("group.exists") || error.code == QLatin1String("group.query-managed")) {
        return ApiReply::error(ApiReply::Status::Conflict, error.code, error.message);
    }
    if (error.code.startsWith(QLatin1String("store."))) {
        return ApiReply::storeFailure(error);
    }
    return ApiReply::error(ApiReply::Status::BadRequest, error.code, error.message);
}

// A query from a request, parsed, with every org unit it names known.
Result<groups::GroupQuery> checkedQuery(ApiContext &context, const QString &text)
{
    Result<groups::GroupQuery> query = groups::GroupQuery::parse(text);
    if (!query) {
        return query;
    }
    for (const QString &path : query.value().orgUnits()) {
        const Result<std::optional<OrgUnit>> unit = context.store.orgUnits.find(path);
        if (!unit) {
            return unit.error();
        }
        if (!unit.value()) {
            return orgunit::unknownUnit(path);
        }
    }
    return query;
}

QJsonObject membersJson(const GroupMembers &members)
{
    return QJsonObject{{QStringLiteral("members"), QJsonArray::fromStringList(members.deviceIds)},
                       {QStringLiteral("matchesEveryDevice"),
                        members.activeDevices > 0 && members.deviceIds.size() == members.activeDevices},
                       {QStringLiteral("activeDevices"), members.activeDevices},
                       {QStringLiteral("evaluatedAt"), isoTime(members.evaluatedAt)},
                       {QStringLiteral("evaluationMs"), double(members.elapsedMicroseconds) / 1000.0}};
}

QJsonObject groupJson(const DeviceGroup &group)
{
    return QJsonObject{{QStringLiteral("name"), group.name},
                       {QStringLiteral("query"), group.isQuery() ? QJsonValue(group.query) : QJsonValue()},
                       {QStringLiteral("description"), group.description},
                       {QStringLiteral("createdBy"), group.createdBy},
                       {QStringLiteral("createdAt"), isoTimeOrNull(group.createdAt)}};
}

// The group with its members now.
ApiReply detail(ApiContext &context, const DeviceGroup &group, ApiReply::Status status = ApiReply::Status::Ok)
{
    const Result<GroupMembers> members = context.store.groups.members(group, context.clock.now());
    if (!members) {
        return groupError(members.error());
    }
    QJsonObject json = groupJson(group);
    const QJsonObject evaluated = membersJson(members.value());
    for (auto it = evaluated.constBegin(); it != evaluated.constEnd(); ++it) {
        json.insert(it.key(), it.value());
    }
    return ApiReply::json(json, status);
}

ApiReply list(ApiContext &context)
{
    const Result<QList<DeviceGroup>> groups = context.store.groups.list();
    if (!groups) {
        return ApiReply::storeFailure(groups.error());
    }
    const QDateTime now = context.clock.now();
    QJsonArray json;
    for (const DeviceGroup &group : groups.value()) {
        QJsonObject entry = groupJson(group);
        // A stored query that no longer reads is listed, with the reason, rather than hiding the rest.
        const Result<GroupMembers> members = context.store.groups.members(group, now);
        if (members) {
            entry.insert(QStringLiteral("memberCount"), qint64(members.value().deviceIds.size()));
            entry.insert(QStringLiteral("problem"), QJsonValue());
        } else if (members.error().code.startsWith(QLatin1String("store."))) {
            return ApiReply::storeFailure(members.error());
        } else {
            entry.insert(QStringLiteral("memberCount"), QJsonValue());
            entry.insert(QStringLiteral("problem"), members.error().message);
        }
        json.append(entry);
    }
    return ApiReply::json(json);
}

ApiReply show(ApiContext &context, const ApiRequest &request)
{
    const QString name = request.arguments.value(0);
    const Result<std::optional<DeviceGroup>> group = context.store.groups.find(name);
    if (!group) {
        return ApiReply::storeFailure(group.error());
    }
    if (!group.value()) {
        return ApiReply::notFound(QStringLiteral("group.unknown"),
                                  QStringLiteral("no group is named '%1'").arg(logSafe(name)));
    }
    return detail(context, *group.value());
}

ApiReply create(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed =
        JsonBody::parse(request.body, {QStringLiteral("name"), QStringLiteral("query"), QStringLiteral("description")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QString nameText = body.string(QStringLiteral("name"), true, kMaxGroupNameLength * 2);
    const QString queryText = body.string(QStringLiteral("query"), false, groups::kMaxQueryLength);
    const QString description = body.string(QStringLiteral("description"), false, kMaxDescriptionLength);
    if (const std::optional<Error> &problem = body.problem()) {
        return ApiReply::badRequest(*problem);
    }
    const Result<QString> name = groupName(nameText);
    if (!name) {
        return ApiReply::badRequest(name.error());
    }
    const auto refuse = [&](const Error &error) {
        if (!error.code.startsWith(QLatin1String("store."))) {
            context.router.audit(caller.user.name,
                                 QStringLiteral("group.create"),
                                 logSafe(name.value()),
                                 QStringLiteral("denied"),
                                 request.source,
                                 logSafe(error.message, 512));
        }
        return groupError(error);
    };
    DeviceGroup group;
    group.name = name.value();
    group.description = description;
    group.createdBy = caller.user.name;
    group.createdAt = context.clock.now();
    if (body.contains(QStringLiteral("query"))) {
        const Result<groups::GroupQuery> query = checkedQuery(context, queryText);
        if (!query) {
            return refuse(query.error());
        }
        group.query = query.value().text();
    }
    const Result<DeviceGroup> created = context.store.groups.create(group);
    if (!created) {
        return refuse(created.error());
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("group.create"),
                         logSafe(group.name),
                         QStringLiteral("ok"),
                         request.source,
                         group.isQuery() ? QStringLiteral("query: %1").arg(logSafe(group.query, 512))
                                         : QStringLiteral("static"));
    return detail(context, created.value(), ApiReply::Status::Created);
}

ApiReply remove(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString name = request.arguments.value(0);
    const Result<bool> removed = context.store.groups.remove(name);
    if (!removed) {
        return ApiReply::storeFailure(removed.error());
    }
    if (!removed.value()) {
        return ApiReply::notFound(QStringLiteral("group.unknown"),
                                  QStringLiteral("no group is named '%1'").arg(logSafe(name)));
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("group.delete"),
                         logSafe(name),
                         QStringLiteral("ok"),
                         request.source);
    return ApiReply::noContent();
}

ApiReply changeMembers(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const QString name = request.arguments.value(0);
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("add"), QStringLiteral("remove")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QStringList add = body.strings(QStringLiteral("add"), false, kMaxMembersPerRequest, kMaxDeviceIdLength);
    const QStringList remove = body.strings(QStringLiteral("remove"), false, kMaxMembersPerRequest, kMaxDeviceIdLength);
    if (const std::optional<Error> &problem = body.problem()) {
        return ApiReply::badRequest(*problem);
    }
    if (add.isEmpty() && remove.isEmpty()) {
        return ApiReply::badRequest(makeError(QStringLiteral("request.invalid"),
                                              QStringLiteral("give \"add\" or \"remove\": the devices' ids")));
    }
    const auto refuse = [&](const Error &error) {
        if (!error.code.startsWith(QLatin1String("store."))) {
            context.router.audit(caller.user.name,
                                 QStringLiteral("group.members"),
                                 logSafe(name),
                                 QStringLiteral("denied"),
                                 request.source,
                                 logSafe(error.message, 512));
        }
        return groupError(error);
    };
    const QDateTime now = context.clock.now();
    QStringList added;
    QStringList removed;
    if (!add.isEmpty()) {
        const Result<QStringList> done = context.store.groups.addMembers(name, add, caller.user.name, now);
        if (!done) {
            return refuse(done.error());
        }
        added = done.value();
    }
    if (!remove.isEmpty()) {
        const Result<QStringList> done = context.store.groups.removeMembers(name, remove);
        if (!done) {
            return refuse(done.error());
        }
        removed = done.value();
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("group.members"),
                         logSafe(name),
                         QStringLiteral("ok"),
                         request.source,
                         logSafe(QStringLiteral("added %1; removed %2")
                                     .arg(added.isEmpty() ? QStringLiteral("none") : added.join(u','),
                                          removed.isEmpty() ? QStringLiteral("none") : removed.join(u',')),
                                 2048));
    const Result<std::optional<DeviceGroup>> group = context.store.groups.find(name);
    if (!group || !group.value()) {
        return group ? ApiReply::notFound(QStringLiteral("group.unknown"), QStringLiteral("the group was deleted"))
                     : ApiReply::storeFailure(group.error());
    }
    return detail(context, *group.value());
}

ApiReply preview(ApiContext &context, const ApiRequest &request)
{
    const QString text = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    const Result<groups::GroupQuery> query = checkedQuery(context, text);
    if (!query) {
        return groupError(query.error());
    }
    const Result<GroupMembers> members = context.store.groups.evaluate(query.value(), context.clock.now());
    if (!members) {
        return ApiReply::storeFailure(members.error());
    }
    QJsonObject json = membersJson(members.value());
    json.insert(QStringLiteral("query"), query.value().text());
    return ApiReply::json(json);
}
} // namespace

void addGroupRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/groups"),
                            Permission::DevicesRead,
                            QStringLiteral("group.list"),
                            [&context](const ApiRequest &, const ApiCaller &) {
                                return list(context);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/groups"),
                            Permission::GroupsManage,
                            QStringLiteral("group.create"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return create(context, request, caller);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/groups/<arg>"),
                            Permission::DevicesRead,
                            QStringLiteral("group.read"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return show(context, request);
                            });
    context.router.addRoute(Method::Delete,
                            QStringLiteral("/api/v1/groups/<arg>"),
                            Permission::GroupsManage,
                            QStringLiteral("group.delete"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return remove(context, request, caller);
                            });
    context.router.addRoute(Method::Post,
                            QStringLiteral("/api/v1/groups/<arg>/members"),
                            Permission::GroupsManage,
                            QStringLiteral("group.members"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return changeMembers(context, request, caller);
                            });
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/query"),
                            Permission::DevicesRead,
                            QStringLiteral("device.query"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return preview(context, request);
                            });
}

} // namespace steward::server::routes
