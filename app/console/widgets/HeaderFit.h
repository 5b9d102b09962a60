// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QHeaderView;

namespace steward::app::HeaderFit
{

// The width a section needs to show its whole title in the header's own font and style,
// counting the bold a highlighted section gets and room for the sort indicator.
int neededWidth(const QHeaderView *header, int logicalIndex);

// Widens every visible section narrower than its title; never narrows one the user widened.
void fitTitles(QHeaderView *header);

// Titles of visible sections too narrow to show them whole (the screenshot test fails on any).
QStringList clippedTitles(const QHeaderView *header);

} // namespace steward::app::HeaderFit
