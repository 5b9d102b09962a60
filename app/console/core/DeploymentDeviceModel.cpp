// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentDeviceModel.h"

#include "ApiTime.h"
#include "Clock.h"
#include "DeploymentTableModel.h"
#include "RelativeTime.h"
#include "StatusIcon.h"

#include <QJsonArray>
#include <QLocale>

namespace steward::app
{

namespace
{
// An item is installed once the job ran it or found it done ("upgraded": older agents).
bool isInstalled(const QString &result)
{
    return result == QLatin1String("installed") || result == QLatin1String("already-installed")
        || result == QLatin1String("upgraded");
}

// An update that does not apply to the device (not installed there) is not one it lacks.
bool counts(const QString &result)
{
    return result != QLatin1String("not-applicable");
}
} // namespace

void DeviceJobRecord::checkReceipt(const QByteArray &caPem)
{
    QJsonObject device = json;
    device.insert(QStringLiteral("id"), deviceId);
    receipt = deployment::receiptCheck(device, jobId, caPem);
}

DeviceJobRecord DeviceJobRecord::fromJson(const QJsonObject &object)
{
    DeviceJobRecord job;
    job.deviceId = object.value(QStringLiteral("id")).toString();
    job.hostname = object.value(QStringLiteral("hostname")).toString();
    job.jobId = object.value(QStringLiteral("jobId")).toString();
    job.kind = object.value(QStringLiteral("kind")).toString();
    const QJsonObject summary = object.value(QStringLiteral("summary")).toObject();
    job.select = summary.value(QStringLiteral("select")).toString();
    for (const QJsonValue &value : summary.value(QStringLiteral("packages")).toArray()) {
        const QString name = value.toObject().value(QStringLiteral("name")).toString();
        if (!name.isEmpty()) {
            job.packages.append(name);
        }
    }
    job.createdAt = ApiTime::parse(object.value(QStringLiteral("createdAt")));
    job.state = object.value(QStringLiteral("state")).toString();
    job.reason = object.value(QStringLiteral("reason")).toString();
    job.message = object.value(QStringLiteral("message")).toString();
    const QJsonValue exitCode = object.value(QStringLiteral("exitCode"));
    if (exitCode.isDouble()) {
        job.exitCode = qint64(exitCode.toDouble());
    }
    job.agentOutcome = object.value(QStringLiteral("agentOutcome")).toString();
    for (const QJsonValue &item : object.value(QStringLiteral("items")).toArray()) {
        const QString result = item.toObject().value(QStringLiteral("result")).toString();
        if (counts(result)) {
            ++job.items;
            job.itemsInstalled += isInstalled(result) ? 1 : 0;
        }
    }
    job.updatedAt = ApiTime::parse(object.value(QStringLiteral("updatedAt")));
    job.json = object;
    return job;
}

QList<DeviceJobRecord> DeviceJobRecord::listFromJson(const QJsonArray &array)
{
    QList<DeviceJobRecord> jobs;
    jobs.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            jobs.append(fromJson(value.toObject()));
        }
    }
    return jobs;
}

QList<DeviceJobRecord> DeviceJobRecord::ofDeployment(const QJsonObject &deployment, const QByteArray &caPem)
{
    const QString id = deployment.value(QStringLiteral("id")).toString();
    QList<DeviceJobRecord> jobs = listFromJson(deployment.value(QStringLiteral("devices")).toArray());
    for (DeviceJobRecord &job : jobs) {
        job.jobId = id;
        job.kind = deployment.value(QStringLiteral("kind")).toString();
        job.checkReceipt(caPem);
    }
    return jobs;
}

QList<DeviceJobRecord> DeviceJobRecord::ofDevice(const QString &deviceId,
                                                 const QJsonArray &array,
                                                 const QByteArray &caPem)
{
    QList<DeviceJobRecord> jobs = listFromJson(array);
    for (DeviceJobRecord &job : jobs) {
        job.deviceId = deviceId;
        job.checkReceipt(caPem);
    }
    return jobs;
}

