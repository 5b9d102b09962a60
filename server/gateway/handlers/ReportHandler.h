// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MessageHandler.h"

namespace steward::server
{

// `report`: stored with group commit (ReportWriter), acknowledged after the commit; a resync is
// asked for first when the omitted sections' hashes disagree with what is stored.
class ReportHandler final : public MessageHandler
{
public:
    bool needsDevice() const override
    {
        return true;
    }
    void handle(AgentSession &session, const QCborMap &message) const override;
};

// `heartbeat`: records contact (batched with reports) and cuts off a device revoked meanwhile,
// on any server instance.
class HeartbeatHandler final : public MessageHandler
{
public:
    bool needsDevice() const override
    {
        return true;
    }
    void handle(AgentSession &session, const QCborMap &message) const override;
};

} // namespace steward::server
