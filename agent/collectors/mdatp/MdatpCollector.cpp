// SPDX-License-Identifier: GPL-3.0-or-later
#include "MdatpCollector.h"

#include "CollectContext.h"
#include "CommandRunner.h"
#include "MdatpCollectorLogging.h"
#include "clamav/AntivirusProduct.h"

#include <QCborMap>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace steward::agent
{

namespace
{
const QLatin1String s_program("usr/bin/mdatp");
const QLatin1String s_daemon("wdavdaemon");
const QLatin1String s_productName("Microsoft Defender for Endpoint");

// {"value": x, "scope": "local"} → x; anything else as is.
QJsonValue field(const QJsonObject &health, const char *key)
{
    const QJsonValue value = health.value(QLatin1String(key));
    if (value.isObject() && value.toObject().contains(QLatin1String("value"))) {
        return value.toObject().value(QLatin1String("value"));
    }
    return value;
}

std::optional<QString> text(const QJsonObject &health, const char *key)
{
    const QJsonValue value = field(health, key);
    if (!value.isString() || value.toString().isEmpty()) {
        return std::nullopt;
    }
    return value.toString();
}

// Only a JSON true, never a string or number that might mean something else.
bool flag(const QJsonObject &health, const char *key)
{
    return field(health, key).toBool(false);
}

QCborValue flagOrNull(const QJsonObject &health, const char *key)
{
    const QJsonValue value = field(health, key);
    return value.isBool() ? QCborValue(value.toBool()) : QCborValue(nullptr);
}
} // namespace

MdatpCollector::MdatpCollector(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{
}

QString MdatpCollector::productKey() const
{
    return QStringLiteral("mdatp");
}

Result<AntivirusProduct> MdatpCollector::parseHealth(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (json.trimmed().isEmpty()) {
        return makeError(QStringLiteral("mdatp.unparseable"), QStringLiteral("mdatp health printed nothing"));
    }
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(
            QStringLiteral("mdatp.unparseable"),
            QStringLiteral("mdatp health: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    }
    if (!document.isObject()) {
        return makeError(QStringLiteral("mdatp.unparseable"), QStringLiteral("mdatp health: not a JSON object"));
    }
    const QJsonObject health = document.object();

    AntivirusProduct product;
    product.name = s_productName;
    // The client answered, so wdavdaemon did.
    product.serviceRunning = true;
    product.engineVersion = text(health, "engine_version");
    product.definitionsVersion = text(health, "definitions_version");
    const QJsonValue updated = field(health, "definitions_updated"); // milliseconds
    if (updated.isDouble() && std::isfinite(updated.toDouble()) && updated.toDouble() > 0) {
        product.definitionsTime = qint64(updated.toDouble() / 1000.0);
    }
    // Passive mode scans but never blocks or remediates: not protection.
    const bool passive = flag(health, "passive_mode_enabled");
    product.realTimeProtection = flag(health, "real_time_protection_enabled") && !passive;
    product.extras = QCborMap{
        {QStringLiteral("appVersion"),
         text(health, "app_version") ? QCborValue(*text(health, "app_version")) : QCborValue(nullptr)},
        {QStringLiteral("healthy"), flagOrNull(health, "healthy")},
        {QStringLiteral("licensed"), flagOrNull(health, "licensed")},
        {QStringLiteral("definitionsStatus"),
         text(health, "definitions_status") ? QCborValue(*text(health, "definitions_status")) : QCborValue(nullptr)},
        {QStringLiteral("passiveMode"), flagOrNull(health, "passive_mode_enabled")},
    };
    return product;
}

Result<QList<AntivirusProduct>> MdatpCollector::collectProducts(const CollectContext &context) const
{
    if (!context.isFile(s_program)) {
        return QList<AntivirusProduct>{};
    }
    if (!context.runner) {
        return makeError(QStringLiteral("mdatp.failed"), QStringLiteral("no command runner"));
    }
    const CommandResult run =
        context.runner->run(context.path(s_program),
                            {QStringLiteral("health"), QStringLiteral("--output"), QStringLiteral("json")},
                            m_timeout);
    if (run.timedOut) {
        return makeError(QStringLiteral("mdatp.timeout"),
                         QStringLiteral("mdatp health did not finish within %1 ms").arg(m_timeout.count()));
    }
    if (run.failedToStart) {
        return makeError(QStringLiteral("mdatp.failed"), QStringLiteral("mdatp could not be started"));
    }
    if (run.exitCode != 0) {
        if (!processNames(context).contains(s_daemon)) {
            // Installed, daemon stopped: the client cannot connect, and
            // "not protected" is the true answer.
            qCInfo(lcCollectorMdatp) << "wdavdaemon is not running; mdatp health exited with" << run.exitCode;
            // Same keys as a healthy answer, all unknown.
            AntivirusProduct stopped = parseHealth(QByteArrayLiteral("{}")).value();
            stopped.serviceRunning = false;
            return QList<AntivirusProduct>{stopped};
        }
        return makeError(QStringLiteral("mdatp.failed"),
                         QStringLiteral("mdatp health exited with %1: %2")
                             .arg(run.exitCode)
                             .arg(QString::fromUtf8(run.standardError + run.standardOutput).trimmed().left(200)));
    }
    Result<AntivirusProduct> product = parseHealth(run.standardOutput);
    if (!product) {
        return product.error();
    }
    return QList<AntivirusProduct>{std::move(product).value()};
}

} // namespace steward::agent
