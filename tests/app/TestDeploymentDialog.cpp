// SPDX-License-Identifier: GPL-3.0-or-later
// The New deployment dialog against the fake admin API: the form read back as the request
// stewardctl would make (devices, what, times, maintenance windows, restart, limit, rollout), the
// refusals of a form that cannot be signed (a deadline already past or a window that is not one
// among them) before anything is sent, and the envelope it signs with a real operator key file and
// sends with the rollout next to it.
#include "AdminSession.h"
#include "DeploymentDialog.h"
#include "ManualClock.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/MaintenanceWindow.h"
#include "jobs/Merkle.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using steward::app::DeploymentDialog;
using steward::app::test::AdminSession;
using steward::app::test::FakeAdminServer;
namespace deployment = steward::app::deployment;
namespace jobs = steward::jobs;

namespace
{
const QString created = QStringLiteral("POST /api/v1/jobs");
const QByteArray passphrase = QByteArrayLiteral("correct horse battery staple");

template<typename Widget>
Widget *child(const QWidget &dialog, const char *name)
{
    return dialog.findChild<Widget *>(QLatin1String(name));
}

jobs::MaintenanceWindow window(const char *text)
{
    const steward::Result<jobs::MaintenanceWindow> parsed = jobs::MaintenanceWindow::parse(QLatin1String(text));
    Q_ASSERT(parsed.ok());
    return parsed.value();
}

void check(const QWidget &dialog, const QString &deviceId, bool checked)
{
    QListWidget *devices = child<QListWidget>(dialog, "devices");
    for (int row = 0; row < devices->count(); ++row) {
        if (devices->item(row)->data(Qt::UserRole).toString() == deviceId) {
            devices->item(row)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        }
    }
}
} // namespace

class TestDeploymentDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void startsWithTheDevicesGiven();
    void formBecomesTheRequest();
    void chosenPackages();
    void maintenanceWindows();
    void restartingServersNeedsARestartPolicy();
    void rolloutBecomesTheRequest();
    void refusals_data();
    void refusals();
    void deadlineInThePastIsNotSent();
    void signsAndSends();
    void signsWindowsAndSendsTheRollout();
    void wrongPassphraseSendsNothing();

private:
    // A dialog for `devices` whose device list has arrived.
    std::unique_ptr<DeploymentDialog> open(const QStringList &devices);
    QDateTime now() const
    {
        return m_clock.now();
    }

    AdminSession m_session;
    steward::test::ManualClock m_clock{QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC)};
    QTemporaryDir m_dir;
    jobs::SigningKey m_key;
    QString m_keyFile;
};

void TestDeploymentDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const steward::Result<jobs::SigningKey> key = jobs::generateSigningKey();
    QVERIFY(key.ok());
    m_key = key.value();
    const steward::Result<QByteArray> pem = jobs::privateKeyFile(m_key, passphrase);
    QVERIFY(pem.ok());
    m_keyFile = m_dir.filePath(QStringLiteral("operator.key"));
    QFile file(m_keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(pem.value()), pem.value().size());
}

void TestDeploymentDialog::init()
{
    QVERIFY(m_session.start());
}

void TestDeploymentDialog::cleanup()
{
    m_session.stop();
}

std::unique_ptr<DeploymentDialog> TestDeploymentDialog::open(const QStringList &devices)
{
    auto dialog = std::make_unique<DeploymentDialog>(m_session.client.get(), m_clock, devices);
    if (!QTest::qWaitFor(
            [&dialog] {
                return !dialog->isLoading();
            },
            10000)) {
        return nullptr;
    }
    return dialog;
}

