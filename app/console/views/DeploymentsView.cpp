// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentsView.h"

#include "ApiClient.h"
#include "Clock.h"
#include "DeploymentDialog.h"
#include "DeploymentPage.h"
#include "DeploymentProgressDelegate.h"
#include "DeploymentTableModel.h"
#include "FormDialog.h"
#include "RequestTracker.h"
#include "ViewTable.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
const QString kHeaderKey = QStringLiteral("header");
}

DeploymentsView::DeploymentsView(const ViewContext &context, QWidget *parent)
    : ConsoleView(parent)
    , m_context(context)
    , m_requests(new RequestTracker(this))
    , m_model(new DeploymentTableModel(context.clock, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_stack(new QStackedWidget(this))
    , m_listPage(new QWidget(m_stack))
    , m_table(new ViewTable(QStringLiteral("deployments"), m_listPage))
    , m_count(new QLabel(m_listPage))
    , m_page(new DeploymentPage(context, m_stack))
    , m_clockTick(new QTimer(this))
{
    setObjectName(QStringLiteral("deploymentsView"));
    connect(m_requests, &RequestTracker::busy, this, &ConsoleView::busy);
    connect(m_requests, &RequestTracker::idle, this, &ConsoleView::idle);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeploymentTableModel::SortRole);
    m_proxy->setFilterRole(DeploymentTableModel::SearchRole);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(DeploymentTableModel::Progress, new DeploymentProgressDelegate(m_table));
    m_table->setDefaultSort(DeploymentTableModel::Created, Qt::DescendingOrder);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &DeploymentsView::showRowMenu);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        showDeployment(index.data(DeploymentTableModel::IdRole).toString());
    });

    m_new = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New deployment…"), this);
    m_new->setObjectName(QStringLiteral("newDeployment"));
    m_new->setShortcut(QKeySequence::New);
    m_new->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_open = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open"), this);
    m_open->setObjectName(QStringLiteral("openDeployment"));
    m_cancel = new QAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel deployment…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelDeployment"));
    m_cancel->setShortcut(QKeySequence::Delete);
    m_cancel->setShortcutContext(Qt::WidgetShortcut);
    connect(m_new, &QAction::triggered, this, [this] {
        newDeployment();
    });
    connect(m_open, &QAction::triggered, this, [this] {
        showDeployment(selectedDeploymentId());
    });
    connect(m_cancel, &QAction::triggered, this, &DeploymentsView::cancelSelectedDeployment);
    m_table->addAction(m_cancel);

    auto *toolBar = new QToolBar(tr("Deployments"), m_listPage);
    toolBar->setObjectName(QStringLiteral("deploymentsToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({m_new, m_open, m_cancel});
    toolBar->setVisible(isAdmin());
    if (isAdmin()) {
        QWidget::addAction(m_new); // Ctrl+N wherever the focus is in this view
    }

    m_count->setObjectName(QStringLiteral("deploymentCount"));
    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(toolBar);
    listLayout->addWidget(m_count);
    listLayout->addWidget(m_table, 1);

    m_stack->addWidget(m_listPage);
    m_stack->addWidget(m_page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &DeploymentsView::updateCountAndEmptyState);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DeploymentsView::updateCountAndEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DeploymentsView::updateCountAndEmptyState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeploymentsView::updateActions);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &DeploymentsView::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DeploymentsView::updateActions);

    // The page speaks for the view while it is shown.
    connect(m_page, &DeploymentPage::backRequested, this, &DeploymentsView::showList);
    connect(m_page, &DeploymentPage::busy, this, &ConsoleView::busy);
    connect(m_page, &DeploymentPage::idle, this, &ConsoleView::idle);
    connect(m_page, &DeploymentPage::loaded, this, &ConsoleView::loaded);
    connect(m_page, &DeploymentPage::loadFailed, this, &ConsoleView::loadFailed);
    connect(m_page, &DeploymentPage::message, this, &ConsoleView::message);
    connect(m_page, &DeploymentPage::cancelRequested, this, &DeploymentsView::cancelDeployment);

    m_clockTick->setInterval(30 * 1000);
    connect(m_clockTick, &QTimer::timeout, m_model, &DeploymentTableModel::refreshTimes);
    m_clockTick->start();

    updateCountAndEmptyState();
    updateActions();
}

