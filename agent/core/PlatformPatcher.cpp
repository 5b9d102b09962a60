// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlatformPatcher.h"

#include "apt/AptPatcher.h"
#include "dnf/DnfPatcher.h"
#include "windows/WindowsUpdatePatcher.h"

#include <QDir>
#include <QFileInfo>

namespace steward::agent
{

PatcherKind patcherKind(bool windows, const QString &root)
{
    if (windows) {
        return PatcherKind::WindowsUpdate;
    }
    const QDir dir(root);
    if (QFileInfo::exists(dir.filePath(QStringLiteral("usr/bin/apt-get")))) {
        return PatcherKind::Apt;
    }
    if (QFileInfo::exists(dir.filePath(QStringLiteral("usr/bin/dnf")))) {
        return PatcherKind::Dnf;
    }
    return PatcherKind::None;
}

std::unique_ptr<jobs::Patcher> makePatcher(PatcherKind kind, CommandRunner &runner)
{
    switch (kind) {
    case PatcherKind::Apt:
        return std::make_unique<jobs::AptPatcher>(runner);
    case PatcherKind::Dnf:
        return std::make_unique<jobs::DnfPatcher>(runner);
    case PatcherKind::WindowsUpdate:
        return std::make_unique<jobs::WindowsUpdatePatcher>(runner);
    case PatcherKind::None:
        break;
    }
    return nullptr;
}

std::unique_ptr<jobs::Patcher> platformPatcher(CommandRunner &runner)
{
#ifdef Q_OS_WIN
    constexpr bool windows = true;
#else
    constexpr bool windows = false;
#endif
    return makePatcher(patcherKind(windows), runner);
}

} // namespace steward::agent
