// SPDX-License-Identifier: GPL-3.0-or-later
#include "PendingUpdate.h"

namespace steward::agent
{

QCborMap PendingUpdate::toCbor() const
{
    QCborMap map{
        {QStringLiteral("name"), name},
        {QStringLiteral("installedVersion"), installedVersion},
        {QStringLiteral("candidateVersion"), candidateVersion},
        {QStringLiteral("origin"), origin},
        {QStringLiteral("security"), security},
    };
    const auto addIfKnown = [&map](const QString &key, const QString &value) {
        if (!value.isEmpty()) {
            map.insert(key, value);
        }
    };
    addIfKnown(QStringLiteral("archive"), archive);
    addIfKnown(QStringLiteral("codename"), codename);
    addIfKnown(QStringLiteral("arch"), arch);
    addIfKnown(QStringLiteral("advisory"), advisory);
    addIfKnown(QStringLiteral("severity"), severity);
    return map;
}

} // namespace steward::agent
