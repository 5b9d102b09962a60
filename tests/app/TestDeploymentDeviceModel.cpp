// SPDX-License-Identifier: GPL-3.0-or-later
// Device jobs as the deployment page and the device page's Jobs tab show them: GET
// /api/v1/jobs/{id}'s devices and GET /api/v1/devices/{id}/jobs, with the state and its reason,
// the exit code, "n of m installed", and each receipt checked for real: signed by a device
// certificate from the site CA (TestSite), tampered with, signed by another key, or vouched for
// by another CA.
#include "DeploymentDeviceModel.h"
#include "DeploymentTableModel.h"
#include "FakeAdminServer.h"
#include "ManualClock.h"
#include "RelativeTime.h"
#include "TestSite.h"
#include "jobs/Receipt.h"

#include <QAbstractItemModelTester>
#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTest>

using steward::app::DeploymentDeviceModel;
using steward::app::DeploymentTableModel;
using steward::app::DeviceJobRecord;
using steward::app::deployment::ReceiptCheck;
using steward::app::test::FakeAdminServer;
using Perspective = steward::app::DeploymentDeviceModel::Perspective;

namespace
{
const QString jobId = QLatin1String(FakeAdminServer::sampleJobId);
const QString deviceId = QLatin1String(FakeAdminServer::knownDeviceId);

QJsonArray items(std::initializer_list<const char *> results)
{
    QJsonArray array;
    int n = 0;
    for (const char *result : results) {
        array.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("pkg-%1").arg(++n)},
                                 {QStringLiteral("before"), QStringLiteral("1.0")},
                                 {QStringLiteral("after"), QStringLiteral("1.1")},
                                 {QStringLiteral("result"), QLatin1String(result)}});
    }
    return array;
}
} // namespace

class TestDeploymentDeviceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void devicesOfDeployment();
    void itemsInstalled_data();
    void itemsInstalled();
    void receipts_data();
    void receipts();
    void receiptsOfADevicesJobs();
    void deploymentsOfDevice();
    void everyCellAnswers_data();
    void everyCellAnswers();
    void sortsByRole();

private:
    // d-0001's entry of the sample job with a receipt its certificate signed for `receipt`.
    QJsonObject signedDevice(const steward::jobs::Receipt &receipt, const QByteArray &keyPem) const;
    steward::jobs::Receipt succeeded() const;

    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    steward::test::TestSite m_site;
    steward::test::TestSite m_stranger; // another site's CA
    steward::tls::Identity m_device;
    QByteArray m_caPem;
};

void TestDeploymentDeviceModel::initTestCase()
{
    m_device = m_site.issueClient(deviceId, 41);
    QVERIFY(!m_device.certificate.isNull());
    m_caPem = m_site.ca.certificatePem;
}

steward::jobs::Receipt TestDeploymentDeviceModel::succeeded() const
{
    steward::jobs::Receipt receipt;
    receipt.jobId = jobId;
    receipt.deviceId = deviceId;
    receipt.state = QStringLiteral("succeeded");
    receipt.exitCode = 0;
    receipt.itemsDigest = FakeAdminServer::itemsDigest(
        FakeAdminServer::sampleJob().value(QStringLiteral("devices")).toArray().at(0).toObject());
    // Within the certificate's validity: the CA vouches for the key at the receipt's time.
    receipt.at = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    return receipt;
}

QJsonObject TestDeploymentDeviceModel::signedDevice(const steward::jobs::Receipt &receipt,
                                                    const QByteArray &keyPem) const
{
    QJsonObject device = FakeAdminServer::sampleJob().value(QStringLiteral("devices")).toArray().at(0).toObject();
    const steward::Result<steward::jobs::SignedDocument> document = steward::jobs::signReceipt(receipt, keyPem);
    if (!document) {
        return {};
    }
    device.insert(QStringLiteral("receipt"), QString::fromLatin1(document.value().bytes.toBase64()));
    device.insert(QStringLiteral("receiptSignature"), QString::fromLatin1(document.value().signature.toBase64()));
    device.insert(QStringLiteral("certificate"), QString::fromLatin1(m_device.certificate.toPem()));
    return device;
}

