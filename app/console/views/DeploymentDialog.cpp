// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentDialog.h"

#include "ApiClient.h"
#include "Clock.h"
#include "DeploymentTableModel.h"
#include "DeviceDetail.h"
#include "OperatorKeyFile.h"
#include "jobs/JobEnvelope.h"
#include "jobs/JobKeys.h"
#include "jobs/SignedDocument.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
constexpr int kMaxConcurrent = 100000;
// The pilot's share that must succeed and the failed share that pauses, in percent.
constexpr int kDefaultPilotSuccessPercent = 100;
constexpr int kDefaultPauseFailurePercent = 20;

QDateTime wholeMinute(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch() / 60 * 60, Qt::UTC).toLocalTime();
}

QDateTime utcSeconds(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

QDateTimeEdit *timeEdit(const QString &name, const QDateTime &initial, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setDateTime(initial);
    return edit;
}

// A widget holding `layout`'s contents, so that the form disables it with the other fields;
// its label's shortcut goes to `focus`.
QWidget *container(QLayout *layout, QWidget *focus, QWidget *parent)
{
    auto *widget = new QWidget(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    widget->setLayout(layout);
    widget->setFocusProxy(focus);
    return widget;
}
} // namespace

DeploymentDialog::DeploymentDialog(ApiClient *client, const Clock &clock, const QStringList &devices, QWidget *parent)
    : FormDialog(client,
                 tr("New deployment"),
                 tr("The deployment is signed here with your operator key: the server only receives it signed and "
                    "cannot change it, and each device checks the signature before it installs anything."),
                 tr("&Sign and deploy"),
                 parent)
    , m_clock(clock)
    , m_devices(new QListWidget(this))
    , m_deviceCount(new QLabel(this))
    , m_security(new QRadioButton(tr("&Security updates"), this))
    , m_all(new QRadioButton(tr("&All updates"), this))
    , m_chosen(new QRadioButton(tr("C&hosen packages:"), this))
    , m_packages(new QListWidget(this))
    , m_packagesStatus(new QLabel(this))
    , m_otherPackages(new QLineEdit(this))
    , m_notBefore(timeEdit(QStringLiteral("notBefore"), wholeMinute(clock.now()), this))
    , m_deadlineEnabled(new QCheckBox(tr("Dead&line:"), this))
    , m_deadline(timeEdit(QStringLiteral("deadline"), wholeMinute(clock.now().addDays(3)), this))
    , m_expires(timeEdit(QStringLiteral("expires"), wholeMinute(clock.now().addDays(defaultLifetimeDays)), this))
    , m_windows(new QLineEdit(this))
    , m_reboot(new QComboBox(this))
    , m_rebootServers(new QCheckBox(tr("Also restart ser&vers"), this))
    , m_maxConcurrent(new QSpinBox(this))
    , m_pilot(new QSpinBox(this))
    , m_pilotDescription(new QLabel(this))
    , m_pilotSuccess(new QSpinBox(this))
    , m_pauseEnabled(new QCheckBox(tr("Pa&use when more than:"), this))
    , m_pauseFailure(new QSpinBox(this))
    , m_perMinute(new QSpinBox(this))
    , m_keyFile(new QLineEdit(this))
    , m_passphrase(new QLineEdit(this))
{
    setObjectName(QStringLiteral("deploymentDialog"));
    m_devices->setObjectName(QStringLiteral("devices"));
    m_devices->setMinimumHeight(90);
    m_devices->setToolTip(tr("The devices to deploy to. The deployment is signed for exactly these devices."));
    m_deviceCount->setObjectName(QStringLiteral("deviceCount"));
    for (const QString &id : devices) {
        addDevice(id, QString(), true);
    }
    connect(m_devices, &QListWidget::itemChanged, this, [this] {
        updateDeviceCount();
        if (m_chosen->isChecked()) {
            loadPendingUpdates();
        }
    });
    auto *deviceColumn = new QVBoxLayout;
    deviceColumn->addWidget(m_devices);
    deviceColumn->addWidget(m_deviceCount);
    form()->addRow(tr("&Devices:"), container(deviceColumn, m_devices, this));

    form()->addRow(tr("Install:"), buildWhat());

    m_notBefore->setToolTip(tr("Devices start it at this time at the earliest."));
    form()->addRow(tr("&Not before:"), m_notBefore);
    m_deadlineEnabled->setObjectName(QStringLiteral("deadlineEnabled"));
    m_deadlineEnabled->setToolTip(
        tr("Devices install the updates by this time, even outside their maintenance "
           "window; with no deadline, they wait for it."));
    m_deadline->setEnabled(false);
    connect(m_deadlineEnabled, &QCheckBox::toggled, m_deadline, &QWidget::setEnabled);
    form()->addRow(m_deadlineEnabled, m_deadline);
    m_expires->setToolTip(tr("A device that has not run it by then never will: it expires."));
    form()->addRow(tr("&Expires:"), m_expires);
    m_windows->setObjectName(QStringLiteral("windows"));
    m_windows->setPlaceholderText(tr("Any time, or for example: Sat 22:00-04:00; 2nd Tue 22:00-02:00"));
    m_windows->setToolTip(
        tr("Devices start the deployment only inside one of these windows, in each device's own local time; "
           "the deadline overrides them. Separate windows with “;”: Sat 22:00-04:00; Mon-Fri 20:00-06:00; "
           "Sun,Wed 01:00+3h; 2nd Tue 22:00-02:00. Empty: at any time."));
    form()->addRow(tr("Maintenance &windows:"), m_windows);

    buildRestart();

    m_maxConcurrent->setObjectName(QStringLiteral("maxConcurrent"));
    m_maxConcurrent->setRange(0, kMaxConcurrent);
    m_maxConcurrent->setSpecialValueText(tr("No limit"));
    m_maxConcurrent->setToolTip(tr("How many devices may run it at the same time."));
    form()->addRow(tr("At &most at once:"), m_maxConcurrent);
    buildRollout();

    form()->addRow(tr("Operator &key:"), buildKeyRow());
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setToolTip(tr("The passphrase of the key file; leave it empty for a key file without one."));
    form()->addRow(tr("&Passphrase:"), m_passphrase);

    updateDeviceCount();
    updateWhat();
    loadDevices();
}

DeploymentDialog::~DeploymentDialog() = default;

QWidget *DeploymentDialog::buildWhat()
{
    m_security->setObjectName(QStringLiteral("selectSecurity"));
    m_all->setObjectName(QStringLiteral("selectAll"));
    m_chosen->setObjectName(QStringLiteral("selectPackages"));
    m_security->setChecked(true);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *button : {m_security, m_all, m_chosen}) {
        group->addButton(button);
        connect(button, &QRadioButton::toggled, this, &DeploymentDialog::updateWhat);
    }
    m_packages->setObjectName(QStringLiteral("packages"));
    m_packages->setMinimumHeight(90);
    m_packages->setToolTip(
        tr("Updates pending on the devices checked above; each is installed in the newest "
           "version the device's package sources offer."));
    connect(m_packages, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_updatingPackages) {
            return;
        }
        const QString name = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked) {
            m_chosenPackages.insert(name);
        } else {
            m_chosenPackages.remove(name);
        }
    });
    m_packagesStatus->setObjectName(QStringLiteral("packagesStatus"));
    m_packagesStatus->setWordWrap(true);
    m_packagesStatus->setForegroundRole(QPalette::PlaceholderText);
    m_otherPackages->setObjectName(QStringLiteral("otherPackages"));
    m_otherPackages->setPlaceholderText(tr("Other packages: NAME or NAME=VERSION, separated by spaces"));
    m_otherPackages->setToolTip(
        tr("Package names (Debian, rpm or NEVRA), dnf advisories or Windows updates (KB or UpdateID), "
           "each with a version to install if needed: openssl libssl3=3.0.13-1~deb12u1 RHSA-2024:1234 "
           "KB5034441"));

    auto *choices = new QHBoxLayout;
    choices->addWidget(m_security);
    choices->addWidget(m_all);
    choices->addWidget(m_chosen);
    choices->addStretch(1);
    auto *layout = new QVBoxLayout;
    layout->addLayout(choices);
    layout->addWidget(m_packages, 1);
    layout->addWidget(m_packagesStatus);
    layout->addWidget(m_otherPackages);
    return container(layout, m_security, this);
}

