// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/signing/operators, PUT /api/v1/signing/operators.
#include "Clock.h"
#include "api/ApiContext.h"
#include "api/JsonBody.h"
#include "jobs/JobKeys.h"
#include "jobs/OperatorList.h"
#include "store/Repositories.h"

#include <QJsonArray>
#include <QJsonObject>

namespace steward::server::routes
{

namespace
{
const QString kAction = QStringLiteral("signing.operators");

// The list as the API shows it: the signed bytes, for clients to verify themselves against the
// root they trust, and what they say, for people to read.
QJsonObject operatorListJson(const OperatorListRecord &record, const jobs::OperatorList &list)
{
    QJsonArray operators;
    for (const jobs::OperatorEntry &entry : list.operators) {
        operators.append(QJsonObject{{QStringLiteral("name"), entry.name},
                                     {QStringLiteral("fingerprint"), jobs::fingerprint(entry.publicKey)},
                                     {QStringLiteral("kinds"), QJsonArray::fromStringList(entry.kinds)},
                                     {QStringLiteral("notAfter"), isoTimeOrNull(entry.notAfter)}});
    }
    return QJsonObject{{QStringLiteral("version"), record.version},
                       {QStringLiteral("rootFingerprint"), record.rootFingerprint},
                       {QStringLiteral("issuedAt"), isoTimeOrNull(list.issuedAt)},
                       {QStringLiteral("expiresAt"), isoTimeOrNull(list.expiresAt)},
                       {QStringLiteral("uploadedBy"), record.uploadedBy},
                       {QStringLiteral("uploadedAt"), isoTimeOrNull(record.uploadedAt)},
                       {QStringLiteral("document"), QString::fromLatin1(record.document.toBase64())},
                       {QStringLiteral("signature"), QString::fromLatin1(record.signature.toBase64())},
                       {QStringLiteral("operators"), operators}};
}

ApiReply show(ApiContext &context)
{
    const Result<std::optional<OperatorListRecord>> current = context.store.signing.current();
    if (!current) {
        return ApiReply::storeFailure(current.error());
    }
    if (!current.value()) {
        return ApiReply::notFound(QStringLiteral("signing.none"),
                                  QStringLiteral("no operator list has been uploaded to this site yet"));
    }
    // It verified when it was uploaded; the bytes are as they were then.
    const Result<jobs::OperatorList> list = jobs::OperatorList::decode(current.value()->document);
    if (!list) {
        return ApiReply::storeFailure(list.error());
    }
    return ApiReply::json(operatorListJson(*current.value(), list.value()));
}

ApiReply upload(ApiContext &context, const ApiRequest &request, const ApiCaller &caller)
{
    const auto refuse = [&](ApiReply::Status status, const QString &code, const QString &message) {
        context.router.audit(caller.user.name, kAction, QString(), QStringLiteral("denied"), request.source, code);
        return ApiReply::error(status, code, message);
    };
    Result<JsonBody> parsed = JsonBody::parse(request.body, {QStringLiteral("document"), QStringLiteral("signature")});
    if (!parsed) {
        return ApiReply::badRequest(parsed.error());
    }
    JsonBody &body = parsed.value();
    const QByteArray bytes = body.base64(QStringLiteral("document"), true, jobs::kMaxDocumentBytes);
    const QByteArray signature = body.base64(QStringLiteral("signature"), true, jobs::kMaxSignatureBytes);
    if (body.problem()) {
        return ApiReply::badRequest(*body.problem());
    }

    const Result<QString> registered = context.store.signing.rootFingerprint();
    if (!registered) {
        return ApiReply::storeFailure(registered.error());
    }
    QString root = registered.value();
    if (root.isEmpty()) {
        // The first upload registers its root: it is checked against the key it carries, and
        // from then on every list must come from that root.
        const Result<jobs::OperatorList> decoded = jobs::OperatorList::decode(bytes);
        if (!decoded) {
            return refuse(ApiReply::Status::BadRequest, QStringLiteral("signing.malformed"), decoded.error().message);
        }
        root = jobs::fingerprint(decoded.value().rootPublicKey);
    }
    const QDateTime now = context.clock.now();
    const Result<jobs::OperatorList> verified =
        jobs::verifyOperatorList(jobs::SignedDocument{bytes, signature}, root, now);
    if (!verified) {
        const QString code = verified.error().code;
        if (code == QLatin1String("operators.root-mismatch")) {
            return refuse(ApiReply::Status::Conflict,
                          QStringLiteral("signing.root-mismatch"),
                          QStringLiteral("the list is not signed by this site's root key (%1)").arg(root));
        }
        if (code == QLatin1String("operators.signature")) {
            return refuse(ApiReply::Status::BadRequest,
                          QStringLiteral("signing.signature"),
                          QStringLiteral("the root's signature over the list does not verify"));
        }
        if (code == QLatin1String("operators.expired")) {
            return refuse(ApiReply::Status::BadRequest,
                          QStringLiteral("signing.expired"),
                          QStringLiteral("the list has expired: agents would refuse it"));
        }
        return refuse(ApiReply::Status::BadRequest, QStringLiteral("signing.malformed"), verified.error().message);
    }
    const jobs::OperatorList &list = verified.value();
    const OperatorListRecord record{list.version, bytes, signature, root, caller.user.name, now};
    if (Status stored = context.store.signing.store(record); !stored) {
        const QString code = stored.error().code;
        if (code == QLatin1String("signing.rollback") || code == QLatin1String("signing.root-mismatch")) {
            return refuse(ApiReply::Status::Conflict, code, stored.error().message);
        }
        return ApiReply::storeFailure(stored.error());
    }
    context.router.audit(
        caller.user.name,
        kAction,
        QString::number(list.version),
        QStringLiteral("ok"),
        request.source,
        QStringLiteral("version %1, %2 operators, root %3").arg(list.version).arg(list.operators.size()).arg(root));
    return ApiReply::json(operatorListJson(record, list));
}
}

void addSigningRoutes(ApiContext &context)
{
    using Method = ApiRouter::Method;
    context.router.addRoute(Method::Get,
                            QStringLiteral("/api/v1/signing/operators"),
                            Permission::JobsRead,
                            QStringLiteral("signing.read"),
                            [&context](const ApiRequest &, const ApiCaller &) {
                                return show(context);
                            });
    context.router.addRoute(Method::Put,
                            QStringLiteral("/api/v1/signing/operators"),
                            Permission::SigningManage,
                            kAction,
                            [&context](const ApiRequest &request, const ApiCaller &caller) {
                                return upload(context, request, caller);
                            });
}

} // namespace steward::server::routes
