// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"
#include "DeviceDetail.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>

class QAbstractItemModel;
class QFormLayout;
class QJsonValue;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QVBoxLayout;
class QTabWidget;

namespace steward::app
{

class AntivirusModel;
class AuditTableModel;
class CollectorErrorModel;
class ComplianceReasonModel;
class DeploymentDeviceModel;
class DiskModel;
class FilesystemModel;
class LoggedInUserModel;
class NetworkInterfaceModel;
class PendingUpdateModel;
class RequestTracker;
class SectionPane;
class SoftwareModel;
class ViewTable;

// Everything the server stores about one device, in tabs: for help-desk staff on the phone
// ("is it compliant, and what must the user do?") and for admins (hardware, network, software,
// the agent, its history). Tabs are named "summaryTab", "complianceTab", "updatesTab",
// "jobsTab", "antivirusTab", "hardwareTab", "networkTab", "usersTab", "softwareTab", "agentTab",
// "errorsTab" and "historyTab". The Jobs tab lists the device's copy of every deployment that
// targeted it (GET /devices/{id}/jobs), newest first, each receipt checked against the site CA.
//
// The page never shows "none" where the truth is "not known": a section the device has not
// reported says notReportedText(), one in a shape this console cannot read says
// unreadableText() (each in the "<section>Message" label of its "<section>Pane"), and the rest
// of the page is shown as usual.
class DevicePage : public QWidget
{
    Q_OBJECT

public:
    // Asked before revoking or deleting: true to go ahead. `title` and `text` say what will
    // happen, `action` is the button that does it.
    // Never a nested event loop: the page may be deleted while the question is open (the session
    // ends), so the answer comes back through `proceed`, called only to go ahead.
    using Confirmation = std::function<
        void(const QString &title, const QString &text, const QString &action, std::function<void()> proceed)>;

    explicit DevicePage(const ViewContext &context, QWidget *parent = nullptr);
    ~DevicePage() override;

    // Loads GET /devices/{id}, the device's jobs and its audit trail, asynchronously.
    void showDevice(const QString &id);
    // The same device again (the shell's refresh timer); keeps what is shown until the answer.
    void reload();
    // Aborts the requests in flight.
    void cancel();
    QString deviceId() const;
    // Shows `device` (used by showDevice, and by tests and benchmarks directly).
    void setDevice(const DeviceDetail &device);

    // What the page shows; empty while the first answer for a device is awaited.
    const DeviceDetail &device() const;
    // The server said the device no longer exists: the page says goneText() and offers Back.
    bool isGone() const;
    // Replaces the confirmation dialog (tests).
    void setConfirmation(Confirmation confirmation);
    // Writes the shown device's one-page compliance sheet (PDF) to `fileName`; what "Print
    // compliance sheet…" does once a file is chosen. The status bar says how it went.
    bool printSheet(const QString &fileName);
    // Whether a deployment of the Jobs tab can be opened (the Deployments view is there): then
    // double-click, Enter and "Open deployment" ask for it with deploymentRequested().
    void setDeploymentsAvailable(bool available);

    // The name of `section`'s pane: its widgets are "<name>Pane" and "<name>Message".
    static QString paneName(DeviceDetail::Section section);
    static QString notReportedText();
    static QString unreadableText();
    static QString goneText();

Q_SIGNALS:
    void backRequested();
    // A load started (`what` is shown beside a progress bar and a Cancel button) or finished.
    void busy(const QString &what);
    void idle();
    // Data shown is current as of `at`.
    void loaded(const QDateTime &at);
    // A load failed: the page keeps what it shows.
    void loadFailed(const QString &message);
    // A one-line confirmation for the status bar.
    void message(const QString &text);
    // Revoked or deleted from this page: the device list should refresh.
    void deviceChanged();
    // The person asked to see the deployment `jobId` (one of the Jobs tab).
    void deploymentRequested(const QString &jobId);

private:
    QWidget *buildHeader();
    QWidget *buildSummaryTab();
    QWidget *buildComplianceTab();
    QWidget *buildUpdatesTab();
    QWidget *buildJobsTab();
    QWidget *buildAntivirusTab();
    QWidget *buildHardwareTab();
    QWidget *buildNetworkTab();
    QWidget *buildUsersTab();
    QWidget *buildSoftwareTab();
    QWidget *buildAgentTab();
    QWidget *buildErrorsTab();
    QWidget *buildHistoryTab();

