// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>

#include <chrono>

namespace steward::agent
{

struct PatchStatus;
struct PendingUpdate;

// Pending updates as apt would apply them: `apt-get -s dist-upgrade`
// simulates the full upgrade (new dependencies included) without root and
// without taking the dpkg lock, so it never blocks a running apt. It reads
// the package lists as they are; refreshing them is the update job's work.
class AptCollector : public Collector
{
public:
    explicit AptCollector(std::chrono::milliseconds timeout = std::chrono::minutes(5));

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    Result<PatchStatus> collectStatus(const CollectContext &context) const;

    // Parses the simulation's "Inst" lines and checks their number against
    // the summary line, so that output we only half understand is an error
    // rather than a silently short list. Sorted by name.
    static Result<QList<PendingUpdate>> parseSimulation(const QByteArray &output);
    // True when any of apt's comma-separated origins is a security archive
    // ("Debian-Security:12/stable-security", "Ubuntu:22.04/jammy-security").
    static bool isSecurityOrigin(QStringView origins);
    static QStringList arguments(const CollectContext &context);

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace steward::agent
