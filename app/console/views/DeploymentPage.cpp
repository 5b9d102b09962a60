// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeploymentPage.h"

#include "ApiClient.h"
#include "ApiTime.h"
#include "Clock.h"
#include "DeploymentDeviceModel.h"
#include "DeploymentTableModel.h"
#include "Files.h"
#include "FormDialog.h"
#include "RelativeTime.h"
#include "RequestTracker.h"
#include "StatusIcon.h"
#include "ViewTable.h"

#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
constexpr qint64 maxCaBytes = 1024 * 1024;

QLabel *textLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QPixmap smallIcon(StatusIcon::Kind kind, const QWidget *widget)
{
    const int size = widget->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, widget);
    return StatusIcon::icon(kind).pixmap(size, size);
}

StatusIcon::Kind receiptIcon(deployment::ReceiptCheck check)
{
    switch (check) {
    case deployment::ReceiptCheck::Verified:
        return StatusIcon::Kind::Good;
    case deployment::ReceiptCheck::Invalid:
        return StatusIcon::Kind::Bad;
    case deployment::ReceiptCheck::NotChecked:
        return StatusIcon::Kind::Warning;
    case deployment::ReceiptCheck::None:
        break;
    }
    return StatusIcon::Kind::Unknown;
}
} // namespace

DeploymentPage::DeploymentPage(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_requests(new RequestTracker(this))
    , m_model(new DeploymentDeviceModel(DeploymentDeviceModel::Perspective::DevicesOfDeployment, context.clock, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_pages(new QStackedWidget(this))
    , m_loading(textLabel(QStringLiteral("loadingMessage"), this))
    , m_title(new QLabel(this))
    , m_stateIcon(new QLabel(this))
    , m_state(new QLabel(this))
    , m_facts(textLabel(QStringLiteral("facts"), this))
    , m_cancel(new QPushButton(tr("&Cancel deployment…"), this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_table(new ViewTable(QStringLiteral("deploymentDevices"), m_splitter))
{
    setObjectName(QStringLiteral("deploymentPage"));
    connect(m_requests, &RequestTracker::busy, this, &DeploymentPage::busy);
    connect(m_requests, &RequestTracker::idle, this, &DeploymentPage::idle);

    auto *back = new QPushButton(tr("← All deployments"), this);
    back->setObjectName(QStringLiteral("back"));
    back->setToolTip(tr("Back to the list of deployments (Alt+Left)"));
    connect(back, &QPushButton::clicked, this, &DeploymentPage::backRequested);
    for (const QKeySequence &key : {QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_Back)}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &DeploymentPage::backRequested);
    }

    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_stateIcon->setObjectName(QStringLiteral("stateIcon"));
    m_state->setObjectName(QStringLiteral("stateText"));
    m_cancel->setObjectName(QStringLiteral("cancelDeployment"));
    m_cancel->setToolTip(tr("Devices that have not started it will not run it; one running it now is asked to stop."));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        Q_EMIT cancelRequested(m_id);
    });

    auto *header = new QHBoxLayout;
    header->addWidget(back);
    header->addWidget(m_title);
    header->addWidget(m_stateIcon);
    header->addWidget(m_state);
    header->addStretch(1);
    header->addWidget(m_cancel);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeploymentDeviceModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    // The deployment's, the same on every row.
    m_table->setColumnHidden(DeploymentDeviceModel::Created, true);
    m_table->setColumnHidden(DeploymentDeviceModel::Deployment, true);
    m_table->setDefaultSort(DeploymentDeviceModel::Subject, Qt::AscendingOrder);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeploymentPage::showSelected);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DeploymentPage::showSelected);

    m_splitter->setObjectName(QStringLiteral("deploymentSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(buildDetails());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);

    auto *content = new QWidget(m_pages);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_facts);
    contentLayout->addWidget(m_splitter, 1);

    m_loading->setAlignment(Qt::AlignCenter);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(content);
    m_pages->addWidget(m_loading);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_pages, 1);
    updateHeader();
}

