// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentState.h"

#include "CommandLine.h"
#include "Files.h"
#include "Pki.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace steward::agent
{

QString AgentState::keyPath() const
{
    return dataDir + QLatin1Char('/') + keyFile;
}

QString AgentState::certificatePath() const
{
    return dataDir + QLatin1Char('/') + certificateFile;
}

QString AgentState::caPath() const
{
    return dataDir + QStringLiteral("/ca.pem");
}

QString AgentState::statePath() const
{
    return dataDir + QStringLiteral("/agent.state");
}

QString AgentState::spoolPath() const
{
    return dataDir + QStringLiteral("/spool.db");
}

bool AgentState::isEnrolled(const QString &dataDir)
{
    AgentState probe;
    probe.dataDir = QDir(dataDir).absolutePath();
    if (!QFileInfo::exists(probe.statePath())) {
        return false;
    }
    // Saved state alone is not an enrolment: the certificate it names must be there too.
    const QSettings settings(probe.statePath(), QSettings::IniFormat);
    probe.certificateFile = settings.value(QStringLiteral("certificate"), probe.certificateFile).toString();
    return !probe.certificateFile.contains(QLatin1Char('/')) && QFileInfo::exists(probe.certificatePath());
}

Result<AgentState> AgentState::load(const QString &dataDir)
{
    AgentState state;
    state.dataDir = QDir(dataDir).absolutePath();
    if (!isEnrolled(state.dataDir)) {
        return makeError(QStringLiteral("agent.not-enrolled"),
                         QStringLiteral("%1 holds no enrolment; run `steward-agent enroll` first").arg(state.dataDir));
    }
    QSettings settings(state.statePath(), QSettings::IniFormat);
    const QString server = settings.value(QStringLiteral("server")).toString();
    state.caFingerprint = pki::normalizeFingerprint(settings.value(QStringLiteral("caFingerprint")).toString());
    state.jobRootFingerprint =
        pki::normalizeFingerprint(settings.value(QStringLiteral("jobRootFingerprint")).toString());
    state.deviceId = settings.value(QStringLiteral("deviceId")).toString();
    state.keyFile = settings.value(QStringLiteral("key"), state.keyFile).toString();
    state.certificateFile = settings.value(QStringLiteral("certificate"), state.certificateFile).toString();
    // Plain names only: the state file must not point the agent at keys elsewhere.
    for (const QString &name : {state.keyFile, state.certificateFile}) {
        if (name.isEmpty() || name.contains(QLatin1Char('/'))) {
            return makeError(QStringLiteral("agent.state-invalid"),
                             QStringLiteral("%1 names an invalid key or certificate file").arg(state.statePath()));
        }
    }
    if (settings.status() != QSettings::NoError || !cli::parseHostPort(server, &state.serverHost, &state.serverPort)
        || state.caFingerprint.isEmpty() || state.deviceId.isEmpty()) {
        return makeError(QStringLiteral("agent.state-invalid"),
                         QStringLiteral("%1 is damaged; enrol again").arg(state.statePath()));
    }
    return state;
}

Status AgentState::save() const
{
    const QString server = serverHost.contains(QLatin1Char(':'))
        ? QStringLiteral("[%1]:%2").arg(serverHost).arg(serverPort)
        : QStringLiteral("%1:%2").arg(serverHost).arg(serverPort);
    const QByteArray contents =
        QStringLiteral(
            "[General]\nserver=%1\ncaFingerprint=%2\njobRootFingerprint=%3\ndeviceId=%4\nkey=%5\n"
            "certificate=%6\n")
            .arg(server, caFingerprint, jobRootFingerprint, deviceId, keyFile, certificateFile)
            .toUtf8();
    return files::replace(statePath(), contents, files::kPublic);
}

} // namespace steward::agent
