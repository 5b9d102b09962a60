// SPDX-License-Identifier: GPL-3.0-or-later
#include "Files.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <algorithm>

#include <unistd.h>

namespace steward::files
{

namespace
{
Error fileError(const QString &path, const QFileDevice &file)
{
    return makeError(QStringLiteral("file.io"), QStringLiteral("%1: %2").arg(path, file.errorString()));
}
}

Status writeNew(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions)) {
        return fileError(path, file);
    }
    if (file.write(data) != data.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        const Error error = fileError(path, file);
        file.remove();
        return error;
    }
    return Ok{};
}

Status replace(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fileError(path, file);
    }
    // QSaveFile's temporary is created owner-only; set the final mode before data is written.
    file.setPermissions(permissions);
    if (file.write(data) != data.size() || !file.flush() || ::fsync(file.handle()) != 0 || !file.commit()) {
        return fileError(path, file);
    }
    return Ok{};
}

Result<QByteArray> read(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fileError(path, file);
    }
    if (file.size() > maxBytes) {
        return makeError(QStringLiteral("file.too-large"),
                         QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxBytes));
    }
    return file.readAll();
}

QByteArray readUpTo(QIODevice &device, qint64 maxBytes)
{
    constexpr qint64 kChunk = 64 * 1024;
    QByteArray data;
    while (data.size() < maxBytes) {
        const qint64 wanted = std::min(kChunk, maxBytes - data.size());
        const qsizetype before = data.size();
        data.resize(before + wanted);
        const qint64 got = device.read(data.data() + before, wanted);
        data.resize(before + std::max<qint64>(got, 0));
        if (got <= 0) {
            break;
        }
    }
    return data;
}

Status makePrivateDirectory(const QString &path)
{
    QDir dir;
    if (!dir.mkpath(path)) {
        return makeError(QStringLiteral("file.io"), QStringLiteral("cannot create directory %1").arg(path));
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return Ok{};
}

} // namespace steward::files
