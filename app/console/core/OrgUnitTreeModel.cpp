// SPDX-License-Identifier: GPL-3.0-or-later
#include "OrgUnitTreeModel.h"

#include "OrgUnitPath.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace steward::app
{

OrgUnitTreeModel::OrgUnitTreeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setColumnCount(ColumnCount);
    setSortRole(SortRole);
    setHeaders();
}

void OrgUnitTreeModel::setHeaders()
{
    setHorizontalHeaderLabels({tr("Org unit"), tr("Devices"), tr("Compliant")});
}

void OrgUnitTreeModel::setUnits(const QJsonArray &units)
{
    clear();
    setColumnCount(ColumnCount);
    setHeaders();
    const QLocale locale;
    QHash<QString, QStandardItem *> byPath;
    // The server lists each unit after the one above it; the root first.
    for (const QJsonValue &value : units) {
        const QJsonObject unit = value.toObject();
        const QString path = unit.value(QStringLiteral("path")).toString();
        const bool root = orgunit::isRoot(path);
        const qint64 devices = unit.value(QStringLiteral("devices")).toInteger();
        const qint64 compliant = unit.value(QStringLiteral("compliant")).toInteger();

        auto *name = new QStandardItem(root ? tr("All devices") : unit.value(QStringLiteral("name")).toString());
        name->setData(path, PathRole);
        name->setData(root ? QString() : name->text(), SortRole);
        name->setToolTip(root ? tr("Every device of the site") : path);
        name->setEditable(false);
        auto *count = new QStandardItem(locale.toString(devices));
        count->setData(devices, SortRole);
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        count->setEditable(false);
        const double share = devices > 0 ? double(compliant) / double(devices) : -1.0;
        auto *compliance = new QStandardItem(share < 0 ? QStringLiteral("–")
                                                       : locale.toString(qRound(share * 100)) + QStringLiteral(" %"));
        compliance->setData(share, SortRole);
        compliance->setToolTip(
            devices > 0 ? tr("%n of %1 devices compliant", nullptr, int(compliant)).arg(locale.toString(devices))
                        : tr("No devices"));
        compliance->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        compliance->setEditable(false);

        QStandardItem *parent = root
            ? invisibleRootItem()
            : byPath.value(orgunit::parentPath(path), byPath.value(QString::fromLatin1(orgunit::kRootPath)));
        if (!parent) {
            parent = invisibleRootItem();
        }
        parent->appendRow({name, count, compliance});
        byPath.insert(path, name);
    }
}

QModelIndex OrgUnitTreeModel::indexOfPath(const QString &path) const
{
    const QModelIndexList found =
        match(index(0, Name), PathRole, path, 1, Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchCaseSensitive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

} // namespace steward::app
