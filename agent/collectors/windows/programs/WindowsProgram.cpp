// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowsProgram.h"

namespace steward::agent
{

QCborMap WindowsProgram::toCbor() const
{
    // name/version/arch/source as every "software" entry (dpkg, rpm).
    return QCborMap{
        {QStringLiteral("name"), name},
        {QStringLiteral("version"), version},
        {QStringLiteral("arch"), arch},
        {QStringLiteral("source"), QStringLiteral("registry")},
        {QStringLiteral("publisher"), publisher},
        {QStringLiteral("installDate"), installDate},
        {QStringLiteral("scope"), scope},
        {QStringLiteral("userSid"), userSid},
    };
}

} // namespace steward::agent