void TestDeploymentDialog::startsWithTheDevicesGiven()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    QVERIFY(m_session.server->requests.contains(QStringLiteral("GET /api/v1/devices")));
    // Every device is offered, only the one given is checked, and it is named by its hostname.
    QListWidget *devices = child<QListWidget>(*dialog, "devices");
    QCOMPARE(devices->count(), FakeAdminServer::sampleDevices().size());
    QCOMPARE(dialog->checkedDevices(), QStringList{QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(!devices->findItems(QStringLiteral("pc-finance-01"), Qt::MatchExactly).isEmpty());

    // Security updates, now, for a week, no deadline, never restarting, no limit.
    const steward::Result<deployment::PatchJob> request = dialog->request();
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    const deployment::PatchJob &job = request.value();
    QCOMPARE(job.devices, QStringList{QLatin1String(FakeAdminServer::knownDeviceId)});
    QCOMPARE(job.select, QStringLiteral("security"));
    QVERIFY(job.packages.isEmpty());
    QCOMPARE(job.notBefore, now());
    QVERIFY(!job.deadline.isValid());
    QCOMPARE(job.expiresAt, now().addDays(DeploymentDialog::defaultLifetimeDays));
    QCOMPARE(job.reboot, QStringLiteral("never"));
    QVERIFY(!job.maxConcurrent);
    // At any time, workstations only, every device at once.
    QVERIFY(job.windows.isEmpty());
    QVERIFY(!job.rebootServers);
    QVERIFY(!child<QCheckBox>(*dialog, "rebootServers")->isEnabled());
    QVERIFY(job.pilot.isEmpty());
    QVERIFY(!job.pilotSuccessRatio);
    QVERIFY(!job.pauseFailureRatio);
    QVERIFY(!job.perMinute);
    QVERIFY(deployment::rolloutJson(job).isEmpty());
    // Without a key file the form cannot be signed.
    dialog->show();
    dialog->accept();
    QCOMPARE(dialog->errorText(),
             DeploymentDialog::tr("Choose your operator key file: the deployment is signed with it."));
}

void TestDeploymentDialog::formBecomesTheRequest()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    check(*dialog, QLatin1String(FakeAdminServer::unreportedDeviceId), true);
    child<QRadioButton>(*dialog, "selectAll")->setChecked(true);
    const QDateTime start = now().addSecs(3600);
    const QDateTime deadline = now().addDays(2);
    const QDateTime expires = now().addDays(5);
    child<QDateTimeEdit>(*dialog, "notBefore")->setDateTime(start);
    child<QCheckBox>(*dialog, "deadlineEnabled")->setChecked(true);
    child<QDateTimeEdit>(*dialog, "deadline")->setDateTime(deadline);
    child<QDateTimeEdit>(*dialog, "expires")->setDateTime(expires);
    auto *reboot = child<QComboBox>(*dialog, "reboot");
    reboot->setCurrentIndex(reboot->findData(QStringLiteral("at-deadline")));
    child<QSpinBox>(*dialog, "maxConcurrent")->setValue(5);

    const steward::Result<deployment::PatchJob> request = dialog->request();
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    const deployment::PatchJob &job = request.value();
    // In the list's order: by hostname.
    QCOMPARE(job.devices,
             (QStringList{QLatin1String(FakeAdminServer::unreportedDeviceId),
                          QLatin1String(FakeAdminServer::knownDeviceId)}));
    QCOMPARE(job.select, QStringLiteral("all"));
    QCOMPARE(job.notBefore, start);
    QCOMPARE(job.deadline, deadline);
    QCOMPARE(job.expiresAt, expires);
    QCOMPARE(job.notBefore.timeSpec(), Qt::UTC);
    QCOMPARE(job.reboot, QStringLiteral("at-deadline"));
    QCOMPARE(job.maxConcurrent.value_or(0), 5);
}

