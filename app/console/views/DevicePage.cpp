// SPDX-License-Identifier: GPL-3.0-or-later
#include "DevicePage.h"

#include "AntivirusModel.h"
#include "ApiClient.h"
#include "AuditRecord.h"
#include "AuditTableModel.h"
#include "Clock.h"
#include "CollectorErrorModel.h"
#include "ComplianceReasonModel.h"
#include "ComplianceSheet.h"
#include "DeploymentDeviceModel.h"
#include "DeviceText.h"
#include "DiskModel.h"
#include "Files.h"
#include "FilesystemModel.h"
#include "FormDialog.h"
#include "LoggedInUserModel.h"
#include "NetworkInterfaceModel.h"
#include "PendingUpdateModel.h"
#include "RequestTracker.h"
#include "SoftwareModel.h"
#include "StatusIcon.h"
#include "ViewTable.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace steward::app
{

using Section = DeviceDetail::Section;
using State = DeviceDetail::SectionState;

// One report section's place on the page: its content when the section can be shown, else one
// sentence saying why not.
class SectionPane : public QStackedWidget
{
public:
    SectionPane(const QString &name, QWidget *content, QWidget *parent)
        : QStackedWidget(parent)
        , m_message(new QLabel(this))
    {
        setObjectName(name + QLatin1String("Pane"));
        m_message->setObjectName(name + QLatin1String("Message"));
        m_message->setWordWrap(true);
        m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
        addWidget(m_message);
        addWidget(content);
    }

    void setState(State state)
    {
        if (state == State::Ok) {
            setCurrentIndex(1);
            return;
        }
        m_message->setText(state == State::NotReported ? DevicePage::notReportedText() : DevicePage::unreadableText());
        setCurrentIndex(0);
    }

private:
    QLabel *m_message;
};

namespace
{
constexpr int sortRole = Qt::UserRole + 1; // RecordTableModel::SortRole, AuditTableModel::SortRole
constexpr int historyPageSize = 50;
constexpr qint64 maxCaBytes = 1024 * 1024;

QLabel *textLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The layout of what a section pane shows when the section can be shown.
QVBoxLayout *paneContent(QWidget *content)
{
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

// A tab's outer widget, named for tests and the screenshot test, with a vertical layout.
QVBoxLayout *tabLayout(QWidget *tab, const char *name)
{
    tab->setObjectName(QLatin1String(name));
    return new QVBoxLayout(tab);
}

StatusIcon::Kind stateIcon(const QString &state)
{
    if (state == QLatin1String("revoked") || state == QLatin1String("retired")) {
        return StatusIcon::Kind::Revoked;
    }
    if (state == QLatin1String("stale")) {
        return StatusIcon::Kind::Stale;
    }
    if (state == QLatin1String("never-reported")) {
        return StatusIcon::Kind::Unknown;
    }
    return StatusIcon::Kind::Good;
}

QPixmap iconPixmap(StatusIcon::Kind kind, const QWidget *widget)
{
    const int size = widget->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, widget);
    return StatusIcon::icon(kind).pixmap(size, size);
}
} // namespace

DevicePage::DevicePage(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("devicePage"));
    m_requests = new RequestTracker(this);
    connect(m_requests, &RequestTracker::busy, this, &DevicePage::busy);
    connect(m_requests, &RequestTracker::idle, this, &DevicePage::idle);
    m_confirm =
        [this](const QString &title, const QString &text, const QString &action, std::function<void()> proceed) {
            askToConfirm(this, title, text, QString(), action, std::move(proceed));
        };

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("deviceTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->addTab(buildSummaryTab(), tr("Summary"));
    m_tabs->addTab(buildComplianceTab(), tr("Compliance"));
    m_tabs->addTab(buildUpdatesTab(), tr("Updates"));
    m_tabs->addTab(buildJobsTab(), tr("Jobs"));
    m_tabs->addTab(buildAntivirusTab(), tr("Antivirus"));
    m_tabs->addTab(buildHardwareTab(), tr("Hardware"));
    m_tabs->addTab(buildNetworkTab(), tr("Network"));
    m_tabs->addTab(buildUsersTab(), tr("Users"));
    m_tabs->addTab(buildSoftwareTab(), tr("Software"));
    m_tabs->addTab(buildAgentTab(), tr("Agent"));
    m_tabs->addTab(buildErrorsTab(), tr("Errors"));
    m_tabs->addTab(buildHistoryTab(), tr("History"));

    m_loading = textLabel(QStringLiteral("loadingMessage"), this);
    m_loading->setAlignment(Qt::AlignCenter);

    m_gonePage = new QWidget(this);
    m_gonePage->setObjectName(QStringLiteral("gonePage"));
    auto *gone = new QVBoxLayout(m_gonePage);
    auto *goneMessage = textLabel(QStringLiteral("goneMessage"), m_gonePage);
    goneMessage->setText(goneText());
    goneMessage->setAlignment(Qt::AlignCenter);
    auto *goneBack = new QPushButton(tr("Back to the device list"), m_gonePage);
    goneBack->setObjectName(QStringLiteral("goneBack"));
    connect(goneBack, &QPushButton::clicked, this, &DevicePage::backRequested);
    gone->addStretch();
    gone->addWidget(goneMessage);
    gone->addWidget(goneBack, 0, Qt::AlignCenter);
    gone->addStretch();

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(m_tabs);
    m_pages->addWidget(m_loading);
    m_pages->addWidget(m_gonePage);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    layout->addWidget(m_pages, 1);

    for (const QKeySequence &key : {QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_Back)}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &DevicePage::backRequested);
    }
    setDevice(DeviceDetail());
    m_pages->setCurrentWidget(m_loading);
}

DevicePage::~DevicePage() = default;

QString DevicePage::notReportedText()
{
    return tr("Not reported by this device yet");
}

