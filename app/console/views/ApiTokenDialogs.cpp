// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiTokenDialogs.h"

#include "ApiClient.h"
#include "RelativeTime.h"
#include "UserDialogs.h"
#include "UserTableModel.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace steward::app
{

NewApiTokenDialog::NewApiTokenDialog(ApiClient *client, QWidget *parent)
    : FormDialog(client,
                 tr("New API token"),
                 tr("A token lets a script use the server as you (%1) without your password, with the role "
                    "chosen here and never more than your own. Give the script the least it needs.")
                     .arg(client->user()),
                 tr("Create token"),
                 parent)
    , m_name(new QLineEdit(this))
    , m_days(new QSpinBox(this))
    , m_role(createRoleComboBox(QStringLiteral("helpdesk"), this))
{
    setObjectName(QStringLiteral("newApiTokenDialog"));
    m_name->setObjectName(QStringLiteral("tokenName"));
    m_name->setMaxLength(128);
    m_name->setPlaceholderText(tr("What it is for, e.g. nightly inventory export"));
    m_days->setObjectName(QStringLiteral("lifetimeDays"));
    m_days->setRange(1, maxDays);
    m_days->setValue(defaultDays);
    // A token never has more rights than the person who creates it.
    if (client->role() != QLatin1String("admin")) {
        m_role->removeItem(m_role->findData(QStringLiteral("admin")));
    }
    form()->addRow(tr("&Name:"), m_name);
    form()->addRow(tr("&Valid for (days):"), m_days);
    form()->addRow(tr("R&ole:"), m_role);
}

QString NewApiTokenDialog::validationError() const
{
    if (m_name->text().trimmed().isEmpty()) {
        return tr("Enter what the token is for.");
    }
    return {};
}

void NewApiTokenDialog::submit()
{
    client()->createApiToken(m_name->text().trimmed(),
                             qint64(m_days->value()) * 24 * 3600,
                             m_role->currentData().toString(),
                             this,
                             [this](const Result<QJsonValue> &result) {
                                 complete(result);
                             });
}

ApiTokenSecretDialog::ApiTokenSecretDialog(const ApiTokenInfo &token, const QString &secret, QWidget *parent)
    : QDialog(parent)
    , m_secret(new QLineEdit(secret, this))
    , m_copy(new QPushButton(tr("&Copy"), this))
{
    setObjectName(QStringLiteral("apiTokenSecretDialog"));
    setWindowTitle(tr("API token “%1”").arg(token.name));
    setMinimumWidth(480);

    auto *warning = new QLabel(tr("<b>Copy the token now: it will not be shown again.</b> The server keeps only "
                                  "a hash of it. Keep it in a file only the script's account can read, and revoke "
                                  "it here when it is no longer needed."),
                               this);
    warning->setObjectName(QStringLiteral("warning"));
    warning->setWordWrap(true);

    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setMinimumWidth(m_secret->fontMetrics().horizontalAdvance(secret) + 24);
    m_copy->setObjectName(QStringLiteral("copySecret"));
    connect(m_copy, &QPushButton::clicked, this, &ApiTokenSecretDialog::copySecret);

    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);

    auto *details = new QFormLayout;
    details->addRow(tr("Role:"), new QLabel(UserTableModel::describeRole(token.role), this));
    details->addRow(tr("Expires:"), new QLabel(RelativeTime::absolute(token.expiresAt), this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addLayout(secretRow);
    layout->addLayout(details);
    layout->addWidget(buttons);

    m_secret->selectAll();
    m_secret->setFocus();
}

void ApiTokenSecretDialog::copySecret()
{
    QGuiApplication::clipboard()->setText(m_secret->text());
    m_copy->setText(tr("Copied"));
}

void ApiTokenSecretDialog::done(int result)
{
    m_secret->clear();
    QDialog::done(result);
}

} // namespace steward::app
