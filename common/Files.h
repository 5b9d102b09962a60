// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QIODevice>
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

// Reads from `device` until its end or `maxBytes`, whichever comes first. Memory grows with what is
// read: QIODevice::read(n) reserves n bytes up front, so a generous bound (512 MiB for the dpkg
// database) would claim that much address space on every read and fail outright where memory is
// not overcommitted.
QByteArray readUpTo(QIODevice &device, qint64 maxBytes);

// Creates the directory (and parents) with owner-only access.
Status makePrivateDirectory(const QString &path);

} // namespace steward::files