QString DevicePage::unreadableText()
{
    return tr("This section could not be read (sent by an older or newer agent)");
}

QString DevicePage::goneText()
{
    return tr("This device no longer exists on the server");
}

QWidget *DevicePage::buildHeader()
{
    auto *header = new QWidget(this);
    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *back = new QPushButton(tr("← All devices"), header);
    back->setObjectName(QStringLiteral("back"));
    back->setToolTip(tr("Back to the device list (Alt+Left)"));
    connect(back, &QPushButton::clicked, this, &DevicePage::backRequested);

    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_stateIcon = new QLabel(header);
    m_stateIcon->setObjectName(QStringLiteral("stateIcon"));
    m_stateText = new QLabel(header);
    m_stateText->setObjectName(QStringLiteral("stateText"));

    m_copyId = new QPushButton(tr("Copy device ID"), header);
    m_copyId->setObjectName(QStringLiteral("copyId"));
    connect(m_copyId, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_id);
        Q_EMIT message(tr("Device ID %1 copied").arg(m_id));
    });
    m_sheet = new QPushButton(tr("Compliance sheet…"), header);
    m_sheet->setObjectName(QStringLiteral("sheet"));
    m_sheet->setToolTip(tr("Save a printable one-page compliance sheet (PDF) to hand over or attach to a ticket"));
    connect(m_sheet, &QPushButton::clicked, this, [this] {
        // Not a nested event loop: the page may go while the dialog is open.
        auto *dialog = new QFileDialog(this, tr("Save compliance sheet"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setNameFilter(tr("PDF documents (*.pdf)"));
        dialog->setDefaultSuffix(QStringLiteral("pdf"));
        dialog->selectFile(tr("compliance-%1.pdf").arg(m_device.hostname));
        connect(dialog, &QFileDialog::fileSelected, this, &DevicePage::printSheet);
        dialog->open();
    });
    m_retire = new QPushButton(tr("Retire…"), header);
    m_retire->setObjectName(QStringLiteral("retire"));
    connect(m_retire, &QPushButton::clicked, this, &DevicePage::retire);
    m_revoke = new QPushButton(tr("Revoke…"), header);
    m_revoke->setObjectName(QStringLiteral("revoke"));
    connect(m_revoke, &QPushButton::clicked, this, &DevicePage::revoke);
    m_delete = new QPushButton(tr("Delete…"), header);
    m_delete->setObjectName(QStringLiteral("delete"));
    connect(m_delete, &QPushButton::clicked, this, &DevicePage::remove);

    layout->addWidget(back);
    layout->addWidget(m_title);
    layout->addWidget(m_stateIcon);
    layout->addWidget(m_stateText, 1);
    layout->addWidget(m_copyId);
    layout->addWidget(m_sheet);
    layout->addWidget(m_retire);
    layout->addWidget(m_revoke);
    layout->addWidget(m_delete);
    return header;
}

QString DevicePage::paneName(Section section)
{
    static const std::array<const char *, DeviceDetail::sectionCount> names{"os",
                                                                            "users",
                                                                            "hardware",
                                                                            "disks",
                                                                            "filesystems",
                                                                            "network",
                                                                            "software",
                                                                            "patches",
                                                                            "antivirus",
                                                                            "agent",
                                                                            "errors"};
    return QLatin1String(names[size_t(section)]);
}

SectionPane *DevicePage::addPane(Section section, QWidget *content, QWidget *parent)
{
    auto *pane = new SectionPane(paneName(section), content, parent);
    m_panes[size_t(section)] = pane;
    return pane;
}

QFormLayout *DevicePage::addSectionForm(QVBoxLayout *layout, const QString &title, Section section)
{
    auto *box = new QGroupBox(title, layout->parentWidget());
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *content = new QWidget(box);
    auto *form = new QFormLayout(content);
    form->setContentsMargins(0, 0, 0, 0);
    (new QVBoxLayout(box))->addWidget(addPane(section, content, box));
    layout->addWidget(box);
    return form;
}

ViewTable *DevicePage::addTable(QAbstractItemModel *model, const QString &name, const QString &empty, QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    auto *table = new ViewTable(name, parent);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(0, Qt::AscendingOrder);
    table->setEmptyMessage(empty);
    m_views.append(table);
    return table;
}

QLabel *DevicePage::addField(QFormLayout *form, const QString &label, const QString &name)
{
    QLabel *value = textLabel(name, form->parentWidget());
    form->addRow(label, value);
    m_fields.insert(name, value);
    return value;
}

QLabel *DevicePage::field(const QString &name) const
{
    return m_fields.value(name);
}

void DevicePage::setField(const QString &name, const QString &text)
{
    field(name)->setText(text);
}

QString DevicePage::sectionText(Section section, const QString &text) const
{
    switch (m_device.section(section)) {
    case State::NotReported:
        return notReportedText();
    case State::Unreadable:
        return unreadableText();
    case State::Ok:
        break;
    }
    return DeviceText::orUnknown(text);
}

QWidget *DevicePage::buildSummaryTab()
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    auto *deviceBox = new QGroupBox(tr("Device"), content);
    auto *device = new QFormLayout(deviceBox);
    addField(device, tr("Hostname:"), QStringLiteral("hostname"));
    addField(device, tr("Device ID:"), QStringLiteral("deviceId"));
    addField(device, tr("Org unit:"), QStringLiteral("orgUnit"));
    addField(device, tr("State:"), QStringLiteral("state"));
    addField(device, tr("Last seen:"), QStringLiteral("lastSeen"));
    addField(device, tr("Enrolled:"), QStringLiteral("enrolled"));
    addField(device, tr("Restart required:"), QStringLiteral("rebootRequired"));
    layout->addWidget(deviceBox);

    QFormLayout *os = addSectionForm(layout, tr("Operating system"), Section::Os);
    addField(os, tr("Operating system:"), QStringLiteral("os"));
    addField(os, tr("Kernel:"), QStringLiteral("kernel"));
    addField(os, tr("Architecture:"), QStringLiteral("arch"));
    addField(os, tr("Fully qualified name:"), QStringLiteral("fqdn"));
    addField(os, tr("Last boot:"), QStringLiteral("bootTime"));

    QFormLayout *hardware = addSectionForm(layout, tr("Hardware"), Section::Hardware);
    addField(hardware, tr("Manufacturer and model:"), QStringLiteral("machine"));
    addField(hardware, tr("Serial number:"), QStringLiteral("serial"));
    addField(hardware, tr("Asset tag:"), QStringLiteral("assetTag"));
    addField(hardware, tr("Chassis:"), QStringLiteral("chassis"));
    addField(hardware, tr("BIOS:"), QStringLiteral("bios"));
    addField(hardware, tr("Firmware:"), QStringLiteral("firmware"));
    addField(hardware, tr("Processor:"), QStringLiteral("cpu"));
    addField(hardware, tr("Memory:"), QStringLiteral("memory"));
    addField(hardware, tr("Virtualization:"), QStringLiteral("virtualization"));
    layout->addStretch();

    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("summaryTab"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    return scroll;
}

QWidget *DevicePage::buildComplianceTab()
{
    auto *tab = new QWidget;
    auto *layout = tabLayout(tab, "complianceTab");
    auto *verdictRow = new QHBoxLayout;
    m_verdictIcon = new QLabel(tab);
    m_verdictIcon->setObjectName(QStringLiteral("verdictIcon"));
    m_verdict = textLabel(QStringLiteral("verdict"), tab);
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    verdictRow->addWidget(m_verdictIcon);
    verdictRow->addWidget(m_verdict, 1);
    layout->addLayout(verdictRow);
    m_fields.insert(QStringLiteral("evaluated"), textLabel(QStringLiteral("evaluated"), tab));
    layout->addWidget(field(QStringLiteral("evaluated")));
    m_reasons = new ComplianceReasonModel(m_context.clock, this);
    m_reasonsView = addTable(m_reasons, QStringLiteral("reasons"), tr("The device meets every rule."), tab);
    // Whole sentences: wrapped in the columns that share the width, each row as high as its text.
    m_reasonsView->setWordWrap(true);
    m_reasonsView->setSortingEnabled(false);
    m_reasonsView->horizontalHeader()->setSectionResizeMode(ComplianceReasonModel::Explanation, QHeaderView::Stretch);
    m_reasonsView->horizontalHeader()->setSectionResizeMode(ComplianceReasonModel::Remedy, QHeaderView::Stretch);
    m_reasonsView->horizontalHeader()->setStretchLastSection(false);
    // The policy behind a reason says more to the help desk than its code, which stays in the
    // API and stewardctl; the two do not both fit beside the explanation.
    m_reasonsView->setColumnHidden(ComplianceReasonModel::Code, true);
    m_reasonsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_reasonsView, 1);
    return tab;
}

