// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>

namespace steward::test
{

// For QVERIFY2 messages: they are evaluated even when the check passes, so
// they must not call error() on a successful result.
template<typename T>
QByteArray describe(const steward::Result<T> &result)
{
    return result.ok() ? QByteArray("ok")
                       : (result.error().code + QStringLiteral(": ") + result.error().message).toUtf8();
}

} // namespace steward::test