QString DeploymentsView::viewId() const
{
    return QStringLiteral("deployments");
}

QString DeploymentsView::title() const
{
    return tr("Deployments");
}

QIcon DeploymentsView::icon() const
{
    return QIcon::fromTheme(QStringLiteral("system-software-update"), style()->standardIcon(QStyle::SP_ArrowDown));
}

QString DeploymentsView::searchPlaceholder() const
{
    return tr("Search deployments: state, package, who…");
}

void DeploymentsView::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    m_proxy->setFilterFixedString(m_search);
    updateCountAndEmptyState();
    if (!m_search.isEmpty() && m_stack->currentWidget() != m_listPage) {
        showList();
    }
}

bool DeploymentsView::isAdmin() const
{
    return m_context.client && m_context.client->role() == QLatin1String("admin");
}

void DeploymentsView::refresh()
{
    load();
    if (m_stack->currentWidget() == m_page && !m_page->deploymentId().isEmpty()) {
        m_page->reload();
    }
}

void DeploymentsView::cancel()
{
    m_requests->cancelAll();
    m_page->cancel();
}

void DeploymentsView::load()
{
    if (m_requests->isRunning(m_load)) {
        return; // the running request brings a fresh list
    }
    QObject *load = m_requests->start(tr("Loading deployments…"));
    m_load = load;
    m_context.client->jobs(load, [this, load](const Result<QJsonValue> &result) {
        m_requests->finish(load);
        const bool shown = m_stack->currentWidget() == m_listPage;
        if (!result) {
            m_listFailure = FormDialog::describeError(result.error());
            if (shown) {
                Q_EMIT loadFailed(m_listFailure);
            }
            return;
        }
        m_listFailure.clear();
        m_listLoadedAt = m_context.clock.now();
        const QString selected = selectedDeploymentId();
        m_model->setDeployments(DeploymentRecord::listFromJson(result.value().toArray()));
        selectDeployment(selected);
        m_loadedOnce = true;
        m_table->fitColumns();
        updateCountAndEmptyState();
        if (shown) {
            Q_EMIT loaded(m_listLoadedAt);
        }
    });
}

void DeploymentsView::saveState(QSettings &settings) const
{
    settings.setValue(kHeaderKey, m_table->saveHeader());
}

void DeploymentsView::restoreState(QSettings &settings)
{
    m_table->restoreHeader(settings.value(kHeaderKey).toByteArray());
}

void DeploymentsView::resetState()
{
    m_table->resetHeader();
}

DeploymentTableModel *DeploymentsView::model() const
{
    return m_model;
}

ViewTable *DeploymentsView::table() const
{
    return m_table;
}

DeploymentPage *DeploymentsView::page() const
{
    return m_page;
}

QString DeploymentsView::countText() const
{
    return m_count->text();
}

QString DeploymentsView::selectedDeploymentId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(DeploymentTableModel::IdRole).toString();
}

bool DeploymentsView::selectDeployment(const QString &id)
{
    if (id.isEmpty()) {
        return false;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOfDeployment(id), 0));
    if (!index.isValid()) {
        return false;
    }
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

DeploymentDialog *DeploymentsView::newDeployment(const QStringList &devices)
{
    if (!isAdmin()) {
        return nullptr;
    }
    auto *dialog = new DeploymentDialog(m_context.client, m_context.clock, devices, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FormDialog::succeeded, this, [this](const QJsonValue &answer) {
        const DeploymentRecord created = DeploymentRecord::fromJson(answer.toObject());
        Q_EMIT message(tr("Deployment of %1 created for %n devices.", nullptr, int(created.deviceCount()))
                           .arg(DeploymentTableModel::describeWhat(created.select, created.packages)));
        QObject *previous = m_load;
        m_requests->abandon(previous); // it may have been answered before the new deployment
        load();
        // Selected once the list arrives.
        connect(
            m_model,
            &QAbstractItemModel::modelReset,
            this,
            [this, id = created.id] {
                selectDeployment(id);
            },
            Qt::SingleShotConnection);
    });
    dialog->open();
    return dialog;
}

