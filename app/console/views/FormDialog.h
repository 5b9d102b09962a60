// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QDialog>
#include <QJsonValue>

#include <functional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QMessageBox;

namespace steward::app
{

class ApiClient;

// A small form whose OK button sends one request to the server: the dialog stays open and
// busy until the server answers, shows a refusal in the dialog (the form keeps what was
// typed) and closes only when the request succeeded. The dialog is the request's context,
// so closing it abandons the request.
class FormDialog : public QDialog
{
    Q_OBJECT

public:
    // The error shown, empty when none.
    QString errorText() const;
    bool isBusy() const;

    // A person's words for an error the admin API answered: the known refusals translated,
    // anything else in the server's (or the client's) own words.
    static QString describeError(const Error &error);

public Q_SLOTS:
    // Checks the form, then sends the request.
    void accept() override;

Q_SIGNALS:
    // The server accepted the request; `answer` is its body (null for 204). The dialog then closes.
    void succeeded(const QJsonValue &answer);
    // The server (or the connection) refused; the error is shown in the dialog, which stays open.
    void failed(const steward::Error &error);

protected:
    // `intro` explains what the request does; `okText` labels the OK button ("Create").
    FormDialog(ApiClient *client, const QString &title, const QString &intro, const QString &okText, QWidget *parent);

    QFormLayout *form() const;
    ApiClient *client() const;
    void showError(const QString &message);

    // Why the form cannot be sent as it stands; empty when it can.
    virtual QString validationError() const = 0;
    // Sends the request with `this` as context and calls complete() with the answer.
    virtual void submit() = 0;
    // Called with the answer; the default shows an error or closes the dialog.
    void complete(const Result<QJsonValue> &result);

private:
    void setBusy(bool busy);

    ApiClient *m_client;
    QFormLayout *m_form;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
};

// Asks before a consequential action, window-modal without blocking: `onConfirm` runs when
// the person presses the `confirmText` button, nothing on Cancel (the default button). The box
// deletes itself when closed; it is named "confirm", its button "confirmButton".
QMessageBox *askToConfirm(QWidget *parent,
                          const QString &title,
                          const QString &question,
                          const QString &explanation,
                          const QString &confirmText,
                          std::function<void()> onConfirm);

} // namespace steward::app
