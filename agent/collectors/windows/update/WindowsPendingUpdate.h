// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace steward::agent
{

// One update the Windows Update Agent would install: an element of the
// "patches" section's "pending" on Windows.
struct WindowsPendingUpdate {
    QString name; // "KB5032189"; the update id when the update has no KB article (drivers)
    QStringList kbs; // every KB article, "KB…"
    QString title;
    std::optional<QString> severity; // MsrcSeverity: "Critical", "Important", "Moderate", "Low"
    std::optional<QString> classification; // "Security Updates", "Definition Updates", …
    bool security = false;

    QCborMap toCbor() const;

    friend bool operator==(const WindowsPendingUpdate &, const WindowsPendingUpdate &) = default;
};

} // namespace steward::agent
