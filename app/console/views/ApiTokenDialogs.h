// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiTokenTableModel.h"
#include "FormDialog.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace steward::app
{

// Creates a personal API token for the person logged in (POST /api/v1/api-tokens): what it is
// for, how many days it lasts and its role (never above the caller's own).
class NewApiTokenDialog : public FormDialog
{
    Q_OBJECT

public:
    static constexpr int defaultDays = 90;
    static constexpr int maxDays = 366;

    explicit NewApiTokenDialog(ApiClient *client, QWidget *parent = nullptr);

protected:
    QString validationError() const override;
    void submit() override;

private:
    QLineEdit *m_name;
    QSpinBox *m_days;
    QComboBox *m_role;
};

// Shows a new token's secret, the only time anyone sees it, with a Copy button. Forgets the
// secret when closed.
class ApiTokenSecretDialog : public QDialog
{
    Q_OBJECT

public:
    ApiTokenSecretDialog(const ApiTokenInfo &token, const QString &secret, QWidget *parent = nullptr);

    void copySecret();
    void done(int result) override;

private:
    QLineEdit *m_secret;
    QPushButton *m_copy;
};

} // namespace steward::app
