// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FormDialog.h"

#include <QCoreApplication>

class QComboBox;
class QLineEdit;

namespace steward::app
{

// A combo box of the roles a user or an API token may have, by their translated names; the
// role code is each item's data. Starts at `selected`.
QComboBox *createRoleComboBox(const QString &selected, QWidget *parent);

// A new password typed twice; the server's rules (length, variety, not the name) are checked
// by the server, whose password.weak answer the dialog shows.
class PasswordFields
{
    Q_DECLARE_TR_FUNCTIONS(PasswordFields)

public:
    PasswordFields(QFormLayout *form, QWidget *parent);

    QString password() const;
    // Why the two fields cannot be sent; empty when they can.
    QString validationError() const;
    void focus();
    void clear();

private:
    QLineEdit *m_password;
    QLineEdit *m_repeat;
};

// Creates a user: name, role and a first password (POST /api/v1/users).
class NewUserDialog : public FormDialog
{
    Q_OBJECT

public:
    explicit NewUserDialog(ApiClient *client, QWidget *parent = nullptr);

    QString name() const;

protected:
    QString validationError() const override;
    void submit() override;

private:
    QLineEdit *m_name;
    QComboBox *m_role;
    PasswordFields m_password;
};

// Sets another user's password (POST /api/v1/users/{name}/password); ends their sessions.
class ResetPasswordDialog : public FormDialog
{
    Q_OBJECT

public:
    ResetPasswordDialog(ApiClient *client, const QString &user, QWidget *parent = nullptr);

    QString user() const;

protected:
    QString validationError() const override;
    void submit() override;

private:
    QString m_user;
    PasswordFields m_password;
};

} // namespace steward::app