void TestDeploymentDialog::chosenPackages()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    child<QRadioButton>(*dialog, "selectPackages")->setChecked(true);
    // The updates pending on the device checked are read and offered, security updates first.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
    QVERIFY(m_session.server->requests.contains(QStringLiteral("GET /api/v1/devices/d-0001")));
    QCOMPARE(dialog->offeredPackages().value(0), QStringLiteral("openssl"));
    QCOMPARE(dialog->request().error().code, QStringLiteral("package.none"));

    QListWidget *packages = child<QListWidget>(*dialog, "packages");
    packages->item(0)->setCheckState(Qt::Checked);
    child<QLineEdit>(*dialog, "otherPackages")->setText(QStringLiteral("curl libssl3=3.0.13-1~deb12u1"));
    const steward::Result<deployment::PatchJob> request = dialog->request();
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    QCOMPARE(request.value().select, QStringLiteral("packages"));
    QCOMPARE(request.value().packages,
             (QList<deployment::Package>{{QStringLiteral("openssl"), QString()},
                                         {QStringLiteral("curl"), QString()},
                                         {QStringLiteral("libssl3"), QStringLiteral("3.0.13-1~deb12u1")}}));
    QCOMPARE(dialog->checkedPackages(), QStringList{QStringLiteral("openssl")});
}

void TestDeploymentDialog::maintenanceWindows()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    auto *windows = child<QLineEdit>(*dialog, "windows");
    QVERIFY(!windows->placeholderText().isEmpty());
    QVERIFY(!windows->toolTip().isEmpty());
    // Separated by ";", spaces and an empty last part allowed, in the order typed.
    windows->setText(QStringLiteral(" Sat 22:00-04:00 ;Mon-Fri 20:00-06:00; 2nd Tue 22:00-02:00; "));
    const steward::Result<deployment::PatchJob> request = dialog->request();
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    QCOMPARE(request.value().windows,
             (QList<jobs::MaintenanceWindow>{window("Sat 22:00-04:00"),
                                             window("Mon-Fri 20:00-06:00"),
                                             window("2nd Tue 22:00-02:00")}));
    QCOMPARE(request.value().windows.at(2).recurrence, jobs::MaintenanceWindow::Recurrence::MonthlyNth);

    windows->setText(QStringLiteral(" ; "));
    QVERIFY(dialog->request().ok());
    QVERIFY(dialog->request().value().windows.isEmpty());
}

void TestDeploymentDialog::restartingServersNeedsARestartPolicy()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    auto *reboot = child<QComboBox>(*dialog, "reboot");
    auto *servers = child<QCheckBox>(*dialog, "rebootServers");
    QCOMPARE(reboot->currentData().toString(), QStringLiteral("never"));
    QVERIFY(!servers->isEnabled());

    reboot->setCurrentIndex(reboot->findData(QStringLiteral("if-required")));
    QVERIFY(servers->isEnabled());
    QVERIFY(!dialog->request().value().rebootServers);
    servers->setChecked(true);
    QVERIFY(dialog->request().value().rebootServers);

    // Back to never: nothing restarts, servers included, even though the box stays checked.
    reboot->setCurrentIndex(reboot->findData(QStringLiteral("never")));
    QVERIFY(!servers->isEnabled());
    QVERIFY(!dialog->request().value().rebootServers);
}

