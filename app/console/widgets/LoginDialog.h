// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace steward::app
{

class ApiClient;

// Asks for the server, the site CA file and credentials, then logs in. Closes
// (Accepted) only once the server has accepted the login. Remembers server,
// CA file and user in QSettings; never the password.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(ApiClient *client, QWidget *parent = nullptr);

    // Values given on the command line win over remembered ones.
    void prefill(const QString &server, const QString &caFile, const QString &user);
    // Why the user is asked to log in again ("Your session expired at 17:42."); empty hides it.
    void setReason(const QString &reason);
    QString reasonText() const;

    // Why the form cannot be submitted as it stands; empty when it can.
    QString validationError() const;
    QString errorText() const;
    bool isBusy() const;

public Q_SLOTS:
    void accept() override;

private:
    void loadSettings();
    void saveSettings() const;
    void browseCaFile();
    void setBusy(bool busy);
    void showError(const QString &message);

    ApiClient *m_client;
    QLineEdit *m_server;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_reason;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
};

} // namespace steward::app
