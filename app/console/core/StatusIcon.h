// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace steward::app
{

// Small status icons drawn by the console itself, so they look the same with or without an
// icon theme (offscreen, Windows). Each differs in shape as well as colour — a tick, a cross,
// a question mark, a clock, a bar — so that no state is told by colour alone.
namespace StatusIcon
{
enum class Kind {
    Good, // tick on green
    Bad, // cross on red
    Unknown, // question mark on grey
    Stale, // clock on amber
    Revoked, // bar on dark grey
    Warning, // exclamation mark on amber
};

QIcon icon(Kind kind);
}

} // namespace steward::app
