// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace steward::server
{

// A signed operator list as uploaded (docs/jobs.md): the root-signed document's exact bytes and
// signature, with what the server read from it when it verified it.
struct OperatorListRecord {
    qint64 version = 0;
    QByteArray document;
    QByteArray signature;
    QString rootFingerprint; // of the root key that signed it, hex
    QString uploadedBy;
    QDateTime uploadedAt;
};

} // namespace steward::server
