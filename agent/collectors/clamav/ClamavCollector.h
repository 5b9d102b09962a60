// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Collector.h"

#include <QList>

#include <optional>

namespace steward::agent
{

struct AntivirusDatabase;
struct AntivirusProduct;

// ClamAV from what is on disk and in /proc, without running clamscan (slow)
// or talking to clamd (may be down, which is exactly what we report):
// definitions from the signed database headers, service and on-access
// scanning from the process table.
class ClamavCollector : public Collector
{
public:
    ClamavCollector() = default;

    QString name() const override;
    Result<QCborValue> collect(const CollectContext &context) override;

    // Empty when ClamAV is not installed: a valid "no antivirus" answer.
    Result<QList<AntivirusProduct>> collectProducts(const CollectContext &context) const;

    // The 512-byte header of a .cvd/.cld file:
    // "ClamAV-VDB:<time>:<version>:<signatures>:<level>:<md5>:<dsig>:<builder>:<epoch>".
    static Result<AntivirusDatabase> parseDatabaseHeader(const QByteArray &header, const QString &databaseName);
    // sigtool's "%d %b %Y %H-%M %z", e.g. "14 Nov 2026 08-20 +0000".
    static std::optional<qint64> parseHeaderTime(QStringView text);
    // Names (comm) of all processes under <root>/proc.
    static QStringList processNames(const CollectContext &context);
};

} // namespace steward::agent
