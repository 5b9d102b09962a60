// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace steward::files
{

inline constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions kPublic = kPrivate | QFileDevice::ReadGroup | QFileDevice::ReadOther;

// Creates `path` with `permissions` from the first byte on (a key is never briefly world-readable),
// refusing to overwrite an existing file, and syncs it to disk before returning.
Status writeNew(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions);

// Replaces `path` atomically (write to a temporary, sync, rename) with the given permissions.
Status replace(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions);

Result<QByteArray> read(const QString &path, qint64 maxBytes = 16 * 1024 * 1024);

// Creates the directory (and parents) with owner-only access.
Status makePrivateDirectory(const QString &path);

} // namespace steward::files
