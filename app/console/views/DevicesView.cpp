// SPDX-License-Identifier: GPL-3.0-or-later
#include "DevicesView.h"

#include "ApiClient.h"
#include "Clock.h"
#include "DevicePage.h"
#include "DeviceSortFilterProxyModel.h"
#include "DeviceTableModel.h"
#include "HeaderFit.h"
#include "OrgUnitPath.h"
#include "OrgUnitTreeModel.h"
#include "ViewTable.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace steward::app
{

namespace
{
const QString kHeaderKey = QStringLiteral("header");
const QString kSplitKey = QStringLiteral("orgUnitSplit");
}

DevicesView::DevicesView(const ViewContext &context, QWidget *parent)
    : ConsoleView(parent)
    , m_context(context)
    , m_model(new DeviceTableModel(context.clock, this))
    , m_proxy(new DeviceSortFilterProxyModel(this))
    , m_stack(new QStackedWidget(this))
    , m_listPage(new QWidget(m_stack))
    , m_table(new ViewTable(QStringLiteral("devices"), m_listPage))
    , m_units(new OrgUnitTreeModel(this))
    , m_unitTree(new QTreeView(m_listPage))
    , m_split(new QSplitter(Qt::Horizontal, m_listPage))
    , m_count(new QLabel(m_listPage))
    , m_page(new DevicePage(context, m_stack))
    , m_clockTick(new QTimer(this))
    , m_deploy(new QAction(QIcon::fromTheme(QStringLiteral("system-software-update")), tr("&Deploy updates…"), this))
{
    setObjectName(QStringLiteral("devicesView"));
    m_proxy->setSourceModel(m_model);

    m_table->setModel(m_proxy);
    // Deployments go to many devices at once: Ctrl- and Shift-click add to the selection.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DeviceTableModel::Compliant, Qt::AscendingOrder);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &DevicesView::showHeaderMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &DevicesView::showRowMenu);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        showDevice(index.data(DeviceTableModel::DeviceIdRole).toString());
    });

    m_deploy->setObjectName(QStringLiteral("deployUpdates"));
    connect(m_deploy, &QAction::triggered, this, &DevicesView::deployUpdates);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DevicesView::updateDeployAction);
    // Only administrators deploy (the server refuses anyone else); the help desk sees no toolbar.
    auto *toolBar = new QToolBar(tr("Devices"), m_listPage);
    toolBar->setObjectName(QStringLiteral("devicesToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_deploy);
    toolBar->setVisible(isAdmin());

    m_count->setObjectName(QStringLiteral("deviceCount"));

    // The org-unit tree: hidden until the site has units besides the root.
    m_unitTree->setObjectName(QStringLiteral("orgUnitTree"));
    m_unitTree->setModel(m_units);
    m_unitTree->setSortingEnabled(true);
    m_unitTree->sortByColumn(OrgUnitTreeModel::Name, Qt::AscendingOrder);
    m_unitTree->setUniformRowHeights(true);
    m_unitTree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_unitTree->setVisible(false);
    m_unitTree->header()->setStretchLastSection(false); // as wide as the names, not the pane
    connect(m_unitTree->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            [this](const QModelIndex &current) {
                m_proxy->setOrgUnit(
                    current.siblingAtColumn(OrgUnitTreeModel::Name).data(OrgUnitTreeModel::PathRole).toString());
                updateCountAndEmptyState();
            });
    m_split->setObjectName(QStringLiteral("orgUnitSplit"));
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_unitTree);
    m_split->addWidget(m_table);
    m_split->setStretchFactor(1, 1);

    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(toolBar);
    listLayout->addWidget(m_count);
    listLayout->addWidget(m_split, 1);

    m_stack->addWidget(m_listPage);
    m_stack->addWidget(m_page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DevicesView::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DevicesView::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DevicesView::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DevicesView::updateCountAndEmptyState);

    // The page speaks for the view while it is shown.
    connect(m_page, &DevicePage::backRequested, this, &DevicesView::showList);
    connect(m_page, &DevicePage::busy, this, &ConsoleView::busy);
    connect(m_page, &DevicePage::idle, this, &ConsoleView::idle);
    connect(m_page, &DevicePage::loaded, this, &ConsoleView::loaded);
    connect(m_page, &DevicePage::loadFailed, this, &ConsoleView::loadFailed);
    connect(m_page, &DevicePage::message, this, &ConsoleView::message);
    connect(m_page, &DevicePage::deviceChanged, this, &DevicesView::loadList);

    // "3 min ago" must not stay "3 min ago" for an hour.
    m_clockTick->setInterval(30 * 1000);
    connect(m_clockTick, &QTimer::timeout, m_model, &DeviceTableModel::refreshTimes);
    m_clockTick->start();

    applyDefaultColumns();
    updateCountAndEmptyState();
}

