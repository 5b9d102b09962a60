// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>

namespace steward::server
{
class AgentSession;

// Handles one kind of agent message (one class per kind, in this folder; AgentGateway lists
// them). A session hands its messages over one at a time: while a handler waits for the store
// (AgentSession::runInStore, submitWrite), the session's next message waits too, so each
// device's messages are answered in order.
class MessageHandler
{
public:
    virtual ~MessageHandler() = default;
    // Whether only a session that proved its device (client certificate) may send this message.
    virtual bool needsDevice() const = 0;
    virtual void handle(AgentSession &session, const QCborMap &message) const = 0;
};

} // namespace steward::server