QWidget *DevicePage::buildUpdatesTab()
{
    auto *tab = new QWidget;
    auto *content = new QWidget(tab);
    QVBoxLayout *layout = paneContent(content);
    m_fields.insert(QStringLiteral("updatesSummary"), textLabel(QStringLiteral("updatesSummary"), content));
    layout->addWidget(field(QStringLiteral("updatesSummary")));
    auto *form = new QFormLayout;
    layout->addLayout(form);
    addField(form, tr("Package manager:"), QStringLiteral("patchManager"));
    addField(form, tr("Package lists refreshed:"), QStringLiteral("lastRefresh"));
    addField(form, tr("Updates last installed:"), QStringLiteral("lastInstall"));
    addField(form, tr("Restart required:"), QStringLiteral("updatesReboot"));
    m_updates = new PendingUpdateModel(this);
    m_updatesView = addTable(m_updates, QStringLiteral("updates"), tr("No updates pending."), content);
    m_updatesView->sortByColumn(PendingUpdateModel::Security, Qt::DescendingOrder);
    layout->addWidget(m_updatesView, 1);
    tabLayout(tab, "updatesTab")->addWidget(addPane(Section::Patches, content, tab));
    return tab;
}

QWidget *DevicePage::buildJobsTab()
{
    auto *tab = new QWidget;
    QVBoxLayout *layout = tabLayout(tab, "jobsTab");
    m_jobsStatus = textLabel(QStringLiteral("jobsStatus"), tab);
    m_jobsStatus->hide();
    layout->addWidget(m_jobsStatus);
    m_jobs = new DeploymentDeviceModel(DeploymentDeviceModel::Perspective::DeploymentsOfDevice, m_context.clock, this);
    m_jobsView = addTable(m_jobs, QStringLiteral("jobs"), QString(), tab);
    m_jobsView->sortByColumn(DeploymentDeviceModel::Created, Qt::DescendingOrder); // newest first
    connect(m_jobsView, &QAbstractItemView::activated, this, &DevicePage::openSelectedJob);
    connect(m_jobsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DevicePage::updateJobActions);
    connect(m_jobsView->model(), &QAbstractItemModel::modelReset, this, &DevicePage::updateJobActions);
    layout->addWidget(m_jobsView, 1);
    m_openJob = new QPushButton(tr("Open deployment"), tab);
    m_openJob->setObjectName(QStringLiteral("openDeployment"));
    m_openJob->setToolTip(tr("Show this deployment with every device it targets in the Deployments view"));
    connect(m_openJob, &QPushButton::clicked, this, &DevicePage::openSelectedJob);
    layout->addWidget(m_openJob, 0, Qt::AlignLeft);
    updateJobActions();
    return tab;
}