QString DevicesView::viewId() const
{
    return QStringLiteral("devices");
}

QString DevicesView::title() const
{
    return tr("Devices");
}

QIcon DevicesView::icon() const
{
    return QIcon::fromTheme(QStringLiteral("computer"), style()->standardIcon(QStyle::SP_ComputerIcon));
}

QString DevicesView::searchPlaceholder() const
{
    return tr("Search devices: name, IP or MAC address, serial, user…");
}

void DevicesView::setSearchText(const QString &text)
{
    m_proxy->setFilterText(text);
    updateCountAndEmptyState();
    if (!text.isEmpty() && m_stack->currentWidget() != m_listPage) {
        showList();
    }
}

void DevicesView::refresh()
{
    loadList();
    if (m_stack->currentWidget() == m_page && !m_page->deviceId().isEmpty()) {
        m_page->reload();
    }
}

void DevicesView::cancel()
{
    delete m_load; // aborts the request; its callback is never called
    delete m_unitLoad;
    m_page->cancel();
    Q_EMIT idle();
}

void DevicesView::loadOrgUnits()
{
    if (m_unitLoad) {
        return;
    }
    auto *load = new QObject(this);
    m_unitLoad = load;
    m_context.client->orgUnits(load, [this, load](const Result<QJsonValue> &result) {
        m_unitLoad.clear();
        load->deleteLater();
        if (!result) {
            return; // the device list says what is wrong with the server; the tree keeps its last counts
        }
        const QString shown = orgUnit();
        const QByteArray header = m_unitTree->header()->saveState();
        m_units->setUnits(result.value().toArray());
        m_unitTree->header()->restoreState(header);
        m_unitTree->expandAll();
        const bool firstShown = m_unitTree->isHidden() && m_units->rowCount() > 0 && m_units->item(0)->hasChildren();
        m_unitTree->setVisible(m_units->rowCount() > 0 && m_units->item(0)->hasChildren());
        if (firstShown) {
            // Wide enough for the names and the titles; the table takes the rest.
            for (int column = 0; column < OrgUnitTreeModel::ColumnCount; ++column) {
                m_unitTree->resizeColumnToContents(column);
            }
            HeaderFit::fitTitles(m_unitTree->header());
            const int treeWidth = m_unitTree->header()->length() + m_unitTree->frameWidth() * 2 + 4;
            m_split->setSizes({treeWidth, std::max(m_split->width() - treeWidth, treeWidth)});
        }
        // The unit shown stays shown; one that went away gives way to all devices.
        const QModelIndex again = m_units->indexOfPath(shown);
        const QModelIndex current = again.isValid() ? again : m_units->index(0, OrgUnitTreeModel::Name);
        m_unitTree->selectionModel()->setCurrentIndex(current,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (!again.isValid()) {
            m_proxy->setOrgUnit(QString());
            updateCountAndEmptyState();
        }
    });
}

QTreeView *DevicesView::orgUnitTree() const
{
    return m_unitTree;
}

QString DevicesView::orgUnit() const
{
    return m_proxy->orgUnit();
}

void DevicesView::showOrgUnit(const QString &path)
{
    const QModelIndex index = m_units->indexOfPath(path);
    if (index.isValid()) {
        m_unitTree->selectionModel()->setCurrentIndex(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

void DevicesView::loadList()
{
    loadOrgUnits();
    if (m_load) {
        return; // one list request at a time; the running one brings fresh data
    }
    auto *load = new QObject(this);
    m_load = load;
    // The device page reports its own loads; the list speaks only while it is shown.
    const bool shown = m_stack->currentWidget() == m_listPage;
    if (shown) {
        Q_EMIT busy(tr("Loading devices…"));
    }
    m_context.client->devices(load, [this, load, shown](const Result<QJsonValue> &result) {
        m_load.clear(); // done: the next refresh may ask again even before `load` is deleted
        load->deleteLater();
        if (shown) {
            Q_EMIT idle();
        }
        if (!result) {
            m_listFailure = result.error().message;
            if (m_stack->currentWidget() == m_listPage) {
                Q_EMIT loadFailed(m_listFailure);
            }
            return;
        }
        m_listFailure.clear();
        m_listLoadedAt = m_context.clock.now();
        m_model->setDevices(result.value().toArray());
        m_table->fitColumns();
        m_loadedOnce = true;
        updateCountAndEmptyState();
        if (m_stack->currentWidget() == m_listPage) {
            Q_EMIT loaded(m_listLoadedAt);
        }
    });
}

QString DevicesView::countText() const
{
    return m_count->text();
}

void DevicesView::updateCountAndEmptyState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QString filter = m_proxy->filterText();
    const QString unit = m_proxy->orgUnit();
    const bool allUnits = orgunit::isRoot(unit);
    if (filter.isEmpty() && allUnits) {
        m_count->setText(tr("%n devices", nullptr, total));
    } else if (allUnits) {
        m_count->setText(tr("%1 of %n devices shown", nullptr, total).arg(shown));
    } else {
        m_count->setText(tr("%1 of %n devices shown, in %2", nullptr, total).arg(shown).arg(unit));
    }
    QString empty;
    if (!m_loadedOnce) {
        empty = QString(); // not "no devices" before the server has answered
    } else if (total == 0) {
        empty =
            tr("No devices are enrolled yet. Create an enrolment token (stewardctl enrollment-token create) "
               "and enrol an agent with it.");
    } else if (shown == 0 && filter.isEmpty()) {
        empty = tr("No device is in %1.").arg(unit);
    } else if (shown == 0) {
        empty = tr("No device matches “%1”.").arg(filter);
    }
    m_table->setEmptyMessage(empty);
    m_count->setVisible(m_loadedOnce);
    updateDeployAction();
}

bool DevicesView::isAdmin() const
{
    return m_context.client && m_context.client->role() == QLatin1String("admin");
}

QStringList DevicesView::deploymentTargets() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        rows << index.row();
    }
    if (rows.isEmpty()) {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            rows << row;
        }
    }
    std::sort(rows.begin(), rows.end()); // the selection is in the order it was made
    QStringList ids;
    for (int row : std::as_const(rows)) {
        const QModelIndex index = m_proxy->index(row, 0);
        // A revoked device can run nothing; the dialog would not offer it either.
        if (DeviceTableModel::isCutOff(
                DeviceTableModel::DeviceState(index.data(DeviceTableModel::StateRole).toInt()))) {
            continue;
        }
        ids << index.data(DeviceTableModel::DeviceIdRole).toString();
    }
    return ids;
}