    // A pane for `section` inside `parent`, holding `content` when the section can be shown.
    SectionPane *addPane(DeviceDetail::Section section, QWidget *content, QWidget *parent);
    // A titled box in `layout` for `section`: the form it returns when the section can be shown.
    QFormLayout *addSectionForm(QVBoxLayout *layout, const QString &title, DeviceDetail::Section section);
    // A value label in `form`, found again with field(name).
    QLabel *addField(QFormLayout *form, const QString &label, const QString &name);
    QLabel *field(const QString &name) const;
    void setField(const QString &name, const QString &text);
    // `text` when the section is Ok, else what the section's state says.
    QString sectionText(DeviceDetail::Section section, const QString &text) const;
    QString rebootText() const;

    void showSummary();
    void showCompliance();
    void showUpdates();
    void showLists();
    void showSoftwareCount();
    void showAgent();
    void updateActions();

    ViewTable *addTable(QAbstractItemModel *model, const QString &name, const QString &empty, QWidget *parent);
    void deviceAnswered(const QJsonValue &value);
    void showGone();
    void loadHistory(bool older);
    void loadJobs();
    void openSelectedJob();
    void updateJobActions();
    struct Action;
    void run(const Action &action);
    void revoke();
    void retire();
    void remove();

    ViewContext m_context;
    DeviceDetail m_device;
    QString m_id;
    bool m_gone = false;
    RequestTracker *m_requests = nullptr;
    QPointer<QObject> m_deviceLoad; // request contexts: deleting one aborts its request
    QPointer<QObject> m_historyLoad;
    QPointer<QObject> m_jobsLoad;
    QPointer<QObject> m_action; // a revoke or delete
    Confirmation m_confirm;

    QLabel *m_title = nullptr;
    QLabel *m_stateIcon = nullptr;
    QLabel *m_stateText = nullptr;
    QPushButton *m_copyId = nullptr;
    QPushButton *m_sheet = nullptr;
    QPushButton *m_retire = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_delete = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_loading = nullptr;
    QWidget *m_gonePage = nullptr;
    QTabWidget *m_tabs = nullptr;
    std::array<SectionPane *, DeviceDetail::sectionCount> m_panes{};
    QHash<QString, QLabel *> m_fields;

    QLabel *m_verdictIcon = nullptr;
    QLabel *m_verdict = nullptr;
    ComplianceReasonModel *m_reasons = nullptr;
    ViewTable *m_reasonsView = nullptr;
    PendingUpdateModel *m_updates = nullptr;
    ViewTable *m_updatesView = nullptr;
    AntivirusModel *m_antivirus = nullptr;
    DiskModel *m_disks = nullptr;
    FilesystemModel *m_filesystems = nullptr;
    NetworkInterfaceModel *m_interfaces = nullptr;
    LoggedInUserModel *m_users = nullptr;
    SoftwareModel *m_software = nullptr;
    ViewTable *m_softwareView = nullptr;
    QSortFilterProxyModel *m_softwareProxy = nullptr;
    QLineEdit *m_softwareSearch = nullptr;
    CollectorErrorModel *m_errors = nullptr;
    AuditTableModel *m_history = nullptr;
    QLabel *m_historyStatus = nullptr;
    QPushButton *m_historyMore = nullptr;
    DeploymentDeviceModel *m_jobs = nullptr;
    ViewTable *m_jobsView = nullptr;
    QLabel *m_jobsStatus = nullptr;
    QPushButton *m_openJob = nullptr;
    bool m_deploymentsAvailable = false;
    QList<ViewTable *> m_views; // every table, for column sizing
};

} // namespace steward::app
