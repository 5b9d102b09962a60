// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoggedInUserModel.h"

#include "DeviceText.h"

namespace steward::app
{

QStringList LoggedInUserModel::headers() const
{
    return {tr("User"), tr("Terminal"), tr("From"), tr("Since")};
}

QVariant LoggedInUserModel::cell(const DeviceDetail::LoggedInUser &user, int column, int role) const
{
    if (role == SortRole && column == Since) {
        return DeviceText::sortKey(user.loginTime);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case User:
        return user.user;
    case Terminal:
        return user.tty;
    case From:
        return user.host.isEmpty() ? tr("this computer") : user.host;
    case Since:
        return DeviceText::when(user.loginTime, now());
    }
    return {};
}

} // namespace steward::app
