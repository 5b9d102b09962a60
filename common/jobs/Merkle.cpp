// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/Merkle.h"

#include <QCryptographicHash>

#include <algorithm>

namespace steward::jobs::merkle
{

namespace
{
QByteArray nodeHash(const QByteArray &left, const QByteArray &right)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("\x01", 1));
    hash.addData(left);
    hash.addData(right);
    return hash.result();
}
}

QByteArray leafHash(const QString &deviceId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("\x00", 1));
    hash.addData(deviceId.toUtf8());
    return hash.result();
}

Tree::Tree(const QStringList &deviceIds)
{
    QList<QByteArray> leaves;
    leaves.reserve(deviceIds.size());
    for (const QString &deviceId : deviceIds) {
        leaves.append(leafHash(deviceId));
    }
    // QByteArray orders bytes as unsigned, as docs/jobs.md means "sorted by hash".
    std::sort(leaves.begin(), leaves.end());
    leaves.erase(std::unique(leaves.begin(), leaves.end()), leaves.end());
    if (leaves.isEmpty()) {
        return;
    }
    m_levels.append(leaves);
    while (m_levels.last().size() > 1) {
        const QList<QByteArray> &below = m_levels.last();
        QList<QByteArray> level;
        level.reserve((below.size() + 1) / 2);
        for (qsizetype i = 0; i < below.size(); i += 2) {
            level.append(i + 1 < below.size() ? nodeHash(below.at(i), below.at(i + 1)) : below.at(i));
        }
        m_levels.append(level);
    }
}

QByteArray Tree::root() const
{
    return m_levels.isEmpty() ? QByteArray() : m_levels.last().first();
}

qsizetype Tree::leafCount() const
{
    return m_levels.isEmpty() ? 0 : m_levels.first().size();
}

std::optional<Proof> Tree::proof(const QString &deviceId) const
{
    if (m_levels.isEmpty()) {
        return std::nullopt;
    }
    const QByteArray leaf = leafHash(deviceId);
    const QList<QByteArray> &leaves = m_levels.first();
    const auto found = std::lower_bound(leaves.begin(), leaves.end(), leaf);
    if (found == leaves.end() || *found != leaf) {
        return std::nullopt;
    }
    qsizetype index = found - leaves.begin();
    Proof proof;
    for (qsizetype depth = 0; depth + 1 < m_levels.size(); ++depth, index /= 2) {
        const QList<QByteArray> &level = m_levels.at(depth);
        if (index % 2 == 1) {
            proof.append(Step{true, level.at(index - 1)});
        } else if (index + 1 < level.size()) {
            proof.append(Step{false, level.at(index + 1)});
        } // else: the odd node at the end moves up unchanged, no step
    }
    return proof;
}

QByteArray root(const QStringList &deviceIds)
{
    return Tree(deviceIds).root();
}

std::optional<Proof> proof(const QStringList &deviceIds, const QString &deviceId)
{
    return Tree(deviceIds).proof(deviceId);
}

bool verify(const QString &deviceId, const Proof &proof, const QByteArray &root)
{
    if (root.size() != kHashBytes || proof.size() > kMaxProofSteps) {
        return false;
    }
    QByteArray hash = leafHash(deviceId);
    for (const Step &step : proof) {
        if (step.hash.size() != kHashBytes) {
            return false;
        }
        hash = step.siblingOnLeft ? nodeHash(step.hash, hash) : nodeHash(hash, step.hash);
    }
    return hash == root;
}

QCborArray toCbor(const Proof &proof)
{
    QCborArray array;
    for (const Step &step : proof) {
        array.append(QCborArray{step.siblingOnLeft, step.hash});
    }
    return array;
}

Result<Proof> fromCbor(const QCborValue &value)
{
    const QCborArray array = value.toArray();
    if (!value.isArray() || array.size() > kMaxProofSteps) {
        return makeError(QStringLiteral("merkle.malformed"),
                         QStringLiteral("an inclusion proof is an array of at most %1 steps").arg(kMaxProofSteps));
    }
    Proof proof;
    for (const QCborValue &item : array) {
        const QCborArray step = item.toArray();
        if (!item.isArray() || step.size() != 2 || !step.at(0).isBool() || !step.at(1).isByteArray()
            || step.at(1).toByteArray().size() != kHashBytes) {
            return makeError(QStringLiteral("merkle.malformed"),
                             QStringLiteral("an inclusion proof step is [bool, %1-byte hash]").arg(kHashBytes));
        }
        proof.append(Step{step.at(0).toBool(), step.at(1).toByteArray()});
    }
    return proof;
}

} // namespace steward::jobs::merkle
