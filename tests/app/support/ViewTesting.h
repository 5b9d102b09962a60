// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include <functional>

namespace steward::app::test
{

// Runs `start` and waits until `view` (a ConsoleView) reports the load it began: empty when it
// loaded, else the message of loadFailed() (or a timeout's).
template<typename View>
QString awaitLoad(View &view, const std::function<void()> &start, int timeoutMs = 10000)
{
    QSignalSpy loaded(&view, &View::loaded);
    QSignalSpy failed(&view, &View::loadFailed);
    start();
    if (!QTest::qWaitFor(
            [&] {
                return !loaded.isEmpty() || !failed.isEmpty();
            },
            timeoutMs)) {
        return QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    }
    return failed.isEmpty() ? QString() : failed.constFirst().constFirst().toString();
}

// The dialog of that type `parent` has open (a closed one may linger until deleted), or null.
template<typename Dialog>
Dialog *openDialog(const QWidget &parent)
{
    for (Dialog *dialog : parent.findChildren<Dialog *>()) {
        if (dialog->isVisible()) {
            return dialog;
        }
    }
    return nullptr;
}

} // namespace steward::app::test
