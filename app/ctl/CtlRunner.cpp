// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlRunner.h"

#include "ApiClient.h"
#include "Clock.h"
#include "CtlFormatter.h"
#include "StewardCtlLogging.h"
#include "SyncApiClient.h"

#include <QFile>
#include <QFileInfo>
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

int CtlRunner::fail(int status, const Error &error)
{
    if (m_json) {
        const QJsonObject object{
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), oneLine(error.message)}}}};
        m_err << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << Qt::endl;
    } else {
        m_err << QStringLiteral("stewardctl: ") << oneLine(error.message) << Qt::endl;
    }
    return status;
}

namespace
{
// The first line of a small file holding a secret. The secret itself never appears in an error.
Result<QString> readFirstLine(const QString &path, const QString &what, const QString &code)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(code, QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString()));
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
        return makeError(code, QStringLiteral("the first line of the %1 %2 is empty").arg(what, path));
    }
    return QString::fromUtf8(line);
}
} // namespace

Result<QString> CtlRunner::readPassword(const QString &path)
{
    return readFirstLine(path, QStringLiteral("password file"), QStringLiteral("config.password-file"));
}

Result<QString> CtlRunner::readToken(const QString &path)
{
    const QString code = QStringLiteral("config.token-file");
    const QFileInfo info(path);
    // Pipes and /dev/fd/N (`--token-file <(pass show steward)`) have no meaningful mode bits.
    if (info.isFile()) {
        const QFileDevice::Permissions shared =
            QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
        if (info.permissions() & shared) {
            return makeError(code,
                             QStringLiteral("the token file %1 may be read or changed by other users; make it "
                                            "private first: chmod 600 %1")
                                 .arg(path));
        }
    }
    Result<QString> token = readFirstLine(path, QStringLiteral("token file"), code);
    if (!token) {
        return token;
    }
    for (const QChar c : token.value()) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f) {
            return makeError(code, QStringLiteral("the first line of the token file %1 is not an API token").arg(path));
        }
    }
    return token;
}

int CtlRunner::main(const QStringList &arguments, const QProcessEnvironment &environment, const QString &version)
{
    m_json = CtlCommandLine::wantsJson(arguments);
    const Result<CtlCommandLine::Invocation> invocation = CtlCommandLine::parse(arguments, environment, version);
    if (!invocation) {
        return fail(CtlCommandLine::exitUsage, invocation.error());
    }
    return run(invocation.value());
}

QString CtlRunner::describe(const Error &error, const CtlCommandLine::Invocation &invocation) const
{
    if (invocation.usesApiToken() && error.code == QLatin1String("auth.required")) {
        return QStringLiteral("the API token in %1 was refused (revoked or expired, or its user is disabled): %2")
            .arg(invocation.tokenFile, error.message);
    }
    return error.message;
}

int CtlRunner::run(const CtlCommandLine::Invocation &invocation)
{
    using Command = CtlCommandLine::Command;
    if (invocation.action != CtlCommandLine::Action::Run) {
        m_out << invocation.text;
        m_out.flush();
        return CtlCommandLine::exitOk;
    }
    m_json = invocation.json;

    ApiClient client;
    client.setTimeout(m_timeout);
    if (const Status configured = client.configure(invocation.server, invocation.caFile); !configured) {
        return fail(CtlCommandLine::exitFailure, configured.error());
    }

    // Every file is read before the server hears from us: a typo costs no login.
    QString loginPassword;
    if (invocation.usesApiToken()) {
        const Result<QString> token = readToken(invocation.tokenFile);
        if (!token) {
            return fail(CtlCommandLine::exitFailure, token.error());
        }
        client.useApiToken(token.value());
    } else {
        const Result<QString> password = readPassword(invocation.passwordFile);
        if (!password) {
            return fail(CtlCommandLine::exitFailure, password.error());
        }
        loginPassword = password.value();
    }
    QString newPassword;
    if (!invocation.newPasswordFile.isEmpty()) {
        const Result<QString> password = readPassword(invocation.newPasswordFile);
        if (!password) {
            return fail(CtlCommandLine::exitFailure, password.error());
        }
        newPassword = password.value();
    }
    QString currentPassword = loginPassword;
    if (!invocation.currentPasswordFile.isEmpty()) {
        const Result<QString> password = readPassword(invocation.currentPasswordFile);
        if (!password) {
            return fail(CtlCommandLine::exitFailure, password.error());
        }
        currentPassword = password.value();
    }

    SyncApiClient api(client, m_timeout + std::chrono::seconds(5));
    if (!invocation.usesApiToken()) {
        qCDebug(lcCtl) << "logging in to" << invocation.server.toDisplayString() << "as" << invocation.user;
        if (const Result<QJsonValue> login = api.login(invocation.user, loginPassword); !login) {
            Error error = login.error();
            // Only a refusal is a failed login; an unavailable server checked nothing.
            if (error.code.startsWith(QLatin1String("auth."))) {
                error.message = QStringLiteral("login failed: ") + error.message;
            }
            return fail(CtlCommandLine::exitFailure, error);
        }
    } else {
        qCDebug(lcCtl) << "using the API token from" << invocation.tokenFile << "with"
                       << invocation.server.toDisplayString();
    }

    const Result<QJsonValue> answer = execute(api, invocation, newPassword, currentPassword);

    // Sessions are cheap to create and should not outlive the command; an API token is not
    // logged out (ApiClient only forgets it).
    if (const Result<QJsonValue> logout = api.logout(); !logout) {
        qCDebug(lcCtl) << "logout failed:" << logout.error().code;
    }

    if (!answer) {
        Error error = answer.error();
        error.message = describe(error, invocation);
        return fail(CtlCommandLine::exitFailure, error);
    }
    print(invocation, answer.value());

    if (invocation.command == Command::AuditVerify) {
        const QJsonObject verification = answer.value().toObject();
        if (!verification.value(QStringLiteral("intact")).toBool()) {
            const QJsonValue row = verification.value(QStringLiteral("firstBrokenId"));
            const QString rowText = row.isDouble() ? QString::number(qint64(row.toDouble())) : QStringLiteral("?");
            return fail(CtlCommandLine::exitFailure,
                        makeError(QStringLiteral("audit.broken"),
                                  QStringLiteral("the audit log is broken at row %1: %2")
                                      .arg(rowText, verification.value(QStringLiteral("problem")).toString())));
        }
    }
    return CtlCommandLine::exitOk;
}

