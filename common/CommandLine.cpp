// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace steward::cli
{

int fail(const QString &message, int exitCode)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(message));
    return exitCode;
}

std::optional<int> parseOrAnswer(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        return fail(parser.errorText(), kExitUsage);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n",
                    qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    return std::nullopt;
}

bool parseHostPort(const QString &text, QString *host, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return false;
    }
    QString name = text.left(colon);
    if (name.startsWith(QLatin1Char('[')) && name.endsWith(QLatin1Char(']'))) {
        name = name.mid(1, name.size() - 2);
    } else if (name.contains(QLatin1Char(':'))) {
        return false; // "::1" or "fd00::1:8730": an IPv6 address needs brackets to carry a port
    }
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value == 0 || value > 65535 || name.isEmpty()) {
        return false;
    }
    *host = name;
    *port = quint16(value);
    return true;
}

} // namespace steward::cli
