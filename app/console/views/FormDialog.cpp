// SPDX-License-Identifier: GPL-3.0-or-later
#include "FormDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace steward::app
{

FormDialog::FormDialog(ApiClient *client,
                       const QString &title,
                       const QString &intro,
                       const QString &okText,
                       QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_form(new QFormLayout)
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    setMinimumWidth(440);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(okText);

    auto *layout = new QVBoxLayout(this);
    if (!intro.isEmpty()) {
        auto *introLabel = new QLabel(intro, this);
        introLabel->setObjectName(QStringLiteral("intro"));
        introLabel->setWordWrap(true);
        layout->addWidget(introLabel);
    }
    layout->addLayout(m_form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &FormDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FormDialog::reject);
}

QString FormDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool FormDialog::isBusy() const
{
    return m_busy;
}

QString FormDialog::describeError(const Error &error)
{
    if (error.code == QLatin1String("user.exists")) {
        return tr("A user with this name already exists.");
    }
    if (error.code == QLatin1String("user.self")) {
        return tr("You cannot disable yourself.");
    }
    if (error.code == QLatin1String("user.unknown")) {
        return tr("There is no such user (any more).");
    }
    if (error.code == QLatin1String("api-token.unknown")) {
        return tr("There is no such API token (any more).");
    }
    if (error.code == QLatin1String("password.weak")) {
        return tr("The password is too weak: %1").arg(error.message);
    }
    if (error.code == QLatin1String("auth.forbidden")) {
        return tr("The server refused: %1").arg(error.message);
    }
    return error.message;
}

void FormDialog::accept()
{
    if (m_busy) {
        return;
    }
    if (const QString problem = validationError(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    m_error->hide();
    setBusy(true);
    submit();
}

QFormLayout *FormDialog::form() const
{
    return m_form;
}

ApiClient *FormDialog::client() const
{
    return m_client;
}

void FormDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void FormDialog::complete(const Result<QJsonValue> &result)
{
    setBusy(false);
    if (!result) {
        showError(describeError(result.error()));
        Q_EMIT failed(result.error());
        return;
    }
    Q_EMIT succeeded(result.value());
    QDialog::accept();
}

void FormDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    for (int row = 0; row < m_form->rowCount(); ++row) {
        if (QLayoutItem *field = m_form->itemAt(row, QFormLayout::FieldRole); field && field->widget()) {
            field->widget()->setEnabled(!busy);
        }
    }
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

QMessageBox *askToConfirm(QWidget *parent,
                          const QString &title,
                          const QString &question,
                          const QString &explanation,
                          const QString &confirmText,
                          std::function<void()> onConfirm)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, question, QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(explanation);
    QPushButton *confirm = box->addButton(confirmText, QMessageBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, parent, [box, confirm, onConfirm = std::move(onConfirm)] {
        if (box->clickedButton() == confirm) {
            onConfirm();
        }
    });
    box->open();
    return box;
}

} // namespace steward::app
