// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

class QJsonArray;
class QJsonObject;

namespace steward
{
class Clock;
}

namespace steward::app
{

// A deployment as GET /api/v1/jobs lists it (docs/jobs.md): what, for how many devices, and how
// far each device got. `counts` holds every device job state with its number of devices.
struct DeploymentRecord {
    QString id;
    QString kind;
    QString state; // "active", "paused", "completed", "cancelled" or "expired"
    QDateTime createdAt;
    QString createdBy;
    QString signer;
    QDateTime notBefore;
    QDateTime deadline; // invalid: none
    QDateTime expiresAt;
    QDateTime cancelledAt;
    QString cancelledBy;
    QString select; // a patch job's "security", "all" or "packages"
    QStringList packages; // "name" or "name=version"
    QString reboot;
    std::optional<int> maxConcurrent;
    QMap<QString, qint64> counts;

    qint64 deviceCount() const;
    // Devices in a final state (jobs::isFinalDeviceJobState).
    qint64 finishedCount() const;
    // Only an active or paused deployment can be cancelled.
    bool isCancellable() const;

    static DeploymentRecord fromJson(const QJsonObject &object);
    static QList<DeploymentRecord> listFromJson(const QJsonArray &array);
};

// The Deployments view's list, newest first as the server sends it. The progress column's
// counts (CountsRole) are painted as a bar by the view; its text says the same in words.
class DeploymentTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { State, What, Devices, Progress, Created, By, Deadline, Expires, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole + 1,
        IdRole,
        StateCodeRole, // the deployment's state code
        CountsRole, // QVariantMap: device job state -> devices
        SearchRole, // every text of the row, for the search field
        CancellableRole,
    };
    Q_ENUM(Role)

    // How the progress bar groups device job states; each group has its colour and its words.
    enum class ProgressGroup { Succeeded, Failed, InProgress, Queued, Other };

    // "Created 3 h ago" is judged against `clock`.
    explicit DeploymentTableModel(const Clock &clock, QObject *parent = nullptr);

    void setDeployments(const QList<DeploymentRecord> &deployments);
    // Replaces the row with the same id (as the cancel answers it); false when there is none.
    bool updateDeployment(const DeploymentRecord &deployment);
    const QList<DeploymentRecord> &deployments() const;
    int rowOfDeployment(const QString &id) const;
    // Relative times age: the view calls this on a timer.
    void refreshTimes();

    // A person's words for a deployment state ("Active") and a device job state ("Timed out");
    // the code itself for one this console does not know.
    static QString describeState(const QString &state);
    static QString describeDeviceState(const QString &state);
    // "Security updates", "All updates", "3 packages".
    static QString describeWhat(const QString &select, const QStringList &packages);
    static QString describeReboot(const QString &reboot);
    // A shape as well as a colour for the state: a clock while active, a tick once completed
    // (an exclamation mark when devices failed), a bar when cancelled.
    static QIcon stateIcon(const DeploymentRecord &deployment);
    static ProgressGroup progressGroup(const QString &deviceState);
    // Green, red, blue, grey; the last for the rest.
    static QColor progressColor(ProgressGroup group);
    // "2 of 3 finished".
    static QString progressText(const QMap<QString, qint64> &counts);
    // "1 succeeded, 1 failed, 1 queued": every state with devices, in the bar's order.
    static QString countsText(const QMap<QString, qint64> &counts);
    // The states with devices in `counts`, in the bar's order (by group, then by name).
    static QStringList orderedStates(const QMap<QString, qint64> &counts);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const DeploymentRecord &deployment, int column) const;
    QVariant toolTip(const DeploymentRecord &deployment, int column) const;

    const Clock &m_clock;
    QList<DeploymentRecord> m_deployments;
};

} // namespace steward::app
