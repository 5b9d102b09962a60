// SPDX-License-Identifier: GPL-3.0-or-later
// The Deployments view's list, fed with GET /api/v1/jobs as the server answers it: what a row
// says in every column, the device counts behind the progress bar, the roles the view sorts,
// filters and acts on, and rows that change in place.
#include "DeploymentTableModel.h"
#include "ManualClock.h"
#include "RelativeTime.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>

using steward::app::DeploymentRecord;
using steward::app::DeploymentTableModel;
using Group = steward::app::DeploymentTableModel::ProgressGroup;

namespace
{
const QString activeId = QStringLiteral("3f0c7a52-9a1e-4d2b-8c43-5e6f7a8b9c01");
const QString completedId = QStringLiteral("7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e");
const QString cancelledId = QStringLiteral("0b8e1f2a-6c3d-4e5f-9a7b-1c2d3e4f5a6b");
const QString expiredId = QStringLiteral("c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f");
const QString pausedId = QStringLiteral("5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716");

// GET /api/v1/jobs as steward-server answers it (JobRoutes.cpp, jobJson): newest first, counts
// only for the states devices are in.
const char *const recordedJobs = R"json([
  {"id": "3f0c7a52-9a1e-4d2b-8c43-5e6f7a8b9c01", "kind": "patch", "state": "active",
   "createdAt": "2024-05-01T11:00:00Z", "createdBy": "admin",
   "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
   "notBefore": "2024-05-01T11:00:00Z", "deadline": "2024-05-03T18:00:00Z", "expiresAt": "2024-05-08T11:00:00Z",
   "cancelledBy": null, "cancelledAt": null,
   "summary": {"select": "packages",
               "packages": [{"name": "openssl", "version": ""}, {"name": "libssl3", "version": "3.0.13-1~deb12u1"}],
               "reboot": "if-required", "maxRuntimeSeconds": 3600, "maxConcurrent": 10},
   "rollout": null,
   "counts": {"succeeded": 3, "failed": 1, "running": 2, "queued": 4}},
  {"id": "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716", "kind": "patch", "state": "paused",
   "createdAt": "2024-04-30T16:45:00Z", "createdBy": "maria",
   "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
   "notBefore": "2024-04-30T16:45:00Z", "deadline": null, "expiresAt": "2024-05-07T16:45:00Z",
   "cancelledBy": null, "cancelledAt": null,
   "summary": {"select": "all", "packages": [], "reboot": "never", "maxRuntimeSeconds": 7200},
   "rollout": {"pilot": ["d-0001"], "pilotSuccessRatio": 1},
   "counts": {"queued": 2, "waiting": 1, "unknown": 1}},
  {"id": "7d1c2b9e-3f4a-4b5c-8d6e-0f1a2b3c4d5e", "kind": "patch", "state": "completed",
   "createdAt": "2024-04-28T09:30:00Z", "createdBy": "admin",
   "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
   "notBefore": "2024-04-28T09:30:00Z", "deadline": null, "expiresAt": "2024-05-05T09:30:00Z",
   "cancelledBy": null, "cancelledAt": null,
   "summary": {"select": "security", "packages": [], "reboot": "never", "maxRuntimeSeconds": 3600},
   "rollout": null,
   "counts": {"succeeded": 5, "not-applicable": 1}},
  {"id": "0b8e1f2a-6c3d-4e5f-9a7b-1c2d3e4f5a6b", "kind": "patch", "state": "cancelled",
   "createdAt": "2024-04-25T08:00:00Z", "createdBy": "admin",
   "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
   "notBefore": "2024-04-25T08:00:00Z", "deadline": null, "expiresAt": "2024-05-02T08:00:00Z",
   "cancelledBy": "maria", "cancelledAt": "2024-04-26T08:00:00Z",
   "summary": {"select": "all", "packages": [], "reboot": "at-deadline", "maxRuntimeSeconds": 3600},
   "rollout": null,
   "counts": {"cancelled": 2, "succeeded": 1, "timed-out": 1}},
  {"id": "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f", "kind": "patch", "state": "expired",
   "createdAt": "2024-04-01T08:00:00Z", "createdBy": "admin",
   "signer": "5c1f0a8e9d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e",
   "notBefore": "2024-04-01T08:00:00Z", "deadline": null, "expiresAt": "2024-04-08T08:00:00Z",
   "cancelledBy": null, "cancelledAt": null,
   "summary": {"select": "security", "packages": [], "reboot": "never", "maxRuntimeSeconds": 3600},
   "rollout": null,
   "counts": {"expired": 3}}
])json";

