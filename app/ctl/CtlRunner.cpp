// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlRunner.h"

#include "ApiClient.h"
#include "Clock.h"
#include "ComplianceSheet.h"
#include "CtlFormatter.h"
#include "CtlSigning.h"
#include "DeploymentRequest.h"
#include "DeviceDetail.h"
#include "Files.h"
#include "OrgUnitPath.h"
#include "ReceiptCheck.h"
#include "StewardCtlLogging.h"
#include "SyncApiClient.h"
#include "jobs/SignedDocument.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

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

void CtlRunner::setPollInterval(std::chrono::milliseconds interval)
{
    m_pollInterval = interval;
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

Result<QByteArray> CtlRunner::readPassphrase(const QString &path)
{
    if (path.isEmpty()) {
        return QByteArray();
    }
    const QString code = QStringLiteral("config.passphrase-file");
    Result<QString> line = readFirstLine(path, QStringLiteral("passphrase file"), code);
    if (!line) {
        return line.error();
    }
    QByteArray passphrase = line.value().toUtf8();
    if (passphrase.size() > jobs::kMaxPassphraseBytes) {
        return makeError(code,
                         QStringLiteral("the first line of the passphrase file %1 is longer than %2 bytes")
                             .arg(path)
                             .arg(jobs::kMaxPassphraseBytes));
    }
    return passphrase;
}

int CtlRunner::main(const QStringList &arguments, const QProcessEnvironment &environment, const QString &version)
{
    m_json = CtlCommandLine::wantsJson(arguments);
    const Result<CtlCommandLine::Invocation> invocation =
        CtlCommandLine::parse(arguments, environment, version, m_clock.now());
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
    if (invocation.command == Command::SigningCreateRoot) {
        return createRoot(invocation);
    }

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
    if (const Status keys = readKeys(invocation); !keys) {
        return fail(CtlCommandLine::exitFailure, keys.error());
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
        return api.createEnrollmentToken(invocation.uses, invocation.ttlSeconds, invocation.orgUnit);
    case Command::Devices:
        return api.devices();
    case Command::Device:
        return invocation.sheetFile.isEmpty() ? api.device(invocation.deviceId) : writeSheet(api, invocation);
    case Command::DeviceRevoke:
        return api.revokeDevice(invocation.deviceId);
    case Command::DeviceRetire:
        return api.retireDevice(invocation.deviceId, invocation.reason);
    case Command::DeviceDelete: {
        const Result<QJsonValue> deleted = api.deleteDevice(invocation.deviceId);
        if (!deleted) {
            return deleted;
        }
        // 204 has no body; --json still prints what happened.
        return QJsonValue(QJsonObject{{QStringLiteral("id"), invocation.deviceId}, {QStringLiteral("deleted"), true}});
    }
    case Command::Search:
        return api.searchDevices(invocation.searchText, invocation.limit);
    case Command::DeviceMove:
        return api.moveDevice(invocation.deviceId, invocation.orgUnit);
    case Command::GroupList:
        return api.groups();
    case Command::Group:
        return api.group(invocation.groupName);
    case Command::GroupCreate:
        return api.createGroup(invocation.groupName, invocation.groupQuery, invocation.groupDescription);
    case Command::GroupDelete: {
        const Result<QJsonValue> deleted = api.deleteGroup(invocation.groupName);
        if (!deleted) {
            return deleted;
        }
        return QJsonValue(
            QJsonObject{{QStringLiteral("name"), invocation.groupName}, {QStringLiteral("deleted"), true}});
    }
    case Command::GroupAdd:
        return api.changeGroupMembers(invocation.groupName, invocation.deviceIds, {});
    case Command::GroupRemove:
        return api.changeGroupMembers(invocation.groupName, {}, invocation.deviceIds);
    case Command::Query:
        return api.queryDevices(invocation.groupQuery);
    case Command::Policy:
        return api.policy(invocation.orgUnit);
    case Command::PolicySet: {
        QJsonObject set;
        for (const QString &assignment : invocation.policyRules) {
            set.insert(assignment.section(QLatin1Char('='), 0, 0).trimmed(), assignment.section(QLatin1Char('='), 1));
        }
        return api.changePolicy(invocation.orgUnit, set, {});
    }
    case Command::PolicyUnset:
        return api.changePolicy(invocation.orgUnit, {}, invocation.policyRules);
    case Command::OrgUnitList:
        return api.orgUnits();
    case Command::OrgUnitCreate:
        return api.createOrgUnit(invocation.orgUnit);
    case Command::OrgUnitDelete:
        return deleteOrgUnit(api, invocation.orgUnit);
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
    case Command::SigningOperators:
        return operatorList(api);
    case Command::SigningAddOperator:
        return addOperator(api, invocation);
    case Command::Jobs:
        return api.jobs();
    case Command::Job:
        return showJob(api, invocation);
    case Command::JobCreate:
        return createJob(api, invocation);
    case Command::JobCancel:
        return api.cancelJob(invocation.jobId);
    case Command::JobPause:
        return api.pauseJob(invocation.jobId);
    case Command::JobResume:
        return api.resumeJob(invocation.jobId);
    case Command::JobWait:
        return waitForJob(api, invocation);
    case Command::SigningCreateRoot: // local: run() does it
    case Command::None:
        break;
    }
    Q_ASSERT(false);
    return makeError(QStringLiteral("usage"), QStringLiteral("no command given"));
}

Result<QJsonValue> CtlRunner::deleteOrgUnit(SyncApiClient &api, const QString &pathText)
{
    // The API deletes by id: find the unit whose path is the one given, read as the server reads it.
    const Result<QString> path = orgunit::canonicalPath(pathText);
    if (!path) {
        return path.error();
    }
    const Result<QJsonValue> units = api.orgUnits();
    if (!units) {
        return units;
    }
    for (const QJsonValue &value : units.value().toArray()) {
        const QJsonObject unit = value.toObject();
        if (unit.value(QStringLiteral("path")).toString() == path.value()) {
            const Result<QJsonValue> deleted = api.deleteOrgUnit(unit.value(QStringLiteral("id")).toInteger());
            if (!deleted) {
                return deleted;
            }
            return QJsonValue(QJsonObject{{QStringLiteral("path"), path.value()}, {QStringLiteral("deleted"), true}});
        }
    }
    return orgunit::unknownUnit(path.value());
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
        m_out << (invocation.sheetFile.isEmpty() ? format.device(object) : format.sheetWritten(object));
        break;
    case Command::DeviceRevoke:
        m_out << format.revoked(object);
        break;
    case Command::DeviceRetire:
        m_out << format.retired(object);
        break;
    case Command::DeviceDelete:
        m_out << format.deleted(object);
        break;
    case Command::Search:
        m_out << format.searchHits(value.toArray());
        break;
    case Command::DeviceMove:
        m_out << format.deviceMoved(object);
        break;
    case Command::OrgUnitList:
        m_out << format.orgUnits(value.toArray());
        break;
    case Command::GroupList:
        m_out << format.groups(value.toArray());
        break;
    case Command::Group:
    case Command::GroupCreate:
    case Command::GroupAdd:
    case Command::GroupRemove:
    case Command::Query:
        m_out << format.group(object);
        break;
    case Command::GroupDelete:
        m_out << format.groupDeleted(object);
        break;
    case Command::Policy:
    case Command::PolicySet:
    case Command::PolicyUnset:
        m_out << format.policy(object);
        break;
    case Command::OrgUnitCreate:
        m_out << format.orgUnitCreated(object);
        break;
    case Command::OrgUnitDelete:
        m_out << format.orgUnitDeleted(object);
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
    case Command::SigningOperators:
        m_out << format.operators(object);
        break;
    case Command::SigningAddOperator:
        m_out << format.operatorAdded(object);
        break;
    case Command::Jobs:
        m_out << format.jobs(value.toArray());
        break;
    case Command::Job:
        m_out << format.job(object);
        break;
    case Command::JobCreate:
        m_out << (invocation.dryRun ? format.jobTargets(object.value(QStringLiteral("targets")).toObject())
                                    : format.jobCreated(object));
        break;
    case Command::JobCancel:
        m_out << format.jobCancelled(object);
        break;
    case Command::JobPause:
    case Command::JobResume:
        m_out << format.jobRollout(object);
        break;
    case Command::JobWait:
        m_out << format.jobFinished(object);
        break;
    case Command::SigningCreateRoot:
    case Command::None:
        break;
    }
    m_out.flush();
}

