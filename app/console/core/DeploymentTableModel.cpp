// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentTableModel.h"

#include "ApiTime.h"
#include "Clock.h"
#include "RelativeTime.h"
#include "StatusIcon.h"
#include "jobs/JobStates.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QVariantMap>

#include <algorithm>

namespace steward::app
{

qint64 DeploymentRecord::deviceCount() const
{
    qint64 total = 0;
    for (const qint64 count : counts) {
        total += count;
    }
    return total;
}

qint64 DeploymentRecord::finishedCount() const
{
    qint64 finished = 0;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        if (jobs::isFinalDeviceJobState(it.key())) {
            finished += it.value();
        }
    }
    return finished;
}

bool DeploymentRecord::isCancellable() const
{
    return state == QLatin1String("active") || state == QLatin1String("paused");
}

DeploymentRecord DeploymentRecord::fromJson(const QJsonObject &object)
{
    DeploymentRecord deployment;
    deployment.id = object.value(QStringLiteral("id")).toString();
    deployment.kind = object.value(QStringLiteral("kind")).toString();
    deployment.state = object.value(QStringLiteral("state")).toString();
    deployment.createdAt = ApiTime::parse(object.value(QStringLiteral("createdAt")));
    deployment.createdBy = object.value(QStringLiteral("createdBy")).toString();
    deployment.signer = object.value(QStringLiteral("signer")).toString();
    deployment.notBefore = ApiTime::parse(object.value(QStringLiteral("notBefore")));
    deployment.deadline = ApiTime::parse(object.value(QStringLiteral("deadline")));
    deployment.expiresAt = ApiTime::parse(object.value(QStringLiteral("expiresAt")));
    deployment.cancelledAt = ApiTime::parse(object.value(QStringLiteral("cancelledAt")));
    deployment.cancelledBy = object.value(QStringLiteral("cancelledBy")).toString();

    const QJsonObject summary = object.value(QStringLiteral("summary")).toObject();
    deployment.select = summary.value(QStringLiteral("select")).toString();
    for (const QJsonValue &value : summary.value(QStringLiteral("packages")).toArray()) {
        const QJsonObject package = value.toObject();
        const QString name = package.value(QStringLiteral("name")).toString();
        const QString version = package.value(QStringLiteral("version")).toString();
        if (!name.isEmpty()) {
            deployment.packages.append(version.isEmpty() ? name : name + QLatin1Char('=') + version);
        }
    }
    deployment.reboot = summary.value(QStringLiteral("reboot")).toString();
    if (summary.value(QStringLiteral("maxConcurrent")).isDouble()) {
        deployment.maxConcurrent = summary.value(QStringLiteral("maxConcurrent")).toInt();
    }

    const QJsonObject counts = object.value(QStringLiteral("counts")).toObject();
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        // A negative or fractional count is not one the server sends: ignore it.
        const double count = it.value().toDouble();
        if (count > 0) {
            deployment.counts.insert(it.key(), qint64(count));
        }
    }
    return deployment;
}

QList<DeploymentRecord> DeploymentRecord::listFromJson(const QJsonArray &array)
{
    QList<DeploymentRecord> deployments;
    deployments.reserve(array.size());
    for (const QJsonValue &value : array) {
        DeploymentRecord deployment = fromJson(value.toObject());
        if (!deployment.id.isEmpty()) {
            deployments.append(std::move(deployment));
        }
    }
    return deployments;
}

DeploymentTableModel::DeploymentTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

void DeploymentTableModel::setDeployments(const QList<DeploymentRecord> &deployments)
{
    beginResetModel();
    m_deployments = deployments;
    endResetModel();
}

