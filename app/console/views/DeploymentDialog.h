// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeploymentRequest.h"
#include "FormDialog.h"

#include <QHash>
#include <QPointer>
#include <QSet>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QRadioButton;
class QSpinBox;

namespace steward
{
class Clock;
}

namespace steward::app
{

// A new patch deployment, signed here with the administrator's operator key (docs/jobs.md):
// the key file and its passphrase never leave this machine, the server only receives the
// signed envelope and the devices (POST /api/v1/jobs). What to install is security updates,
// all updates, or chosen packages: those pending on the chosen devices (their lists are read
// when asked for) and any typed as NAME or NAME=VERSION. Times are checked before anything is
// signed; every refusal, the console's or the server's, is shown in the dialog. Maintenance
// windows and restarting servers are signed with the rest; the rollout (a pilot, a rate, a pause on
// failures) is the server's schedule and travels next to the signed envelope.
class DeploymentDialog : public FormDialog
{
    Q_OBJECT

public:
    static constexpr int defaultLifetimeDays = 7;
    // Pending lists of at most this many devices are read for the package list.
    static constexpr int maxDetailLoads = 100;

    // `devices` are checked to begin with (the Devices view's selection); every device the
    // server lists can be checked.
    DeploymentDialog(ApiClient *client, const Clock &clock, const QStringList &devices, QWidget *parent = nullptr);
    ~DeploymentDialog() override;

    // The deployment the form describes now, checked against the clock; an Error whose message
    // says what to change otherwise.
    Result<deployment::PatchJob> request() const;
    // Device ids checked, in the list's order.
    QStringList checkedDevices() const;
    // Package names checked in the pending list.
    QStringList checkedPackages() const;
    // Package names the pending list offers now.
    QStringList offeredPackages() const;
    // True while device lists or pending lists are being read.
    bool isLoading() const;

protected:
    QString validationError() const override;
    void submit() override;

private:
    QWidget *buildWhat();
    void buildRestart();
    void buildRollout();
    QWidget *buildKeyRow();
    void loadDevices();
    void addDevice(const QString &id, const QString &hostname, bool checked);
    void loadPendingUpdates();
    void rebuildPackages();
    void updateDeviceCount();
    void updateWhat();
    void updatePilot();
    void browseKeyFile();
    QString describeTimesError(const Error &error) const;
    // The windows typed, each checked; empty when none is.
    Result<QList<jobs::MaintenanceWindow>> maintenanceWindows() const;
    Error serverError(const Error &error) const;

    const Clock &m_clock;
    QListWidget *m_devices;
    QLabel *m_deviceCount;
    QRadioButton *m_security;
    QRadioButton *m_all;
    QRadioButton *m_chosen;
    QListWidget *m_packages;
    QLabel *m_packagesStatus;
    QLineEdit *m_otherPackages;
    QDateTimeEdit *m_notBefore;
    QCheckBox *m_deadlineEnabled;
    QDateTimeEdit *m_deadline;
    QDateTimeEdit *m_expires;
    QLineEdit *m_windows;
    QComboBox *m_reboot;
    QCheckBox *m_rebootServers;
    QSpinBox *m_maxConcurrent;
    QSpinBox *m_pilot;
    QLabel *m_pilotDescription;
    QSpinBox *m_pilotSuccess;
    QCheckBox *m_pauseEnabled;
    QSpinBox *m_pauseFailure;
    QSpinBox *m_perMinute;
    QLineEdit *m_keyFile;
    QLineEdit *m_passphrase;
    QPointer<QObject> m_deviceLoad;
    // Pending updates by device, as read; a device whose detail failed has an empty entry.
    struct Pending {
        QString name;
        bool security = false;
    };
    QHash<QString, QList<Pending>> m_pending;
    QSet<QString> m_detailsRequested;
    QSet<QString> m_chosenPackages;
    int m_detailsLoading = 0;
    bool m_updatingPackages = false;
};

} // namespace steward::app