void TestDeploymentDialog::rolloutBecomesTheRequest()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    check(*dialog, QLatin1String(FakeAdminServer::unreportedDeviceId), true);
    auto *pilot = child<QSpinBox>(*dialog, "pilot");
    auto *pilotSuccess = child<QSpinBox>(*dialog, "pilotSuccess");
    auto *pauseEnabled = child<QCheckBox>(*dialog, "pauseEnabled");
    auto *pauseFailure = child<QSpinBox>(*dialog, "pauseFailure");
    auto *perMinute = child<QSpinBox>(*dialog, "perMinute");
    // At most the devices checked can be the pilot; the share applies only to a pilot.
    QCOMPARE(pilot->value(), 0);
    QCOMPARE(pilot->maximum(), 2);
    QVERIFY(!pilotSuccess->isEnabled());
    QCOMPARE(pilotSuccess->value(), 100);
    QVERIFY(!pauseFailure->isEnabled());

    pilot->setValue(1);
    QVERIFY(pilotSuccess->isEnabled());
    QVERIFY(!child<QLabel>(*dialog, "pilotDescription")->text().isEmpty());
    steward::Result<deployment::PatchJob> request = dialog->request();
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    // The first in the list's order (by hostname: laptop-dg before pc-finance-01), all of it to succeed.
    QCOMPARE(request.value().pilot, QStringList{QLatin1String(FakeAdminServer::unreportedDeviceId)});
    QCOMPARE(request.value().pilotSuccessRatio.value_or(-1), 1.0);
    QVERIFY(!request.value().pauseFailureRatio);
    QVERIFY(!request.value().perMinute);

    pilotSuccess->setValue(50);
    pauseEnabled->setChecked(true);
    QVERIFY(pauseFailure->isEnabled());
    pauseFailure->setValue(30);
    perMinute->setValue(10);
    request = dialog->request();
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    QCOMPARE(request.value().pilotSuccessRatio.value_or(-1), 0.5);
    QCOMPARE(request.value().pauseFailureRatio.value_or(-1), 0.3);
    QCOMPARE(request.value().perMinute.value_or(0), 10);

    // Unchecking devices shrinks the pilot with them.
    pilot->setValue(2);
    QCOMPARE(dialog->request().value().pilot.size(), 2);
    check(*dialog, QLatin1String(FakeAdminServer::knownDeviceId), false);
    QCOMPARE(pilot->maximum(), 1);
    QCOMPARE(dialog->request().value().pilot, QStringList{QLatin1String(FakeAdminServer::unreportedDeviceId)});

    // No pilot: no share either, even as typed.
    pilot->setValue(0);
    QVERIFY(!pilotSuccess->isEnabled());
    QVERIFY(dialog->request().value().pilot.isEmpty());
    QVERIFY(!dialog->request().value().pilotSuccessRatio);
}

void TestDeploymentDialog::refusals_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("code");
    QTest::newRow("no device") << QStringLiteral("no-device") << QStringLiteral("devices.none");
    QTest::newRow("deadline past") << QStringLiteral("deadline-past") << QStringLiteral("times.deadline-past");
    QTest::newRow("expiry past") << QStringLiteral("expires-past") << QStringLiteral("times.expires-past");
    QTest::newRow("expiry before the deadline")
        << QStringLiteral("expires-before-deadline") << QStringLiteral("times.expires-before-deadline");
    QTest::newRow("expiry before the start")
        << QStringLiteral("expires-before-start") << QStringLiteral("times.expires-before-start");
    QTest::newRow("deadline before the start")
        << QStringLiteral("deadline-before-start") << QStringLiteral("times.deadline-before-start");
    QTest::newRow("restart at a deadline there is not")
        << QStringLiteral("reboot-no-deadline") << QStringLiteral("reboot.no-deadline");
    QTest::newRow("not a package name") << QStringLiteral("bad-name") << QStringLiteral("package.name");
    QTest::newRow("not a version") << QStringLiteral("bad-version") << QStringLiteral("package.version");
    QTest::newRow("a package twice") << QStringLiteral("twice") << QStringLiteral("package.twice");
    QTest::newRow("not a window") << QStringLiteral("bad-window") << QStringLiteral("window.invalid");
    QTest::newRow("too many windows") << QStringLiteral("many-windows") << QStringLiteral("window.too-many");
}

