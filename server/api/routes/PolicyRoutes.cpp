// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/policies?orgUnit=PATH and POST /api/v1/policies: the compliance policy of an org
// unit, with where each value comes from, and changes to what a unit sets.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/ComplianceEvaluator.h"
#include "api/JsonBody.h"
#include "compliance/PolicyRules.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
constexpr int kMaxPathLength = (orgunit::kMaxNameLength + 1) * orgunit::kMaxDepth;

// The effective policy of the unit at `path`: every rule, its value, and the unit it comes from.
ApiReply effective(ApiContext &context, const QString &path)
{
    const Result<std::optional<OrgUnit>> unit = context.store.orgUnits.find(path);
    if (!unit) {
        return ApiReply::storeFailure(unit.error());
    }
    if (!unit.value()) {
        const Error unknown = orgunit::unknownUnit(path);
        return ApiReply::notFound(unknown.code, unknown.message);
    }
    Result<PolicyTree> policies = ComplianceEvaluator::policies(context);
    if (!policies) {
        return ApiReply::storeFailure(policies.error());
    }
    const CompliancePolicy &policy = policies.value().forUnit(path);
    QJsonArray rules;
    for (const PolicyRule &rule : policyRules()) {
        const QString origin = policy.origins.value(rule.name);
        rules.append(QJsonObject{{QStringLiteral("rule"), rule.name},
                                 {QStringLiteral("value"), policy.value(rule.name)},
                                 {QStringLiteral("origin"), origin.isEmpty() ? QJsonValue() : QJsonValue(origin)},
                                 {QStringLiteral("own"), origin == path},
                                 {QStringLiteral("builtIn"), context.policy.value(rule.name)},
                                 {QStringLiteral("description"), rule.description}});
    }
    return ApiReply::json(QJsonObject{{QStringLiteral("orgUnit"), path}, {QStringLiteral("rules"), rules}});
}

ApiReply show(ApiContext &context, const ApiRequest &request)
{
    const QString text = request.query.queryItemValue(QStringLiteral("orgUnit"), QUrl::FullyDecoded);
    const Result<QString> path = orgunit::canonicalPath(text.left(kMaxPathLength + 1));
    if (!path || text.size() > kMaxPathLength) {
        return ApiReply::badRequest(
            path ? makeError(QStringLiteral("request.invalid"), QStringLiteral("orgUnit: too long")) : path.error());
    }
    return effective(context, path.value());
}

ApiReply change(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    Result<JsonBody> parsed =
        JsonBody::parse(request.body, {QStringLiteral("orgUnit"), QStringLiteral("set"), QStringLiteral("unset")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QString pathText = body.string(QStringLiteral("orgUnit"), true, kMaxPathLength);
    const QStringList unset = body.strings(QStringLiteral("unset"), false, 64, 64);
    if (const std::optional<Error> &problem = body.problem()) {
        return ApiReply::badRequest(*problem);
    }
    const Result<QString> path = orgunit::canonicalPath(pathText);
    if (!path) {
        return ApiReply::badRequest(path.error());
    }
    const QJsonValue setValue = body.raw(QStringLiteral("set"));
    if (!setValue.isUndefined() && !setValue.isObject()) {
        return ApiReply::badRequest(makeError(QStringLiteral("request.invalid"),
                                              QStringLiteral("\"set\" must be an object of rule names and values")));
    }
    const QJsonObject setObject = setValue.toObject();
    if (setObject.isEmpty() && unset.isEmpty()) {
        return ApiReply::badRequest(makeError(QStringLiteral("request.invalid"),
                                              QStringLiteral("give \"set\" (rule: value) or \"unset\" (rules)")));
    }
    const auto refuse = [&](ApiReply::Status status, const Error &error) {
        context.router.audit(caller.user.name,
                             QStringLiteral("policy.change"),
                             logSafe(path.value(), 512),
                             QStringLiteral("denied"),
                             request.source,
                             logSafe(error.message, 512));
        return ApiReply::error(status, error.code, error.message);
    };
    // Every value is checked before anything is stored: a change is applied whole or not at all.
    QMap<QString, QString> values;
    for (auto it = setObject.constBegin(); it != setObject.constEnd(); ++it) {
        if (!it.value().isString()) {
            return refuse(ApiReply::Status::BadRequest,
                          makeError(QStringLiteral("policy.invalid-value"),
                                    QStringLiteral("%1: give the value as a string").arg(logSafe(it.key()))));
        }
        const Result<QString> value = policyValue(it.key(), it.value().toString());
        if (!value) {
            return refuse(ApiReply::Status::BadRequest, value.error());
        }
        values.insert(it.key(), value.value());
    }
    for (const QString &rule : unset) {
        if (!policyRule(rule)) {
            return refuse(ApiReply::Status::BadRequest, policyValue(rule, QString()).error());
        }
        if (values.contains(rule)) {
            return refuse(
                ApiReply::Status::BadRequest,
                makeError(QStringLiteral("request.invalid"), QStringLiteral("%1 is both set and unset").arg(rule)));
        }
    }
    const Result<QHash<QString, QString>> before =
        context.store.policies.change(path.value(), values, unset, caller.user.name, context.clock.now());
    if (!before) {
        if (before.error().code == QLatin1String("org-unit.unknown")) {
            return refuse(ApiReply::Status::NotFound, before.error());
        }
        return ApiReply::storeFailure(before.error());
    }
    // "rule=value (was 3d)" for each change, "(was inherited)" where the unit did not set it.
    QStringList changes;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        changes.append(QStringLiteral("%1=%2 (was %3)")
                           .arg(it.key(), it.value(), before.value().value(it.key(), QStringLiteral("inherited"))));
    }
    for (const QString &rule : unset) {
        changes.append(
            QStringLiteral("%1 inherited (was %2)").arg(rule, before.value().value(rule, QStringLiteral("inherited"))));
    }
    context.router.audit(caller.user.name,
                         QStringLiteral("policy.change"),
                         logSafe(path.value(), 512),
                         QStringLiteral("ok"),
                         request.source,
                         logSafe(changes.join(QStringLiteral("; ")), 2048));
    return effective(context, path.value());
}
} // namespace

void addPolicyRoutes(ApiContext &context)
{
    context.router.addRoute(ApiRouter::Method::Get,
                            QStringLiteral("/api/v1/policies"),
                            Permission::DevicesRead,
                            QStringLiteral("policy.read"),
                            [&context](const ApiRequest &request, const ApiCaller &) {
                                return show(context, request);
                            });
    context.router.addRoute(ApiRouter::Method::Post,
                            QStringLiteral("/api/v1/policies"),
                            Permission::PoliciesManage,
                            QStringLiteral("policy.change"),
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return change(context, request, caller);
                            });
}

} // namespace steward::server::routes
