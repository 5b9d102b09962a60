// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlRunner.h"

#include "ApiClient.h"
#include "Clock.h"
#include "CtlFormatter.h"
#include "StewardCtlLogging.h"
#include "SyncApiClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTextStream>

namespace steward::app
{

namespace
{
constexpr qint64 maxPasswordFileBytes = 4096;

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return CtlFormatter::clean(text);
}

QString indentedJson(const QJsonValue &value)
{
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    }
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    }
    return QStringLiteral("null\n");
}
} // namespace

CtlRunner::CtlRunner(QTextStream &out, QTextStream &err, const Clock &clock)
    : m_out(out)
    , m_err(err)
    , m_clock(clock)
{
}

void CtlRunner::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

int CtlRunner::fail(int status, const QString &message)
{
    m_err << QStringLiteral("stewardctl: ") << oneLine(message) << Qt::endl;
    return status;
}

Result<QString> CtlRunner::readPassword(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("config.password-file"),
                         QStringLiteral("cannot read the password file %1: %2").arg(path, file.errorString()));
    }
    const QByteArray data = file.read(maxPasswordFileBytes);
    qsizetype end = data.indexOf('\n');
    if (end < 0) {
        end = data.size();
    }
    QByteArray line = data.left(end);
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    if (line.isEmpty()) {
        return makeError(QStringLiteral("config.password-file"),
                         QStringLiteral("the first line of the password file %1 is empty").arg(path));
    }
    return QString::fromUtf8(line);
}

int CtlRunner::main(const QStringList &arguments, const QProcessEnvironment &environment, const QString &version)
{
    const Result<CtlCommandLine::Invocation> invocation = CtlCommandLine::parse(arguments, environment, version);
    if (!invocation) {
        return fail(CtlCommandLine::exitUsage, invocation.error().message);
    }
    return run(invocation.value());
}

int CtlRunner::run(const CtlCommandLine::Invocation &invocation)
{
    if (invocation.action != CtlCommandLine::Action::Run) {
        m_out << invocation.text;
        m_out.flush();
        return CtlCommandLine::exitOk;
    }

    ApiClient client;
    client.setTimeout(m_timeout);
    if (const Status configured = client.configure(invocation.server, invocation.caFile); !configured) {
        return fail(CtlCommandLine::exitFailure, configured.error().message);
    }
    const Result<QString> password = readPassword(invocation.passwordFile);
    if (!password) {
        return fail(CtlCommandLine::exitFailure, password.error().message);
    }

    SyncApiClient api(client, m_timeout + std::chrono::seconds(5));
    qCDebug(lcCtl) << "logging in to" << invocation.server.toDisplayString() << "as" << invocation.user;
    if (const Result<QJsonValue> login = api.login(invocation.user, password.value()); !login) {
        return fail(CtlCommandLine::exitFailure, QStringLiteral("login failed: ") + login.error().message);
    }

    Result<QJsonValue> answer = QJsonValue();
    switch (invocation.command) {
    case CtlCommandLine::Command::TokenCreate:
        answer = api.createEnrollmentToken(invocation.uses, invocation.ttlSeconds);
        break;
    case CtlCommandLine::Command::Devices:
        answer = api.devices();
        break;
    case CtlCommandLine::Command::Device:
        answer = api.device(invocation.deviceId);
        break;
    case CtlCommandLine::Command::DeviceRevoke:
        answer = api.revokeDevice(invocation.deviceId);
        break;
    case CtlCommandLine::Command::Audit:
        answer = api.audit(invocation.limit);
        break;
    case CtlCommandLine::Command::None:
        Q_ASSERT(false);
        break;
    }

    // Sessions are cheap to create and should not outlive the command.
    if (const Result<QJsonValue> logout = api.logout(); !logout) {
        qCDebug(lcCtl) << "logout failed:" << logout.error().code;
    }

    if (!answer) {
        return fail(CtlCommandLine::exitFailure, answer.error().message);
    }
    const QJsonValue value = answer.value();
    if (invocation.json) {
        m_out << indentedJson(value);
        m_out.flush();
        return CtlCommandLine::exitOk;
    }

    const CtlFormatter format(m_clock.now());
    switch (invocation.command) {
    case CtlCommandLine::Command::TokenCreate:
        m_out << format.enrollmentToken(value.toObject(), invocation.server);
        break;
    case CtlCommandLine::Command::Devices:
        m_out << format.devices(value.toArray());
        break;
    case CtlCommandLine::Command::Device:
        m_out << format.device(value.toObject());
        break;
    case CtlCommandLine::Command::DeviceRevoke:
        m_out << format.revoked(value.toObject());
        break;
    case CtlCommandLine::Command::Audit:
        m_out << format.audit(value.toArray());
        break;
    case CtlCommandLine::Command::None:
        break;
    }
    m_out.flush();
    return CtlCommandLine::exitOk;
}

} // namespace steward::app