QWidget *DevicePage::buildAntivirusTab()
{
    auto *tab = new QWidget;
    m_antivirus = new AntivirusModel(m_context.clock, this);
    ViewTable *table =
        addTable(m_antivirus, QStringLiteral("antivirus"), tr("No antivirus product was found on this device."), tab);
    tabLayout(tab, "antivirusTab")->addWidget(addPane(Section::Antivirus, table, tab));
    return tab;
}

QWidget *DevicePage::buildHardwareTab()
{
    auto *tab = new QWidget;
    QVBoxLayout *layout = tabLayout(tab, "hardwareTab");
    m_disks = new DiskModel(this);
    m_filesystems = new FilesystemModel(this);
    const struct {
        QString title;
        Section section;
        QString name;
        QAbstractItemModel *model;
        QString empty;
    } lists[] = {
        {tr("Disks"), Section::Disks, QStringLiteral("disks"), m_disks, tr("No disks were reported.")},
        {tr("Filesystems"),
         Section::Filesystems,
         QStringLiteral("filesystems"),
         m_filesystems,
         tr("No filesystems on block devices were reported.")},
    };
    for (const auto &list : lists) {
        auto *box = new QGroupBox(list.title, tab);
        ViewTable *table = addTable(list.model, list.name, list.empty, box);
        (new QVBoxLayout(box))->addWidget(addPane(list.section, table, box));
        layout->addWidget(box, 1);
    }
    return tab;
}

QWidget *DevicePage::buildNetworkTab()
{
    auto *tab = new QWidget;
    m_interfaces = new NetworkInterfaceModel(this);
    ViewTable *table =
        addTable(m_interfaces, QStringLiteral("interfaces"), tr("No network interfaces were reported."), tab);
    tabLayout(tab, "networkTab")->addWidget(addPane(Section::Network, table, tab));
    return tab;
}

QWidget *DevicePage::buildUsersTab()
{
    auto *tab = new QWidget;
    m_users = new LoggedInUserModel(m_context.clock, this);
    ViewTable *table =
        addTable(m_users, QStringLiteral("users"), tr("Nobody was logged in when the device last reported."), tab);
    tabLayout(tab, "usersTab")->addWidget(addPane(Section::Users, table, tab));
    return tab;
}

QWidget *DevicePage::buildSoftwareTab()
{
    auto *tab = new QWidget;
    auto *content = new QWidget(tab);
    QVBoxLayout *layout = paneContent(content);
    auto *searchRow = new QHBoxLayout;
    layout->addLayout(searchRow);
    m_softwareSearch = new QLineEdit(content);
    m_softwareSearch->setObjectName(QStringLiteral("softwareSearch"));
    m_softwareSearch->setPlaceholderText(tr("Search by name, version or publisher"));
    m_softwareSearch->setClearButtonEnabled(true);
    searchRow->addWidget(m_softwareSearch, 1);
    m_fields.insert(QStringLiteral("softwareCount"), textLabel(QStringLiteral("softwareCount"), content));
    searchRow->addWidget(field(QStringLiteral("softwareCount")));

    m_software = new SoftwareModel(this);
    m_softwareView = addTable(m_software, QStringLiteral("software"), QString(), content);
    // Ten thousand rows: one fixed height, so that nothing measures every row.
    m_softwareView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_softwareProxy = qobject_cast<QSortFilterProxyModel *>(m_softwareView->model());
    m_softwareProxy->setFilterRole(SoftwareModel::SearchRole);
    m_softwareProxy->setFilterKeyColumn(0);
    m_softwareProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_softwareSearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_softwareProxy->setFilterFixedString(text.trimmed());
        showSoftwareCount();
    });
    layout->addWidget(m_softwareView, 1);
    tabLayout(tab, "softwareTab")->addWidget(addPane(Section::Software, content, tab));
    return tab;
}

QWidget *DevicePage::buildAgentTab()
{
    auto *tab = new QWidget;
    QVBoxLayout *layout = tabLayout(tab, "agentTab");
    QFormLayout *agent = addSectionForm(layout, tr("Agent"), Section::Agent);
    addField(agent, tr("Agent version:"), QStringLiteral("agentVersion"));
    addField(agent, tr("Reports dropped:"), QStringLiteral("droppedReports"));

    auto *reportsBox = new QGroupBox(tr("Reports"), tab);
    auto *reports = new QFormLayout(reportsBox);
    addField(reports, tr("Last report number:"), QStringLiteral("lastSequence"));
    addField(reports, tr("Reports stored:"), QStringLiteral("reportsStored"));
    addField(reports, tr("Reports missing:"), QStringLiteral("reportsMissing"));
    addField(reports, tr("Certificate expires:"), QStringLiteral("certificateExpires"));
    layout->addWidget(reportsBox);
    layout->addStretch(1);
    return tab;
}

QWidget *DevicePage::buildErrorsTab()
{
    auto *tab = new QWidget;
    m_errors = new CollectorErrorModel(this);
    ViewTable *table = addTable(m_errors,
                                QStringLiteral("errors"),
                                tr("Every collector produced its section in the last report."),
                                tab);
    tabLayout(tab, "errorsTab")->addWidget(addPane(Section::Errors, table, tab));
    return tab;
}

QWidget *DevicePage::buildHistoryTab()
{
    auto *tab = new QWidget;
    QVBoxLayout *layout = tabLayout(tab, "historyTab");
    m_historyStatus = textLabel(QStringLiteral("historyStatus"), tab);
    m_historyStatus->hide();
    layout->addWidget(m_historyStatus);
    m_history = new AuditTableModel(this);
    ViewTable *table = addTable(m_history, QStringLiteral("history"), QString(), tab);
    table->setSortingEnabled(false); // newest first, as the server answers; older pages append below
    table->setColumnHidden(AuditTableModel::Target, true); // always this device
    layout->addWidget(table, 1);
    m_historyMore = new QPushButton(tr("Show older entries"), tab);
    m_historyMore->setObjectName(QStringLiteral("historyMore"));
    m_historyMore->hide();
    connect(m_historyMore, &QPushButton::clicked, this, [this] {
        loadHistory(true);
    });
    layout->addWidget(m_historyMore, 0, Qt::AlignLeft);
    return tab;
}