void DeploymentDialog::buildRestart()
{
    m_reboot->setObjectName(QStringLiteral("reboot"));
    for (const char *policy : {"never", "if-required", "at-deadline"}) {
        m_reboot->addItem(DeploymentTableModel::describeReboot(QLatin1String(policy)), QLatin1String(policy));
    }
    form()->addRow(tr("&Restart:"), m_reboot);
    m_rebootServers->setObjectName(QStringLiteral("rebootServers"));
    m_rebootServers->setToolTip(
        tr("Servers are restarted only when this is checked; workstations follow the restart policy."));
    m_rebootServers->setEnabled(false);
    connect(m_reboot, &QComboBox::currentIndexChanged, this, [this] {
        m_rebootServers->setEnabled(m_reboot->currentData().toString() != QLatin1String("never"));
    });
    form()->addRow(QString(), m_rebootServers);
}

void DeploymentDialog::buildRollout()
{
    m_pilot->setObjectName(QStringLiteral("pilot"));
    m_pilot->setRange(0, 0);
    m_pilot->setSpecialValueText(tr("No pilot"));
    m_pilot->setToolTip(
        tr("How many of the devices checked, the first in the list's order, receive the deployment first; "
           "the others wait until enough of them succeeded."));
    m_pilotDescription->setObjectName(QStringLiteral("pilotDescription"));
    m_pilotDescription->setForegroundRole(QPalette::PlaceholderText);
    m_pilotDescription->setWordWrap(true);
    connect(m_pilot, &QSpinBox::valueChanged, this, &DeploymentDialog::updatePilot);
    auto *pilotRow = new QHBoxLayout;
    pilotRow->addWidget(m_pilot);
    pilotRow->addWidget(m_pilotDescription, 1);
    form()->addRow(tr("P&ilot:"), container(pilotRow, m_pilot, this));

    m_pilotSuccess->setObjectName(QStringLiteral("pilotSuccess"));
    m_pilotSuccess->setRange(1, 100);
    m_pilotSuccess->setValue(kDefaultPilotSuccessPercent);
    m_pilotSuccess->setPrefix(tr("when "));
    m_pilotSuccess->setSuffix(tr("% of the pilot succeeded"));
    m_pilotSuccess->setToolTip(
        tr("The other devices receive the deployment once this share of the pilot succeeded. A device the "
           "updates do not apply to counts neither way."));
    form()->addRow(tr("The rest &follows:"), m_pilotSuccess);

    m_pauseEnabled->setObjectName(QStringLiteral("pauseEnabled"));
    m_pauseEnabled->setToolTip(
        tr("The deployment pauses itself when more than this share of the devices that finished failed, so "
           "that you can look before it reaches more devices."));
    m_pauseFailure->setObjectName(QStringLiteral("pauseFailure"));
    m_pauseFailure->setRange(0, 99);
    m_pauseFailure->setValue(kDefaultPauseFailurePercent);
    m_pauseFailure->setSuffix(tr("% of finished devices failed"));
    m_pauseFailure->setEnabled(false);
    connect(m_pauseEnabled, &QCheckBox::toggled, m_pauseFailure, &QWidget::setEnabled);
    form()->addRow(m_pauseEnabled, m_pauseFailure);

    m_perMinute->setObjectName(QStringLiteral("perMinute"));
    m_perMinute->setRange(0, kMaxConcurrent);
    m_perMinute->setSpecialValueText(tr("No limit"));
    m_perMinute->setToolTip(tr("How many devices the server releases the deployment to in any minute."));
    form()->addRow(tr("At most per min&ute:"), m_perMinute);
}