QJsonArray recorded()
{
    return QJsonDocument::fromJson(QByteArray(recordedJobs)).array();
}

QMap<QString, qint64> countsOf(std::initializer_list<std::pair<const char *, qint64>> counts)
{
    QMap<QString, qint64> map;
    for (const auto &[state, count] : counts) {
        map.insert(QLatin1String(state), count);
    }
    return map;
}
} // namespace

class TestDeploymentTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void parsesTheList();
    void countsByState_data();
    void countsByState();
    void progressGroups_data();
    void progressGroups();
    void countsText();
    void everyCellAnswers();
    void displayedColumns();
    void roles();
    void sortsByRole_data();
    void sortsByRole();
    void searchFindsPackagesAndPeople();
    void updateReplacesTheRow();
    void timesAge();
    void unknownCodesAreShownAsSent();

private:
    int row(const QString &id) const
    {
        return m_model->rowOfDeployment(id);
    }
    QString cell(const QString &id, int column, int role = Qt::DisplayRole) const
    {
        return m_model->index(row(id), column).data(role).toString();
    }

    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<DeploymentTableModel> m_model;
};

void TestDeploymentTableModel::init()
{
    m_model = std::make_unique<DeploymentTableModel>(m_clock);
    m_model->setDeployments(DeploymentRecord::listFromJson(recorded()));
}

void TestDeploymentTableModel::parsesTheList()
{
    const QList<DeploymentRecord> &deployments = m_model->deployments();
    QCOMPARE(deployments.size(), 5);
    QCOMPARE(deployments.at(0).id, activeId); // the server's order: newest first

    const DeploymentRecord &active = deployments.at(0);
    QCOMPARE(active.kind, QStringLiteral("patch"));
    QCOMPARE(active.state, QStringLiteral("active"));
    QCOMPARE(active.createdAt, QDateTime(QDate(2024, 5, 1), QTime(11, 0), Qt::UTC));
    QCOMPARE(active.createdBy, QStringLiteral("admin"));
    QCOMPARE(active.deadline, QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC));
    QCOMPARE(active.select, QStringLiteral("packages"));
    QCOMPARE(active.packages, (QStringList{QStringLiteral("openssl"), QStringLiteral("libssl3=3.0.13-1~deb12u1")}));
    QCOMPARE(active.reboot, QStringLiteral("if-required"));
    QCOMPARE(active.maxConcurrent.value_or(-1), 10);
    QCOMPARE(active.counts, countsOf({{"succeeded", 3}, {"failed", 1}, {"running", 2}, {"queued", 4}}));

    // null is no deadline, no limit, not cancelled.
    const DeploymentRecord &paused = deployments.at(1);
    QVERIFY(!paused.deadline.isValid());
    QVERIFY(!paused.maxConcurrent);
    QVERIFY(!paused.cancelledAt.isValid());

    const DeploymentRecord &cancelled = deployments.at(3);
    QCOMPARE(cancelled.cancelledBy, QStringLiteral("maria"));
    QCOMPARE(cancelled.cancelledAt, QDateTime(QDate(2024, 4, 26), QTime(8, 0), Qt::UTC));

    // Rows without an id are not deployments; counts the server would never send are ignored.
    QJsonArray odd = recorded();
    QJsonObject broken = odd.at(0).toObject();
    broken.insert(QStringLiteral("counts"),
                  QJsonObject{{QStringLiteral("succeeded"), -2}, {QStringLiteral("failed"), 1}});
    odd.replace(0, broken);
    odd.append(QJsonObject{{QStringLiteral("state"), QStringLiteral("active")}});
    odd.append(QJsonValue(42));
    const QList<DeploymentRecord> parsed = DeploymentRecord::listFromJson(odd);
    QCOMPARE(parsed.size(), 5);
    QCOMPARE(parsed.at(0).counts, countsOf({{"failed", 1}}));
}