QString DevicePage::deviceId() const
{
    return m_id;
}

const DeviceDetail &DevicePage::device() const
{
    return m_device;
}

bool DevicePage::isGone() const
{
    return m_gone;
}

bool DevicePage::printSheet(const QString &fileName)
{
    const ComplianceSheet::Context context{m_context.clock.now(),
                                           m_context.client->user(),
                                           m_context.client->baseUrl().toString()};
    const Status written = ComplianceSheet::writePdf(m_device, context, fileName);
    Q_EMIT message(written ? tr("Compliance sheet saved to %1").arg(QDir::toNativeSeparators(fileName))
                           : tr("The compliance sheet could not be saved: %1").arg(written.error().message));
    return written.ok();
}

void DevicePage::setConfirmation(Confirmation confirmation)
{
    m_confirm = std::move(confirmation);
}

void DevicePage::setDeploymentsAvailable(bool available)
{
    m_deploymentsAvailable = available;
    updateJobActions();
}

void DevicePage::setDevice(const DeviceDetail &device)
{
    m_device = device;
    m_id = device.id;
    m_gone = false;
    for (size_t i = 0; i < m_panes.size(); ++i) {
        if (m_panes[i]) {
            m_panes[i]->setState(device.sections[i]);
        }
    }
    m_title->setText(device.hostname.isEmpty() ? device.id : device.hostname);
    showSummary();
    showCompliance();
    showUpdates();
    showLists();
    showAgent();
    updateActions();
    for (ViewTable *table : std::as_const(m_views)) {
        table->fitColumns();
    }
    m_pages->setCurrentWidget(m_tabs);
}

QString DevicePage::rebootText() const
{
    const DeviceDetail &d = m_device;
    QString reboot = DeviceText::yesNo(d.rebootRequired);
    if (d.rebootRequired.value_or(false) && !d.rebootPackages.isEmpty()) {
        reboot = tr("Yes, for %1").arg(d.rebootPackages.join(QStringLiteral(", ")));
    }
    return sectionText(Section::Patches, reboot);
}

void DevicePage::showSummary()
{
    const DeviceDetail &d = m_device;
    const QDateTime now = m_context.clock.now();
    setField(QStringLiteral("hostname"), DeviceText::orUnknown(d.hostname));
    setField(QStringLiteral("deviceId"), d.id);
    setField(QStringLiteral("orgUnit"),
             d.orgUnit.isEmpty() || d.orgUnit == QLatin1String("/") ? tr("None (the site)") : d.orgUnit);

    QString state;
    if (d.state == QLatin1String("retired")) {
        state = d.retiredReason.isEmpty()
            ? tr("Retired by %1, %2").arg(d.retiredBy, DeviceText::when(d.retiredAt, now))
            : tr("Retired by %1, %2: %3").arg(d.retiredBy, DeviceText::when(d.retiredAt, now), d.retiredReason);
    } else if (d.state == QLatin1String("revoked")) {
        state = tr("Revoked: the server refuses its certificate");
    } else if (d.state == QLatin1String("stale")) {
        state = tr("Not seen recently: no contact for longer than the server allows");
    } else if (d.state == QLatin1String("never-reported")) {
        state = tr("Never reported since it was enrolled");
    } else {
        state = tr("Reporting");
    }
    setField(QStringLiteral("state"), state);
    m_stateText->setText(d.id.isEmpty() ? QString() : state);
    m_stateIcon->setPixmap(d.id.isEmpty() ? QPixmap() : iconPixmap(stateIcon(d.state), this));
    setField(QStringLiteral("lastSeen"), DeviceText::when(d.lastSeen, now, tr("never")));
    setField(QStringLiteral("enrolled"), DeviceText::when(d.enrolledAt, now));
    setField(QStringLiteral("rebootRequired"), rebootText());

    setField(QStringLiteral("os"), DeviceText::orUnknown(d.os));
    setField(QStringLiteral("kernel"), DeviceText::orUnknown(d.kernel));
    setField(QStringLiteral("arch"), DeviceText::orUnknown(d.arch));
    // The agent sends "" for a machine without a fully qualified name: that is an answer.
    const QString fqdn = d.fqdn.isEmpty() ? d.domain : d.fqdn;
    setField(QStringLiteral("fqdn"), fqdn.isEmpty() ? tr("None") : fqdn);
    setField(QStringLiteral("bootTime"), DeviceText::when(d.bootTime, now));

    const QString machine = QStringList{d.manufacturer, d.model}.join(QLatin1Char(' ')).trimmed();
    setField(QStringLiteral("machine"), DeviceText::orUnknown(machine));
    setField(QStringLiteral("serial"), DeviceText::orUnknown(d.serial));
    setField(QStringLiteral("assetTag"), d.assetTag.isEmpty() ? tr("None") : d.assetTag);
    setField(QStringLiteral("chassis"), DeviceText::orUnknown(d.chassisType));
    QString bios = QStringList{d.biosVendor, d.biosVersion}.join(QLatin1Char(' ')).trimmed();
    if (!d.biosDate.isEmpty()) {
        bios = bios.isEmpty() ? d.biosDate : tr("%1, dated %2").arg(bios, d.biosDate);
    }
    setField(QStringLiteral("bios"), DeviceText::orUnknown(bios));
    QString firmware = d.firmwareType;
    if (firmware == QLatin1String("uefi")) {
        firmware = tr("UEFI");
    } else if (firmware == QLatin1String("bios")) {
        firmware = tr("Legacy BIOS");
    }
    setField(QStringLiteral("firmware"), DeviceText::orUnknown(firmware));

    QStringList cpu;
    if (d.cpuPhysicalCores) {
        cpu.append(tr("%n cores", nullptr, *d.cpuPhysicalCores));
    }
    if (d.cpuCores) {
        cpu.append(tr("%n logical processors", nullptr, *d.cpuCores));
    }
    if (d.cpuSockets.value_or(1) > 1) {
        cpu.append(tr("%n sockets", nullptr, *d.cpuSockets));
    }
    QString processor = DeviceText::orUnknown(d.cpuModel);
    if (!cpu.isEmpty()) {
        processor = tr("%1 (%2)").arg(processor, cpu.join(QStringLiteral(", ")));
    }
    setField(QStringLiteral("cpu"), processor);
    setField(QStringLiteral("memory"), DeviceText::size(d.memoryBytes));

    QString virtualization = d.virtualization;
    if (d.virtualization == QLatin1String("vm")) {
        virtualization = d.hypervisor.isEmpty() ? tr("Virtual machine") : tr("Virtual machine (%1)").arg(d.hypervisor);
    } else if (d.virtualization == QLatin1String("physical")) {
        virtualization = tr("Physical machine");
    }
    if (!d.container.isEmpty()) {
        virtualization = tr("%1, in a container (%2)").arg(DeviceText::orUnknown(virtualization), d.container);
    }
    setField(QStringLiteral("virtualization"), DeviceText::orUnknown(virtualization));
}

