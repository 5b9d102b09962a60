// SPDX-License-Identifier: GPL-3.0-or-later
#include "InstalledPackage.h"

namespace steward::agent
{

QCborMap InstalledPackage::toCbor() const
{
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("version"), version},
        {QStringLiteral("arch"), arch},
        {QStringLiteral("source"), source},
    };
}

} // namespace steward::agent