void CtlRunner::warnUnencrypted(const QString &keyFile)
{
    const QString message = QStringLiteral(
                                "%1 is not encrypted (no --passphrase-file): whoever can read it can sign "
                                "with it; it is readable by you only (mode 600)")
                                .arg(keyFile);
    if (m_json) {
        const QJsonObject object{{QStringLiteral("warning"),
                                  QJsonObject{{QStringLiteral("code"), QStringLiteral("key.unencrypted")},
                                              {QStringLiteral("message"), oneLine(message)}}}};
        m_err << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << Qt::endl;
    } else {
        m_err << QStringLiteral("stewardctl: warning: ") << oneLine(message) << Qt::endl;
    }
}

int CtlRunner::createRoot(const CtlCommandLine::Invocation &invocation)
{
    const Result<QByteArray> read = readPassphrase(invocation.passphraseFile);
    if (!read) {
        return fail(CtlCommandLine::exitFailure, read.error());
    }
    const QByteArray &passphrase = read.value();
    if (const Status fresh = signing::checkNewKeyFile(invocation.keyFile); !fresh) {
        return fail(CtlCommandLine::exitFailure, fresh.error());
    }
    const Result<jobs::SigningKey> root = jobs::generateSigningKey();
    if (!root) {
        return fail(CtlCommandLine::exitFailure, root.error());
    }
    if (const Status written = signing::writeKey(invocation.keyFile, root.value(), passphrase); !written) {
        return fail(CtlCommandLine::exitFailure, written.error());
    }
    if (passphrase.isEmpty()) {
        warnUnencrypted(invocation.keyFile);
    }
    const QString fingerprint = jobs::fingerprint(root.value().publicKey);
    if (invocation.json) {
        m_out << indentedJson(QJsonObject{{QStringLiteral("fingerprint"), fingerprint},
                                          {QStringLiteral("keyFile"), invocation.keyFile},
                                          {QStringLiteral("encrypted"), !passphrase.isEmpty()}});
    } else {
        m_out << fingerprint << QLatin1Char('\n');
    }
    m_out.flush();
    return CtlCommandLine::exitOk;
}

