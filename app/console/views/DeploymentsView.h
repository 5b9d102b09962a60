// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"

#include <QPointer>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTimer;

namespace steward::app
{

class DeploymentDialog;
class DeploymentPage;
class DeploymentTableModel;
class RequestTracker;
class ViewTable;

// Deployments (docs/jobs.md): every signed job the server holds, newest first, with a bar of how
// far its devices got. Opening one (double-click, Enter) shows its DeploymentPage in place.
// Administrators create deployments here (New deployment…, signed with their operator key in
// DeploymentDialog) and cancel them; the help desk only follows them.
class DeploymentsView : public ConsoleView
{
    Q_OBJECT

public:
    explicit DeploymentsView(const ViewContext &context, QWidget *parent = nullptr);

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

    DeploymentTableModel *model() const;
    ViewTable *table() const;
    DeploymentPage *page() const;
    // "3 deployments" or "1 of 3 deployments shown".
    QString countText() const;
    // Empty when no row is selected.
    QString selectedDeploymentId() const;
    bool selectDeployment(const QString &id);

public Q_SLOTS:
    // Opens the creation dialog for `devices` (checked to begin with; may be empty).
    DeploymentDialog *newDeployment(const QStringList &devices = {});
    // Asks first (askToConfirm), then POST /api/v1/jobs/{id}/cancel.
    void cancelDeployment(const QString &id);
    void cancelSelectedDeployment();
    void showDeployment(const QString &id);
    void showList();

private:
    void load();
    void updateCountAndEmptyState();
    void updateActions();
    void showRowMenu(const QPoint &position);
    bool isAdmin() const;

    ViewContext m_context;
    RequestTracker *m_requests;
    DeploymentTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_stack;
    QWidget *m_listPage;
    ViewTable *m_table;
    QLabel *m_count;
    DeploymentPage *m_page;
    QTimer *m_clockTick;
    QAction *m_new;
    QAction *m_open;
    QAction *m_cancel;
    QPointer<QObject> m_load;
    bool m_loadedOnce = false;
    QString m_search;
    QDateTime m_listLoadedAt;
    QString m_listFailure;
};

} // namespace steward::app
