// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/OperatorListRecord.h"

#include <optional>

namespace steward::server
{
class Database;

// The signed operator lists uploaded to the site (docs/jobs.md) and the root key they are signed
// with. The first upload registers the root's fingerprint; every later list must name the same
// root and a greater version. The caller verifies signatures; this keeps the order.
class SigningRepository
{
public:
    explicit SigningRepository(Database &database);

    // The newest list; empty before the first upload.
    Result<std::optional<OperatorListRecord>> current();
    // The registered root's fingerprint; empty before the first upload.
    Result<QString> rootFingerprint();
    // Stores a verified list. Errors: "signing.rollback" (its version is not greater than the
    // current one's), "signing.root-mismatch" (another root than the registered one), "store.*".
    Status store(const OperatorListRecord &list);

private:
    Database &m_db;
};

} // namespace steward::server
