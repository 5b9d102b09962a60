// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

namespace steward::agent
{

// One signature database of an antivirus product.
struct AntivirusDatabase {
    QString name; // "daily"
    qint64 version = 0;
    qint64 buildTime = 0; // epoch seconds UTC

    QCborMap toCbor() const;

    friend bool operator==(const AntivirusDatabase &, const AntivirusDatabase &) = default;
};

// One element of the "antivirus" section's "products". Unknown values
// (a daemon without databases, a product that does not say) are null on the
// wire, never 0 or "", so that the server reports "definitions unknown"
// rather than "from 1970". The two booleans are never guessed upwards: a
// product that does not confirm protection is reported without it.
struct AntivirusProduct {
    QString name;
    std::optional<QString> engineVersion;
    std::optional<QString> definitionsVersion;
    std::optional<qint64> definitionsTime; // epoch seconds UTC
    bool realTimeProtection = false;
    bool serviceRunning = false;
    std::optional<qint64> lastScan; // epoch seconds UTC; null: never or not reported
    QList<AntivirusDatabase> databases;
    // Product-specific keys ("freshclamRunning", "tamperProtected", …), merged
    // into the product's map; they never override the common keys above.
    QCborMap extras;

    QCborMap toCbor() const;
};

} // namespace steward::agent