Status CtlRunner::readKeys(const CtlCommandLine::Invocation &invocation)
{
    using Command = CtlCommandLine::Command;
    m_keys = Keys();
    if (invocation.command != Command::SigningAddOperator
        && (invocation.command != Command::JobCreate || invocation.dryRun)) {
        return Ok{};
    }
    const Result<QByteArray> passphrase = readPassphrase(invocation.passphraseFile);
    if (!passphrase) {
        return passphrase.error();
    }
    if (invocation.command == Command::JobCreate) {
        const Result<jobs::SigningKey> key = signing::readKey(invocation.signingKeyFile, passphrase.value());
        if (!key) {
            return key.error();
        }
        m_keys.signing = key.value();
        return Ok{};
    }

    // add-operator: the root signs, the new key file gets --passphrase-file.
    const Result<QByteArray> rootPassphrase =
        invocation.rootPassphraseFile.isEmpty() ? passphrase : readPassphrase(invocation.rootPassphraseFile);
    if (!rootPassphrase) {
        return rootPassphrase.error();
    }
    const Result<jobs::SigningKey> root = signing::readKey(invocation.rootKeyFile, rootPassphrase.value());
    if (!root) {
        return root.error();
    }
    if (Status fresh = signing::checkNewKeyFile(invocation.keyFile); !fresh) {
        return fresh;
    }
    m_keys.root = root.value();
    m_keys.newKeyPassphrase = passphrase.value();
    return Ok{};
}

