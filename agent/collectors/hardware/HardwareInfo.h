// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QString>

namespace steward::agent
{

// The "hardware" report section.
struct HardwareInfo {
    QString manufacturer;
    QString model;
    QString serial;
    QString biosVersion;
    QString cpuModel;
    int cpuCores = 0; // logical processors
    qint64 memoryBytes = 0;

    QCborMap toCbor() const;
};

} // namespace steward::agent