void DevicePage::showCompliance()
{
    const DeviceDetail &d = m_device;
    StatusIcon::Kind kind = StatusIcon::Kind::Unknown;
    if (!d.compliant) {
        m_verdict->setText(tr("Not evaluated yet"));
    } else if (*d.compliant) {
        kind = StatusIcon::Kind::Good;
        m_verdict->setText(tr("Compliant"));
    } else if (d.complianceState == QLatin1String("not-seen")) {
        // Silent, not necessarily broken: the help desk asks whether it is switched on first.
        kind = StatusIcon::Kind::Stale;
        m_verdict->setText(d.complianceSince.isValid()
                               ? tr("Not seen since %1").arg(DeviceText::when(d.complianceSince, m_context.clock.now()))
                               : tr("Not seen"));
    } else {
        kind = StatusIcon::Kind::Bad;
        const QString count = tr("Not compliant: %n reasons", nullptr, int(d.reasons.size()));
        m_verdict->setText(
            d.complianceSince.isValid()
                ? tr("%1, failing since %2").arg(count, DeviceText::when(d.complianceSince, m_context.clock.now()))
                : count);
    }
    m_verdictIcon->setPixmap(iconPixmap(kind, this));
    m_tabs->setTabIcon(1, StatusIcon::icon(kind));
    setField(QStringLiteral("evaluated"),
             d.evaluatedAt.isValid() ? tr("Evaluated %1").arg(DeviceText::when(d.evaluatedAt, m_context.clock.now()))
                                     : QString());
    m_reasons->setReasons(d.reasons);
}

void DevicePage::showUpdates()
{
    const DeviceDetail &d = m_device;
    const QDateTime now = m_context.clock.now();
    m_updates->setRecords(d.pendingUpdates);
    m_updatesView->setColumnHidden(PendingUpdateModel::Severity,
                                   m_updates->isColumnEmpty(PendingUpdateModel::Severity));
    setField(QStringLiteral("updatesSummary"),
             tr("%1, %2").arg(tr("%n pending updates", nullptr, int(d.pendingUpdates.size())),
                              tr("%n security updates", nullptr, d.securityCount)));
    QString manager = d.patchManager;
    if (manager == QLatin1String("apt")) {
        manager = tr("APT (Debian, Ubuntu)");
    } else if (manager == QLatin1String("dnf")) {
        manager = tr("DNF (Fedora, Red Hat)");
    } else if (manager == QLatin1String("windows-update")) {
        manager = tr("Windows Update");
    } else if (manager == QLatin1String("none")) {
        manager = tr("None that Steward can read");
    }
    setField(QStringLiteral("patchManager"), DeviceText::orUnknown(manager));
    setField(QStringLiteral("lastRefresh"), DeviceText::when(d.lastRefresh, now));
    setField(QStringLiteral("lastInstall"), DeviceText::when(d.lastInstall, now));
    setField(QStringLiteral("updatesReboot"), rebootText());
}

void DevicePage::showLists()
{
    const DeviceDetail &d = m_device;
    m_antivirus->setRecords(d.antivirus);
    m_disks->setRecords(d.disks);
    m_filesystems->setRecords(d.filesystems);
    m_interfaces->setRecords(d.interfaces);
    m_users->setRecords(d.users);
    m_errors->setRecords(d.collectorErrors);
    m_tabs->setTabIcon(m_tabs->indexOf(findChild<QWidget *>(QStringLiteral("errorsTab"))),
                       d.collectorErrors.isEmpty() ? QIcon() : StatusIcon::icon(StatusIcon::Kind::Warning));

    m_software->setRecords(d.software);
    for (const int column : {SoftwareModel::Publisher, SoftwareModel::InstallDate}) {
        m_softwareView->setColumnHidden(column, m_software->isColumnEmpty(column));
    }
    showSoftwareCount();
}

void DevicePage::showSoftwareCount()
{
    const int total = m_software->rowCount();
    const int shown = m_softwareProxy->rowCount();
    setField(QStringLiteral("softwareCount"),
             shown == total ? tr("%n packages", nullptr, total)
                            : tr("%1 of %n packages", nullptr, total).arg(QLocale().toString(shown)));
    m_softwareView->setEmptyMessage(total == 0 ? tr("The device reported no installed software.")
                                               : tr("No package matches the search."));
}