bool DeploymentTableModel::updateDeployment(const DeploymentRecord &deployment)
{
    const int row = rowOfDeployment(deployment.id);
    if (row < 0) {
        return false;
    }
    m_deployments[row] = deployment;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

const QList<DeploymentRecord> &DeploymentTableModel::deployments() const
{
    return m_deployments;
}

int DeploymentTableModel::rowOfDeployment(const QString &id) const
{
    for (qsizetype row = 0; row < m_deployments.size(); ++row) {
        if (m_deployments.at(row).id == id) {
            return int(row);
        }
    }
    return -1;
}

void DeploymentTableModel::refreshTimes()
{
    if (!m_deployments.isEmpty()) {
        Q_EMIT dataChanged(index(0, Created), index(rowCount() - 1, Created), {Qt::DisplayRole});
    }
}

QString DeploymentTableModel::describeState(const QString &state)
{
    if (state == QLatin1String("active")) {
        return tr("Active");
    }
    if (state == QLatin1String("paused")) {
        return tr("Paused");
    }
    if (state == QLatin1String("completed")) {
        return tr("Completed");
    }
    if (state == QLatin1String("cancelled")) {
        return tr("Cancelled");
    }
    if (state == QLatin1String("expired")) {
        return tr("Expired");
    }
    return state;
}

QString DeploymentTableModel::describeDeviceState(const QString &state)
{
    static const struct {
        const char *code;
        const char *text;
    } states[] = {
        {"queued", QT_TR_NOOP("Queued")},
        {"delivered", QT_TR_NOOP("Delivered")},
        {"waiting", QT_TR_NOOP("Waiting")},
        {"running", QT_TR_NOOP("Running")},
        {"succeeded", QT_TR_NOOP("Succeeded")},
        {"failed", QT_TR_NOOP("Failed")},
        {"not-applicable", QT_TR_NOOP("Not applicable")},
        {"rejected", QT_TR_NOOP("Rejected")},
        {"timed-out", QT_TR_NOOP("Timed out")},
        {"cancelled", QT_TR_NOOP("Cancelled")},
        {"expired", QT_TR_NOOP("Expired")},
        {"unknown", QT_TR_NOOP("Unknown")},
    };
    for (const auto &known : states) {
        if (state == QLatin1String(known.code)) {
            return tr(known.text);
        }
    }
    return state;
}

QString DeploymentTableModel::describeWhat(const QString &select, const QStringList &packages)
{
    if (select == QLatin1String("security")) {
        return tr("Security updates");
    }
    if (select == QLatin1String("all")) {
        return tr("All updates");
    }
    if (select == QLatin1String("packages")) {
        return tr("%n packages", nullptr, int(packages.size()));
    }
    return select;
}

QString DeploymentTableModel::describeReboot(const QString &reboot)
{
    if (reboot == QLatin1String("never")) {
        return tr("Never restart");
    }
    if (reboot == QLatin1String("if-required")) {
        return tr("Restart if an update requires it");
    }
    if (reboot == QLatin1String("at-deadline")) {
        return tr("Restart at the deadline");
    }
    return reboot;
}

QIcon DeploymentTableModel::stateIcon(const DeploymentRecord &deployment)
{
    const bool failures = std::any_of(deployment.counts.keyBegin(), deployment.counts.keyEnd(), [](const QString &s) {
        return progressGroup(s) == ProgressGroup::Failed;
    });
    if (deployment.state == QLatin1String("completed")) {
        return StatusIcon::icon(failures ? StatusIcon::Kind::Warning : StatusIcon::Kind::Good);
    }
    if (deployment.state == QLatin1String("cancelled")) {
        return StatusIcon::icon(StatusIcon::Kind::Revoked);
    }
    if (deployment.state == QLatin1String("expired")) {
        return StatusIcon::icon(StatusIcon::Kind::Warning);
    }
    if (deployment.state == QLatin1String("active") || deployment.state == QLatin1String("paused")) {
        return StatusIcon::icon(StatusIcon::Kind::Stale);
    }
    return StatusIcon::icon(StatusIcon::Kind::Unknown);
}

DeploymentTableModel::ProgressGroup DeploymentTableModel::progressGroup(const QString &deviceState)
{
    if (deviceState == QLatin1String("succeeded")) {
        return ProgressGroup::Succeeded;
    }
    if (deviceState == QLatin1String("failed") || deviceState == QLatin1String("rejected")
        || deviceState == QLatin1String("timed-out")) {
        return ProgressGroup::Failed;
    }
    if (deviceState == QLatin1String("running") || deviceState == QLatin1String("delivered")
        || deviceState == QLatin1String("waiting")) {
        return ProgressGroup::InProgress;
    }
    if (deviceState == QLatin1String("queued")) {
        return ProgressGroup::Queued;
    }
    return ProgressGroup::Other;
}

QColor DeploymentTableModel::progressColor(ProgressGroup group)
{
    switch (group) {
    case ProgressGroup::Succeeded:
        return QColor(0x2e, 0x7d, 0x32);
    case ProgressGroup::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case ProgressGroup::InProgress:
        return QColor(0x15, 0x65, 0xc0);
    case ProgressGroup::Queued:
        return QColor(0x9e, 0x9e, 0x9e);
    case ProgressGroup::Other:
        break;
    }
    return QColor(0x8d, 0x6e, 0x63);
}

QStringList DeploymentTableModel::orderedStates(const QMap<QString, qint64> &counts)
{
    QStringList states;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        if (it.value() > 0) {
            states.append(it.key());
        }
    }
    std::stable_sort(states.begin(), states.end(), [](const QString &a, const QString &b) {
        return int(progressGroup(a)) < int(progressGroup(b));
    });
    return states;
}

