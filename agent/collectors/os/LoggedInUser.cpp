// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoggedInUser.h"

namespace steward::agent
{

QCborMap LoggedInUser::toCbor() const
{
    return QCborMap{
        {QStringLiteral("user"), user},
        {QStringLiteral("tty"), tty},
        {QStringLiteral("host"), host},
        {QStringLiteral("loginTime"), loginTime},
    };
}

} // namespace steward::agent
