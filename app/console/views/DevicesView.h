// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"

#include <QPointer>

class QAction;
class QHeaderView;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace steward::app
{

class DevicePage;
class DeviceSortFilterProxyModel;
class OrgUnitTreeModel;
class DeviceTableModel;
class ViewTable;

// Every device in a sortable, searchable table with the columns the user chose; opening one
// shows its DevicePage in place, with Back to return. Once the site has org units, their tree
// stands beside the table with each unit's devices and share compliant; choosing a unit shows
// only its devices and those of the units below it. Administrators select devices (several at
// once, as in a file manager) and Deploy updates… to them; the Deployments view creates it.
class DevicesView : public ConsoleView
{
    Q_OBJECT

public:
    explicit DevicesView(const ViewContext &context, QWidget *parent = nullptr);

    QString viewId() const override;
    QString title() const override;
    QIcon icon() const override;
    QString searchPlaceholder() const override;
    void setSearchText(const QString &text) override;
    void refresh() override;
    void cancel() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;
    void resetState() override;

    DeviceTableModel *model() const;
    QTableView *table() const;
    DevicePage *page() const;
    QTreeView *orgUnitTree() const;
    // The org unit whose devices are shown ("/": all).
    QString orgUnit() const;
    void showOrgUnit(const QString &path);
    // "No device matches …" or "2 of 3 devices shown": what the line above the table says.
    QString countText() const;
    // What Deploy updates… would deploy to now: the selected devices, or every device shown when
    // none is, in the table's order; never a revoked one.
    QStringList deploymentTargets() const;

public Q_SLOTS:
    void showDevice(const QString &id);
    void showList();
    // Asks for a deployment to deploymentTargets() (administrators only).
    void deployUpdates();

Q_SIGNALS:
    // Deploy updates… was chosen for these devices: the Deployments view opens its creation dialog.
    void deployRequested(const QStringList &deviceIds);

private:
    bool isAdmin() const;
    void updateDeployAction();
    void loadList();
    void loadOrgUnits();
    void updateCountAndEmptyState();
    void showHeaderMenu(const QPoint &position);
    void showRowMenu(const QPoint &position);
    void applyDefaultColumns();

    ViewContext m_context;
    DeviceTableModel *m_model;
    DeviceSortFilterProxyModel *m_proxy;
    QStackedWidget *m_stack;
    QWidget *m_listPage;
    ViewTable *m_table;
    OrgUnitTreeModel *m_units;
    QTreeView *m_unitTree;
    QSplitter *m_split;
    QLabel *m_count;
    DevicePage *m_page;
    QTimer *m_clockTick;
    QAction *m_deploy;
    QPointer<QObject> m_load; // the list request in flight, if any
    QPointer<QObject> m_unitLoad; // the org-unit request in flight, if any
    bool m_loadedOnce = false;
    QDateTime m_listLoadedAt; // when the list last loaded; invalid before
    QString m_listFailure; // why the last list load failed; empty when it did not
};

} // namespace steward::app