void TestDeploymentTableModel::countsByState_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("devices");
    QTest::addColumn<qint64>("finished");
    QTest::addColumn<bool>("cancellable");
    QTest::newRow("active") << activeId << qint64(10) << qint64(4) << true;
    QTest::newRow("paused: unknown is not final") << pausedId << qint64(4) << qint64(0) << true;
    QTest::newRow("completed: not applicable is final") << completedId << qint64(6) << qint64(6) << false;
    QTest::newRow("cancelled") << cancelledId << qint64(4) << qint64(4) << false;
    QTest::newRow("expired") << expiredId << qint64(3) << qint64(3) << false;
}

void TestDeploymentTableModel::countsByState()
{
    QFETCH(QString, id);
    QFETCH(qint64, devices);
    QFETCH(qint64, finished);
    QFETCH(bool, cancellable);
    const DeploymentRecord &deployment = m_model->deployments().at(row(id));
    QCOMPARE(deployment.deviceCount(), devices);
    QCOMPARE(deployment.finishedCount(), finished);
    QCOMPARE(deployment.isCancellable(), cancellable);
    QCOMPARE(cell(id, DeploymentTableModel::Devices), QLocale().toString(devices));
    QCOMPARE(cell(id, DeploymentTableModel::Progress),
             DeploymentTableModel::tr("%1 of %n finished", nullptr, int(devices)).arg(QLocale().toString(finished)));
    QCOMPARE(m_model->index(row(id), 0).data(DeploymentTableModel::CancellableRole).toBool(), cancellable);
    // The progress column sorts by the share finished, in thousandths.
    QCOMPARE(m_model->index(row(id), DeploymentTableModel::Progress).data(DeploymentTableModel::SortRole).toLongLong(),
             finished * 1000 / devices);
}

void TestDeploymentTableModel::progressGroups_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<Group>("group");
    QTest::newRow("succeeded") << QStringLiteral("succeeded") << Group::Succeeded;
    QTest::newRow("failed") << QStringLiteral("failed") << Group::Failed;
    QTest::newRow("rejected") << QStringLiteral("rejected") << Group::Failed;
    QTest::newRow("timed-out") << QStringLiteral("timed-out") << Group::Failed;
    QTest::newRow("delivered") << QStringLiteral("delivered") << Group::InProgress;
    QTest::newRow("waiting") << QStringLiteral("waiting") << Group::InProgress;
    QTest::newRow("running") << QStringLiteral("running") << Group::InProgress;
    QTest::newRow("queued") << QStringLiteral("queued") << Group::Queued;
    QTest::newRow("not-applicable") << QStringLiteral("not-applicable") << Group::Other;
    QTest::newRow("cancelled") << QStringLiteral("cancelled") << Group::Other;
    QTest::newRow("expired") << QStringLiteral("expired") << Group::Other;
    QTest::newRow("unknown") << QStringLiteral("unknown") << Group::Other;
}

void TestDeploymentTableModel::progressGroups()
{
    QFETCH(QString, state);
    QFETCH(Group, group);
    QCOMPARE(DeploymentTableModel::progressGroup(state), group);
    // Each group its own colour: the bar never paints two groups alike.
    QSet<QRgb> colours;
    for (const Group each : {Group::Succeeded, Group::Failed, Group::InProgress, Group::Queued, Group::Other}) {
        colours.insert(DeploymentTableModel::progressColor(each).rgb());
    }
    QCOMPARE(colours.size(), 5);
}

