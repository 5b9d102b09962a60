// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConsoleView.h"

class QSpinBox;

namespace steward::app
{

// The console's own settings for the logged-in user: how often views refresh, and a way back
// to the default layout. Kept with the user's layout (MainWindow saves views' state per user).
class SettingsView : public ConsoleView
{
    Q_OBJECT

public:
    explicit SettingsView(const ViewContext &context, QWidget *parent = nullptr);

    QString viewId() const override;
    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    void saveState(QSettings &settings) const override;
    void restoreState(QSettings &settings) override;

    int refreshMinutes() const;

Q_SIGNALS:
    void refreshMinutesChanged(int minutes);
    void resetLayoutRequested();

private:
    const Clock &m_clock;
    QSpinBox *m_refreshMinutes;
};

} // namespace steward::app
