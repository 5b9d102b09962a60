// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/OperatorList.h"

#include "Pki.h"
#include "jobs/JobKeys.h"
#include "jobs/StrictCbor.h"

#include <QSet>

#include <limits>

namespace steward::jobs
{

namespace
{
const QLatin1String kV("v");
const QLatin1String kVersion("version");
const QLatin1String kIssuedAt("issuedAt");
const QLatin1String kExpiresAt("expiresAt");
const QLatin1String kRootPublicKey("rootPublicKey");
const QLatin1String kOperators("operators");
const QLatin1String kName("name");
const QLatin1String kPublicKey("publicKey");
const QLatin1String kKinds("kinds");
const QLatin1String kNotAfter("notAfter");

constexpr int kFormat = 1;

Error malformed(const QString &what)
{
    return makeError(QStringLiteral("operators.malformed"), QStringLiteral("operator list: %1").arg(what));
}

std::optional<OperatorEntry> entryFromCbor(const QCborValue &value)
{
    detail::MapReader reader(value, {kName, kPublicKey, kKinds, kNotAfter});
    OperatorEntry entry{reader.text(kName, kMaxNameLength),
                        reader.bytes(kPublicKey, kPublicKeyBytes, kPublicKeyBytes),
                        {},
                        reader.time(kNotAfter)};
    const QCborArray kinds = reader.array(kKinds, kMaxKindsPerOperator);
    for (const QCborValue &kind : kinds) {
        if (!kind.isString() || kind.toString().isEmpty() || kind.toString().size() > kMaxKindLength) {
            return std::nullopt;
        }
        entry.kinds.append(kind.toString());
    }
    return reader.ok() ? std::optional<OperatorEntry>(entry) : std::nullopt;
}
}

QByteArray OperatorList::encode() const
{
    QCborArray entries;
    for (const OperatorEntry &entry : operators) {
        QCborMap map;
        map.insert(kName, entry.name);
        map.insert(kPublicKey, entry.publicKey);
        map.insert(kKinds, QCborArray::fromStringList(entry.kinds));
        map.insert(kNotAfter, detail::timeToCbor(entry.notAfter));
        entries.append(map);
    }
    QCborMap map;
    map.insert(kV, kFormat);
    map.insert(kVersion, version);
    map.insert(kIssuedAt, detail::timeToCbor(issuedAt));
    map.insert(kExpiresAt, detail::timeToCbor(expiresAt));
    map.insert(kRootPublicKey, rootPublicKey);
    map.insert(kOperators, entries);
    return QCborValue(map).toCbor();
}

Result<OperatorList> OperatorList::decode(const QByteArray &bytes)
{
    const std::optional<QCborValue> value = detail::parseCbor(bytes, kMaxDocumentBytes);
    if (!value) {
        return malformed(QStringLiteral("not one CBOR item of at most %1 bytes").arg(kMaxDocumentBytes));
    }
    detail::MapReader reader(*value, {kV, kVersion, kIssuedAt, kExpiresAt, kRootPublicKey, kOperators});
    const qint64 format = reader.integer(kV, kFormat, kFormat);
    OperatorList list;
    list.version = int(reader.integer(kVersion, 0, std::numeric_limits<int>::max()));
    list.issuedAt = reader.time(kIssuedAt);
    list.expiresAt = reader.time(kExpiresAt);
    list.rootPublicKey = reader.bytes(kRootPublicKey, kPublicKeyBytes, kPublicKeyBytes);
    const QCborArray entries = reader.array(kOperators, kMaxOperators);
    if (!reader.ok() || format != kFormat) {
        return malformed(QStringLiteral("fields missing, surplus or of the wrong type or size"));
    }
    QSet<QByteArray> keys{list.rootPublicKey};
    for (const QCborValue &value : entries) {
        std::optional<OperatorEntry> entry = entryFromCbor(value);
        if (!entry) {
            return malformed(
                QStringLiteral("operator %1 is not {name, publicKey, kinds, notAfter}").arg(list.operators.size()));
        }
        if (keys.contains(entry->publicKey)) {
            return malformed(
                QStringLiteral("operator %1 repeats a key already in the list").arg(list.operators.size()));
        }
        keys.insert(entry->publicKey);
        list.operators.append(*entry);
    }
    return list;
}

const OperatorEntry *OperatorList::find(const QString &signerFingerprint) const
{
    const QString wanted = pki::normalizeFingerprint(signerFingerprint);
    if (wanted.isEmpty()) {
        return nullptr;
    }
    for (const OperatorEntry &entry : operators) {
        if (fingerprint(entry.publicKey) == wanted) {
            return &entry;
        }
    }
    return nullptr;
}

Result<OperatorList> verifyOperatorList(const SignedDocument &document,
                                        const QString &rootFingerprint,
                                        const QDateTime &now)
{
    // The list names its own root key, so it is decoded before its signature can be checked; the
    // decoder is strict and bounded for exactly this reason.
    Result<OperatorList> list = OperatorList::decode(document.bytes);
    if (!list) {
        return list;
    }
    const QString pinned = pki::normalizeFingerprint(rootFingerprint);
    if (pinned.isEmpty() || fingerprint(list.value().rootPublicKey) != pinned) {
        return makeError(QStringLiteral("operators.root-mismatch"),
                         QStringLiteral("the operator list's root key is not the pinned root"));
    }
    if (!verifySignature(list.value().rootPublicKey, document.bytes, document.signature)) {
        return makeError(QStringLiteral("operators.signature"),
                         QStringLiteral("the operator list's signature does not verify"));
    }
    if (now >= list.value().expiresAt) {
        return makeError(
            QStringLiteral("operators.expired"),
            QStringLiteral("the operator list expired at %1").arg(list.value().expiresAt.toString(Qt::ISODate)));
    }
    return list;
}

Status checkNotOlder(const OperatorList &candidate, int heldVersion)
{
    if (candidate.version < heldVersion) {
        return makeError(QStringLiteral("operators.rollback"),
                         QStringLiteral("operator list version %1 is older than the held version %2")
                             .arg(candidate.version)
                             .arg(heldVersion));
    }
    return Ok{};
}

} // namespace steward::jobs