DeploymentDeviceModel::DeploymentDeviceModel(Perspective perspective, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_perspective(perspective)
    , m_clock(clock)
{
}

void DeploymentDeviceModel::setJobs(const QList<DeviceJobRecord> &jobs)
{
    beginResetModel();
    m_jobs = jobs;
    endResetModel();
}

const QList<DeviceJobRecord> &DeploymentDeviceModel::jobs() const
{
    return m_jobs;
}

DeploymentDeviceModel::Perspective DeploymentDeviceModel::perspective() const
{
    return m_perspective;
}

QString DeploymentDeviceModel::stateText(const DeviceJobRecord &job)
{
    const QString state = DeploymentTableModel::describeDeviceState(job.state);
    return job.reason.isEmpty() ? state : tr("%1 (%2)").arg(state, job.reason);
}

QString DeploymentDeviceModel::itemsText(const DeviceJobRecord &job)
{
    if (job.items == 0) {
        return QString();
    }
    return tr("%1 of %n installed", nullptr, job.items).arg(QLocale().toString(job.itemsInstalled));
}

QString DeploymentDeviceModel::whatText(const DeviceJobRecord &job)
{
    if (job.select.isEmpty() && !job.kind.isEmpty() && job.kind != QLatin1String("patch")) {
        return job.kind;
    }
    return DeploymentTableModel::describeWhat(job.select, job.packages);
}

QString DeploymentDeviceModel::receiptText(deployment::ReceiptCheck check)
{
    switch (check) {
    case deployment::ReceiptCheck::Verified:
        return tr("Verified");
    case deployment::ReceiptCheck::NotChecked:
        return tr("Not checked");
    case deployment::ReceiptCheck::Invalid:
        return tr("INVALID");
    case deployment::ReceiptCheck::None:
        break;
    }
    return tr("None");
}

QString DeploymentDeviceModel::receiptExplanation(deployment::ReceiptCheck check)
{
    switch (check) {
    case deployment::ReceiptCheck::Verified:
        return tr("Signed by the device: its certificate from the site CA vouches for this result.");
    case deployment::ReceiptCheck::NotChecked:
        return tr("Not checked: the server sent no certificate of the device to check the receipt with.");
    case deployment::ReceiptCheck::Invalid:
        return tr(
            "INVALID: the receipt is not signed by this device's certificate, or it says something else "
            "than the server shows. Do not trust this result.");
    case deployment::ReceiptCheck::None:
        break;
    }
    return tr("No receipt: the device has not signed a result for this deployment (yet).");
}

QIcon DeploymentDeviceModel::receiptIcon(deployment::ReceiptCheck check)
{
    switch (check) {
    case deployment::ReceiptCheck::Verified:
        return StatusIcon::icon(StatusIcon::Kind::Good);
    case deployment::ReceiptCheck::Invalid:
        return StatusIcon::icon(StatusIcon::Kind::Bad);
    case deployment::ReceiptCheck::NotChecked:
        return StatusIcon::icon(StatusIcon::Kind::Warning);
    case deployment::ReceiptCheck::None:
        break;
    }
    return StatusIcon::icon(StatusIcon::Kind::Unknown);
}

int DeploymentDeviceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int DeploymentDeviceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentDeviceModel::display(const DeviceJobRecord &job, int column) const
{
    switch (column) {
    case Subject:
        if (m_perspective == Perspective::DevicesOfDeployment) {
            return job.hostname.isEmpty() ? job.deviceId : job.hostname;
        }
        return whatText(job);
    case State:
        return stateText(job);
    case ExitCode:
        return job.exitCode ? QLocale().toString(*job.exitCode) : QString();
    case Items:
        return itemsText(job);
    case Receipt:
        return receiptText(job.receipt);
    case Updated:
        return RelativeTime::ago(job.updatedAt, m_clock.now());
    case Created:
        return RelativeTime::absolute(job.createdAt);
    case Deployment:
        return job.jobId;
    }
    return {};
}

QVariant DeploymentDeviceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DeviceJobRecord &job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(job, index.column());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Subject:
            if (m_perspective == Perspective::DevicesOfDeployment) {
                return job.deviceId;
            }
            return job.packages.isEmpty() ? QVariant() : QVariant(job.packages.join(QStringLiteral(", ")));
        case State:
            return job.message.isEmpty() ? QVariant() : QVariant(job.message);
        case Receipt:
            return receiptExplanation(job.receipt);
        case Updated:
            return RelativeTime::absolute(job.updatedAt);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == State) {
            switch (DeploymentTableModel::progressGroup(job.state)) {
            case DeploymentTableModel::ProgressGroup::Succeeded:
                return StatusIcon::icon(StatusIcon::Kind::Good);
            case DeploymentTableModel::ProgressGroup::Failed:
                return StatusIcon::icon(StatusIcon::Kind::Bad);
            case DeploymentTableModel::ProgressGroup::InProgress:
            case DeploymentTableModel::ProgressGroup::Queued:
                return StatusIcon::icon(StatusIcon::Kind::Stale);
            case DeploymentTableModel::ProgressGroup::Other:
                return StatusIcon::icon(StatusIcon::Kind::Unknown);
            }
        }
        if (index.column() == Receipt) {
            return receiptIcon(job.receipt);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ExitCode) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case ExitCode:
            return job.exitCode ? QVariant(*job.exitCode) : QVariant(qint64(-1));
        case Items:
            return job.itemsInstalled * 100000 + job.items;
        case Receipt:
            return int(job.receipt);
        case Updated:
            return job.updatedAt;
        case Created:
            return job.createdAt;
        default:
            return display(job, index.column());
        }
    case DeviceIdRole:
        return job.deviceId;
    case JobIdRole:
        return job.jobId;
    case StateCodeRole:
        return job.state;
    case SearchRole:
        return QStringList{job.deviceId,
                           job.hostname,
                           job.jobId,
                           stateText(job),
                           receiptText(job.receipt),
                           job.packages.join(QLatin1Char(' '))}
            .join(QLatin1Char('\n'));
    default:
        return {};
    }
}

QVariant DeploymentDeviceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Subject:
        return m_perspective == Perspective::DevicesOfDeployment ? tr("Device") : tr("Deployment");
    case State:
        return tr("State");
    case ExitCode:
        return tr("Exit code");
    case Items:
        return tr("Updates");
    case Receipt:
        return tr("Receipt");
    case Updated:
        return tr("Updated");
    case Created:
        return tr("Created");
    case Deployment:
        return tr("Deployment ID");
    default:
        return {};
    }
}

} // namespace steward::app