void DevicesView::deployUpdates()
{
    if (!isAdmin()) {
        return;
    }
    Q_EMIT deployRequested(deploymentTargets());
}

void DevicesView::updateDeployAction()
{
    const bool admin = isAdmin();
    m_deploy->setVisible(admin);
    m_deploy->setEnabled(admin && m_proxy->rowCount() > 0);
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    // Without a selection it takes every device shown: say so before the dialog does.
    m_deploy->setToolTip(selected > 0
                             ? tr("Deploy updates to the %n selected devices.", nullptr, selected)
                             : tr("Deploy updates to the %n devices shown; select devices to deploy to only those.",
                                  nullptr,
                                  m_proxy->rowCount()));
}

void DevicesView::showDevice(const QString &id)
{
    if (id.isEmpty()) {
        return;
    }
    m_stack->setCurrentWidget(m_page);
    m_page->showDevice(id);
}

void DevicesView::showList()
{
    m_page->cancel();
    m_stack->setCurrentWidget(m_listPage);
    m_table->setFocus();
    // The banner spoke for the device page; now it speaks for the list again.
    if (!m_listFailure.isEmpty()) {
        Q_EMIT loadFailed(m_listFailure);
    } else if (m_listLoadedAt.isValid()) {
        Q_EMIT loaded(m_listLoadedAt);
    }
}

