// SPDX-License-Identifier: GPL-3.0-or-later
#include "OrgUnitPath.h"

#include <QStringList>

namespace steward::orgunit
{

namespace
{
Error invalid(const QString &message)
{
    return makeError(QStringLiteral("org-unit.invalid-path"), message);
}
} // namespace

Result<QString> canonicalPath(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.startsWith(QLatin1Char('/'))) {
        trimmed.remove(0, 1);
    }
    while (trimmed.endsWith(QLatin1Char('/'))) {
        trimmed.chop(1);
    }
    if (trimmed.isEmpty()) {
        return QString::fromLatin1(kRootPath);
    }
    QStringList names = trimmed.split(QLatin1Char('/'));
    if (names.size() > kMaxDepth) {
        return invalid(
            QStringLiteral("an org unit path has at most %1 levels, not %2").arg(kMaxDepth).arg(names.size()));
    }
    for (QString &name : names) {
        name = name.trimmed();
        if (name.isEmpty()) {
            return invalid(QStringLiteral("'%1' has an empty name between two '/'").arg(text.left(200)));
        }
        if (name.size() > kMaxNameLength) {
            return invalid(
                QStringLiteral("'%1...' is longer than %2 characters").arg(name.left(20)).arg(kMaxNameLength));
        }
        if (name == QLatin1String(".") || name == QLatin1String("..")) {
            return invalid(QStringLiteral("'%1' is not a name for an org unit").arg(name));
        }
        for (const QChar c : std::as_const(name)) {
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
                return invalid(QStringLiteral("an org unit name holds the control character U+%1")
                                   .arg(c.unicode(), 4, 16, QLatin1Char('0')));
            }
        }
    }
    return names.join(QLatin1Char('/'));
}

Error unknownUnit(const QString &path)
{
    return makeError(QStringLiteral("org-unit.unknown"), QStringLiteral("no org unit '%1'").arg(path));
}

bool isRoot(const QString &path)
{
    return path == QLatin1String(kRootPath);
}

QString parentPath(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QString::fromLatin1(kRootPath) : path.left(slash);
}

QString leafName(const QString &path)
{
    return isRoot(path) ? QString() : path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

bool isWithin(const QString &path, const QString &ancestor)
{
    return isRoot(ancestor) || path == ancestor
        || (path.size() > ancestor.size() && path.startsWith(ancestor) && path.at(ancestor.size()) == QLatin1Char('/'));
}

} // namespace steward::orgunit