QWidget *DeploymentPage::buildDetails()
{
    auto *box = new QGroupBox(tr("Selected device"));
    box->setObjectName(QStringLiteral("deviceDetails"));
    m_deviceTitle = textLabel(QStringLiteral("deviceTitle"), box);
    QFont bold = m_deviceTitle->font();
    bold.setBold(true);
    m_deviceTitle->setFont(bold);
    m_receiptIcon = new QLabel(box);
    m_receiptIcon->setObjectName(QStringLiteral("receiptIcon"));
    m_receipt = textLabel(QStringLiteral("receiptCheck"), box);
    m_times = textLabel(QStringLiteral("deviceTimes"), box);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_items = new QPlainTextEdit(box);
    m_items->setObjectName(QStringLiteral("items"));
    m_items->setReadOnly(true);
    m_items->setFont(fixed);
    m_items->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output = new QPlainTextEdit(box);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setReadOnly(true);
    m_output->setFont(fixed);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *receiptRow = new QHBoxLayout;
    receiptRow->addWidget(m_receiptIcon, 0, Qt::AlignTop);
    receiptRow->addWidget(m_receipt, 1);
    auto *texts = new QHBoxLayout;
    texts->addWidget(m_items, 1);
    texts->addWidget(m_output, 2);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_deviceTitle);
    layout->addLayout(receiptRow);
    layout->addWidget(m_times);
    layout->addLayout(texts, 1);
    return box;
}

QString DeploymentPage::receiptCheckText(deployment::ReceiptCheck check)
{
    return DeploymentDeviceModel::receiptExplanation(check);
}

void DeploymentPage::showDeployment(const QString &id)
{
    if (id != m_id) {
        cancel();
        m_id = id;
        m_job = QJsonObject();
        m_model->setJobs({});
        m_title->setText(QString());
        m_loading->setText(tr("Loading…"));
        m_pages->setCurrentWidget(m_loading);
        updateHeader();
    }
    reload();
}

void DeploymentPage::reload()
{
    if (m_id.isEmpty() || !m_context.client) {
        return;
    }
    // The CA the console trusts is the one that issued the devices' certificates.
    const Result<QByteArray> ca = files::read(m_context.client->caFile(), maxCaBytes);
    m_caPem = ca ? ca.value() : QByteArray();
    m_requests->abandon(m_load);
    QObject *context = m_requests->start(tr("Loading the deployment…"));
    m_load = context;
    m_context.client->job(m_id, context, [this, context](const Result<QJsonValue> &result) {
        m_requests->finish(context);
        if (!result) {
            const QString text = tr("Could not load the deployment: %1").arg(FormDialog::describeError(result.error()));
            if (m_pages->currentWidget() == m_loading) {
                m_loading->setText(text);
            }
            Q_EMIT loadFailed(text);
            return;
        }
        answered(result.value().toObject());
        Q_EMIT loaded(m_context.clock.now());
    });
}

void DeploymentPage::cancel()
{
    m_requests->cancelAll();
}

void DeploymentPage::answered(const QJsonObject &job)
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const QString device =
        selected.isEmpty() ? QString() : selected.constFirst().data(DeploymentDeviceModel::DeviceIdRole).toString();
    m_job = job;
    m_model->setJobs(DeviceJobRecord::ofDeployment(job, m_caPem));
    m_table->setEmptyMessage(tr("This deployment has no devices."));
    m_table->fitColumns();
    m_pages->setCurrentIndex(0);
    updateHeader();
    if (!selectDevice(device) && m_proxy->rowCount() > 0) {
        m_table->setCurrentIndex(m_proxy->index(0, 0));
    }
}

void DeploymentPage::updateHeader()
{
    const DeploymentRecord deployment = DeploymentRecord::fromJson(m_job);
    const bool known = !deployment.id.isEmpty();
    const bool admin = m_context.client && m_context.client->role() == QLatin1String("admin");
    m_cancel->setVisible(admin && known && deployment.isCancellable());
    m_title->setText(known ? DeploymentTableModel::describeWhat(deployment.select, deployment.packages) : m_id);
    m_state->setText(known ? DeploymentTableModel::describeState(deployment.state) : QString());
    m_stateIcon->setVisible(known);
    if (known) {
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        m_stateIcon->setPixmap(DeploymentTableModel::stateIcon(deployment).pixmap(size, size));
    }
    if (!known) {
        m_facts->clear();
        return;
    }
    QStringList facts;
    facts << tr("Created %1 by %2.").arg(RelativeTime::absolute(deployment.createdAt), deployment.createdBy);
    if (!deployment.packages.isEmpty()) {
        facts << tr("Packages: %1.").arg(deployment.packages.join(QStringLiteral(", ")));
    }
    facts << tr("Not before %1; deadline: %2; expires %3.")
                 .arg(RelativeTime::absolute(deployment.notBefore),
                      deployment.deadline.isValid() ? RelativeTime::absolute(deployment.deadline) : tr("none"),
                      RelativeTime::absolute(deployment.expiresAt));
    QString options = DeploymentTableModel::describeReboot(deployment.reboot);
    if (deployment.maxConcurrent) {
        options = tr("%1; at most %n devices at a time", nullptr, *deployment.maxConcurrent).arg(options);
    }
    facts << options + QLatin1Char('.');
    facts << tr("%n devices: %1.", nullptr, int(deployment.deviceCount()))
                 .arg(DeploymentTableModel::countsText(deployment.counts));
    if (deployment.cancelledAt.isValid()) {
        facts << tr("Cancelled %1 by %2.").arg(RelativeTime::absolute(deployment.cancelledAt), deployment.cancelledBy);
    }
    m_facts->setText(facts.join(QLatin1Char('\n')));
    m_facts->setToolTip(tr("Signed with the operator key %1").arg(deployment.signer));
}

