// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentState.h"

#include "Files.h"
#include "Pki.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace steward::agent
{

QString AgentState::keyPath() const
{
    return dataDir + QStringLiteral("/agent.key");
}

QString AgentState::certificatePath() const
{
    return dataDir + QStringLiteral("/agent.pem");
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
    return QFileInfo::exists(probe.statePath()) && QFileInfo::exists(probe.certificatePath());
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
    state.deviceId = settings.value(QStringLiteral("deviceId")).toString();
    if (settings.status() != QSettings::NoError || !parseHostPort(server, &state.serverHost, &state.serverPort) || state.caFingerprint.isEmpty()
        || state.deviceId.isEmpty()) {
        return makeError(QStringLiteral("agent.state-invalid"), QStringLiteral("%1 is damaged; enrol again").arg(state.statePath()));
    }
    return state;
}

Status AgentState::save() const
{
    const QString server = serverHost.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(serverHost).arg(serverPort)
                                                                 : QStringLiteral("%1:%2").arg(serverHost).arg(serverPort);
    const QByteArray contents = QStringLiteral("[General]\nserver=%1\ncaFingerprint=%2\ndeviceId=%3\n").arg(server, caFingerprint, deviceId).toUtf8();
    return files::replace(statePath(), contents, files::kPublic);
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

} // namespace steward::agent
