// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/SignedDocument.h"

#include "jobs/JobKeys.h"
#include "jobs/StrictCbor.h"

namespace steward::jobs
{

namespace
{
const QLatin1String kDocument("doc");
const QLatin1String kSignature("sig");
}

QCborMap SignedDocument::toCbor() const
{
    QCborMap map;
    map.insert(kDocument, bytes);
    map.insert(kSignature, signature);
    return map;
}

Result<SignedDocument> SignedDocument::fromCbor(const QCborValue &value)
{
    detail::MapReader reader(value, {kDocument, kSignature});
    SignedDocument document{reader.bytes(kDocument, 1, kMaxDocumentBytes),
                            reader.bytes(kSignature, 1, kMaxSignatureBytes)};
    if (!reader.ok()) {
        return makeError(QStringLiteral("document.malformed"),
                         QStringLiteral("a signed document is a map of \"doc\" and \"sig\" byte strings"));
    }
    return document;
}

Result<SignedDocument> SignedDocument::signedBy(const SigningKey &key, const QByteArray &bytes)
{
    Result<QByteArray> signature = sign(key, bytes);
    if (!signature) {
        return signature.error();
    }
    return SignedDocument{bytes, signature.value()};
}

} // namespace steward::jobs