void TestDeploymentDeviceModel::devicesOfDeployment()
{
    DeploymentDeviceModel model(Perspective::DevicesOfDeployment, m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJobs(DeviceJobRecord::ofDeployment(FakeAdminServer::sampleJob(), m_caPem));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.headerData(DeploymentDeviceModel::Subject, Qt::Horizontal).toString(),
             DeploymentDeviceModel::tr("Device"));

    const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role).toString();
    };
    // Succeeded, both updates in, a receipt but no certificate to check it with.
    QCOMPARE(cell(0, DeploymentDeviceModel::Subject), QStringLiteral("pc-finance-01"));
    QCOMPARE(cell(0, DeploymentDeviceModel::Subject, Qt::ToolTipRole), deviceId);
    QCOMPARE(cell(0, DeploymentDeviceModel::State), DeploymentTableModel::tr("Succeeded"));
    QCOMPARE(cell(0, DeploymentDeviceModel::ExitCode), QLocale().toString(0));
    QCOMPARE(cell(0, DeploymentDeviceModel::Items),
             DeploymentDeviceModel::tr("%1 of %n installed", nullptr, 2).arg(QLocale().toString(2)));
    QCOMPARE(cell(0, DeploymentDeviceModel::Receipt), DeploymentDeviceModel::receiptText(ReceiptCheck::NotChecked));
    QCOMPARE(cell(0, DeploymentDeviceModel::Updated),
             steward::app::RelativeTime::ago(QDateTime(QDate(2024, 5, 1), QTime(10, 2), Qt::UTC), m_clock.now()));
    QCOMPARE(cell(0, DeploymentDeviceModel::Deployment), jobId);

    // Failed with its reason, one of two updates in, exit code 100, no receipt.
    QCOMPARE(
        cell(1, DeploymentDeviceModel::State),
        DeploymentDeviceModel::tr("%1 (%2)").arg(DeploymentTableModel::tr("Failed"), QStringLiteral("dpkg-error")));
    QCOMPARE(cell(1, DeploymentDeviceModel::ExitCode), QLocale().toString(100));
    QCOMPARE(cell(1, DeploymentDeviceModel::Items),
             DeploymentDeviceModel::tr("%1 of %n installed", nullptr, 2).arg(QLocale().toString(1)));
    QCOMPARE(cell(1, DeploymentDeviceModel::Receipt), DeploymentDeviceModel::receiptText(ReceiptCheck::None));
    QCOMPARE(cell(1, DeploymentDeviceModel::Receipt, Qt::ToolTipRole),
             DeploymentDeviceModel::receiptExplanation(ReceiptCheck::None));

    // Queued: nothing ran, so no exit code (not 0) and no updates listed yet.
    QCOMPARE(cell(2, DeploymentDeviceModel::State), DeploymentTableModel::tr("Queued"));
    QCOMPARE(cell(2, DeploymentDeviceModel::ExitCode), QString());
    QCOMPARE(cell(2, DeploymentDeviceModel::Items), QString());

    QCOMPARE(model.index(1, 0).data(DeploymentDeviceModel::DeviceIdRole).toString(),
             QLatin1String(FakeAdminServer::revokedDeviceId));
    QCOMPARE(model.index(1, 0).data(DeploymentDeviceModel::JobIdRole).toString(), jobId);
    QCOMPARE(model.index(1, 0).data(DeploymentDeviceModel::StateCodeRole).toString(), QStringLiteral("failed"));
    QCOMPARE(model.jobs().at(1).reason, QStringLiteral("dpkg-error"));
    QCOMPARE(model.jobs().at(1).exitCode.value_or(-1), 100);
    QVERIFY(!model.jobs().at(2).exitCode);
    // A state in words and with a shape: tick, cross, clock.
    for (int row = 0; row < 3; ++row) {
        QVERIFY(!model.index(row, DeploymentDeviceModel::State).data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!model.index(row, DeploymentDeviceModel::Receipt).data(Qt::DecorationRole).value<QIcon>().isNull());
    }
}

