// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QMultiHash>
#include <QString>

namespace steward::server
{
class AgentSession;

// The live agent sessions: by connection id (results of database work find their session, or
// learn it is gone) and by device id (to push a message to one device, or cut it off). Lives on
// the gateway's thread and is used only there.
class SessionDirectory
{
public:
    quint64 add(AgentSession *session);
    void remove(quint64 id);
    AgentSession *find(quint64 id) const;

    // Called once a session has proved which device it is.
    void bindDevice(quint64 id, const QString &deviceId);
    QList<AgentSession *> sessionsOf(const QString &deviceId) const;

    int size() const
    {
        return int(m_byId.size());
    }

private:
    quint64 m_nextId = 1;
    QHash<quint64, AgentSession *> m_byId;
    QMultiHash<QString, quint64> m_byDevice;
    QHash<quint64, QString> m_deviceOf;
};

} // namespace steward::server
