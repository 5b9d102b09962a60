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

// One element of the "antivirus" section's "products". Unknown definitions
// (a daemon without databases) are null on the wire, never 0 or "", so that
// the server reports "definitions unknown" rather than "from 1970".
struct AntivirusProduct {
    QString name;
    std::optional<QString> definitionsVersion;
    std::optional<qint64> definitionsTime;
    bool realTimeProtection = false;
    bool serviceRunning = false;
    QList<AntivirusDatabase> databases;

    QCborMap toCbor() const;
};

} // namespace steward::agent
