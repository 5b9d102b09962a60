// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecurityAdvisory.h"

namespace steward::agent
{

int SecurityAdvisory::severityRank() const
{
    if (severity.compare(QLatin1String("Critical"), Qt::CaseInsensitive) == 0) {
        return 4;
    }
    if (severity.compare(QLatin1String("Important"), Qt::CaseInsensitive) == 0) {
        return 3;
    }
    if (severity.compare(QLatin1String("Moderate"), Qt::CaseInsensitive) == 0) {
        return 2;
    }
    if (severity.compare(QLatin1String("Low"), Qt::CaseInsensitive) == 0) {
        return 1;
    }
    return 0;
}

} // namespace steward::agent