Result<QJsonValue> CtlRunner::operatorList(SyncApiClient &api)
{
    const Result<QJsonValue> answer = api.operatorList();
    if (!answer) {
        return answer;
    }
    // Shown as the root signed it, checked against the root the server names.
    const QJsonObject object = answer.value().toObject();
    const Result<jobs::OperatorList> list =
        signing::verifiedList(object, object.value(QStringLiteral("rootFingerprint")).toString(), m_clock.now());
    if (!list) {
        return list.error();
    }
    return QJsonValue(signing::withSignedContent(object, list.value()));
}

Result<QJsonValue> CtlRunner::addOperator(SyncApiClient &api, const CtlCommandLine::Invocation &invocation)
{
    const jobs::SigningKey &root = *m_keys.root;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(m_clock.now().toSecsSinceEpoch(), Qt::UTC);

    // The site's list, if it has one, must be this root's: nothing is built on what it did not sign.
    std::optional<jobs::OperatorList> current;
    const Result<QJsonValue> answer = api.operatorList();
    if (answer) {
        const Result<jobs::OperatorList> list =
            signing::verifiedList(answer.value().toObject(), jobs::fingerprint(root.publicKey), now);
        if (!list) {
            return list.error();
        }
        current = list.value();
    } else if (answer.error().code != QLatin1String("signing.none")) {
        return answer;
    }

    const Result<jobs::SigningKey> key = jobs::generateSigningKey();
    if (!key) {
        return key.error();
    }
    const jobs::OperatorEntry added{invocation.operatorName,
                                    key.value().publicKey,
                                    invocation.kinds,
                                    now.addDays(invocation.validDays)};
    const Result<jobs::OperatorList> next = signing::nextList(current, root, added, now);
    if (!next) {
        return next.error();
    }
    const Result<jobs::SignedDocument> document = jobs::SignedDocument::signedBy(root, next.value().encode());
    if (!document) {
        return document.error();
    }

    // The key file first: an operator the server lists but whose key was never written would be
    // of use to nobody.
    if (const Status written = signing::writeKey(invocation.keyFile, key.value(), m_keys.newKeyPassphrase); !written) {
        return written.error();
    }
    const Result<QJsonValue> uploaded = api.uploadOperatorList(document.value().bytes, document.value().signature);
    if (!uploaded) {
        Error error = uploaded.error();
        if (error.code.startsWith(QLatin1String("network.")) || error.code.startsWith(QLatin1String("tls."))) {
            // The server may have stored the list before the answer was lost.
            error.message += QStringLiteral(
                                 "; the key was kept in %1: see whether %2 is listed with stewardctl "
                                 "signing operators")
                                 .arg(invocation.keyFile, invocation.operatorName);
        } else {
            QFile::remove(invocation.keyFile);
            error.message += QStringLiteral(" (nothing was registered; %1 was removed)").arg(invocation.keyFile);
        }
        return error;
    }
    if (m_keys.newKeyPassphrase.isEmpty()) {
        warnUnencrypted(invocation.keyFile);
    }
    QJsonObject result = uploaded.value().toObject();
    result.insert(QStringLiteral("added"),
                  QJsonObject{{QStringLiteral("name"), added.name},
                              {QStringLiteral("fingerprint"), jobs::fingerprint(added.publicKey)},
                              {QStringLiteral("kinds"), QJsonArray::fromStringList(added.kinds)},
                              {QStringLiteral("notAfter"), added.notAfter.toString(Qt::ISODate)},
                              {QStringLiteral("keyFile"), invocation.keyFile}});
    return QJsonValue(result);
}

namespace
{
// A value as the query language quotes it.
QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}
} // namespace

