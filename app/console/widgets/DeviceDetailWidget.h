// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QTableView;
class QTableWidget;

namespace steward
{
class Clock;
}

namespace steward::app
{

class ComplianceReasonModel;

// One device, as help-desk staff need it on the phone: who it is, whether it
// is compliant and exactly why not, what updates are missing, how its
// antivirus stands.
class DeviceDetailWidget : public QWidget
{
    Q_OBJECT

public:
    // Times are shown relative to `clock`'s now.
    explicit DeviceDetailWidget(const Clock &clock, QWidget *parent = nullptr);

    void setDevice(const DeviceDetail &device);
    QString deviceId() const;

Q_SIGNALS:
    void backRequested();

private:
    QLabel *m_title;
    QLabel *m_hostname;
    QLabel *m_os;
    QLabel *m_hardware;
    QLabel *m_lastSeen;
    QLabel *m_enrolled;
    QLabel *m_verdict;
    ComplianceReasonModel *m_reasons;
    QTableView *m_reasonsView;
    QLabel *m_updatesSummary;
    QTableWidget *m_updates;
    QLabel *m_antivirusSummary;
    QTableWidget *m_antivirus;
    QString m_deviceId;
    const Clock &m_clock;
};

} // namespace steward::app
