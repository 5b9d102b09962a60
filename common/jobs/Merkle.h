// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QList>
#include <QStringList>

#include <optional>

// A job's targets (docs/jobs.md, "Keys and documents"): a Merkle tree over device ids.
// leaf = SHA-256(0x00 ‖ id in UTF-8), leaves sorted by hash (duplicates once),
// node = SHA-256(0x01 ‖ left ‖ right), an odd node moves up unchanged. The envelope carries the
// root; each device gets the sibling hashes from its leaf up, each with its side.
namespace steward::jobs::merkle
{

inline constexpr qsizetype kHashBytes = 32;
inline constexpr qsizetype kMaxProofSteps = 64;

QByteArray leafHash(const QString &deviceId);

struct Step {
    bool siblingOnLeft = false;
    QByteArray hash;
};
using Proof = QList<Step>;

// The tree built once, for whoever needs the root and every member's proof (the server, for a
// deployment's devices): n proofs from one tree instead of n trees.
class Tree
{
public:
    explicit Tree(const QStringList &deviceIds);

    QByteArray root() const; // empty for no devices
    qsizetype leafCount() const; // distinct ids
    std::optional<Proof> proof(const QString &deviceId) const; // nullopt: not a member

private:
    QList<QList<QByteArray>> m_levels; // [0]: the sorted leaves; last: the root alone
};

QByteArray root(const QStringList &deviceIds); // duplicates ignored; empty list -> empty QByteArray
std::optional<Proof> proof(const QStringList &deviceIds, const QString &deviceId); // nullopt: not a member
// False as well for a malformed proof or root (wrong hash sizes, more than kMaxProofSteps steps).
bool verify(const QString &deviceId, const Proof &proof, const QByteArray &root);

QCborArray toCbor(const Proof &proof); // [[siblingOnLeft, hash], ...]
// At most kMaxProofSteps steps, each exactly [bool, 32-byte string]; error code "merkle.malformed".
Result<Proof> fromCbor(const QCborValue &value);

} // namespace steward::jobs::merkle