void TestDeploymentDialog::refusals()
{
    QFETCH(QString, change);
    QFETCH(QString, code);
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    auto *deadlineEnabled = child<QCheckBox>(*dialog, "deadlineEnabled");
    auto *deadline = child<QDateTimeEdit>(*dialog, "deadline");
    auto *expires = child<QDateTimeEdit>(*dialog, "expires");
    auto *notBefore = child<QDateTimeEdit>(*dialog, "notBefore");
    auto *other = child<QLineEdit>(*dialog, "otherPackages");
    if (change == QLatin1String("no-device")) {
        check(*dialog, QLatin1String(FakeAdminServer::knownDeviceId), false);
    } else if (change == QLatin1String("deadline-past")) {
        deadlineEnabled->setChecked(true);
        deadline->setDateTime(now().addSecs(-3600));
    } else if (change == QLatin1String("expires-past")) {
        expires->setDateTime(now().addDays(-1));
    } else if (change == QLatin1String("expires-before-deadline")) {
        deadlineEnabled->setChecked(true);
        deadline->setDateTime(now().addDays(4));
        expires->setDateTime(now().addDays(2));
    } else if (change == QLatin1String("expires-before-start")) {
        notBefore->setDateTime(now().addDays(10));
    } else if (change == QLatin1String("deadline-before-start")) {
        notBefore->setDateTime(now().addDays(2));
        deadlineEnabled->setChecked(true);
        deadline->setDateTime(now().addDays(1));
    } else if (change == QLatin1String("reboot-no-deadline")) {
        auto *reboot = child<QComboBox>(*dialog, "reboot");
        reboot->setCurrentIndex(reboot->findData(QStringLiteral("at-deadline")));
    } else if (change == QLatin1String("bad-window")) {
        child<QLineEdit>(*dialog, "windows")->setText(QStringLiteral("Sun 23:00+3h; Someday 25:00-26:00"));
    } else if (change == QLatin1String("many-windows")) {
        QStringList windows;
        for (int i = 0; i <= jobs::kMaxWindows; ++i) {
            windows << QStringLiteral("daily 02:%1+5m").arg(i, 2, 10, QLatin1Char('0'));
        }
        child<QLineEdit>(*dialog, "windows")->setText(windows.join(QLatin1Char(';')));
    } else {
        child<QRadioButton>(*dialog, "selectPackages")->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
        if (change == QLatin1String("bad-name")) {
            other->setText(QStringLiteral("openssl;reboot"));
        } else if (change == QLatin1String("bad-version")) {
            other->setText(QStringLiteral("openssl=$(id)"));
        } else {
            other->setText(QStringLiteral("openssl openssl=3.0.13-1"));
        }
    }
    const steward::Result<deployment::PatchJob> request = dialog->request();
    QVERIFY(!request.ok());
    QCOMPARE(request.error().code, code);
    // Said in the dialog, in the person's words, and nothing is sent.
    dialog->show();
    dialog->accept();
    QCOMPARE(dialog->errorText(), request.error().message);
    QVERIFY(!dialog->errorText().isEmpty());
    if (change == QLatin1String("bad-window")) {
        // The bad one is named, not the good one before it.
        QVERIFY2(dialog->errorText().contains(QStringLiteral("“Someday 25:00-26:00”")),
                 qPrintable(dialog->errorText()));
        QVERIFY(!dialog->errorText().contains(QLatin1String("Sun 23:00")));
    }
    QVERIFY(!dialog->isBusy());
    QVERIFY(dialog->isVisible());
    QTest::qWait(50);
    QVERIFY(!m_session.server->requests.contains(created));
}

void TestDeploymentDialog::deadlineInThePastIsNotSent()
{
    // Even with the key file and its passphrase given: the form is checked before anything is
    // signed, and says what to change.
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    child<QLineEdit>(*dialog, "keyFile")->setText(m_keyFile);
    child<QLineEdit>(*dialog, "passphrase")->setText(QString::fromUtf8(passphrase));
    child<QCheckBox>(*dialog, "deadlineEnabled")->setChecked(true);
    child<QDateTimeEdit>(*dialog, "deadline")->setDateTime(now().addDays(-2));
    dialog->show();
    dialog->accept();
    QCOMPARE(dialog->errorText(), DeploymentDialog::tr("The deadline is already past: choose a later one, or none."));
    QTest::qWait(100);
    QVERIFY(!m_session.server->requests.contains(created));

    // A deadline an hour ahead is taken.
    child<QDateTimeEdit>(*dialog, "deadline")->setDateTime(now().addSecs(3600));
    QVERIFY(dialog->request().ok());
}

