// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

namespace steward::orgunit
{

// Org-unit paths, shared by the server and its clients so that both read a path alike.
inline constexpr qint64 kRootId = 1;
inline constexpr auto kRootPath = "/";
inline constexpr int kMaxNameLength = 64;
inline constexpr int kMaxDepth = 16;

// A path as people type it, made canonical: names separated by '/', each trimmed of spaces,
// no empty names; "/" or "" is the root, and a leading or trailing '/' is dropped. Errors
// ("org-unit.invalid-path") say which name is wrong: longer than kMaxNameLength, a control
// character, "." or "..", or more than kMaxDepth levels.
Result<QString> canonicalPath(const QString &text);
bool isRoot(const QString &path);
// "org-unit.unknown": no unit has this path.
Error unknownUnit(const QString &path);
// The path of the unit above; "/" for a unit at the top level. Not meaningful for the root.
QString parentPath(const QString &path);
// The last name in the path.
QString leafName(const QString &path);
// Whether `path` is `ancestor` or lies below it (every path lies below the root).
bool isWithin(const QString &path, const QString &ancestor);
} // namespace steward::orgunit
