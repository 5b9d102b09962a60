// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

class QProcessEnvironment;

namespace steward::app
{

// Turns stewardctl's arguments and environment into one validated
// invocation. Flags win over STEWARD_* variables. Every Error returned here
// is a usage error (exit status 2); nothing is read from disk or network.
class CtlCommandLine
{
public:
    enum class Action { Run, Help, Version };
    enum class Command { None, TokenCreate, Devices, Device, DeviceRevoke, Audit };

    struct Invocation {
        Action action = Action::Run;
        QString text; // help or version text to print
        Command command = Command::None;
        QUrl server;
        QString caFile;
        QString user;
        QString passwordFile;
        QString deviceId;
        int uses = 1;
        qint64 ttlSeconds = 24 * 3600;
        int limit = 50;
        bool json = false;
    };

    static constexpr int exitOk = 0;
    static constexpr int exitFailure = 1;
    static constexpr int exitUsage = 2;
    static constexpr auto defaultServer = "https://localhost:8731";

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    static Result<Invocation> parse(const QStringList &arguments, const QProcessEnvironment &environment,
                                    const QString &version);
};

} // namespace steward::app
