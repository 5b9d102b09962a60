// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

// What every Steward program does the same way on its command line.
namespace steward::cli
{

inline constexpr int kExitUsage = 2;

// Prints "<application name>: <message>" as one line on stderr and returns `exitCode`.
int fail(const QString &message, int exitCode = 1);

// Parses `arguments`. Returns the exit code to stop with when the parse failed (usage error)
// or --help / --version was answered; std::nullopt when the program should go on.
std::optional<int> parseOrAnswer(QCommandLineParser &parser, const QStringList &arguments);

// "host:port" or "[v6 address]:port", port 1-65535; a bare IPv6 address is refused as ambiguous.
bool parseHostPort(const QString &text, QString *host, quint16 *port);

} // namespace steward::cli