Result<QJsonValue> CtlRunner::writeSheet(SyncApiClient &api, const CtlCommandLine::Invocation &invocation)
{
    const Result<QJsonValue> answer = api.device(invocation.deviceId);
    if (!answer) {
        return answer;
    }
    const DeviceDetail device = DeviceDetail::fromJson(answer.value().toObject());
    const ComplianceSheet::Context context{m_clock.now(),
                                           invocation.user.isEmpty() ? QStringLiteral("API token") : invocation.user,
                                           invocation.server.toString()};
    if (const Status written = ComplianceSheet::writePdf(device, context, invocation.sheetFile); !written) {
        return written.error();
    }
    return QJsonValue(QJsonObject{{QStringLiteral("id"), device.id},
                                  {QStringLiteral("hostname"), device.hostname},
                                  {QStringLiteral("sheet"), QFileInfo(invocation.sheetFile).absoluteFilePath()}});
}

Result<QJsonObject> CtlRunner::resolveTargets(SyncApiClient &api, const CtlCommandLine::Invocation &invocation)
{
    QJsonObject targets;
    QJsonObject answer;
    if (!invocation.targetGroup.isEmpty()) {
        const Result<QJsonValue> group = api.group(invocation.targetGroup);
        if (!group) {
            return group.error();
        }
        answer = group.value().toObject();
        targets.insert(QStringLiteral("source"), QStringLiteral("group"));
        targets.insert(QStringLiteral("name"), answer.value(QStringLiteral("name")));
        targets.insert(QStringLiteral("query"), answer.value(QStringLiteral("query")));
    } else if (!invocation.orgUnit.isEmpty()) {
        const Result<QString> path = orgunit::canonicalPath(invocation.orgUnit);
        if (!path) {
            return path.error();
        }
        // The unit and every unit below it, as the server's query language reads "ou =".
        const Result<QJsonValue> selected = api.queryDevices(QStringLiteral("ou = ") + quoted(path.value()));
        if (!selected) {
            return selected.error();
        }
        answer = selected.value().toObject();
        targets.insert(QStringLiteral("source"), QStringLiteral("orgUnit"));
        targets.insert(QStringLiteral("name"), path.value());
        targets.insert(QStringLiteral("query"), answer.value(QStringLiteral("query")));
    } else {
        targets.insert(QStringLiteral("source"), QStringLiteral("devices"));
        targets.insert(QStringLiteral("devices"), QJsonArray::fromStringList(invocation.patchJob.devices));
        return targets;
    }
    targets.insert(QStringLiteral("resolvedAt"), answer.value(QStringLiteral("evaluatedAt")));
    targets.insert(QStringLiteral("devices"), answer.value(QStringLiteral("members")));
    targets.insert(QStringLiteral("matchesEveryDevice"), answer.value(QStringLiteral("matchesEveryDevice")));
    if (answer.value(QStringLiteral("members")).toArray().isEmpty()) {
        return makeError(QStringLiteral("job.no-targets"),
                         QStringLiteral("%1 '%2' has no devices now: nothing to sign")
                             .arg(targets.value(QStringLiteral("source")).toString() == QLatin1String("group")
                                      ? QStringLiteral("group")
                                      : QStringLiteral("org unit"),
                                  targets.value(QStringLiteral("name")).toString()));
    }
    return targets;
}

Result<QJsonValue> CtlRunner::createJob(SyncApiClient &api, const CtlCommandLine::Invocation &invocation)
{
    const Result<QJsonObject> targets = resolveTargets(api, invocation);
    if (!targets) {
        return targets.error();
    }
    deployment::PatchJob job = invocation.patchJob;
    job.devices.clear();
    for (const QJsonValue &id : targets.value().value(QStringLiteral("devices")).toArray()) {
        job.devices.append(id.toString());
    }
    if (const Status rollout = deployment::checkRollout(job); !rollout) {
        return rollout.error();
    }
    if (invocation.dryRun) {
        return QJsonValue(QJsonObject{{QStringLiteral("targets"), targets.value()}, {QStringLiteral("signed"), false}});
    }
    // What is about to be signed, before it is: the operator sees a group's or unit's devices as
    // resolved now, which are exactly the devices the signature covers.
    if (targets.value().value(QStringLiteral("source")).toString() != QLatin1String("devices")) {
        const CtlFormatter format(m_clock.now());
        m_err << format.jobTargets(targets.value());
        m_err.flush();
    }
    const jobs::SigningKey &key = *m_keys.signing;
    const jobs::JobEnvelope envelope = deployment::patchEnvelope(job,
                                                                 QUuid::createUuid().toString(QUuid::WithoutBraces),
                                                                 jobs::fingerprint(key.publicKey),
                                                                 m_clock.now());
    const Result<jobs::SignedDocument> document = jobs::SignedDocument::signedBy(key, envelope.encode());
    if (!document) {
        return document.error();
    }
    qCDebug(lcCtl) << "submitting job" << envelope.id << "for" << job.devices.size() << "devices";
    return api.createJob(document.value().bytes, document.value().signature, job.devices, deployment::rolloutJson(job));
}