void TestDeploymentDeviceModel::itemsInstalled_data()
{
    QTest::addColumn<QJsonValue>("items");
    QTest::addColumn<int>("installed");
    QTest::addColumn<int>("total");
    QTest::newRow("none reported") << QJsonValue() << 0 << 0;
    QTest::newRow("empty") << QJsonValue(QJsonArray()) << 0 << 0;
    QTest::newRow("3 of 5") << QJsonValue(items({"installed", "installed", "already-installed", "failed", "refused"}))
                            << 3 << 5;
    QTest::newRow("planned, not run yet") << QJsonValue(items({"planned", "planned"})) << 0 << 2;
    // An update that does not concern the device is not one it lacks.
    QTest::newRow("not applicable") << QJsonValue(items({"installed", "not-applicable"})) << 1 << 1;
    QTest::newRow("older agents say upgraded") << QJsonValue(items({"upgraded"})) << 1 << 1;
}

void TestDeploymentDeviceModel::itemsInstalled()
{
    QFETCH(QJsonValue, items);
    QFETCH(int, installed);
    QFETCH(int, total);
    QJsonObject device = FakeAdminServer::sampleJob().value(QStringLiteral("devices")).toArray().at(0).toObject();
    device.insert(QStringLiteral("items"), items);
    const DeviceJobRecord job = DeviceJobRecord::fromJson(device);
    QCOMPARE(job.itemsInstalled, installed);
    QCOMPARE(job.items, total);
    QCOMPARE(DeploymentDeviceModel::itemsText(job),
             total == 0
                 ? QString()
                 : DeploymentDeviceModel::tr("%1 of %n installed", nullptr, total).arg(QLocale().toString(installed)));
}

void TestDeploymentDeviceModel::receipts_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<ReceiptCheck>("check");
    QTest::newRow("signed by the device") << QString() << ReceiptCheck::Verified;
    QTest::newRow("the server shows another exit code") << QStringLiteral("exitCode") << ReceiptCheck::Invalid;
    QTest::newRow("the server shows another state") << QStringLiteral("state") << ReceiptCheck::Invalid;
    QTest::newRow("signed for another job") << QStringLiteral("jobId") << ReceiptCheck::Invalid;
    QTest::newRow("signed by another key") << QStringLiteral("key") << ReceiptCheck::Invalid;
    QTest::newRow("receipt bytes changed") << QStringLiteral("bytes") << ReceiptCheck::Invalid;
    QTest::newRow("certificate of another CA") << QStringLiteral("ca") << ReceiptCheck::Invalid;
    QTest::newRow("output differs from the signed one") << QStringLiteral("output") << ReceiptCheck::Invalid;
    QTest::newRow("output as signed") << QStringLiteral("same-output") << ReceiptCheck::Verified;
    QTest::newRow("items differ from the signed ones") << QStringLiteral("items") << ReceiptCheck::Invalid;
    QTest::newRow("items bytes of another result") << QStringLiteral("items-bytes") << ReceiptCheck::Invalid;
    QTest::newRow("items bytes withheld") << QStringLiteral("no-items-bytes") << ReceiptCheck::Invalid;
    QTest::newRow("items shown the device signed none of") << QStringLiteral("unsigned-items") << ReceiptCheck::Invalid;
    QTest::newRow("no items signed, none shown") << QStringLiteral("no-items") << ReceiptCheck::Verified;
    // The server keeps 1,024 characters of each text: what it cut is still what the device signed.
    QTest::newRow("a long message, shortened") << QStringLiteral("long-message") << ReceiptCheck::Verified;
    QTest::newRow("no certificate sent") << QStringLiteral("no-certificate") << ReceiptCheck::NotChecked;
    QTest::newRow("no receipt") << QStringLiteral("no-receipt") << ReceiptCheck::None;
}