DeviceTableModel *DevicesView::model() const
{
    return m_model;
}

QTableView *DevicesView::table() const
{
    return m_table;
}

DevicePage *DevicesView::page() const
{
    return m_page;
}

void DevicesView::applyDefaultColumns()
{
    QHeaderView *header = m_table->horizontalHeader();
    for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
        header->moveSection(header->visualIndex(column), column);
        header->setSectionHidden(column, !DeviceTableModel::shownByDefault(DeviceTableModel::Column(column)));
    }
    HeaderFit::fitTitles(header);
}

void DevicesView::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_table->horizontalHeader();
    // Not exec(): a nested event loop would outlive the view if the session ended meanwhile.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(QStringLiteral("columnsMenu"));
    for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
        QAction *action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        connect(action, &QAction::toggled, this, [header, column](bool shown) {
            // Hiding the last visible column would leave nothing to bring the menu back from.
            if (!shown && header->count() - header->hiddenSectionCount() <= 1) {
                return;
            }
            header->setSectionHidden(column, !shown);
            if (shown) {
                HeaderFit::fitTitles(header);
            }
        });
    }
    menu->addSeparator();
    menu->addAction(tr("Restore default columns"), this, &DevicesView::applyDefaultColumns);
    menu->popup(header->viewport()->mapToGlobal(position));
}

void DevicesView::showRowMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    const auto text = [&index](int column) {
        return index.siblingAtColumn(column).data(Qt::DisplayRole).toString();
    };
    const QString id = index.data(DeviceTableModel::DeviceIdRole).toString();
    // Right-clicking outside the selection makes that row the selection; inside, it keeps it.
    if (!m_table->selectionModel()->isRowSelected(index.row(), index.parent())) {
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(QStringLiteral("deviceMenu"));
    QAction *open = menu->addAction(tr("&Open"), this, [this, id] {
        showDevice(id);
    });
    menu->setDefaultAction(open);
    menu->addSeparator();
    if (isAdmin()) {
        menu->addAction(m_deploy);
        menu->addSeparator();
    }
    const auto addCopy = [menu](const QString &label, const QString &value) {
        QAction *action = menu->addAction(label, [value] {
            QApplication::clipboard()->setText(value);
        });
        action->setEnabled(!value.isEmpty());
    };
    addCopy(tr("Copy &hostname"), text(DeviceTableModel::Hostname));
    addCopy(tr("Copy &IP address"), text(DeviceTableModel::IpAddress));
    addCopy(tr("Copy &serial number"), text(DeviceTableModel::Serial));
    addCopy(tr("Copy device &ID"), id);
    menu->addSeparator();
    menu->addAction(tr("&Refresh"), this, &DevicesView::refresh);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void DevicesView::saveState(QSettings &settings) const
{
    settings.setValue(kHeaderKey, m_table->saveHeader());
    settings.setValue(kSplitKey, m_split->saveState());
}

void DevicesView::resetState()
{
    m_table->resetHeader();
    applyDefaultColumns();
}

void DevicesView::restoreState(QSettings &settings)
{
    m_table->restoreHeader(settings.value(kHeaderKey).toByteArray());
    m_split->restoreState(settings.value(kSplitKey).toByteArray());
}

} // namespace steward::app
