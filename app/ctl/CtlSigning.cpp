// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlSigning.h"

#include "DeploymentRequest.h"
#include "Files.h"
#include "OperatorKeyFile.h"
#include "ReceiptCheck.h"
#include "jobs/SignedDocument.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonValue>

namespace steward::app::signing
{

Result<jobs::SigningKey> readKey(const QString &path, const QByteArray &passphrase)
{
    Result<jobs::SigningKey> key = deployment::readKey(path, passphrase);
    if (key) {
        return key;
    }
    const Error &error = key.error();
    if (error.code == QLatin1String("key.passphrase") && passphrase.isEmpty()) {
        return makeError(
            error.code,
            QStringLiteral("the key file %1 is encrypted: give its passphrase with --passphrase-file FILE").arg(path));
    }
    return key;
}

Status checkNewKeyFile(const QString &path)
{
    if (QFileInfo::exists(path) || QFileInfo(path).isSymLink()) {
        return makeError(QStringLiteral("key.exists"),
                         QStringLiteral("%1 already exists; stewardctl never overwrites a key file").arg(path));
    }
    return Ok{};
}

Status writeKey(const QString &path, const jobs::SigningKey &key, const QByteArray &passphrase)
{
    if (Status fresh = checkNewKeyFile(path); !fresh) {
        return fresh;
    }
    const Result<QByteArray> pem = jobs::privateKeyFile(key, passphrase);
    if (!pem) {
        return pem.error();
    }
    if (Status written = files::writeNew(path, pem.value(), files::kPrivate); !written) {
        return makeError(QStringLiteral("key.file"),
                         QStringLiteral("cannot write the key file %1").arg(written.error().message));
    }
    return Ok{};
}

Result<jobs::OperatorList> verifiedList(const QJsonObject &answer, const QString &rootFingerprint, const QDateTime &now)
{
    const jobs::SignedDocument document{deployment::fromBase64(answer.value(QStringLiteral("document"))),
                                        deployment::fromBase64(answer.value(QStringLiteral("signature")))};
    Result<jobs::OperatorList> verified = jobs::verifyOperatorList(document, rootFingerprint, now);
    if (verified) {
        return verified;
    }
    const QString code = verified.error().code;
    if (code == QLatin1String("operators.expired")) {
        // Root and signature checked out; only its time has passed, and a new version renews it.
        return jobs::OperatorList::decode(document.bytes);
    }
    if (code == QLatin1String("operators.root-mismatch")) {
        return makeError(QStringLiteral("signing.root-mismatch"),
                         QStringLiteral("the site's operator list is certified by another root key (%1), not by "
                                        "this one (%2)")
                             .arg(answer.value(QStringLiteral("rootFingerprint")).toString(), rootFingerprint));
    }
    if (code == QLatin1String("operators.signature")) {
        return makeError(QStringLiteral("signing.signature"),
                         QStringLiteral("the site's operator list does not carry a valid signature of the root key "
                                        "%1; refusing to build on it")
                             .arg(rootFingerprint));
    }
    return makeError(QStringLiteral("signing.malformed"),
                     QStringLiteral("the server's operator list is unreadable: %1").arg(verified.error().message));
}

QJsonObject withSignedContent(QJsonObject answer, const jobs::OperatorList &list)
{
    QJsonArray operators;
    for (const jobs::OperatorEntry &entry : list.operators) {
        operators.append(QJsonObject{{QStringLiteral("name"), entry.name},
                                     {QStringLiteral("fingerprint"), jobs::fingerprint(entry.publicKey)},
                                     {QStringLiteral("kinds"), QJsonArray::fromStringList(entry.kinds)},
                                     {QStringLiteral("notAfter"), entry.notAfter.toUTC().toString(Qt::ISODate)}});
    }
    answer.insert(QStringLiteral("version"), list.version);
    answer.insert(QStringLiteral("rootFingerprint"), jobs::fingerprint(list.rootPublicKey));
    answer.insert(QStringLiteral("issuedAt"), list.issuedAt.toUTC().toString(Qt::ISODate));
    answer.insert(QStringLiteral("expiresAt"), list.expiresAt.toUTC().toString(Qt::ISODate));
    answer.insert(QStringLiteral("operators"), operators);
    return answer;
}

Result<jobs::OperatorList> nextList(const std::optional<jobs::OperatorList> &current,
                                    const jobs::SigningKey &root,
                                    const jobs::OperatorEntry &added,
                                    const QDateTime &now)
{
    jobs::OperatorList list;
    if (current) {
        list = *current;
    }
    for (const jobs::OperatorEntry &entry : std::as_const(list.operators)) {
        if (entry.name == added.name || entry.publicKey == added.publicKey) {
            return makeError(QStringLiteral("signing.operator-exists"),
                             QStringLiteral("the operator list already has an operator named %1; choose another "
                                            "name")
                                 .arg(added.name));
        }
    }
    if (list.operators.size() >= jobs::kMaxOperators) {
        return makeError(
            QStringLiteral("signing.too-many"),
            QStringLiteral("the operator list already holds %1 operators, the most it may").arg(jobs::kMaxOperators));
    }
    list.operators.append(added);
    list.version = current ? current->version + 1 : 1;
    list.rootPublicKey = root.publicKey;
    list.issuedAt = deployment::wholeSeconds(now);
    list.expiresAt = list.issuedAt.addDays(kOperatorListValidDays);
    return list;
}

} // namespace steward::app::signing