void TestDeploymentDeviceModel::receipts()
{
    QFETCH(QString, change);
    QFETCH(ReceiptCheck, check);
    steward::jobs::Receipt receipt = succeeded();
    QByteArray keyPem = m_device.key.toPem();
    QByteArray caPem = m_caPem;
    const QByteArray output = QByteArrayLiteral("Setting up openssl (3.0.13-1) ...\n");
    if (change == QLatin1String("jobId")) {
        receipt.jobId = QStringLiteral("00000000-0000-4000-8000-000000000000");
    } else if (change == QLatin1String("key")) {
        keyPem = m_site.issueClient(deviceId, 42).key.toPem();
    } else if (change == QLatin1String("ca")) {
        caPem = m_stranger.ca.certificatePem;
    } else if (change == QLatin1String("output") || change == QLatin1String("same-output")) {
        receipt.outputSha256 = QCryptographicHash::hash(output, QCryptographicHash::Sha256);
    }
    // What the device sent when its items had a long message: the bytes it signed, and the
    // shortened view the server made of them.
    QCborArray longItems;
    if (change == QLatin1String("long-message")) {
        longItems.append(QCborMap{{QStringLiteral("name"), QStringLiteral("openssl")},
                                  {QStringLiteral("result"), QStringLiteral("failed")},
                                  {QStringLiteral("message"), QString(5000, QLatin1Char('E'))}});
        receipt.itemsDigest = QCryptographicHash::hash(QCborValue(longItems).toCbor(), QCryptographicHash::Sha256);
    } else if (change == QLatin1String("unsigned-items") || change == QLatin1String("no-items")) {
        receipt.itemsDigest.clear();
    }
    QJsonObject device = signedDevice(receipt, keyPem);
    QVERIFY(!device.isEmpty());
    if (change == QLatin1String("exitCode")) {
        device.insert(QStringLiteral("exitCode"), 1);
    } else if (change == QLatin1String("state")) {
        device.insert(QStringLiteral("state"), QStringLiteral("failed"));
    } else if (change == QLatin1String("bytes")) {
        QByteArray bytes = QByteArray::fromBase64(device.value(QStringLiteral("receipt")).toString().toLatin1());
        bytes[bytes.size() - 1] = char(bytes.at(bytes.size() - 1) ^ 1);
        device.insert(QStringLiteral("receipt"), QString::fromLatin1(bytes.toBase64()));
    } else if (change == QLatin1String("output") || change == QLatin1String("same-output")) {
        const QByteArray shown = change == QLatin1String("output") ? output + "more" : output;
        QJsonObject outputJson = device.value(QStringLiteral("output")).toObject();
        outputJson.insert(QStringLiteral("sha256"),
                          QString::fromLatin1(QCryptographicHash::hash(shown, QCryptographicHash::Sha256).toHex()));
        device.insert(QStringLiteral("output"), outputJson);
    } else if (change == QLatin1String("items")) {
        QJsonArray items = device.value(QStringLiteral("items")).toArray();
        QJsonObject second = items.at(1).toObject();
        second.insert(QStringLiteral("result"), QStringLiteral("failed"));
        items.replace(1, second);
        device.insert(QStringLiteral("items"), items);
    } else if (change == QLatin1String("items-bytes")) {
        // Bytes and items that agree with each other, but not with the device's signature.
        QJsonArray items = device.value(QStringLiteral("items")).toArray();
        items.removeLast();
        device.insert(QStringLiteral("items"), items);
        device.insert(QStringLiteral("itemsCbor"),
                      QString::fromLatin1(QCborValue(QCborArray::fromJsonArray(items)).toCbor().toBase64()));
    } else if (change == QLatin1String("no-items-bytes")) {
        device.insert(QStringLiteral("itemsCbor"), QJsonValue());
    } else if (change == QLatin1String("no-items")) {
        device.insert(QStringLiteral("items"), QJsonValue());
        device.insert(QStringLiteral("itemsCbor"), QJsonValue());
    } else if (change == QLatin1String("long-message")) {
        device.insert(QStringLiteral("itemsCbor"), QString::fromLatin1(QCborValue(longItems).toCbor().toBase64()));
        device.insert(QStringLiteral("items"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("openssl")},
                                             {QStringLiteral("result"), QStringLiteral("failed")},
                                             {QStringLiteral("message"), QString(1024, QLatin1Char('E'))}}});
    } else if (change == QLatin1String("no-certificate")) {
        device.insert(QStringLiteral("certificate"), QJsonValue());
    } else if (change == QLatin1String("no-receipt")) {
        device.insert(QStringLiteral("receipt"), QJsonValue());
        device.insert(QStringLiteral("receiptSignature"), QJsonValue());
    }

    QJsonObject deployment = FakeAdminServer::sampleJob();
    QJsonArray devices = deployment.value(QStringLiteral("devices")).toArray();
    devices.replace(0, device);
    deployment.insert(QStringLiteral("devices"), devices);
    DeploymentDeviceModel model(Perspective::DevicesOfDeployment, m_clock);
    model.setJobs(DeviceJobRecord::ofDeployment(deployment, caPem));
    QCOMPARE(model.jobs().at(0).receipt, check);
    QCOMPARE(model.index(0, DeploymentDeviceModel::Receipt).data().toString(),
             DeploymentDeviceModel::receiptText(check));
    QCOMPARE(model.index(0, DeploymentDeviceModel::Receipt).data(Qt::ToolTipRole).toString(),
             DeploymentDeviceModel::receiptExplanation(check));
}

