// SPDX-License-Identifier: GPL-3.0-or-later
#include "MachineRole.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace steward::agent
{

namespace
{

// SMBIOS 3.x chassis types of servers: main server chassis, rack mount, multi-system, blade,
// blade enclosure.
bool serverChassis(const QString &root)
{
    QFile file(QDir(root).filePath(QStringLiteral("sys/class/dmi/id/chassis_type")));
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    bool ok = false;
    const int type = file.readAll().trimmed().toInt(&ok);
    return ok && (type == 17 || type == 23 || type == 25 || type == 28 || type == 29);
}

bool bootsToDesktop(const QString &root)
{
    const QDir dir(root);
    if (QFileInfo::exists(dir.filePath(QStringLiteral("etc/X11/default-display-manager")))) {
        return true;
    }
    const QFileInfo target(dir.filePath(QStringLiteral("etc/systemd/system/default.target")));
    return target.isSymLink() && target.symLinkTarget().endsWith(QLatin1String("graphical.target"));
}

} // namespace

bool isServer(const QString &configuredRole, const QString &root)
{
    if (configuredRole == QLatin1String("server")) {
        return true;
    }
    if (configuredRole == QLatin1String("workstation")) {
        return false;
    }
#ifdef Q_OS_WIN
    Q_UNUSED(root)
    return true;
#else
    return serverChassis(root) || !bootsToDesktop(root);
#endif
}

} // namespace steward::agent
