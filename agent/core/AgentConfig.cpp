// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

namespace steward::agent
{

namespace
{
using namespace std::chrono_literals;

struct DurationKey {
    const char *key;
    AgentConfig::Duration AgentConfig::*field;
    AgentConfig::Duration minimum;
    AgentConfig::Duration maximum;
};

// Bounds keep a typo from turning the fleet into a load test (1s scans) or into silence (a year).
const DurationKey kDurations[] = {
    {"schedule/inventory", &AgentConfig::inventoryInterval, 1h, 24h * 30},
    {"schedule/inventory-jitter", &AgentConfig::inventoryJitter, 0s, 24h},
    {"schedule/patches", &AgentConfig::patchesInterval, 15min, 24h * 7},
    {"schedule/antivirus", &AgentConfig::antivirusInterval, 5min, 24h},
    {"schedule/heartbeat", &AgentConfig::heartbeatInterval, 30s, 1h},
    {"limits/collector-timeout", &AgentConfig::collectorTimeout, 5s, 1h},
    {"jobs/max-runtime", &AgentConfig::jobMaxRuntime, 1min, 24h * 7},
};

QString describe(AgentConfig::Duration duration)
{
    const qint64 s = duration.count();
    if (s % 86400 == 0 && s > 0) {
        return QStringLiteral("%1d").arg(s / 86400);
    }
    if (s % 3600 == 0 && s > 0) {
        return QStringLiteral("%1h").arg(s / 3600);
    }
    if (s % 60 == 0 && s > 0) {
        return QStringLiteral("%1m").arg(s / 60);
    }
    return QStringLiteral("%1s").arg(s);
}
}

std::optional<AgentConfig::Duration> AgentConfig::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,9})\\s*([smhd]?)\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const qint64 value = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 factor = unit == QLatin1String("d") ? 86400
        : unit == QLatin1String("h")                 ? 3600
        : unit == QLatin1String("m")                 ? 60
                                                     : 1;
    return Duration(value * factor);
}

std::optional<qint64> AgentConfig::parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,12})\\s*([KMG]?)i?B?\\s*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const qint64 value = match.captured(1).toLongLong();
    const QString unit = match.captured(2).toUpper();
    const qint64 factor = unit == QLatin1String("G") ? 1024LL * 1024 * 1024
        : unit == QLatin1String("M")                 ? 1024LL * 1024
        : unit == QLatin1String("K")                 ? 1024
                                                     : 1;
    return value * factor;
}

Result<AgentConfig> AgentConfig::load(const QString &path, bool mustExist)
{
    AgentConfig config;
    if (!QFileInfo::exists(path)) {
        if (mustExist) {
            return makeError(QStringLiteral("config.missing"), QStringLiteral("%1 does not exist").arg(path));
        }
        return config;
    }
    if (!QFileInfo(path).isReadable()) {
        return makeError(QStringLiteral("config.unreadable"), QStringLiteral("%1 is not readable").arg(path));
    }
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        return makeError(QStringLiteral("config.invalid"), QStringLiteral("%1 is not a valid INI file").arg(path));
    }
    auto invalid = [&path](const QString &key, const QString &why) {
        return makeError(QStringLiteral("config.invalid"),
                         QStringLiteral("%1: [%2] %3: %4")
                             .arg(path, key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1), why));
    };

    static const QStringList known = {QStringLiteral("agent/data-dir"),
                                      QStringLiteral("schedule/inventory"),
                                      QStringLiteral("schedule/inventory-jitter"),
                                      QStringLiteral("schedule/patches"),
                                      QStringLiteral("schedule/antivirus"),
                                      QStringLiteral("schedule/heartbeat"),
                                      QStringLiteral("limits/collector-timeout"),
                                      QStringLiteral("limits/spool-max-size"),
                                      QStringLiteral("jobs/allowed-kinds"),
                                      QStringLiteral("jobs/max-runtime"),
                                      QStringLiteral("jobs/machine-role")};
    for (const QString &key : settings.allKeys()) {
        if (!known.contains(key)) {
            return invalid(key, QStringLiteral("unknown setting (known: %1)").arg(known.join(QStringLiteral(", "))));
        }
    }

    if (settings.contains(QStringLiteral("agent/data-dir"))) {
        config.dataDir = settings.value(QStringLiteral("agent/data-dir")).toString();
        if (config.dataDir.isEmpty() || !QDir::isAbsolutePath(config.dataDir)) {
            return invalid(QStringLiteral("agent/data-dir"), QStringLiteral("must be an absolute path"));
        }
    }
    for (const DurationKey &entry : kDurations) {
        const QString key = QLatin1String(entry.key);
        if (!settings.contains(key)) {
            continue;
        }
        const QString text = settings.value(key).toString();
        const std::optional<Duration> duration = parseDuration(text);
        if (!duration) {
            return invalid(key,
                           QStringLiteral("\"%1\" is not a duration (write it like 90s, 15m, 4h or 1d)").arg(text));
        }
        if (*duration < entry.minimum || *duration > entry.maximum) {
            return invalid(
                key,
                QStringLiteral("%1 is outside %2 to %3").arg(text, describe(entry.minimum), describe(entry.maximum)));
        }
        config.*entry.field = *duration;
    }
    if (settings.contains(QStringLiteral("limits/spool-max-size"))) {
        const QString text = settings.value(QStringLiteral("limits/spool-max-size")).toString();
        const std::optional<qint64> size = parseSize(text);
        if (!size || *size < 1024 * 1024 || *size > 4LL * 1024 * 1024 * 1024) {
            return invalid(QStringLiteral("limits/spool-max-size"),
                           QStringLiteral("\"%1\" is not a size from 1M to 4G").arg(text));
        }
        config.spoolMaxBytes = *size;
    }
    if (settings.contains(QStringLiteral("jobs/allowed-kinds"))) {
        // QSettings splits a comma-separated value into a list itself.
        QStringList kinds;
        for (const QString &kind : settings.value(QStringLiteral("jobs/allowed-kinds")).toStringList()) {
            if (!kind.trimmed().isEmpty()) {
                kinds.append(kind.trimmed());
            }
        }
        static const QRegularExpression kindPattern(QStringLiteral("^[a-z0-9][a-z0-9.-]{0,63}$"));
        if (kinds == QStringList{QStringLiteral("none")}) {
            kinds.clear();
        } else if (kinds.isEmpty() || !std::all_of(kinds.cbegin(), kinds.cend(), [](const QString &kind) {
                       return kindPattern.match(kind).hasMatch();
                   })) {
            return invalid(QStringLiteral("jobs/allowed-kinds"),
                           QStringLiteral("a comma-separated list of job kinds (e.g. patch), or none"));
        }
        config.allowedJobKinds = kinds;
    }
    if (settings.contains(QStringLiteral("jobs/machine-role"))) {
        config.machineRole = settings.value(QStringLiteral("jobs/machine-role")).toString();
        if (!QStringList{QStringLiteral("auto"), QStringLiteral("server"), QStringLiteral("workstation")}.contains(
                config.machineRole)) {
            return invalid(QStringLiteral("jobs/machine-role"),
                           QStringLiteral("\"%1\" is not auto, server or workstation").arg(config.machineRole));
        }
    }
    if (config.inventoryJitter > config.inventoryInterval) {
        return invalid(QStringLiteral("schedule/inventory-jitter"),
                       QStringLiteral("must not exceed the inventory interval"));
    }
    return config;
}

} // namespace steward::agent