void TestDeploymentDeviceModel::receiptsOfADevicesJobs()
{
    // GET /devices/{id}/jobs names the job, not the device: the receipt is still checked for both.
    QJsonObject entry = signedDevice(succeeded(), m_device.key.toPem());
    entry.remove(QStringLiteral("id"));
    entry.remove(QStringLiteral("hostname"));
    entry.insert(QStringLiteral("jobId"), jobId);
    entry.insert(QStringLiteral("kind"), QStringLiteral("patch"));
    const QList<DeviceJobRecord> mine = DeviceJobRecord::ofDevice(deviceId, QJsonArray{entry}, m_caPem);
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.at(0).deviceId, deviceId);
    QCOMPARE(mine.at(0).jobId, jobId);
    QCOMPARE(mine.at(0).receipt, ReceiptCheck::Verified);
    // The same receipt shown on another device's page does not pass for that device's.
    const QList<DeviceJobRecord> other =
        DeviceJobRecord::ofDevice(QLatin1String(FakeAdminServer::revokedDeviceId), QJsonArray{entry}, m_caPem);
    QCOMPARE(other.at(0).receipt, ReceiptCheck::Invalid);
}

void TestDeploymentDeviceModel::deploymentsOfDevice()
{
    const QJsonArray history{
        QJsonObject{{QStringLiteral("jobId"), QStringLiteral("b2c3d4e5-0000-4000-8000-000000000002")},
                    {QStringLiteral("kind"), QStringLiteral("patch")},
                    {QStringLiteral("summary"),
                     QJsonObject{{QStringLiteral("select"), QStringLiteral("packages")},
                                 {QStringLiteral("packages"),
                                  QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("openssl")},
                                                         {QStringLiteral("version"), QString()}},
                                             QJsonObject{{QStringLiteral("name"), QStringLiteral("curl")},
                                                         {QStringLiteral("version"), QStringLiteral("7.88.1-10")}}}}}},
                    {QStringLiteral("createdAt"), QStringLiteral("2024-05-01T11:30:00Z")},
                    {QStringLiteral("state"), QStringLiteral("waiting")},
                    {QStringLiteral("reason"), QStringLiteral("maintenance-window")},
                    {QStringLiteral("message"), QStringLiteral("the next window opens at 22:00")},
                    {QStringLiteral("exitCode"), QJsonValue()},
                    {QStringLiteral("items"), QJsonValue()},
                    {QStringLiteral("updatedAt"), QStringLiteral("2024-05-01T11:31:00Z")}},
        QJsonObject{{QStringLiteral("jobId"), QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001")},
                    {QStringLiteral("kind"), QStringLiteral("licence")},
                    {QStringLiteral("summary"), QJsonObject()},
                    {QStringLiteral("createdAt"), QStringLiteral("2024-04-20T08:00:00Z")},
                    {QStringLiteral("state"), QStringLiteral("succeeded")},
                    {QStringLiteral("exitCode"), 0},
                    {QStringLiteral("updatedAt"), QStringLiteral("2024-04-20T08:05:00Z")}},
    };
    DeploymentDeviceModel model(Perspective::DeploymentsOfDevice, m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJobs(DeviceJobRecord::ofDevice(deviceId, history, m_caPem));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headerData(DeploymentDeviceModel::Subject, Qt::Horizontal).toString(),
             DeploymentDeviceModel::tr("Deployment"));
    QCOMPARE(model.index(0, DeploymentDeviceModel::Subject).data().toString(),
             DeploymentTableModel::tr("%n packages", nullptr, 2));
    QCOMPARE(model.index(0, DeploymentDeviceModel::Subject).data(Qt::ToolTipRole).toString(),
             QStringLiteral("openssl, curl"));
    QCOMPARE(model.index(0, DeploymentDeviceModel::State).data().toString(),
             DeploymentDeviceModel::tr("%1 (%2)").arg(DeploymentTableModel::tr("Waiting"),
                                                      QStringLiteral("maintenance-window")));
    QCOMPARE(model.index(0, DeploymentDeviceModel::State).data(Qt::ToolTipRole).toString(),
             QStringLiteral("the next window opens at 22:00"));
    QCOMPARE(model.index(0, DeploymentDeviceModel::Created).data().toString(),
             steward::app::RelativeTime::absolute(QDateTime(QDate(2024, 5, 1), QTime(11, 30), Qt::UTC)));
    QCOMPARE(model.index(0, DeploymentDeviceModel::Deployment).data().toString(),
             QStringLiteral("b2c3d4e5-0000-4000-8000-000000000002"));
    QCOMPARE(model.index(0, 0).data(DeploymentDeviceModel::JobIdRole).toString(),
             QStringLiteral("b2c3d4e5-0000-4000-8000-000000000002"));
    QCOMPARE(model.index(0, 0).data(DeploymentDeviceModel::DeviceIdRole).toString(), deviceId);
    // Another kind of job is named by its kind.
    QCOMPARE(model.index(1, DeploymentDeviceModel::Subject).data().toString(), QStringLiteral("licence"));
    QCOMPARE(model.index(1, DeploymentDeviceModel::Receipt).data().toString(),
             DeploymentDeviceModel::receiptText(ReceiptCheck::None));
}

