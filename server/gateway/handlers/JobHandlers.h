// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MessageHandler.h"

namespace steward::server
{

// `job-ack`: the agent stored these jobs in its spool; they become `delivered` and are no longer
// offered to it.
class JobAckHandler final : public MessageHandler
{
public:
    bool needsDevice() const override
    {
        return true;
    }
    void handle(AgentSession &session, const QCborMap &message) const override;
};

// `job-event`: one state change of a device job, applied once by its sequence (shared with the
// reports) and acknowledged with `ack` after the commit, exactly like a report.
class JobEventHandler final : public MessageHandler
{
public:
    bool needsDevice() const override
    {
        return true;
    }
    void handle(AgentSession &session, const QCborMap &message) const override;
};

} // namespace steward::server
