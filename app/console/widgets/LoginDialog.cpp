// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoginDialog.h"

#include "ApiClient.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace steward::app
{

namespace
{
const QString serverKey = QStringLiteral("connection/server");
const QString caFileKey = QStringLiteral("connection/caFile");
const QString userKey = QStringLiteral("connection/user");
} // namespace

LoginDialog::LoginDialog(ApiClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_server(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_reason(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to Steward server"));
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(tr("https://server:8731"));
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("Site CA certificate (ca.pem)"));
    m_browse->setObjectName(QStringLiteral("browse"));
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setWordWrap(true);
    m_reason->hide();
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    // A row holding a layout gets no buddy from QFormLayout, so the mnemonic needs one set here.
    auto *caLabel = new QLabel(tr("&CA certificate:"));
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_browse, &QPushButton::clicked, this, &LoginDialog::browseCaFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);

    loadSettings();
    resize(480, sizeHint().height());
}

void LoginDialog::prefill(const QString &server, const QString &caFile, const QString &user)
{
    if (!server.isEmpty()) {
        m_server->setText(server);
    }
    if (!caFile.isEmpty()) {
        m_caFile->setText(caFile);
    }
    if (!user.isEmpty()) {
        m_user->setText(user);
    }
    if (!m_user->text().isEmpty()) {
        m_password->setFocus();
    }
}

void LoginDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

QString LoginDialog::reasonText() const
{
    return m_reason->isHidden() ? QString() : m_reason->text();
}

QString LoginDialog::validationError() const
{
    if (m_server->text().trimmed().isEmpty()) {
        return tr("Enter the server address.");
    }
    if (!ApiClient::parseServerUrl(m_server->text())) {
        return tr("The server address must look like https://server:8731.");
    }
    if (m_caFile->text().trimmed().isEmpty()) {
        return tr("Choose the site CA certificate (ca.pem).");
    }
    if (!QFileInfo(m_caFile->text().trimmed()).isFile()) {
        return tr("The CA certificate file %1 does not exist.").arg(m_caFile->text().trimmed());
    }
    if (m_user->text().trimmed().isEmpty()) {
        return tr("Enter your user name.");
    }
    if (m_password->text().isEmpty()) {
        return tr("Enter your password.");
    }
    return {};
}

QString LoginDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool LoginDialog::isBusy() const
{
    return m_busy;
}

void LoginDialog::accept()
{
    if (m_busy) {
        return;
    }
    if (const QString problem = validationError(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    const Result<QUrl> url = ApiClient::parseServerUrl(m_server->text());
    if (const Status configured = m_client->configure(url.value(), m_caFile->text().trimmed()); !configured) {
        showError(configured.error().message);
        return;
    }
    setBusy(true);
    m_error->hide();
    m_client->login(m_user->text().trimmed(), m_password->text(), this, [this](const Result<QJsonValue> &result) {
        setBusy(false);
        if (!result) {
            showError(tr("Login failed: %1").arg(result.error().message));
            m_password->selectAll();
            m_password->setFocus();
            return;
        }
        m_password->clear();
        saveSettings();
        QDialog::accept();
    });
}

void LoginDialog::loadSettings()
{
    const QSettings settings;
    m_server->setText(settings.value(serverKey).toString());
    m_caFile->setText(settings.value(caFileKey).toString());
    m_user->setText(settings.value(userKey).toString());
}

void LoginDialog::saveSettings() const
{
    QSettings settings;
    settings.setValue(serverKey, m_server->text().trimmed());
    settings.setValue(caFileKey, m_caFile->text().trimmed());
    settings.setValue(userKey, m_user->text().trimmed());
}

void LoginDialog::browseCaFile()
{
    const QString file = QFileDialog::getOpenFileName(this,
                                                      tr("Site CA certificate"),
                                                      m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty()) {
        m_caFile->setText(file);
    }
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    for (QWidget *field : {static_cast<QWidget *>(m_server),
                           static_cast<QWidget *>(m_caFile),
                           static_cast<QWidget *>(m_browse),
                           static_cast<QWidget *>(m_user),
                           static_cast<QWidget *>(m_password)}) {
        field->setEnabled(!busy);
    }
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void LoginDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace steward::app