void TestDeploymentDeviceModel::everyCellAnswers_data()
{
    QTest::addColumn<Perspective>("perspective");
    QTest::newRow("devices of a deployment") << Perspective::DevicesOfDeployment;
    QTest::newRow("deployments of a device") << Perspective::DeploymentsOfDevice;
}

void TestDeploymentDeviceModel::everyCellAnswers()
{
    QFETCH(Perspective, perspective);
    DeploymentDeviceModel model(perspective, m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJobs(DeviceJobRecord::ofDeployment(FakeAdminServer::sampleJob(), m_caPem));
    QCOMPARE(model.columnCount(), int(DeploymentDeviceModel::ColumnCount));
    for (int column = 0; column < model.columnCount(); ++column) {
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    }
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            QVERIFY(model.index(row, column).data(DeploymentDeviceModel::SortRole).isValid());
        }
    }
    model.setJobs({});
    QCOMPARE(model.rowCount(), 0);
}

void TestDeploymentDeviceModel::sortsByRole()
{
    DeploymentDeviceModel model(Perspective::DevicesOfDeployment, m_clock);
    model.setJobs(DeviceJobRecord::ofDeployment(FakeAdminServer::sampleJob(), m_caPem));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(DeploymentDeviceModel::SortRole);
    const auto order = [&proxy](int column, Qt::SortOrder sortOrder) {
        proxy.sort(column, sortOrder);
        QStringList ids;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            ids.append(proxy.index(row, 0).data(DeploymentDeviceModel::DeviceIdRole).toString());
        }
        return ids;
    };
    // Exit codes as numbers, none before any: 100 after 0, not before it as text would.
    QCOMPARE(order(DeploymentDeviceModel::ExitCode, Qt::AscendingOrder),
             (QStringList{QStringLiteral("d-0003"), QStringLiteral("d-0001"), QStringLiteral("d-0002")}));
    QCOMPARE(order(DeploymentDeviceModel::Updated, Qt::DescendingOrder),
             (QStringList{QStringLiteral("d-0002"), QStringLiteral("d-0001"), QStringLiteral("d-0003")}));
    // More installed first.
    QCOMPARE(order(DeploymentDeviceModel::Items, Qt::DescendingOrder),
             (QStringList{QStringLiteral("d-0001"), QStringLiteral("d-0002"), QStringLiteral("d-0003")}));
}

QTEST_GUILESS_MAIN(TestDeploymentDeviceModel)
#include "TestDeploymentDeviceModel.moc"
