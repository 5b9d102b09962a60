// SPDX-License-Identifier: GPL-3.0-or-later
#include "Views.h"

#include "AuditView.h"
#include "DeploymentsView.h"
#include "DevicePage.h"
#include "DevicesView.h"
#include "UsersView.h"

namespace steward::app
{

QList<ConsoleView *> createViews(const ViewContext &context, const QString &role, QWidget *parent)
{
    QList<ConsoleView *> views;
    auto *devices = new DevicesView(context, parent);
    views << devices;
    // Deployments need jobs.read, which administrators and the help desk have.
    if (role == QLatin1String("admin") || role == QLatin1String("helpdesk")) {
        auto *deployments = new DeploymentsView(context, parent);
        views << deployments;
        // A device page's Jobs tab opens its deployments there.
        devices->page()->setDeploymentsAvailable(true);
        QObject::connect(devices->page(),
                         &DevicePage::deploymentRequested,
                         deployments,
                         [deployments](const QString &id) {
                             Q_EMIT deployments->showRequested();
                             deployments->showDeployment(id);
                         });
        // Deploy updates… in the Devices view: the creation dialog opens over the deployments list,
        // where the new deployment then appears.
        if (role == QLatin1String("admin")) {
            QObject::connect(devices,
                             &DevicesView::deployRequested,
                             deployments,
                             [deployments](const QStringList &deviceIds) {
                                 Q_EMIT deployments->showRequested();
                                 deployments->showList();
                                 deployments->newDeployment(deviceIds);
                             });
        }
    }
    if (role == QLatin1String("admin")) {
        views << new UsersView(context, parent) << new AuditView(context, parent);
    }
    return views;
}

} // namespace steward::app