Result<QJsonValue> CtlRunner::execute(SyncApiClient &api,
                                      const CtlCommandLine::Invocation &invocation,
                                      const QString &newPassword,
                                      const QString &currentPassword)
{
    using Command = CtlCommandLine::Command;
    switch (invocation.command) {
    case Command::TokenCreate:
        return api.createEnrollmentToken(invocation.uses, invocation.ttlSeconds);
    case Command::Devices:
        return api.devices();
    case Command::Device:
        return api.device(invocation.deviceId);
    case Command::DeviceRevoke:
        return api.revokeDevice(invocation.deviceId);
    case Command::DeviceDelete: {
        const Result<QJsonValue> deleted = api.deleteDevice(invocation.deviceId);
        if (!deleted) {
            return deleted;
        }
        // 204 has no body; --json still prints what happened.
        return QJsonValue(QJsonObject{{QStringLiteral("id"), invocation.deviceId}, {QStringLiteral("deleted"), true}});
    }
    case Command::Audit: {
        AuditQuery query = invocation.auditQuery;
        query.limit = invocation.limit;
        return api.audit(query);
    }
    case Command::AuditVerify:
        return api.verifyAudit();
    case Command::UserList:
        return api.users();
    case Command::UserCreate:
        return api.createUser(invocation.userName, invocation.role, newPassword);
    case Command::UserDisable:
    case Command::UserEnable:
        return api.setUserDisabled(invocation.userName, invocation.command == Command::UserDisable);
    case Command::UserPassword: {
        const Result<QJsonValue> reset = api.resetUserPassword(invocation.userName, newPassword);
        if (!reset) {
            return reset;
        }
        return QJsonValue(
            QJsonObject{{QStringLiteral("name"), invocation.userName}, {QStringLiteral("passwordReset"), true}});
    }
    case Command::Password: {
        const Result<QJsonValue> changed = api.changeOwnPassword(currentPassword, newPassword);
        if (!changed) {
            return changed;
        }
        return QJsonValue(
            QJsonObject{{QStringLiteral("name"), invocation.user}, {QStringLiteral("passwordChanged"), true}});
    }
    case Command::ApiTokenCreate:
        return api.createApiToken(invocation.apiTokenName, invocation.apiTokenTtlSeconds, invocation.role);
    case Command::ApiTokenList:
        return api.apiTokens();
    case Command::ApiTokenRevoke:
        return api.revokeApiToken(invocation.apiTokenId);
    case Command::None:
        break;
    }
    Q_ASSERT(false);
    return makeError(QStringLiteral("usage"), QStringLiteral("no command given"));
}

void CtlRunner::print(const CtlCommandLine::Invocation &invocation, const QJsonValue &value)
{
    using Command = CtlCommandLine::Command;
    if (invocation.json) {
        m_out << indentedJson(value);
        m_out.flush();
        return;
    }

    const CtlFormatter format(m_clock.now());
    const QJsonObject object = value.toObject();
    switch (invocation.command) {
    case Command::TokenCreate:
        m_out << format.enrollmentToken(object, invocation.server);
        break;
    case Command::Devices:
        m_out << format.devices(value.toArray());
        break;
    case Command::Device:
        m_out << format.device(object);
        break;
    case Command::DeviceRevoke:
        m_out << format.revoked(object);
        break;
    case Command::DeviceDelete:
        m_out << format.deleted(object);
        break;
    case Command::Audit:
        m_out << format.audit(value.toArray());
        break;
    case Command::AuditVerify:
        m_out << format.auditVerification(object);
        break;
    case Command::UserList:
        m_out << format.users(value.toArray());
        break;
    case Command::UserCreate:
    case Command::UserDisable:
    case Command::UserEnable:
        m_out << format.userChanged(object, invocation.command == Command::UserCreate);
        break;
    case Command::UserPassword:
        m_out << format.passwordSet(invocation.userName, false);
        break;
    case Command::Password:
        m_out << format.passwordSet(invocation.user, true);
        break;
    case Command::ApiTokenCreate:
        m_out << format.apiTokenCreated(object);
        break;
    case Command::ApiTokenList:
        m_out << format.apiTokens(value.toArray());
        break;
    case Command::ApiTokenRevoke:
        m_out << format.apiTokenRevoked(object);
        break;
    case Command::None:
        break;
    }
    m_out.flush();
}

} // namespace steward::app