QString DeploymentTableModel::progressText(const QMap<QString, qint64> &counts)
{
    qint64 total = 0;
    qint64 finished = 0;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        total += it.value();
        if (jobs::isFinalDeviceJobState(it.key())) {
            finished += it.value();
        }
    }
    return tr("%1 of %n finished", nullptr, int(total)).arg(QLocale().toString(finished));
}

QString DeploymentTableModel::countsText(const QMap<QString, qint64> &counts)
{
    QStringList parts;
    for (const QString &state : orderedStates(counts)) {
        parts.append(tr("%1: %2").arg(describeDeviceState(state), QLocale().toString(counts.value(state))));
    }
    return parts.isEmpty() ? tr("No devices") : parts.join(QStringLiteral(", "));
}

int DeploymentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_deployments.size());
}

int DeploymentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentTableModel::display(const DeploymentRecord &deployment, int column) const
{
    switch (column) {
    case State:
        return describeState(deployment.state);
    case What:
        return describeWhat(deployment.select, deployment.packages);
    case Devices:
        return QLocale().toString(deployment.deviceCount());
    case Progress:
        return progressText(deployment.counts);
    case Created:
        return RelativeTime::ago(deployment.createdAt, m_clock.now());
    case By:
        return deployment.createdBy;
    case Deadline:
        return deployment.deadline.isValid() ? RelativeTime::absolute(deployment.deadline) : tr("None");
    case Expires:
        return RelativeTime::absolute(deployment.expiresAt);
    }
    return {};
}

QVariant DeploymentTableModel::toolTip(const DeploymentRecord &deployment, int column) const
{
    switch (column) {
    case State:
        if (deployment.state == QLatin1String("cancelled") && deployment.cancelledAt.isValid()) {
            return tr("Cancelled by %1 on %2")
                .arg(deployment.cancelledBy, RelativeTime::absolute(deployment.cancelledAt));
        }
        return {};
    case What: {
        QStringList lines;
        if (!deployment.packages.isEmpty()) {
            lines.append(deployment.packages.join(QStringLiteral(", ")));
        }
        if (!deployment.reboot.isEmpty()) {
            lines.append(describeReboot(deployment.reboot));
        }
        if (deployment.notBefore.isValid()) {
            lines.append(tr("Not before %1").arg(RelativeTime::absolute(deployment.notBefore)));
        }
        return lines.join(QLatin1Char('\n'));
    }
    case Progress:
        return countsText(deployment.counts);
    case Created:
        return RelativeTime::absolute(deployment.createdAt);
    case By:
        return deployment.signer.isEmpty() ? QVariant() : tr("Signed with the operator key %1").arg(deployment.signer);
    }
    return {};
}

QVariant DeploymentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DeploymentRecord &deployment = m_deployments.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(deployment, index.column());
    case Qt::ToolTipRole:
        return toolTip(deployment, index.column());
    case Qt::DecorationRole:
        return index.column() == State ? QVariant(stateIcon(deployment)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Devices) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Devices:
            return deployment.deviceCount();
        case Progress:
            // The share of devices finished, in thousandths.
            return deployment.deviceCount() > 0 ? deployment.finishedCount() * 1000 / deployment.deviceCount() : 0;
        case Created:
            return deployment.createdAt;
        case Deadline:
            return deployment.deadline;
        case Expires:
            return deployment.expiresAt;
        default:
            return display(deployment, index.column());
        }
    case IdRole:
        return deployment.id;
    case StateCodeRole:
        return deployment.state;
    case CountsRole: {
        QVariantMap counts;
        for (auto it = deployment.counts.constBegin(); it != deployment.counts.constEnd(); ++it) {
            counts.insert(it.key(), it.value());
        }
        return counts;
    }
    case SearchRole:
        return QStringList{deployment.id,
                           describeState(deployment.state),
                           describeWhat(deployment.select, deployment.packages),
                           deployment.packages.join(QLatin1Char(' ')),
                           deployment.createdBy,
                           countsText(deployment.counts)}
            .join(QLatin1Char('\n'));
    case CancellableRole:
        return deployment.isCancellable();
    default:
        return {};
    }
}

QVariant DeploymentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case State:
        return tr("State");
    case What:
        return tr("What");
    case Devices:
        return tr("Devices");
    case Progress:
        return tr("Progress");
    case Created:
        return tr("Created");
    case By:
        return tr("By");
    case Deadline:
        return tr("Deadline");
    case Expires:
        return tr("Expires");
    default:
        return {};
    }
}

} // namespace steward::app
