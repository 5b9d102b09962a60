// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionDirectory.h"

namespace steward::server
{

quint64 SessionDirectory::add(AgentSession *session)
{
    const quint64 id = m_nextId++;
    m_byId.insert(id, session);
    return id;
}

void SessionDirectory::remove(quint64 id)
{
    m_byId.remove(id);
    const QString deviceId = m_deviceOf.take(id);
    if (!deviceId.isEmpty()) {
        m_byDevice.remove(deviceId, id);
    }
}

AgentSession *SessionDirectory::find(quint64 id) const
{
    return m_byId.value(id);
}

void SessionDirectory::bindDevice(quint64 id, const QString &deviceId)
{
    if (!m_byId.contains(id) || m_deviceOf.contains(id)) {
        return;
    }
    m_deviceOf.insert(id, deviceId);
    m_byDevice.insert(deviceId, id);
}

QList<AgentSession *> SessionDirectory::sessionsOf(const QString &deviceId) const
{
    QList<AgentSession *> sessions;
    for (auto it = m_byDevice.constFind(deviceId); it != m_byDevice.constEnd() && it.key() == deviceId; ++it) {
        if (AgentSession *session = m_byId.value(it.value())) {
            sessions.append(session);
        }
    }
    return sessions;
}

} // namespace steward::server
