// SPDX-License-Identifier: GPL-3.0-or-later
#include "Views.h"

#include "AuditView.h"
#include "DevicesView.h"
#include "UsersView.h"

namespace steward::app
{

QList<ConsoleView *> createViews(const ViewContext &context, const QString &role, QWidget *parent)
{
    QList<ConsoleView *> views;
    views << new DevicesView(context, parent);
    if (role == QLatin1String("admin")) {
        views << new UsersView(context, parent) << new AuditView(context, parent);
    }
    return views;
}

} // namespace steward::app
