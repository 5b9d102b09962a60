// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectorErrorModel.h"

namespace steward::app
{

QStringList CollectorErrorModel::headers() const
{
    return {tr("Collector"), tr("Code"), tr("Message")};
}

QVariant CollectorErrorModel::cell(const DeviceDetail::CollectorError &error, int column, int role) const
{
    if (role != Qt::DisplayRole && !(role == Qt::ToolTipRole && column == Message)) {
        return {};
    }
    switch (column) {
    case Collector:
        return error.collector;
    case Code:
        return error.code;
    case Message:
        return error.message;
    }
    return {};
}

} // namespace steward::app
