// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace steward::test
{

// What a program that ran to its end left: its exit code (-1 when it crashed or timed out)
// and everything it printed.
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The environment the programs under test run in: this process's, without any STEWARD_*
// setting that would change what a test asks for.
QProcessEnvironment cleanEnvironment();

// Runs `program` to its end. A program still running after `timeoutMs` is killed, and the
// result says "timed out" on err.
Run run(const QString &program,
        const QStringList &arguments,
        int timeoutMs = 60000,
        const QProcessEnvironment &environment = cleanEnvironment());

// Writes a file only its owner may read (a password or token file, as the programs require).
bool writePrivateFile(const QString &path, const QByteArray &content);

// Neither group nor others may read, write or run it (a private key).
bool isOwnerOnly(const QString &path);

// A loopback TCP port nothing listened on a moment ago.
quint16 freePort();

} // namespace steward::test