void DeploymentDialog::updatePilot()
{
    const int pilot = m_pilot->value();
    m_pilotSuccess->setEnabled(pilot > 0);
    const int checked = m_pilot->maximum();
    m_pilotDescription->setText(
        pilot == 0 ? tr("No device waits for a pilot.")
                   : tr("%1 of the %n devices checked, from the top of the list, before the others.", nullptr, checked)
                         .arg(pilot));
}

QWidget *DeploymentDialog::buildKeyRow()
{
    m_keyFile->setObjectName(QStringLiteral("keyFile"));
    m_keyFile->setPlaceholderText(tr("The key file stewardctl signing add-operator wrote"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseKey"));
    connect(browse, &QPushButton::clicked, this, &DeploymentDialog::browseKeyFile);
    auto *row = new QHBoxLayout;
    row->addWidget(m_keyFile, 1);
    row->addWidget(browse);
    return container(row, m_keyFile, this);
}

void DeploymentDialog::browseKeyFile()
{
    // Not exec(): the dialog may be deleted while the file chooser is open.
    auto *chooser = new QFileDialog(this,
                                    tr("Operator key file"),
                                    QFileInfo(m_keyFile->text()).path(),
                                    tr("Key files (*.key *.pem);;All files (*)"));
    chooser->setObjectName(QStringLiteral("keyFileChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAcceptMode(QFileDialog::AcceptOpen);
    connect(chooser, &QFileDialog::fileSelected, m_keyFile, &QLineEdit::setText);
    chooser->open();
}

void DeploymentDialog::addDevice(const QString &id, const QString &hostname, bool checked)
{
    for (int row = 0; row < m_devices->count(); ++row) {
        QListWidgetItem *item = m_devices->item(row);
        if (item->data(Qt::UserRole).toString() == id) {
            if (!hostname.isEmpty()) {
                item->setText(hostname);
            }
            return;
        }
    }
    auto *item = new QListWidgetItem(hostname.isEmpty() ? id : hostname);
    item->setData(Qt::UserRole, id);
    item->setToolTip(id);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    m_devices->addItem(item);
}

void DeploymentDialog::loadDevices()
{
    if (!client()) {
        return;
    }
    auto *load = new QObject(this);
    m_deviceLoad = load;
    updateDeviceCount();
    client()->devices(load, [this, load](const Result<QJsonValue> &result) {
        load->deleteLater();
        m_deviceLoad.clear();
        if (!result) {
            m_deviceCount->setText(tr("Could not list the devices: %1").arg(FormDialog::describeError(result.error())));
            return;
        }
        const QSignalBlocker blocker(m_devices);
        for (const QJsonValue &value : result.value().toArray()) {
            const QJsonObject device = value.toObject();
            const QString id = device.value(QStringLiteral("id")).toString();
            // A revoked device can run nothing: it is not offered.
            const QString state = device.value(QStringLiteral("state")).toString();
            if (id.isEmpty() || state == QLatin1String("revoked") || state == QLatin1String("retired")) {
                continue;
            }
            addDevice(id, device.value(QStringLiteral("hostname")).toString(), false);
        }
        m_devices->sortItems();
        updateDeviceCount();
    });
}

void DeploymentDialog::loadPendingUpdates()
{
    for (const QString &id : checkedDevices()) {
        if (m_detailsRequested.contains(id) || m_detailsRequested.size() >= maxDetailLoads) {
            continue;
        }
        m_detailsRequested.insert(id);
        ++m_detailsLoading;
        client()->device(id, this, [this, id](const Result<QJsonValue> &result) {
            --m_detailsLoading;
            QList<Pending> pending;
            if (result) {
                for (const DeviceDetail::PendingUpdate &update :
                     DeviceDetail::fromJson(result.value().toObject()).pendingUpdates) {
                    pending.append(Pending{update.name, update.security});
                }
            }
            m_pending.insert(id, pending);
            rebuildPackages();
        });
    }
    rebuildPackages();
}

void DeploymentDialog::rebuildPackages()
{
    struct Offer {
        int devices = 0;
        bool security = false;
    };
    QMap<QString, Offer> offers;
    int read = 0;
    int checked = 0;
    for (const QString &id : checkedDevices()) {
        ++checked;
        if (!m_pending.contains(id)) {
            continue;
        }
        ++read;
        QSet<QString> seen;
        for (const Pending &update : m_pending.value(id)) {
            if (seen.contains(update.name)) {
                continue;
            }
            seen.insert(update.name);
            Offer &offer = offers[update.name];
            ++offer.devices;
            offer.security = offer.security || update.security;
        }
    }
    QStringList names = offers.keys();
    // Security updates first, then by name.
    std::stable_sort(names.begin(), names.end(), [&offers](const QString &a, const QString &b) {
        return offers.value(a).security > offers.value(b).security;
    });

    m_updatingPackages = true;
    m_packages->clear();
    for (const QString &name : std::as_const(names)) {
        const Offer offer = offers.value(name);
        auto *item = new QListWidgetItem(
            offer.security ? tr("%1 (security update, on %n devices)", nullptr, offer.devices).arg(name)
                           : tr("%1 (on %n devices)", nullptr, offer.devices).arg(name));
        item->setData(Qt::UserRole, name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(m_chosenPackages.contains(name) ? Qt::Checked : Qt::Unchecked);
        m_packages->addItem(item);
    }
    m_updatingPackages = false;

    QString status;
    if (m_detailsLoading > 0) {
        status = tr("Reading the pending updates of %n devices…", nullptr, m_detailsLoading);
    } else if (checked == 0) {
        status = tr("Check devices above to see the updates pending on them.");
    } else if (names.isEmpty() && read > 0) {
        status = tr("No updates are pending on the devices checked.");
    }
    if (read < checked && m_detailsLoading == 0 && m_detailsRequested.size() >= maxDetailLoads) {
        status = tr("Only the pending updates of the first %n devices are listed.", nullptr, maxDetailLoads);
    }
    m_packagesStatus->setText(status);
    m_packagesStatus->setVisible(!status.isEmpty());
}

void DeploymentDialog::updateDeviceCount()
{
    const int checked = int(checkedDevices().size());
    // The pilot is the first devices checked: it cannot be more than those.
    m_pilot->setMaximum(checked);
    updatePilot();
    QString text = tr("%n devices checked", nullptr, checked);
    if (m_deviceLoad) {
        text += QLatin1Char(' ') + tr("(listing every device…)");
    }
    m_deviceCount->setText(text);
}

void DeploymentDialog::updateWhat()
{
    const bool chosen = m_chosen->isChecked();
    m_packages->setEnabled(chosen);
    m_otherPackages->setEnabled(chosen);
    if (chosen) {
        loadPendingUpdates();
    } else {
        m_packagesStatus->hide();
    }
}

QStringList DeploymentDialog::checkedDevices() const
{
    QStringList ids;
    for (int row = 0; row < m_devices->count(); ++row) {
        const QListWidgetItem *item = m_devices->item(row);
        if (item->checkState() == Qt::Checked) {
            ids.append(item->data(Qt::UserRole).toString());
        }
    }
    return ids;
}

QStringList DeploymentDialog::checkedPackages() const
{
    QStringList names;
    for (int row = 0; row < m_packages->count(); ++row) {
        const QListWidgetItem *item = m_packages->item(row);
        if (item->checkState() == Qt::Checked) {
            names.append(item->data(Qt::UserRole).toString());
        }
    }
    return names;
}

QStringList DeploymentDialog::offeredPackages() const
{
    QStringList names;
    for (int row = 0; row < m_packages->count(); ++row) {
        names.append(m_packages->item(row)->data(Qt::UserRole).toString());
    }
    return names;
}

bool DeploymentDialog::isLoading() const
{
    return m_deviceLoad || m_detailsLoading > 0;
}

Result<deployment::PatchJob> DeploymentDialog::request() const
{
    const auto refuse = [](const char *code, const QString &message) {
        return makeError(QLatin1String(code), message);
    };
    deployment::PatchJob job;
    job.devices = checkedDevices();
    if (job.devices.isEmpty()) {
        return refuse("devices.none", tr("Check at least one device to deploy to."));
    }
    if (job.devices.size() > deployment::kMaxDevices) {
        return refuse("devices.too-many",
                      tr("One deployment takes at most %1 devices; %2 are checked.")
                          .arg(QLocale().toString(deployment::kMaxDevices), QLocale().toString(job.devices.size())));
    }

    if (m_security->isChecked()) {
        job.select = QStringLiteral("security");
    } else if (m_all->isChecked()) {
        job.select = QStringLiteral("all");
    } else {
        job.select = QStringLiteral("packages");
        QStringList texts = checkedPackages();
        static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
        texts += m_otherPackages->text().split(separators, Qt::SkipEmptyParts);
        for (const QString &text : std::as_const(texts)) {
            const Result<deployment::Package> package = deployment::package(text);
            if (!package) {
                const qsizetype equals = text.indexOf(QLatin1Char('='));
                if (package.error().code == QLatin1String("package.version")) {
                    return refuse("package.version",
                                  tr("“%1” is not a package version: letters, digits and _ + . : ~ ^ -, starting "
                                     "with a letter or digit.")
                                      .arg(text.mid(equals + 1)));
                }
                return refuse("package.name",
                              tr("“%1” is not a package name, advisory or update: letters, digits and _ + . : ~ ^ -, "
                                 "starting with a letter or digit.")
                                  .arg(equals < 0 ? text : text.left(equals)));
            }
            for (const deployment::Package &earlier : std::as_const(job.packages)) {
                if (earlier.name == package.value().name) {
                    return refuse(
                        "package.twice",
                        tr("%1 is chosen twice: choose it once, with or without a version.").arg(earlier.name));
                }
            }
            job.packages.append(package.value());
        }
        if (job.packages.isEmpty()) {
            return refuse("package.none", tr("Choose at least one package, or install security or all updates."));
        }
    }

    const QDateTime now = utcSeconds(m_clock.now());
    job.notBefore = utcSeconds(m_notBefore->dateTime());
    job.deadline = m_deadlineEnabled->isChecked() ? utcSeconds(m_deadline->dateTime()) : QDateTime();
    job.expiresAt = utcSeconds(m_expires->dateTime());
    if (const Status times = deployment::checkTimes(job, now); !times) {
        return makeError(times.error().code, describeTimesError(times.error()));
    }
    const Result<QList<jobs::MaintenanceWindow>> windows = maintenanceWindows();
    if (!windows) {
        return windows.error();
    }
    job.windows = windows.value();
    job.reboot = m_reboot->currentData().toString();
    if (job.reboot == QLatin1String("at-deadline") && !job.deadline.isValid()) {
        return refuse("reboot.no-deadline",
                      tr("Restarting at the deadline needs a deadline: set one, or choose "
                         "another restart policy."));
    }
    // Checked while a restart policy was chosen, then left behind when "never" was: not meant.
    job.rebootServers = job.reboot != QLatin1String("never") && m_rebootServers->isChecked();
    if (m_maxConcurrent->value() > 0) {
        job.maxConcurrent = m_maxConcurrent->value();
    }

    if (m_perMinute->value() > 0) {
        job.perMinute = m_perMinute->value();
    }
    if (const int pilot = m_pilot->value(); pilot > 0) {
        job.pilot = job.devices.mid(0, pilot);
        job.pilotSuccessRatio = m_pilotSuccess->value() / 100.0;
    }
    if (m_pauseEnabled->isChecked()) {
        job.pauseFailureRatio = m_pauseFailure->value() / 100.0;
    }
    if (const Status rollout = deployment::checkRollout(job); !rollout) {
        const QString code = rollout.error().code;
        if (code == QLatin1String("rollout.pilot-not-target")) {
            return refuse("rollout.pilot-not-target", tr("A pilot device is not one of the devices checked."));
        }
        if (code == QLatin1String("rollout.ratio")) {
            return refuse("rollout.ratio", tr("A share must be from 0 to 100%."));
        }
        return rollout.error();
    }
    return job;
}

Result<QList<jobs::MaintenanceWindow>> DeploymentDialog::maintenanceWindows() const
{
    QList<jobs::MaintenanceWindow> windows;
    const QStringList texts = m_windows->text().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &untrimmed : texts) {
        const QString text = untrimmed.trimmed();
        if (text.isEmpty()) {
            continue;
        }
        const Result<jobs::MaintenanceWindow> window = jobs::MaintenanceWindow::parse(text);
        if (!window) {
            return makeError(QStringLiteral("window.invalid"),
                             tr("“%1” is not a maintenance window: write days and hours such as Sat 22:00-04:00, "
                                "Mon-Fri 20:00-06:00, Sun,Wed 01:00+3h or 2nd Tue 22:00-02:00.")
                                 .arg(text));
        }
        windows.append(window.value());
    }
    // Devices refuse an envelope with more: say so here rather than have every device reject it.
    if (windows.size() > jobs::kMaxWindows) {
        return makeError(QStringLiteral("window.too-many"),
                         tr("A deployment takes at most %1 maintenance windows; %2 are given.")
                             .arg(jobs::kMaxWindows)
                             .arg(windows.size()));
    }
    return windows;
}

QString DeploymentDialog::describeTimesError(const Error &error) const
{
    const QString code = error.code;
    if (code == QLatin1String("times.expires-past")) {
        return tr("The expiry is already past: choose a later one.");
    }
    if (code == QLatin1String("times.deadline-past")) {
        return tr("The deadline is already past: choose a later one, or none.");
    }
    if (code == QLatin1String("times.expires-before-deadline")) {
        return tr("The deployment would expire before its deadline: choose a later expiry.");
    }
    if (code == QLatin1String("times.expires-before-start")) {
        return tr("The deployment would expire before it may start: choose a later expiry or an earlier start.");
    }
    if (code == QLatin1String("times.deadline-before-start")) {
        return tr("The deadline is before the deployment may start: choose a later deadline or an earlier start.");
    }
    return error.message;
}

QString DeploymentDialog::validationError() const
{
    const Result<deployment::PatchJob> job = request();
    if (!job) {
        return job.error().message;
    }
    const QString keyFile = m_keyFile->text().trimmed();
    if (keyFile.isEmpty()) {
        return tr("Choose your operator key file: the deployment is signed with it.");
    }
    if (!QFileInfo(keyFile).isFile()) {
        return tr("There is no file %1.").arg(keyFile);
    }
    return {};
}

Error DeploymentDialog::serverError(const Error &error) const
{
    const QString code = error.code;
    QString text;
    if (code == QLatin1String("signing.none")) {
        text = tr("This site has no operator list yet: create it with stewardctl signing add-operator.");
    } else if (code == QLatin1String("job.signer-unknown")) {
        text = tr("Your operator key is not in the site's operator list.");
    } else if (code == QLatin1String("job.signer-expired")) {
        text = tr("Your operator key has expired: the root key's holder must renew it.");
    } else if (code == QLatin1String("job.signer-kind")) {
        text = tr("Your operator key may not sign update deployments.");
    } else if (code == QLatin1String("signing.expired")) {
        text = tr("The site's operator list has expired: the root key's holder must renew it.");
    } else if (code == QLatin1String("job.target-revoked") || code == QLatin1String("job.target-unknown")) {
        text = tr("A device checked is revoked or no longer exists: %1").arg(error.message);
    } else if (code == QLatin1String("job.deadline-past")) {
        text = tr("The deadline is already past: choose a later one, or none.");
    } else {
        return error;
    }
    return makeError(code, text);
}

void DeploymentDialog::submit()
{
    const Result<deployment::PatchJob> job = request();
    if (!job) {
        complete(job.error());
        return;
    }
    const QString keyFile = m_keyFile->text().trimmed();
    QByteArray passphrase = m_passphrase->text().toUtf8();
    const Result<jobs::SigningKey> key = deployment::readKey(keyFile, passphrase);
    passphrase.fill('\0');
    if (!key) {
        const QString code = key.error().code;
        QString text;
        if (code == QLatin1String("key.passphrase")) {
            text = m_passphrase->text().isEmpty() ? tr("The key file is encrypted: enter its passphrase.")
                                                  : tr("Wrong passphrase for the key file.");
            m_passphrase->selectAll();
        } else if (code == QLatin1String("key.file")) {
            text = tr("Cannot read the key file %1.").arg(keyFile);
        } else {
            text = tr("%1 is not an operator key file made by stewardctl.").arg(keyFile);
        }
        complete(makeError(code, text));
        return;
    }
    const jobs::JobEnvelope envelope = deployment::patchEnvelope(job.value(),
                                                                 QUuid::createUuid().toString(QUuid::WithoutBraces),
                                                                 jobs::fingerprint(key.value().publicKey),
                                                                 m_clock.now());
    const Result<jobs::SignedDocument> document = jobs::SignedDocument::signedBy(key.value(), envelope.encode());
    if (!document) {
        complete(
            makeError(document.error().code, tr("Could not sign the deployment: %1").arg(document.error().message)));
        return;
    }
    client()->createJob(document.value().bytes,
                        document.value().signature,
                        job.value().devices,
                        deployment::rolloutJson(job.value()),
                        this,
                        [this](const Result<QJsonValue> &result) {
                            if (result) {
                                m_passphrase->clear();
                                complete(result);
                            } else {
                                complete(serverError(result.error()));
                            }
                        });
}

} // namespace steward::app