void DeploymentPage::showSelected()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const QModelIndex current = selected.isEmpty() ? QModelIndex() : m_proxy->mapToSource(selected.constFirst());
    if (!current.isValid()) {
        m_deviceTitle->setText(tr("Select a device to see its updates, its output and its receipt."));
        m_receiptIcon->clear();
        m_receipt->clear();
        m_times->clear();
        m_items->clear();
        m_output->clear();
        return;
    }
    const DeviceJobRecord &job = m_model->jobs().at(current.row());
    m_deviceTitle->setText(
        tr("%1: %2").arg(job.hostname.isEmpty() ? job.deviceId : job.hostname, DeploymentDeviceModel::stateText(job)));
    m_receiptIcon->setPixmap(smallIcon(receiptIcon(job.receipt), this));
    m_receipt->setText(receiptCheckText(job.receipt));

    QStringList times;
    for (const auto &[key, text] : {std::pair{"deliveredAt", tr("delivered %1")},
                                    std::pair{"startedAt", tr("started %1")},
                                    std::pair{"finishedAt", tr("finished %1")}}) {
        const QDateTime at = ApiTime::parse(job.json.value(QLatin1String(key)));
        if (at.isValid()) {
            times << text.arg(RelativeTime::absolute(at));
        }
    }
    QString timesText = times.isEmpty() ? tr("Not delivered yet.") : times.join(QStringLiteral(", "));
    if (job.exitCode) {
        timesText += QLatin1Char(' ') + tr("Exit code %1.").arg(*job.exitCode);
    }
    if (!job.message.isEmpty()) {
        timesText += QLatin1Char(' ') + job.message;
    }
    m_times->setText(timesText);

    QStringList items;
    for (const QJsonValue &value : job.json.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const auto text = [&item](const char *key) {
            const QString value = item.value(QLatin1String(key)).toString();
            return value.isEmpty() ? QStringLiteral("-") : value;
        };
        items << tr("%1 %2 → %3: %4").arg(text("name"), text("before"), text("after"), text("result"));
    }
    m_items->setPlainText(items.isEmpty() ? tr("No updates listed.") : items.join(QLatin1Char('\n')));

    const QJsonObject output = job.json.value(QStringLiteral("output")).toObject();
    if (output.isEmpty()) {
        m_output->setPlainText(tr("No output."));
        return;
    }
    const QString head = output.value(QStringLiteral("head")).toString();
    const QString tail = output.value(QStringLiteral("tail")).toString();
    const qint64 total = qint64(output.value(QStringLiteral("totalBytes")).toDouble());
    QString text = tr("Output: %n bytes in all", nullptr, int(qMin<qint64>(total, std::numeric_limits<int>::max())));
    text += QStringLiteral("\n\n") + head;
    // The tail is the end of the same text: only worth showing when the head is not all of it.
    if (!tail.isEmpty() && total > head.toUtf8().size()) {
        text += QStringLiteral("\n…\n") + tail;
    }
    m_output->setPlainText(text);
}

QString DeploymentPage::deploymentId() const
{
    return m_id;
}

const QJsonObject &DeploymentPage::deployment() const
{
    return m_job;
}

DeploymentDeviceModel *DeploymentPage::model() const
{
    return m_model;
}

ViewTable *DeploymentPage::table() const
{
    return m_table;
}

bool DeploymentPage::selectDevice(const QString &deviceId)
{
    if (deviceId.isEmpty()) {
        return false;
    }
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(DeploymentDeviceModel::DeviceIdRole).toString() == deviceId) {
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index);
            showSelected();
            return true;
        }
    }
    return false;
}

QString DeploymentPage::receiptText() const
{
    return m_receipt->text();
}

QString DeploymentPage::outputText() const
{
    return m_output->toPlainText();
}

} // namespace steward::app