QJsonObject CtlRunner::withReceiptChecks(QJsonObject job, const CtlCommandLine::Invocation &invocation) const
{
    // configure() read it already; unreadable now, no receipt can verify.
    const Result<QByteArray> ca = files::read(invocation.caFile, 1024 * 1024);
    const QByteArray caPem = ca ? ca.value() : QByteArray();
    const QString jobId = job.value(QStringLiteral("id")).toString();
    QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    for (qsizetype i = 0; i < devices.size(); ++i) {
        QJsonObject device = devices.at(i).toObject();
        device.insert(QStringLiteral("receiptCheck"),
                      deployment::receiptCheckName(deployment::receiptCheck(device, jobId, caPem)));
        devices.replace(i, device);
    }
    job.insert(QStringLiteral("devices"), devices);
    return job;
}

Result<QJsonValue> CtlRunner::showJob(SyncApiClient &api, const CtlCommandLine::Invocation &invocation)
{
    const Result<QJsonValue> answer = api.job(invocation.jobId);
    if (!answer) {
        return answer;
    }
    return QJsonValue(withReceiptChecks(answer.value().toObject(), invocation));
}

namespace
{
bool finished(const QJsonObject &job)
{
    const QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    if (devices.isEmpty()) {
        const QString state = job.value(QStringLiteral("state")).toString();
        return state == QLatin1String("completed") || state == QLatin1String("cancelled")
            || state == QLatin1String("expired");
    }
    return std::all_of(devices.begin(), devices.end(), [](const QJsonValue &device) {
        return CtlFormatter::isFinalDeviceState(device.toObject().value(QStringLiteral("state")).toString());
    });
}

// Worth asking again: nothing was refused, the answer just did not come.
bool transient(const Error &error)
{
    return error.code.startsWith(QLatin1String("network.")) || error.code == QLatin1String("server.unavailable");
}

void pause(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}
} // namespace

Result<QJsonValue> CtlRunner::waitForJob(SyncApiClient &api, const CtlCommandLine::Invocation &invocation)
{
    const QDeadlineTimer deadline = invocation.waitTimeoutSeconds > 0
        ? QDeadlineTimer(std::chrono::seconds(invocation.waitTimeoutSeconds))
        : QDeadlineTimer(QDeadlineTimer::Forever);
    std::optional<QJsonObject> last;
    Error lastError;
    for (;;) {
        const Result<QJsonValue> answer = api.job(invocation.jobId);
        if (answer) {
            last = answer.value().toObject();
            if (finished(*last)) {
                return QJsonValue(withReceiptChecks(*last, invocation));
            }
        } else if (!transient(answer.error())) {
            return answer;
        } else {
            lastError = answer.error();
            qCDebug(lcCtl) << "job wait: will ask again:" << lastError.code;
        }
        if (deadline.hasExpired()) {
            break;
        }
        pause(deadline.isForever() ? m_pollInterval
                                   : std::min(m_pollInterval, std::chrono::milliseconds(deadline.remainingTime())));
    }
    const QString status = last ? CtlFormatter::stateCounts(*last)
                                : QStringLiteral("the server did not answer (%1)").arg(lastError.message);
    return makeError(QStringLiteral("job.timeout"),
                     QStringLiteral("job %1 has not finished after %2 s: %3")
                         .arg(invocation.jobId)
                         .arg(invocation.waitTimeoutSeconds)
                         .arg(status));
}

} // namespace steward::app