void TestDeploymentTableModel::countsText()
{
    // The bar's order: succeeded, failed, in progress, queued, the rest; by name within a group.
    const QMap<QString, qint64> counts =
        countsOf({{"queued", 4}, {"unknown", 1}, {"failed", 1}, {"running", 2}, {"succeeded", 3}, {"rejected", 1}});
    QCOMPARE(DeploymentTableModel::orderedStates(counts),
             (QStringList{QStringLiteral("succeeded"),
                          QStringLiteral("failed"),
                          QStringLiteral("rejected"),
                          QStringLiteral("running"),
                          QStringLiteral("queued"),
                          QStringLiteral("unknown")}));
    const auto part = [](const char *state, qint64 count) {
        return DeploymentTableModel::tr("%1: %2").arg(DeploymentTableModel::describeDeviceState(QLatin1String(state)),
                                                      QLocale().toString(count));
    };
    QCOMPARE(DeploymentTableModel::countsText(counts),
             QStringList({part("succeeded", 3),
                          part("failed", 1),
                          part("rejected", 1),
                          part("running", 2),
                          part("queued", 4),
                          part("unknown", 1)})
                 .join(QStringLiteral(", ")));
    QCOMPARE(DeploymentTableModel::countsText({}), DeploymentTableModel::tr("No devices"));
    // The tooltip of the progress column says it in words too.
    QCOMPARE(cell(activeId, DeploymentTableModel::Progress, Qt::ToolTipRole),
             DeploymentTableModel::countsText(m_model->deployments().at(row(activeId)).counts));
}

void TestDeploymentTableModel::everyCellAnswers()
{
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->columnCount(), int(DeploymentTableModel::ColumnCount));
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        for (int column = 0; column < m_model->columnCount(); ++column) {
            QVERIFY(m_model->index(row, column).data(DeploymentTableModel::SortRole).isValid());
        }
        // Every state has an icon, told apart by shape as well as colour.
        QVERIFY(!m_model->index(row, DeploymentTableModel::State).data(Qt::DecorationRole).value<QIcon>().isNull());
    }
}

void TestDeploymentTableModel::displayedColumns()
{
    QCOMPARE(cell(activeId, DeploymentTableModel::State), DeploymentTableModel::tr("Active"));
    QCOMPARE(cell(pausedId, DeploymentTableModel::State), DeploymentTableModel::tr("Paused"));
    QCOMPARE(cell(completedId, DeploymentTableModel::State), DeploymentTableModel::tr("Completed"));
    QCOMPARE(cell(cancelledId, DeploymentTableModel::State), DeploymentTableModel::tr("Cancelled"));
    QCOMPARE(cell(expiredId, DeploymentTableModel::State), DeploymentTableModel::tr("Expired"));

    QCOMPARE(cell(activeId, DeploymentTableModel::What), DeploymentTableModel::tr("%n packages", nullptr, 2));
    QCOMPARE(cell(completedId, DeploymentTableModel::What), DeploymentTableModel::tr("Security updates"));
    QCOMPARE(cell(pausedId, DeploymentTableModel::What), DeploymentTableModel::tr("All updates"));
    const QString what = cell(activeId, DeploymentTableModel::What, Qt::ToolTipRole);
    QVERIFY2(what.contains(QLatin1String("openssl, libssl3=3.0.13-1~deb12u1")), qPrintable(what));
    QVERIFY2(what.contains(DeploymentTableModel::describeReboot(QStringLiteral("if-required"))), qPrintable(what));

    QCOMPARE(cell(activeId, DeploymentTableModel::Created),
             steward::app::RelativeTime::ago(QDateTime(QDate(2024, 5, 1), QTime(11, 0), Qt::UTC), m_clock.now()));
    QCOMPARE(cell(activeId, DeploymentTableModel::By), QStringLiteral("admin"));
    QCOMPARE(cell(pausedId, DeploymentTableModel::By), QStringLiteral("maria"));
    QVERIFY(cell(activeId, DeploymentTableModel::By, Qt::ToolTipRole).contains(QLatin1String("5c1f0a8e")));
    QCOMPARE(cell(activeId, DeploymentTableModel::Deadline),
             steward::app::RelativeTime::absolute(QDateTime(QDate(2024, 5, 3), QTime(18, 0), Qt::UTC)));
    QCOMPARE(cell(completedId, DeploymentTableModel::Deadline), DeploymentTableModel::tr("None"));
    QCOMPARE(cell(expiredId, DeploymentTableModel::Expires),
             steward::app::RelativeTime::absolute(QDateTime(QDate(2024, 4, 8), QTime(8, 0), Qt::UTC)));
    // Who cancelled, and when.
    const QString cancelled = cell(cancelledId, DeploymentTableModel::State, Qt::ToolTipRole);
    QVERIFY2(cancelled.contains(QLatin1String("maria")), qPrintable(cancelled));
    QVERIFY(cell(activeId, DeploymentTableModel::State, Qt::ToolTipRole).isEmpty());
}

