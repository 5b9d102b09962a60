// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace steward::server::groups
{

// A string whose byte order is the order in which Debian's dpkg sorts versions ("1.0~rc1" <
// "1.0" < "1.0a" < "1.0.1" < "1:0.9"), so that the database can compare versions with an
// index: `version < X` becomes `version_key < versionKey(X)`. Epoch, upstream version and
// revision are compared in turn; in each, runs of non-digits compare character by character
// ('~' before the end, the end before letters, letters before other characters) and runs of
// digits by value. Plain non-negative numbers ("7", "12") sort by value too, so counts use it.
// rpm and Windows versions agree with this order for their usual forms (digits and dots).
// Characters other than letters, digits and "+-.~:" all sort alike, after "." ; digit runs
// longer than 99 digits are cut to 99.
QString versionKey(const QString &version);

} // namespace steward::server::groups
