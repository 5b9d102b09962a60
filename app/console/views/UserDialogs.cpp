// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserDialogs.h"

#include "ApiClient.h"
#include "UserTableModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace steward::app
{

QComboBox *createRoleComboBox(const QString &selected, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(QStringLiteral("role"));
    for (const QString &role : UserTableModel::knownRoles()) {
        box->addItem(UserTableModel::describeRole(role), role);
    }
    box->setCurrentIndex(qMax(0, box->findData(selected)));
    return box;
}

PasswordFields::PasswordFields(QFormLayout *form, QWidget *parent)
    : m_password(new QLineEdit(parent))
    , m_repeat(new QLineEdit(parent))
{
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setObjectName(QStringLiteral("repeatPassword"));
    m_repeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Repeat password:"), m_repeat);
    auto *rules = new QLabel(tr("At least 12 characters, 5 of them different, and not "
                                "containing the user name."),
                             parent);
    rules->setWordWrap(true);
    rules->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), rules);
}

QString PasswordFields::password() const
{
    return m_password->text();
}

QString PasswordFields::validationError() const
{
    if (m_password->text().isEmpty()) {
        return tr("Enter the new password.");
    }
    if (m_repeat->text() != m_password->text()) {
        return tr("The two passwords differ: type the same one twice.");
    }
    return {};
}

void PasswordFields::focus()
{
    m_password->selectAll();
    m_password->setFocus();
}

void PasswordFields::clear()
{
    m_password->clear();
    m_repeat->clear();
}

NewUserDialog::NewUserDialog(ApiClient *client, QWidget *parent)
    : FormDialog(client,
                 tr("New user"),
                 tr("Administrators manage devices, people and the audit log; help-desk staff can look at "
                    "devices only."),
                 tr("Create user"),
                 parent)
    , m_name(new QLineEdit(this))
    , m_role(createRoleComboBox(QStringLiteral("helpdesk"), this))
    , m_password(form(), this)
{
    setObjectName(QStringLiteral("newUserDialog"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(64);
    form()->insertRow(0, tr("&Name:"), m_name);
    form()->insertRow(1, tr("R&ole:"), m_role);
    connect(this, &FormDialog::failed, this, [this](const Error &error) {
        if (error.code == QLatin1String("user.exists")) {
            m_name->selectAll();
            m_name->setFocus();
        } else if (error.code == QLatin1String("password.weak")) {
            m_password.focus();
        }
    });
}

QString NewUserDialog::name() const
{
    return m_name->text().trimmed();
}

QString NewUserDialog::validationError() const
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]*$"));
    if (name().isEmpty()) {
        return tr("Enter the new user's name.");
    }
    if (!pattern.match(name()).hasMatch()) {
        return tr("A user name starts with a letter or a digit and holds only letters, digits and . _ @ -");
    }
    return m_password.validationError();
}

void NewUserDialog::submit()
{
    client()->createUser(name(),
                         m_role->currentData().toString(),
                         m_password.password(),
                         this,
                         [this](const Result<QJsonValue> &result) {
                             complete(result);
                         });
}

ResetPasswordDialog::ResetPasswordDialog(ApiClient *client, const QString &user, QWidget *parent)
    : FormDialog(client,
                 tr("Reset password of %1").arg(user),
                 tr("This ends all of %1's login sessions at once; their API tokens keep working. Give them the "
                    "new password in a way only they can read.")
                     .arg(user),
                 tr("Reset password"),
                 parent)
    , m_user(user)
    , m_password(form(), this)
{
    setObjectName(QStringLiteral("resetPasswordDialog"));
    connect(this, &FormDialog::failed, this, [this](const Error &error) {
        if (error.code == QLatin1String("password.weak")) {
            m_password.focus();
        }
    });
}

QString ResetPasswordDialog::user() const
{
    return m_user;
}

QString ResetPasswordDialog::validationError() const
{
    return m_password.validationError();
}

void ResetPasswordDialog::submit()
{
    client()->resetUserPassword(m_user, m_password.password(), this, [this](const Result<QJsonValue> &result) {
        complete(result);
    });
}

} // namespace steward::app
