// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsView.h"

#include "Clock.h"
#include "MainWindow.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
const QString kRefreshKey = QStringLiteral("refreshMinutes");
}

SettingsView::SettingsView(const ViewContext &context, QWidget *parent)
    : ConsoleView(parent)
    , m_clock(context.clock)
    , m_refreshMinutes(new QSpinBox(this))
{
    setObjectName(QStringLiteral("settingsView"));
    m_refreshMinutes->setObjectName(QStringLiteral("refreshMinutes"));
    m_refreshMinutes->setRange(1, 24 * 60);
    m_refreshMinutes->setValue(MainWindow::defaultRefreshMinutes);
    // Each refresh costs bytes on the link; an office on a metered line may want fewer.
    m_refreshMinutes->setSuffix(tr(" min"));
    connect(m_refreshMinutes, &QSpinBox::valueChanged, this, &SettingsView::refreshMinutesChanged);

    auto *reset = new QPushButton(tr("Restore the default window and column layout"), this);
    reset->setObjectName(QStringLiteral("resetLayout"));
    connect(reset, &QPushButton::clicked, this, &SettingsView::resetLayoutRequested);

    auto *note = new QLabel(tr("Every view reloads from the server at this interval while it is shown, and when you "
                               "press F5. On a slow or metered link, a longer interval costs less."),
                            this);
    note->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Refresh views every:"), m_refreshMinutes);
    form->addRow(QString(), note);
    form->addRow(QString(), reset);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
}

QString SettingsView::viewId() const
{
    return QStringLiteral("settings");
}

QString SettingsView::title() const
{
    return tr("Settings");
}

QIcon SettingsView::icon() const
{
    return QIcon::fromTheme(QStringLiteral("configure"), style()->standardIcon(QStyle::SP_FileDialogDetailedView));
}

void SettingsView::refresh()
{
    // Nothing comes from the server here: what is shown is always current.
    Q_EMIT loaded(m_clock.now());
}

int SettingsView::refreshMinutes() const
{
    return m_refreshMinutes->value();
}

void SettingsView::saveState(QSettings &settings) const
{
    settings.setValue(kRefreshKey, m_refreshMinutes->value());
}

void SettingsView::restoreState(QSettings &settings)
{
    const int minutes = settings.value(kRefreshKey, MainWindow::defaultRefreshMinutes).toInt();
    m_refreshMinutes->setValue(minutes);
    Q_EMIT refreshMinutesChanged(m_refreshMinutes->value());
}

} // namespace steward::app