void TestDeploymentTableModel::roles()
{
    const QModelIndex active = m_model->index(row(activeId), DeploymentTableModel::Progress);
    QCOMPARE(active.data(DeploymentTableModel::IdRole).toString(), activeId);
    QCOMPARE(active.data(DeploymentTableModel::StateCodeRole).toString(), QStringLiteral("active"));
    const QVariantMap counts = active.data(DeploymentTableModel::CountsRole).toMap();
    QCOMPARE(counts.size(), 4);
    QCOMPARE(counts.value(QStringLiteral("succeeded")).toLongLong(), 3);
    QCOMPARE(counts.value(QStringLiteral("failed")).toLongLong(), 1);
    QCOMPARE(counts.value(QStringLiteral("running")).toLongLong(), 2);
    QCOMPARE(counts.value(QStringLiteral("queued")).toLongLong(), 4);
    QCOMPARE(m_model->index(row(cancelledId), 0).data(DeploymentTableModel::StateCodeRole).toString(),
             QStringLiteral("cancelled"));
    QCOMPARE(m_model->index(row(activeId), DeploymentTableModel::Devices).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(m_model->rowOfDeployment(QStringLiteral("no-such-deployment")), -1);
}

void TestDeploymentTableModel::sortsByRole_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("created, newest first") << int(DeploymentTableModel::Created) << Qt::DescendingOrder
                                           << QStringList{activeId, pausedId, completedId, cancelledId, expiredId};
    QTest::newRow("created, oldest first") << int(DeploymentTableModel::Created) << Qt::AscendingOrder
                                           << QStringList{expiredId, cancelledId, completedId, pausedId, activeId};
    // 10, 6, 4, 4, 3 devices: ties keep the server's order.
    QTest::newRow("devices, most first") << int(DeploymentTableModel::Devices) << Qt::DescendingOrder
                                         << QStringList{activeId, completedId, pausedId, cancelledId, expiredId};
    // 0, 40 %, then everything finished.
    QTest::newRow("progress, least first") << int(DeploymentTableModel::Progress) << Qt::AscendingOrder
                                           << QStringList{pausedId, activeId, completedId, cancelledId, expiredId};
    // Numbers, not texts: "10" after "4".
    QTest::newRow("devices, fewest first") << int(DeploymentTableModel::Devices) << Qt::AscendingOrder
                                           << QStringList{expiredId, pausedId, cancelledId, completedId, activeId};
}

