// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace steward::app::deployment
{

// What can be said of one device's signed receipt in GET /api/v1/jobs/{id}'s answer.
enum class ReceiptCheck {
    None, // no receipt
    NotChecked, // no device certificate to check it with: the server does not send one
    Verified, // the device's certificate, issued by the site CA, signed this receipt for this job
              // and device, and it says the state, exit code, per-item results and output the
              // server shows
    Invalid, // anything else
};

// `device` is one entry of the answer's "devices"; `caPem` the site CA the console trusts.
ReceiptCheck receiptCheck(const QJsonObject &device, const QString &jobId, const QByteArray &caPem);

// "none", "not-checked", "verified" or "invalid", as stewardctl's JSON output says it.
QString receiptCheckName(ReceiptCheck check);

// A signed document's bytes as the API sends them (base64 text); empty for anything else.
QByteArray fromBase64(const QJsonValue &value);

} // namespace steward::app::deployment