void DeploymentsView::cancelSelectedDeployment()
{
    cancelDeployment(selectedDeploymentId());
}

void DeploymentsView::cancelDeployment(const QString &id)
{
    const int row = m_model->rowOfDeployment(id);
    if (!isAdmin() || id.isEmpty()) {
        return;
    }
    QString what = tr("this deployment");
    qint64 devices = 0;
    if (row >= 0) {
        const DeploymentRecord &deployment = m_model->deployments().at(row);
        if (!deployment.isCancellable()) {
            return;
        }
        what = DeploymentTableModel::describeWhat(deployment.select, deployment.packages);
        devices = deployment.deviceCount() - deployment.finishedCount();
    }
    askToConfirm(
        this,
        tr("Cancel deployment"),
        tr("Cancel the deployment of %1?").arg(what),
        tr("%n devices have not finished it. Those that have not started it will not run it; one running it "
           "now is asked to stop. What has been installed stays installed. Cancelling cannot be undone.",
           nullptr,
           int(devices)),
        tr("Cancel &deployment"),
        [this, id, what] {
            QObject *context = m_requests->start(tr("Cancelling the deployment of %1…").arg(what));
            m_context.client->cancelJob(id, context, [this, context, id, what](const Result<QJsonValue> &result) {
                m_requests->finish(context);
                if (!result) {
                    Q_EMIT message(tr("Could not cancel the deployment of %1: %2")
                                       .arg(what, FormDialog::describeError(result.error())));
                    return;
                }
                m_model->updateDeployment(DeploymentRecord::fromJson(result.value().toObject()));
                updateActions();
                Q_EMIT message(tr("Deployment of %1 cancelled.").arg(what));
                if (m_page->deploymentId() == id) {
                    m_page->reload();
                }
            });
        });
}

void DeploymentsView::showDeployment(const QString &id)
{
    if (id.isEmpty()) {
        return;
    }
    m_stack->setCurrentWidget(m_page);
    m_page->showDeployment(id);
}

void DeploymentsView::showList()
{
    m_page->cancel();
    m_stack->setCurrentWidget(m_listPage);
    m_table->setFocus();
    // The banner spoke for the page; now it speaks for the list again.
    if (!m_listFailure.isEmpty()) {
        Q_EMIT loadFailed(m_listFailure);
    } else if (m_listLoadedAt.isValid()) {
        Q_EMIT loaded(m_listLoadedAt);
    }
    load();
}

void DeploymentsView::updateCountAndEmptyState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (m_search.isEmpty()) {
        m_count->setText(tr("%n deployments", nullptr, total));
    } else {
        m_count->setText(tr("%1 of %n deployments shown", nullptr, total).arg(shown));
    }
    m_count->setVisible(m_loadedOnce);
    if (!m_loadedOnce) {
        m_table->setEmptyMessage(QString());
    } else if (total == 0) {
        m_table->setEmptyMessage(isAdmin() ? tr("No deployments yet. Create one with New deployment…, or from the "
                                                "Devices view: select devices, then Deploy updates….")
                                           : tr("No deployments yet."));
    } else {
        m_table->setEmptyMessage(tr("No deployment matches “%1”.").arg(m_search));
    }
}

void DeploymentsView::updateActions()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const bool selected = !rows.isEmpty();
    m_open->setEnabled(selected);
    m_new->setEnabled(isAdmin());
    m_cancel->setEnabled(isAdmin() && selected
                         && rows.constFirst().data(DeploymentTableModel::CancellableRole).toBool());
}

void DeploymentsView::showRowMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
    }
    // Not exec(): a nested event loop would outlive the view if the session ended meanwhile.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(QStringLiteral("deploymentMenu"));
    if (index.isValid()) {
        menu->addAction(m_open);
        menu->setDefaultAction(m_open);
        if (isAdmin()) {
            menu->addAction(m_cancel);
        }
        menu->addSeparator();
    }
    if (isAdmin()) {
        menu->addAction(m_new);
    }
    menu->addAction(tr("&Refresh"), this, &DeploymentsView::refresh);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

} // namespace steward::app