void TestDeploymentTableModel::sortsByRole()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, ids);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(DeploymentTableModel::SortRole);
    proxy.sort(column, order);
    QStringList sorted;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        sorted.append(proxy.index(row, 0).data(DeploymentTableModel::IdRole).toString());
    }
    QCOMPARE(sorted, ids);
}

void TestDeploymentTableModel::searchFindsPackagesAndPeople()
{
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setFilterRole(DeploymentTableModel::SearchRole);
    proxy.setFilterKeyColumn(0);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(QStringLiteral("libssl3"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(DeploymentTableModel::IdRole).toString(), activeId);
    proxy.setFilterFixedString(QStringLiteral("MARIA"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(DeploymentTableModel::IdRole).toString(), pausedId);
    proxy.setFilterFixedString(DeploymentTableModel::tr("Expired"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterFixedString(completedId.left(8));
    QCOMPARE(proxy.rowCount(), 1);
}

void TestDeploymentTableModel::updateReplacesTheRow()
{
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    // As POST /jobs/{id}/cancel answers: the deployment as listed, now cancelled.
    QJsonObject answer = recorded().at(0).toObject();
    answer.insert(QStringLiteral("state"), QStringLiteral("cancelled"));
    answer.insert(QStringLiteral("cancelledBy"), QStringLiteral("admin"));
    answer.insert(QStringLiteral("cancelledAt"), QStringLiteral("2024-05-01T12:00:00Z"));
    answer.insert(
        QStringLiteral("counts"),
        QJsonObject{{QStringLiteral("succeeded"), 3}, {QStringLiteral("failed"), 1}, {QStringLiteral("cancelled"), 6}});
    QVERIFY(m_model->updateDeployment(DeploymentRecord::fromJson(answer)));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowOfDeployment(activeId), 0); // in place
    QCOMPARE(cell(activeId, DeploymentTableModel::State), DeploymentTableModel::tr("Cancelled"));
    QVERIFY(!m_model->index(0, 0).data(DeploymentTableModel::CancellableRole).toBool());
    QCOMPARE(cell(activeId, DeploymentTableModel::Progress),
             DeploymentTableModel::tr("%1 of %n finished", nullptr, 10).arg(QLocale().toString(10)));

    answer.insert(QStringLiteral("id"), QStringLiteral("not-listed"));
    QVERIFY(!m_model->updateDeployment(DeploymentRecord::fromJson(answer)));
    QCOMPARE(m_model->rowCount(), 5);
}

void TestDeploymentTableModel::timesAge()
{
    const QString before = cell(activeId, DeploymentTableModel::Created);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_clock.advance(3 * 3600);
    m_model->refreshTimes();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(DeploymentTableModel::Created));
    const QString after = cell(activeId, DeploymentTableModel::Created);
    QVERIFY(before != after);
    QCOMPARE(after,
             steward::app::RelativeTime::ago(QDateTime(QDate(2024, 5, 1), QTime(11, 0), Qt::UTC), m_clock.now()));
}

void TestDeploymentTableModel::unknownCodesAreShownAsSent()
{
    // A newer server's state or kind of selection: shown as its code, never as something else.
    QCOMPARE(DeploymentTableModel::describeState(QStringLiteral("archived")), QStringLiteral("archived"));
    QCOMPARE(DeploymentTableModel::describeDeviceState(QStringLiteral("deferred")), QStringLiteral("deferred"));
    QCOMPARE(DeploymentTableModel::describeWhat(QStringLiteral("drivers"), {}), QStringLiteral("drivers"));
    QCOMPARE(DeploymentTableModel::describeReboot(QStringLiteral("weekly")), QStringLiteral("weekly"));
    QCOMPARE(DeploymentTableModel::describeDeviceState(QStringLiteral("timed-out")),
             DeploymentTableModel::tr("Timed out"));
}

QTEST_GUILESS_MAIN(TestDeploymentTableModel)
#include "TestDeploymentTableModel.moc"