void TestDeploymentDialog::signsAndSends()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    check(*dialog, QLatin1String(FakeAdminServer::unreportedDeviceId), true);
    child<QCheckBox>(*dialog, "deadlineEnabled")->setChecked(true);
    child<QDateTimeEdit>(*dialog, "deadline")->setDateTime(now().addDays(2));
    auto *reboot = child<QComboBox>(*dialog, "reboot");
    reboot->setCurrentIndex(reboot->findData(QStringLiteral("if-required")));
    child<QLineEdit>(*dialog, "keyFile")->setText(m_keyFile);
    auto *passphraseField = child<QLineEdit>(*dialog, "passphrase");
    passphraseField->setText(QString::fromUtf8(passphrase));
    const deployment::PatchJob job = dialog->request().value();

    QSignalSpy succeeded(dialog.get(), &DeploymentDialog::succeeded);
    dialog->show();
    dialog->accept();
    QVERIFY2(succeeded.wait(10000), qPrintable(dialog->errorText()));
    QVERIFY(!dialog->isVisible());
    QVERIFY(passphraseField->text().isEmpty()); // not kept in memory longer than needed
    QCOMPARE(m_session.server->requests.count(created), 1);

    // The body: the envelope exactly as signed with the operator's key, and the devices.
    const QJsonObject body =
        QJsonDocument::fromJson(m_session.server->bodies.at(m_session.server->requests.indexOf(created))).object();
    const QStringList targets = [&body] {
        QStringList ids;
        for (const QJsonValue &value : body.value(QStringLiteral("targets")).toArray()) {
            ids.append(value.toString());
        }
        return ids;
    }();
    QCOMPARE(targets, job.devices);
    const QJsonObject signedJob = body.value(QStringLiteral("job")).toObject();
    const QByteArray document =
        QByteArray::fromBase64(signedJob.value(QStringLiteral("document")).toString().toLatin1());
    const QByteArray signature =
        QByteArray::fromBase64(signedJob.value(QStringLiteral("signature")).toString().toLatin1());
    QVERIFY(jobs::verifySignature(m_key.publicKey, document, signature));
    const steward::Result<jobs::JobEnvelope> envelope = jobs::JobEnvelope::decode(document);
    QVERIFY(envelope.ok());
    QCOMPARE(envelope.value().kind, QStringLiteral("patch"));
    QCOMPARE(envelope.value().signer, jobs::fingerprint(m_key.publicKey));
    QCOMPARE(envelope.value().targetsRoot, jobs::merkle::root(job.devices));
    QCOMPARE(envelope.value().targetCount, 2);
    QCOMPARE(envelope.value().notBefore, job.notBefore);
    QCOMPARE(envelope.value().deadline, job.deadline);
    QCOMPARE(envelope.value().expiresAt, job.expiresAt);
    QCOMPARE(envelope.value().issuedAt, now());
    QCOMPARE(envelope.value().content.value(QStringLiteral("select")).toString(), QStringLiteral("security"));
    QCOMPARE(envelope.value().options.value(QStringLiteral("reboot")).toString(), QStringLiteral("if-required"));
    // Workstations only, at any time, every device at once.
    QVERIFY(!envelope.value().options.contains(QStringLiteral("allowServers")));
    QVERIFY(!envelope.value().options.contains(QStringLiteral("windows")));
    QVERIFY(!body.contains(QStringLiteral("rollout")));

    // The answer is the deployment as listed.
    const QJsonObject answer = succeeded.at(0).at(0).toJsonValue().toObject();
    QCOMPARE(answer.value(QStringLiteral("id")).toString(), envelope.value().id);
    QCOMPARE(answer.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
}