void DevicePage::showAgent()
{
    const DeviceDetail &d = m_device;
    setField(QStringLiteral("agentVersion"), DeviceText::orUnknown(d.agentVersion));
    QString dropped = DeviceText::unknown();
    if (d.droppedReports) {
        dropped = *d.droppedReports == 0
            ? tr("None")
            : tr("%n reports, because the agent's spool was full", nullptr, int(*d.droppedReports));
    }
    setField(QStringLiteral("droppedReports"), dropped);

    const auto number = [](std::optional<qint64> value) {
        return value ? QLocale().toString(*value) : DeviceText::unknown();
    };
    setField(QStringLiteral("lastSequence"), number(d.lastSequence));
    setField(QStringLiteral("reportsStored"), number(d.reportsStored));
    QString missing = DeviceText::unknown();
    if (d.lastSequence && d.reportsStored) {
        const qint64 lost = *d.lastSequence - *d.reportsStored;
        missing = lost <= 0 ? tr("None: every report arrived") : tr("%n reports never arrived", nullptr, int(lost));
    }
    setField(QStringLiteral("reportsMissing"), missing);

    // Only what the server says: no expiry row at all when it does not send one.
    QLabel *certificate = field(QStringLiteral("certificateExpires"));
    qobject_cast<QFormLayout *>(certificate->parentWidget()->layout())
        ->setRowVisible(certificate, d.certificateExpiresAt.isValid());
    certificate->setText(DeviceText::when(d.certificateExpiresAt, m_context.clock.now()));
}

void DevicePage::updateActions()
{
    const bool admin = m_context.client && m_context.client->role() == QLatin1String("admin");
    const bool shown = !m_id.isEmpty() && !m_gone;
    m_copyId->setVisible(shown);
    m_sheet->setVisible(shown);
    m_retire->setVisible(admin && shown && !m_device.retiredAt.isValid());
    m_revoke->setVisible(admin && shown && !m_device.revoked);
    m_delete->setVisible(admin && shown && m_device.revoked);
    m_tabs->setTabVisible(m_tabs->indexOf(findChild<QWidget *>(QStringLiteral("historyTab"))), admin);
}

void DevicePage::showDevice(const QString &id)
{
    if (id != m_id || m_gone) {
        cancel();
        setDevice(DeviceDetail());
        m_id = id;
        m_title->setText(id);
        m_history->setRecords({});
        m_historyStatus->hide();
        m_historyMore->hide();
        m_jobs->setJobs({});
        m_jobsStatus->hide();
        m_jobsView->setEmptyMessage(QString());
        m_softwareSearch->clear();
        m_tabs->setCurrentIndex(0);
        m_loading->setText(tr("Loading…"));
        m_pages->setCurrentWidget(m_loading);
        updateActions();
    }
    reload();
}

void DevicePage::reload()
{
    if (m_id.isEmpty() || !m_context.client) {
        return;
    }
    m_requests->abandon(m_deviceLoad);
    m_deviceLoad = m_requests->start(tr("Loading device %1…").arg(m_title->text()));
    QObject *context = m_deviceLoad;
    m_context.client->device(m_id, context, [this, context](const Result<QJsonValue> &result) {
        if (result) {
            deviceAnswered(result.value());
        } else if (result.error().code == QLatin1String("device.unknown")) {
            showGone();
            Q_EMIT loaded(m_context.clock.now());
        } else {
            const QString text = tr("Could not load the device: %1").arg(result.error().message);
            if (m_pages->currentWidget() == m_loading) {
                m_loading->setText(text);
            }
            Q_EMIT loadFailed(text);
        }
        m_requests->finish(context);
    });
    loadJobs();
    if (m_context.client->role() == QLatin1String("admin")) {
        loadHistory(false);
    }
}

void DevicePage::deviceAnswered(const QJsonValue &value)
{
    const int tab = m_tabs->currentIndex();
    setDevice(DeviceDetail::fromJson(value.toObject()));
    m_tabs->setCurrentIndex(tab);
    Q_EMIT loaded(m_context.clock.now());
}

void DevicePage::cancel()
{
    m_requests->abandon(m_deviceLoad);
    m_requests->abandon(m_jobsLoad);
    m_requests->abandon(m_historyLoad);
}

void DevicePage::showGone()
{
    const QString id = m_id;
    setDevice(DeviceDetail());
    m_id = id;
    m_gone = true;
    m_title->setText(id);
    m_history->setRecords({});
    m_historyMore->hide();
    m_jobs->setJobs({});
    m_jobsStatus->hide();
    m_pages->setCurrentWidget(m_gonePage);
    updateActions();
}

void DevicePage::loadHistory(bool older)
{
    m_requests->abandon(m_historyLoad);
    AuditQuery query;
    query.target = m_id;
    // A refresh asks again for as many rows as are shown, so older pages the admin opened stay.
    query.limit = older ? historyPageSize : qBound(historyPageSize, int(m_history->rowCount()), 10000);
    query.before = older ? m_history->oldestId() : 0;
    m_historyLoad = m_requests->start(tr("Loading the history of %1…").arg(m_title->text()));
    QObject *context = m_historyLoad;
    m_context.client->audit(query, context, [this, context, older, query](const Result<QJsonValue> &result) {
        m_requests->finish(context);
        if (!result) {
            // The device itself may have loaded: say it here, not in the shell's banner.
            m_historyStatus->setText(tr("Could not load this device's history: %1").arg(result.error().message));
            m_historyStatus->show();
            return;
        }
        const QList<AuditRecord> records = AuditRecord::listFromJson(result.value().toArray());
        if (older) {
            m_history->appendRecords(records);
        } else {
            m_history->setRecords(records);
        }
        m_historyStatus->hide();
        m_historyMore->setVisible(records.size() >= (older ? historyPageSize : query.limit));
        auto *table = findChild<ViewTable *>(QStringLiteral("history"));
        table->setEmptyMessage(tr("Nothing about this device is in the audit log."));
        table->fitColumns();
    });
}

