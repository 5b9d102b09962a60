// SPDX-License-Identifier: GPL-3.0-or-later
#include "HardwareInfo.h"

namespace steward::agent
{

QCborMap HardwareInfo::toCbor() const
{
    return QCborMap{
        {QStringLiteral("manufacturer"), manufacturer},
        {QStringLiteral("model"), model},
        {QStringLiteral("serial"), serial},
        {QStringLiteral("biosVersion"), biosVersion},
        {QStringLiteral("cpuModel"), cpuModel},
        {QStringLiteral("cpuCores"), cpuCores},
        {QStringLiteral("memoryBytes"), memoryBytes},
    };
}

} // namespace steward::agent
