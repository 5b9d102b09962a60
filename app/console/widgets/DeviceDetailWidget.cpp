// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceDetailWidget.h"

#include "Clock.h"
#include "ComplianceReasonModel.h"
#include "RelativeTime.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QTableWidget *table(const QStringList &headers, QWidget *parent)
{
    auto *widget = new QTableWidget(0, int(headers.size()), parent);
    widget->setHorizontalHeaderLabels(headers);
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->verticalHeader()->hide();
    widget->horizontalHeader()->setStretchLastSection(true);
    widget->setSortingEnabled(true);
    return widget;
}

QTableWidgetItem *item(const QString &text)
{
    return new QTableWidgetItem(text);
}
} // namespace

DeviceDetailWidget::DeviceDetailWidget(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    auto *header = new QHBoxLayout;
    auto *back = new QPushButton(tr("← All devices"), content);
    back->setObjectName(QStringLiteral("back"));
    connect(back, &QPushButton::clicked, this, &DeviceDetailWidget::backRequested);
    m_title = new QLabel(content);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    header->addWidget(back);
    header->addWidget(m_title, 1);
    layout->addLayout(header);

    auto *summaryBox = new QGroupBox(tr("Summary"), content);
    auto *summary = new QFormLayout(summaryBox);
    m_hostname = valueLabel(summaryBox);
    m_os = valueLabel(summaryBox);
    m_hardware = valueLabel(summaryBox);
    m_lastSeen = valueLabel(summaryBox);
    m_enrolled = valueLabel(summaryBox);
    summary->addRow(tr("Hostname:"), m_hostname);
    summary->addRow(tr("Operating system:"), m_os);
    summary->addRow(tr("Hardware:"), m_hardware);
    summary->addRow(tr("Last seen:"), m_lastSeen);
    summary->addRow(tr("Enrolled:"), m_enrolled);
    layout->addWidget(summaryBox);

    auto *complianceBox = new QGroupBox(tr("Compliance"), content);
    auto *compliance = new QVBoxLayout(complianceBox);
    m_verdict = valueLabel(complianceBox);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    m_reasons = new ComplianceReasonModel(m_clock, this);
    m_reasonsView = new QTableView(complianceBox);
    m_reasonsView->setModel(m_reasons);
    m_reasonsView->setWordWrap(true);
    m_reasonsView->verticalHeader()->hide();
    m_reasonsView->horizontalHeader()->setSectionResizeMode(ComplianceReasonModel::Explanation, QHeaderView::Stretch);
    m_reasonsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    compliance->addWidget(m_verdict);
    compliance->addWidget(m_reasonsView);
    layout->addWidget(complianceBox);

    auto *updatesBox = new QGroupBox(tr("Pending updates"), content);
    auto *updates = new QVBoxLayout(updatesBox);
    m_updatesSummary = valueLabel(updatesBox);
    m_updates = table({tr("Package"), tr("Installed"), tr("Available"), tr("Origin"), tr("Security")}, updatesBox);
    updates->addWidget(m_updatesSummary);
    updates->addWidget(m_updates);
    layout->addWidget(updatesBox);

    auto *antivirusBox = new QGroupBox(tr("Antivirus"), content);
    auto *antivirus = new QVBoxLayout(antivirusBox);
    m_antivirusSummary = valueLabel(antivirusBox);
    m_antivirus = table(
        {tr("Product"), tr("Definitions version"), tr("Definitions age"), tr("Real-time protection"), tr("Service")},
        antivirusBox);
    antivirus->addWidget(m_antivirusSummary);
    antivirus->addWidget(m_antivirus);
    layout->addWidget(antivirusBox);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

QString DeviceDetailWidget::deviceId() const
{
    return m_deviceId;
}

void DeviceDetailWidget::setDevice(const DeviceDetail &device)
{
    const QDateTime now = m_clock.now();
    const auto yesNo = [](const std::optional<bool> &value, const QString &yes, const QString &no) -> QString {
        return value ? (*value ? yes : no) : tr("unknown");
    };
    const auto when = [&now](const QDateTime &time) -> QString {
        return time.isValid() ? tr("%1 (%2)").arg(RelativeTime::absolute(time), RelativeTime::ago(time, now))
                              : tr("never");
    };

    m_deviceId = device.id;
    m_title->setText(device.hostname.isEmpty() ? device.id : device.hostname);
    m_hostname->setText(device.hostname.isEmpty() ? tr("unknown") : device.hostname);
    QString os = device.os.isEmpty() ? tr("unknown") : device.os;
    if (!device.kernel.isEmpty() || !device.arch.isEmpty()) {
        os = tr("%1 (kernel %2, %3)").arg(os, device.kernel, device.arch);
    }
    m_os->setText(os);

    QStringList hardware;
    const QString machine = QStringList{device.manufacturer, device.model}.join(QLatin1Char(' ')).trimmed();
    if (!machine.isEmpty()) {
        hardware.append(machine);
    }
    if (!device.serial.isEmpty()) {
        hardware.append(tr("serial %1").arg(device.serial));
    }
    if (!device.cpuModel.isEmpty()) {
        hardware.append(device.cpuCores ? tr("%1, %n core(s)", nullptr, *device.cpuCores).arg(device.cpuModel)
                                        : device.cpuModel);
    }
    if (device.memoryBytes) {
        hardware.append(tr("%1 memory").arg(QLocale().formattedDataSize(*device.memoryBytes)));
    }
    m_hardware->setText(hardware.isEmpty() ? tr("unknown") : hardware.join(QStringLiteral("; ")));
    m_lastSeen->setText(when(device.lastSeen));
    m_enrolled->setText(device.revoked ? tr("%1 — revoked").arg(RelativeTime::absolute(device.enrolledAt))
                                       : RelativeTime::absolute(device.enrolledAt));

    QString verdict;
    QString colour = QStringLiteral("#757575");
    if (!device.compliant) {
        verdict = tr("Not evaluated yet.");
    } else if (*device.compliant) {
        verdict = tr("Compliant.");
        colour = QStringLiteral("#2e7d32");
    } else {
        verdict = tr("Not compliant, for %n reason(s):", nullptr, int(device.reasons.size()));
        colour = QStringLiteral("#c62828");
    }
    if (device.evaluatedAt.isValid()) {
        verdict += QLatin1Char(' ') + tr("Evaluated %1.").arg(RelativeTime::ago(device.evaluatedAt, now));
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
    m_reasons->setReasons(device.reasons);
    m_reasonsView->setVisible(!device.reasons.isEmpty());
    m_reasonsView->resizeColumnsToContents();
    m_reasonsView->resizeRowsToContents();

    m_updates->setSortingEnabled(false);
    m_updates->setRowCount(0);
    if (!device.patchesKnown) {
        m_updatesSummary->setText(tr("The device has not reported its updates."));
    } else {
        m_updatesSummary->setText(tr("%n update(s) pending", nullptr, int(device.pendingUpdates.size()))
                                  + QLatin1String(", ") + tr("%n security update(s)", nullptr, device.securityCount));
        m_updates->setRowCount(int(device.pendingUpdates.size()));
        for (int row = 0; row < device.pendingUpdates.size(); ++row) {
            const DeviceDetail::PendingUpdate &update = device.pendingUpdates.at(row);
            m_updates->setItem(row, 0, item(update.name));
            m_updates->setItem(row, 1, item(update.installedVersion));
            m_updates->setItem(row, 2, item(update.candidateVersion));
            m_updates->setItem(row, 3, item(update.origin));
            auto *security = item(update.security ? tr("Security") : QString());
            if (update.security) {
                security->setForeground(QColor(0xc6, 0x28, 0x28));
            }
            m_updates->setItem(row, 4, security);
        }
        m_updates->resizeColumnsToContents();
    }
    m_updates->setVisible(!device.pendingUpdates.isEmpty());
    m_updates->setSortingEnabled(true);
    m_updates->sortByColumn(4, Qt::DescendingOrder);

    m_antivirus->setRowCount(0);
    m_antivirus->setSortingEnabled(false);
    if (!device.antivirusKnown) {
        m_antivirusSummary->setText(tr("The device has not reported its antivirus status."));
    } else if (device.antivirus.isEmpty()) {
        m_antivirusSummary->setText(tr("No antivirus product was found."));
    } else {
        m_antivirusSummary->clear();
        m_antivirus->setRowCount(int(device.antivirus.size()));
        for (int row = 0; row < device.antivirus.size(); ++row) {
            const DeviceDetail::AntivirusProduct &product = device.antivirus.at(row);
            m_antivirus->setItem(row, 0, item(product.name));
            m_antivirus->setItem(row, 1, item(product.definitionsVersion));
            auto *age = item(RelativeTime::ago(product.definitionsTime, now));
            age->setToolTip(RelativeTime::absolute(product.definitionsTime));
            m_antivirus->setItem(row, 2, age);
            m_antivirus->setItem(row, 3, item(yesNo(product.realTimeProtection, tr("On"), tr("Off"))));
            m_antivirus->setItem(row, 4, item(yesNo(product.serviceRunning, tr("Running"), tr("Stopped"))));
        }
        m_antivirus->resizeColumnsToContents();
    }
    m_antivirusSummary->setVisible(!m_antivirusSummary->text().isEmpty());
    m_antivirus->setVisible(!device.antivirus.isEmpty());
    m_antivirus->setSortingEnabled(true);
}

} // namespace steward::app
