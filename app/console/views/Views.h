// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"

#include <QList>

namespace steward::app
{

// The navigation pane's entries, in order, for a user with `role`: the one place a view is
// added. Views the role may not use are not created at all (the server refuses them anyway).
QList<ConsoleView *> createViews(const ViewContext &context, const QString &role, QWidget *parent);

} // namespace steward::app
