// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborArray>
#include <QJsonArray>

namespace steward::jobs
{

// A device job's per-item results as the API shows them, from the items the device reported
// (and covered by its receipt's itemsDigest): text fields only (name, title, before, target,
// after, result, message), each at most 1,024 characters, so nothing a device sends can turn
// into something else on the way to the console. The server makes this view when it stores
// the items; the console and stewardctl make it again from the device's exact bytes to check
// that what the server shows is what the device signed.
QJsonArray itemsView(const QCborArray &items);

} // namespace steward::jobs
