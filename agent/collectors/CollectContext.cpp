// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"

#include "Files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace steward::agent
{

QString CollectContext::path(const QString &relative) const
{
    return QDir(root.isEmpty() ? QStringLiteral("/") : root).filePath(relative);
}

bool CollectContext::isFile(const QString &relative) const
{
    return QFileInfo(path(relative)).isFile();
}

Result<QByteArray> CollectContext::readFile(const QString &relative, qint64 maxBytes) const
{
    const QString filePath = path(relative);
    QFile file(filePath);
    if (!QFileInfo(filePath).isFile() || !file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("file.unreadable"),
                         filePath + QStringLiteral(": ")
                             + (file.exists() ? file.errorString() : QStringLiteral("no such file")));
    }
    QByteArray data = files::readUpTo(file, maxBytes + 1);
    if (data.size() > maxBytes) {
        return makeError(QStringLiteral("file.too-large"),
                         filePath + QStringLiteral(": larger than ") + QString::number(maxBytes)
                             + QStringLiteral(" bytes"));
    }
    if (file.error() != QFileDevice::NoError) {
        return makeError(QStringLiteral("file.unreadable"), filePath + QStringLiteral(": ") + file.errorString());
    }
    return data;
}

} // namespace steward::agent