void DevicePage::loadJobs()
{
    m_requests->abandon(m_jobsLoad);
    // Receipts are checked against the CA the console trusts: it issued the devices' certificates.
    const Result<QByteArray> ca = files::read(m_context.client->caFile(), maxCaBytes);
    m_jobsLoad = m_requests->start(tr("Loading the jobs of %1…").arg(m_title->text()));
    QObject *context = m_jobsLoad;
    m_context.client->deviceJobs(
        m_id,
        context,
        [this, context, id = m_id, caPem = ca ? ca.value() : QByteArray()](const Result<QJsonValue> &result) {
            m_requests->finish(context);
            if (!result) {
                // A device that is gone says so on the whole page.
                if (result.error().code != QLatin1String("device.unknown")) {
                    m_jobsStatus->setText(tr("Could not load this device's jobs: %1").arg(result.error().message));
                    m_jobsStatus->show();
                }
                return;
            }
            const QModelIndexList selected = m_jobsView->selectionModel()->selectedRows();
            const QString selectedJob = selected.isEmpty()
                ? QString()
                : selected.constFirst().data(DeploymentDeviceModel::JobIdRole).toString();
            m_jobs->setJobs(DeviceJobRecord::ofDevice(id, result.value().toArray(), caPem));
            m_jobsStatus->hide();
            m_jobsView->setEmptyMessage(tr("No deployment has targeted this device."));
            m_jobsView->fitColumns();
            // A refresh keeps the row the person was looking at.
            const QAbstractItemModel *rows = m_jobsView->model();
            for (int row = 0; !selectedJob.isEmpty() && row < rows->rowCount(); ++row) {
                const QModelIndex index = rows->index(row, 0);
                if (index.data(DeploymentDeviceModel::JobIdRole).toString() == selectedJob) {
                    m_jobsView->setCurrentIndex(index);
                    break;
                }
            }
            updateJobActions();
        });
}

void DevicePage::openSelectedJob()
{
    const QModelIndexList selected = m_jobsView->selectionModel()->selectedRows();
    if (!m_deploymentsAvailable || selected.isEmpty()) {
        return;
    }
    const QString id = selected.constFirst().data(DeploymentDeviceModel::JobIdRole).toString();
    if (!id.isEmpty()) {
        Q_EMIT deploymentRequested(id);
    }
}

void DevicePage::updateJobActions()
{
    m_openJob->setVisible(m_deploymentsAvailable);
    m_openJob->setEnabled(m_jobsView->selectionModel()->hasSelection());
}

// One of the admin's actions on this device: asked first, then sent; `then` runs once the server
// agreed. Texts name the device.
struct DevicePage::Action {
    QString question;
    QString explanation;
    QString button;
    QString doing;
    QString failed; // "%1" is the server's message
    QString done;
    std::function<void(QObject *context, ApiClient::Callback callback)> send;
    std::function<void()> then;
};

void DevicePage::run(const Action &action)
{
    if (m_action || !m_context.client) {
        return;
    }
    const QString id = m_id;
    m_confirm(action.question, action.explanation, action.button, [this, action, id] {
        if (m_action || m_id != id) {
            return; // another device is shown by now, or an action already runs
        }
        QObject *context = m_requests->start(action.doing);
        m_action = context;
        action.send(context, [this, context, action, id](const Result<QJsonValue> &result) {
            m_requests->finish(context);
            if (!result) {
                Q_EMIT message(action.failed.arg(result.error().message));
                return;
            }
            Q_EMIT message(action.done);
            Q_EMIT deviceChanged();
            if (m_id == id) {
                action.then(); // only for the device it was about
            }
        });
    });
}

void DevicePage::revoke()
{
    const QString name = m_title->text();
    const QString id = m_id;
    run({tr("Revoke %1?").arg(name),
         tr("Revoking %1 makes the server refuse its certificate: its agent can no longer report, and the device "
            "must be enrolled again to come back. What the server stores about it stays until it is deleted. "
            "Revoking cannot be undone.")
             .arg(name),
         tr("Revoke"),
         tr("Revoking %1…").arg(name),
         tr("Could not revoke %1: %2").arg(name, QStringLiteral("%1")),
         tr("%1 revoked").arg(name),
         [this, id](QObject *context, ApiClient::Callback callback) {
             m_context.client->revokeDevice(id, context, std::move(callback));
         },
         [this] {
             reload();
         }});
}

void DevicePage::retire()
{
    const QString name = m_title->text();
    const QString id = m_id;
    run({tr("Retire %1?").arg(name),
         tr("Retire %1 when it leaves service (sold, scrapped, handed back). The server refuses its certificate "
            "from now on and counts it no more; its inventory, jobs and history stay, marked retired. Retiring "
            "cannot be undone.")
             .arg(name),
         tr("Retire"),
         tr("Retiring %1…").arg(name),
         tr("Could not retire %1: %2").arg(name, QStringLiteral("%1")),
         tr("%1 retired").arg(name),
         [this, id](QObject *context, ApiClient::Callback callback) {
             m_context.client->retireDevice(id, QString(), context, std::move(callback));
         },
         [this] {
             reload();
         }});
}

void DevicePage::remove()
{
    const QString name = m_title->text();
    const QString id = m_id;
    run({tr("Delete %1?").arg(name),
         tr("Deleting %1 removes it from the server with everything stored about it: inventory, updates, compliance "
            "and its certificates. The audit log keeps the record that it was deleted. Deleting cannot be undone.")
             .arg(name),
         tr("Delete"),
         tr("Deleting %1…").arg(name),
         tr("Could not delete %1: %2").arg(name, QStringLiteral("%1")),
         tr("%1 deleted").arg(name),
         [this, id](QObject *context, ApiClient::Callback callback) {
             m_context.client->deleteDevice(id, context, std::move(callback));
         },
         [this] {
             showGone();
             Q_EMIT backRequested();
         }});
}

} // namespace steward::app
