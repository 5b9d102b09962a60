// SPDX-License-Identifier: GPL-3.0-or-later
#include "PendingUpdateModel.h"

namespace steward::app
{

QStringList PendingUpdateModel::headers() const
{
    return {tr("Package"), tr("Installed"), tr("Available"), tr("Origin"), tr("Security"), tr("Severity")};
}

QVariant PendingUpdateModel::cell(const DeviceDetail::PendingUpdate &update, int column, int role) const
{
    if (role == SortRole && column == Security) {
        return update.security ? 1 : 0;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case Package:
        return update.name;
    case Installed:
        return update.installedVersion;
    case Available:
        return update.candidateVersion;
    case Origin:
        return update.origin;
    case Security:
        return update.security ? tr("Security update") : QString();
    case Severity:
        return update.severity;
    }
    return {};
}

} // namespace steward::app
