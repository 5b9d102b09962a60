// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlJobArguments.h"

#include <QRegularExpression>
#include <QSet>

namespace steward::app::jobargs
{

namespace
{
Error usage(const QString &message)
{
    return makeError(QStringLiteral("usage"), message);
}

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0)) {
            return true;
        }
    }
    return false;
}
} // namespace

Result<deployment::Package> package(const QString &text)
{
    Result<deployment::Package> parsed = deployment::package(text);
    if (parsed) {
        return parsed;
    }
    if (parsed.error().code == QLatin1String("package.version")) {
        const qsizetype equals = text.indexOf(QLatin1Char('='));
        return usage(QStringLiteral("--package %1: %2").arg(text.left(equals), parsed.error().message));
    }
    return usage(QStringLiteral("--package: %1").arg(parsed.error().message));
}

Result<QStringList> deviceIds(const QStringList &values)
{
    QStringList ids;
    QSet<QString> seen;
    for (const QString &value : values) {
        for (const QString &part : value.split(QLatin1Char(','))) {
            const QString id = part.trimmed();
            if (id.isEmpty()) {
                return usage(QStringLiteral("--devices needs device ids separated by commas, not '%1'").arg(value));
            }
            if (id.size() > kMaxDeviceIdLength || hasControlCharacter(id) || id.contains(QLatin1Char(' '))) {
                return usage(QStringLiteral("--devices: '%1' is not a device id").arg(id));
            }
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
    }
    if (ids.size() > deployment::kMaxDevices) {
        return usage(QStringLiteral("--devices names %1 devices; one job takes at most %2")
                         .arg(ids.size())
                         .arg(deployment::kMaxDevices));
    }
    return ids;
}

Result<QStringList> kinds(const QString &text)
{
    static const QRegularExpression kind(QStringLiteral("\\A[a-z0-9][a-z0-9.-]*\\z"));
    QStringList result;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (name.size() > kMaxKindLength || !kind.match(name).hasMatch()) {
            return usage(
                QStringLiteral("--kinds needs job kinds separated by commas (such as patch), not '%1'").arg(text));
        }
        if (!result.contains(name)) {
            result.append(name);
        }
    }
    return result;
}

Result<QString> operatorName(const QString &text)
{
    const QString name = text.trimmed();
    if (name.isEmpty() || name.size() > kMaxOperatorNameLength || hasControlCharacter(name)) {
        return usage(QStringLiteral("--name needs the operator's name (at most %1 characters, no control "
                                    "characters)")
                         .arg(kMaxOperatorNameLength));
    }
    return name;
}

Status checkTimes(const deployment::PatchJob &job, const QDateTime &now)
{
    const Status checked = deployment::checkTimes(job, now);
    if (checked) {
        return checked;
    }
    const QString code = checked.error().code;
    if (code == QLatin1String("times.expires-past")) {
        return usage(QStringLiteral("--expires %1 is already past").arg(iso(job.expiresAt)));
    }
    if (code == QLatin1String("times.deadline-past")) {
        return usage(QStringLiteral("--deadline %1 is already past").arg(iso(job.deadline)));
    }
    if (code == QLatin1String("times.expires-before-deadline")) {
        return usage(QStringLiteral("the job would expire (%1) before its deadline (%2): give a later --expires")
                         .arg(iso(job.expiresAt), iso(job.deadline)));
    }
    if (code == QLatin1String("times.expires-before-start")) {
        return usage(QStringLiteral("the job would expire (%1) before it may start (--not-before %2)")
                         .arg(iso(job.expiresAt), iso(job.notBefore)));
    }
    return usage(QStringLiteral("the deadline (%1) is before the job may start (--not-before %2)")
                     .arg(iso(job.deadline), iso(job.notBefore)));
}

} // namespace steward::app::jobargs