void TestDeploymentDialog::signsWindowsAndSendsTheRollout()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    check(*dialog, QLatin1String(FakeAdminServer::unreportedDeviceId), true);
    child<QLineEdit>(*dialog, "windows")->setText(QStringLiteral("Sat 22:00-04:00; 2nd Tue 22:00-02:00"));
    auto *reboot = child<QComboBox>(*dialog, "reboot");
    reboot->setCurrentIndex(reboot->findData(QStringLiteral("if-required")));
    child<QCheckBox>(*dialog, "rebootServers")->setChecked(true);
    child<QSpinBox>(*dialog, "maxConcurrent")->setValue(20);
    child<QSpinBox>(*dialog, "pilot")->setValue(1);
    child<QSpinBox>(*dialog, "pilotSuccess")->setValue(90);
    child<QCheckBox>(*dialog, "pauseEnabled")->setChecked(true);
    child<QSpinBox>(*dialog, "pauseFailure")->setValue(25);
    child<QSpinBox>(*dialog, "perMinute")->setValue(10);
    child<QLineEdit>(*dialog, "keyFile")->setText(m_keyFile);
    child<QLineEdit>(*dialog, "passphrase")->setText(QString::fromUtf8(passphrase));

    QSignalSpy succeeded(dialog.get(), &DeploymentDialog::succeeded);
    dialog->show();
    dialog->accept();
    QVERIFY2(succeeded.wait(10000), qPrintable(dialog->errorText()));
    QCOMPARE(m_session.server->requests.count(created), 1);
    const QJsonObject body =
        QJsonDocument::fromJson(m_session.server->bodies.at(m_session.server->requests.indexOf(created))).object();

    // Windows and restarting servers are signed: the server can neither widen nor add them.
    const QJsonObject signedJob = body.value(QStringLiteral("job")).toObject();
    const QByteArray document =
        QByteArray::fromBase64(signedJob.value(QStringLiteral("document")).toString().toLatin1());
    QVERIFY(jobs::verifySignature(
        m_key.publicKey,
        document,
        QByteArray::fromBase64(signedJob.value(QStringLiteral("signature")).toString().toLatin1())));
    const steward::Result<jobs::JobEnvelope> envelope = jobs::JobEnvelope::decode(document);
    QVERIFY(envelope.ok());
    const steward::Result<QList<jobs::MaintenanceWindow>> windows =
        jobs::windowsFromCbor(envelope.value().options.value(QStringLiteral("windows")));
    QVERIFY(windows.ok());
    QCOMPARE(windows.value(),
             (QList<jobs::MaintenanceWindow>{window("Sat 22:00-04:00"), window("2nd Tue 22:00-02:00")}));
    QCOMPARE(envelope.value().options.value(QStringLiteral("allowServers")).toBool(false), true);
    QCOMPARE(envelope.value().options.value(QStringLiteral("reboot")).toString(), QStringLiteral("if-required"));

    // The rollout travels next to it, for the server to schedule.
    const QJsonObject rollout = body.value(QStringLiteral("rollout")).toObject();
    QCOMPARE(rollout.value(QStringLiteral("pilot")).toArray(),
             QJsonArray{QLatin1String(FakeAdminServer::unreportedDeviceId)});
    QCOMPARE(rollout.value(QStringLiteral("pilotSuccessRatio")).toDouble(), 0.9);
    QCOMPARE(rollout.value(QStringLiteral("pauseFailureRatio")).toDouble(), 0.25);
    QCOMPARE(rollout.value(QStringLiteral("perMinute")).toInt(), 10);
    QCOMPARE(rollout.value(QStringLiteral("maxConcurrent")).toInt(), 20);
}

void TestDeploymentDialog::wrongPassphraseSendsNothing()
{
    const std::unique_ptr<DeploymentDialog> dialog = open({QLatin1String(FakeAdminServer::knownDeviceId)});
    QVERIFY(dialog);
    child<QLineEdit>(*dialog, "keyFile")->setText(m_keyFile);
    child<QLineEdit>(*dialog, "passphrase")->setText(QStringLiteral("wrong"));
    dialog->show();
    dialog->accept();
    QCOMPARE(dialog->errorText(), DeploymentDialog::tr("Wrong passphrase for the key file."));
    child<QLineEdit>(*dialog, "passphrase")->clear();
    dialog->accept();
    QCOMPARE(dialog->errorText(), DeploymentDialog::tr("The key file is encrypted: enter its passphrase."));
    child<QLineEdit>(*dialog, "keyFile")->setText(m_dir.filePath(QStringLiteral("missing.key")));
    dialog->accept();
    QCOMPARE(dialog->errorText(),
             DeploymentDialog::tr("There is no file %1.").arg(m_dir.filePath(QStringLiteral("missing.key"))));
    QTest::qWait(100);
    QVERIFY(!m_session.server->requests.contains(created));
    QVERIFY(dialog->isVisible());
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestDeploymentDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestDeploymentDialog.moc"
